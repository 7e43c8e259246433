#pragma once
/// A store: one database of cms records, opened by a back end (persistence/sqlite/ today) and
/// seen by services and tools only through this interface. It gives write connections (the
/// single writer owns one; batch tools may own one instead), read connections (lent by
/// read_pool), migrations, the invariant checks and an online backup.
#include <cstddef>
#include <functional>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "persistence/unit_of_work.hpp"

namespace cms::persistence {

/// The one read-write connection: its rows are stamped by the store's wall clock, and a commit
/// has reached the disk before commit() returns. Used by one thread at a time.
class write_connection {
public:
    virtual ~write_connection() = default;
    /// The repositories on this connection, inside whatever transaction is open.
    virtual unit_of_work& work() = 0;
    /// A transaction that takes the write lock at once (so it never fails half way to upgrade).
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;
    /// A savepoint inside the open transaction, for one work item of a group: rolling back to
    /// it undoes that item alone.
    virtual void begin_item() = 0;
    virtual void release_item() = 0;
    virtual void rollback_item() = 0;
    /// Whether each written row's references are checked as it is written (on by default). A
    /// batch that writes only rows whose references it has just read in the same transaction
    /// may turn this off for speed; the store's check() still verifies every reference in bulk.
    virtual void set_reference_checks(bool enforced) = 0;
};

/// Runs `work` in one transaction on `connection`: committed when it returns, rolled back (and
/// the exception passed on) when it throws.
void in_transaction(write_connection& connection, const std::function<void(unit_of_work&)>& work);

/// A read-only connection: it never blocks the writer nor is blocked by it.
class read_connection {
public:
    virtual ~read_connection() = default;
    virtual read_view& view() = 0;
    /// Until end_snapshot(), every query sees one committed state of the store.
    virtual void begin_snapshot() = 0;
    virtual void end_snapshot() noexcept = 0;
};

/// One of the invariants any cms store must hold (`cms check --list` prints them).
struct check_description {
    std::string name;         ///< short, stable, snake_case
    std::string description;  ///< one sentence: what must be true
};

struct check_failure {
    std::string check_name;
    std::string violation;  ///< the first violating record, in words
};

/// Damage to the store's own structure (its pages and records, below any cms invariant), in the
/// back end's words. A damaged store may answer some queries and fail others, or answer wrongly.
struct store_damage {
    std::vector<std::string> first_problems;  ///< the first few problems found, one line each
    std::size_t problems_count = 0;           ///< how many were found in all (>= first_problems.size())
    bool count_is_lower_bound = false;        ///< the back end stopped counting: there may be more
};

/// "N problems, the first K:", then the first problems one to a line, indented, then how many
/// more there are: a few lines an operator can read, however bad the damage. No final newline.
std::string describe_damage(const store_damage& damage);

/// Where a store's users and tokens stand: two readings are equal only if no transaction that
/// changed a user or token committed between them, in this process or any other (a `cms user`
/// command beside a running server). What lets the server keep checked tokens in memory and
/// still refuse a revoked one on the very next request (services/http/access_control.hpp).
struct users_version {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    std::int64_t changes_count = -1;  ///< -1: no change recorded yet
    friend bool operator==(const users_version&, const users_version&) = default;
};

class store {
public:
    virtual ~store() = default;
    /// Where the store is (a file path, a connection string), for messages.
    virtual const std::string& location() const = 0;
    /// Creates the store if missing and applies every migration it has not recorded, in order.
    /// Refuses (throws) a store whose schema is newer than this program knows. How many applied.
    virtual int migrate() = 0;
    /// Opens the read-write connection, creating and migrating the store first.
    virtual std::unique_ptr<write_connection> open_write_connection() = 0;
    /// Opens a read connection; the store must exist and be migrated.
    virtual std::unique_ptr<read_connection> open_read_connection() = 0;
    /// Every check, cheapest and most fundamental first, so the first failure reported is the
    /// root cause where possible.
    virtual std::vector<check_description> checks() const = 0;
    /// Runs the checks in order without changing anything; the first failure, or nothing.
    virtual std::optional<check_failure> check() = 0;
    /// A check of the store's structure quick enough to run at every start (it reads every page
    /// but skips the slower cross-checks of check()), changing nothing: nothing when the store is
    /// sound or does not exist yet; otherwise its first `problems_shown_max` problems and how
    /// many there are. A damaged store must not be written to.
    virtual std::optional<store_damage> quick_check(std::size_t problems_shown_max) = 0;
    /// Copies the store to `target` (which must not exist) while others may be writing: the copy
    /// is one consistent snapshot, and nothing that looks finished is left behind on failure.
    virtual void backup_to(const std::string& target) = 0;
    /// Cheap (no query): read on every authenticated request.
    virtual users_version users_changed() const = 0;
};

}  // namespace cms::persistence

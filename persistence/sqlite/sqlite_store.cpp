#include "persistence/sqlite/sqlite_store.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "persistence/sqlite/backup.hpp"
#include "persistence/sqlite/connection.hpp"
#include "persistence/sqlite/database_checks.hpp"
#include "persistence/sqlite/sqlite_repositories.hpp"
#include "persistence/sqlite/users_changes.hpp"
#include "persistence/sqlite/statement_cache.hpp"
#include "persistence/sqlite/wal_checkpointer.hpp"

namespace cms::persistence {

namespace {

using sqlite::sqlite_repositories;

/// A connection, its one statement cache and the repositories on it, declared so the
/// repositories and the cache (and so every prepared statement) are gone before the connection
/// closes.
class connection_and_repositories {
protected:
    explicit connection_and_repositories(SQLite::Database database)
        : database_(std::move(database)), statements_(database_), repositories_(database_, statements_) {}

    /// Runs a transaction statement (BEGIN, SAVEPOINT, COMMIT...) prepared once: the writer runs
    /// two savepoint statements per command, and parsing them each time was a visible share of
    /// the payment path (issue #13).
    void run(const char* sql) {
        sqlite::cached_statement statement(sqlite::database_ref(database_, statements_), sql);
        statement.exec();
    }

    SQLite::Database database_;
    sqlite::statement_cache statements_;
    sqlite_repositories repositories_;
};

/// What the write connection's remembered ledger heads may take (ledger_head_cache.hpp): about a
/// million cases' worth, the largest synthetic caseload simulated in one process.
constexpr std::size_t ledger_heads_bytes_max = std::size_t{256} << 20;

class sqlite_write_connection final : public write_connection, private connection_and_repositories {
public:
    sqlite_write_connection(SQLite::Database database, const std::string& path)
        : connection_and_repositories(std::move(database)), path_(path), checkpointer_(database_, path) {
        const char* verify = std::getenv("CMS_VERIFY_LEDGER_HEADS");
        repositories_.keep_ledger_heads(ledger_heads_bytes_max, verify != nullptr && std::string(verify) == "1");
    }

    unit_of_work& work() override { return repositories_; }
    // IMMEDIATE: the write lock is taken at BEGIN, so a transaction never fails half way when
    // another process (a backup, a second tool) holds a read lock it would need to upgrade.
    void begin() override {
        run("BEGIN IMMEDIATE");
        repositories_.transaction_began();
    }
    void commit() override {
        // A failed COMMIT throws and the caller rolls back, which forgets this transaction's heads.
        run("COMMIT");
        repositories_.transaction_ended(true);
        // After the commit, never before: a server that re-read the user between an early
        // announcement and the commit would keep the old row (access_control.hpp).
        if (repositories_.take_users_changed()) sqlite::record_users_change(path_);
    }
    void rollback() noexcept override {
        repositories_.take_users_changed();
        repositories_.transaction_ended(false);
        try {
            run("ROLLBACK");
        } catch (...) {
            // SQLite rolls back by itself on some errors (disk full); then there is nothing to undo.
        }
    }
    void begin_item() override {
        run("SAVEPOINT work_item");
        repositories_.item_started();
    }
    void release_item() override {
        repositories_.item_ended(false);
        run("RELEASE work_item");
    }
    void rollback_item() override {
        repositories_.item_ended(true);
        run("ROLLBACK TO work_item");
        run("RELEASE work_item");
    }
    void set_reference_checks(bool enforced) override {
        database_.exec(enforced ? "PRAGMA foreign_keys=ON" : "PRAGMA foreign_keys=OFF");
    }

private:
    std::string path_;
    /// Destroyed before the connection: its hook is on it.
    sqlite::wal_checkpointer checkpointer_;
};

class sqlite_read_connection final : public read_connection, private connection_and_repositories {
public:
    explicit sqlite_read_connection(SQLite::Database database) : connection_and_repositories(std::move(database)) {}

    read_view& view() override { return repositories_; }
    // DEFERRED on a read-only connection: the WAL snapshot is fixed by the first read and held
    // until the end, so every query in between sees one commit.
    void begin_snapshot() override { run("BEGIN DEFERRED"); }
    void end_snapshot() noexcept override {
        try {
            run("COMMIT");
        } catch (...) {
            // A read transaction has nothing to lose; the next BEGIN starts afresh.
        }
    }
};

class sqlite_store final : public store {
public:
    sqlite_store(std::string path, const wall_clock& clock, bool synced_commits)
        : path_(std::move(path)), clock_(clock), synced_commits_(synced_commits) {}

    const std::string& location() const override { return path_; }
    int migrate() override { return sqlite::migrate_database(path_, clock_); }
    std::unique_ptr<write_connection> open_write_connection() override {
        return std::make_unique<sqlite_write_connection>(sqlite::open_write_connection(path_, clock_, synced_commits_),
                                                         path_);
    }
    std::unique_ptr<read_connection> open_read_connection() override {
        return std::make_unique<sqlite_read_connection>(sqlite::open_read_connection(path_));
    }
    std::vector<check_description> checks() const override {
        std::vector<check_description> described;
        for (const auto& check : sqlite::database_checks()) described.push_back({check.name, check.description});
        return described;
    }
    std::optional<check_failure> check() override {
        SQLite::Database database = open_for_checks();
        return sqlite::run_database_checks(database);
    }
    std::optional<store_damage> quick_check(std::size_t problems_shown_max) override {
        if (!std::filesystem::exists(path_)) return std::nullopt;  // created sound by the first migration
        SQLite::Database database = open_for_checks();
        return sqlite::structural_damage(database, "quick_check", problems_shown_max);
    }
    void backup_to(const std::string& target) override { sqlite::backup_database(path_, target); }
    users_version users_changed() const override { return sqlite::read_users_version(path_); }

private:
    /// Read-only, so a check changes nothing, and safe beside a running writer.
    SQLite::Database open_for_checks() const {
        SQLite::Database database(path_, SQLite::OPEN_READONLY);
        database.setBusyTimeout(5'000);  // rides out the writer's group commits
        return database;
    }

    std::string path_;
    const wall_clock& clock_;
    bool synced_commits_ = true;
};

}  // namespace

std::unique_ptr<store> open_sqlite_store(const std::string& path, const wall_clock& clock,
                                         commit_durability durability) {
    sqlite::configure_library_once();
    return std::make_unique<sqlite_store>(path, clock, durability == commit_durability::synced);
}

}  // namespace cms::persistence

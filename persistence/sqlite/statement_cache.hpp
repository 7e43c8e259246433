#pragma once
// Prepared statements kept per connection, so a request's SQL is parsed once per connection, not
// once per request. Before this cache every request prepared each of its 10 to 30 statements
// again, and SQLite's parser was the largest single cost of a payment (issue #13's profile).
//
// The store functions take a `database_ref`: a SQLite database and, when the caller has one, its
// statement cache. A plain SQLite::Database converts to a database_ref without a cache (tools,
// checks, tests), which prepares as before, so only the long-lived connections (the writer's and
// the read pool's) pay for a cache.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cms::persistence::sqlite {

class statement_cache {
public:
    explicit statement_cache(SQLite::Database& database) : database_(database) {}
    ~statement_cache();
    statement_cache(const statement_cache&) = delete;
    statement_cache& operator=(const statement_cache&) = delete;

    struct entry {
        std::unique_ptr<SQLite::Statement> statement;
        bool in_use = false;
    };

    /// The cached statement for `sql`, marked in use; nullptr when it is in use already (a
    /// query run inside the loop of the same query) or the cache is full, and the caller then
    /// prepares one of its own.
    entry* take(const std::string& sql);
    /// Resets the statement, clears its bindings and marks it free. Never throws: the step's
    /// error, if any, was thrown to the caller already.
    static void give_back(entry& taken) noexcept;

    /// The same for a statement stepped through SQLite's C API, for the batch loops: SQLiteCpp's
    /// Column objects copy a shared_ptr per value and its steps add checks per row, which over a
    /// million rows costs as much as the reads themselves. SQLiteCpp does not hand out its
    /// statement's handle, hence a second kind.
    struct raw_entry {
        sqlite3_stmt* statement = nullptr;
        bool in_use = false;
    };
    raw_entry* take_raw(const std::string& sql);
    static void give_back(raw_entry& taken) noexcept;

    std::size_t size() const { return entries_.size() + raw_entries_.size(); }

private:
    /// SQL texts are fixed strings with `?` parameters, a few dozen per connection; the bound only
    /// stops a caller that builds text with values in it from growing the cache without end.
    static constexpr std::size_t entries_max = 512;

    SQLite::Database& database_;
    std::unordered_map<std::string, entry> entries_;
    std::unordered_map<std::string, raw_entry> raw_entries_;
};

/// A database and, optionally, its statement cache: what every store function works on. Cheap to
/// copy (two pointers); the database and cache outlive it.
class database_ref {
public:
    // Implicit on purpose: tools and tests pass a SQLite::Database where a database_ref is asked for.
    database_ref(SQLite::Database& database) : database_(&database) {}  // NOLINT(google-explicit-constructor)
    database_ref(SQLite::Database& database, statement_cache& cache) : database_(&database), cache_(&cache) {}

    SQLite::Database& database() const { return *database_; }
    statement_cache* cache() const { return cache_; }

    // What the store functions use of the database itself.
    int exec(const std::string& sql) const { return database_->exec(sql); }
    long long getLastInsertRowid() const { return database_->getLastInsertRowid(); }
    int getChanges() const { return database_->getChanges(); }
    sqlite3* getHandle() const { return database_->getHandle(); }

private:
    SQLite::Database* database_;
    statement_cache* cache_ = nullptr;
};

/// A statement for one use: the connection's cached one when it has a cache and the statement is
/// free, else one prepared for this use. Reset and given back at the end of the scope, so a
/// cached read statement never holds a read transaction open after its use.
class cached_statement {
public:
    cached_statement(database_ref on, const std::string& sql);
    ~cached_statement();
    cached_statement(const cached_statement&) = delete;
    cached_statement& operator=(const cached_statement&) = delete;

    template <typename... Arguments>
    void bind(Arguments&&... arguments) {
        statement_->bind(std::forward<Arguments>(arguments)...);
    }
    template <typename... Arguments>
    void bindNoCopy(Arguments&&... arguments) {
        statement_->bindNoCopy(std::forward<Arguments>(arguments)...);
    }
    bool executeStep() { return statement_->executeStep(); }
    int exec() { return statement_->exec(); }
    void reset() { statement_->reset(); }
    SQLite::Column getColumn(int index) const { return statement_->getColumn(index); }
    SQLite::Statement& statement() { return *statement_; }

private:
    statement_cache::entry* cached_ = nullptr;  ///< set when statement_ belongs to a cache
    std::optional<SQLite::Statement> owned_;
    SQLite::Statement* statement_ = nullptr;
};

/// A C API statement for one use, cached as cached_statement is; `get()` for sqlite3_step and
/// the sqlite3_bind and sqlite3_column functions.
class cached_raw_statement {
public:
    cached_raw_statement(database_ref on, const std::string& sql);
    ~cached_raw_statement();
    cached_raw_statement(const cached_raw_statement&) = delete;
    cached_raw_statement& operator=(const cached_raw_statement&) = delete;

    sqlite3_stmt* get() const { return statement_; }
    /// Throws SQLite's error unless the last step ended the statement normally.
    void check_done(int step) const;

private:
    sqlite3* database_;
    statement_cache::raw_entry* cached_ = nullptr;
    sqlite3_stmt* statement_ = nullptr;
};

}  // namespace cms::persistence::sqlite

#include "persistence/sqlite/statement_cache.hpp"

namespace cms::persistence::sqlite {

namespace {

sqlite3_stmt* prepare(sqlite3* database, const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    const int result = sqlite3_prepare_v2(database, sql.c_str(), static_cast<int>(sql.size()), &statement, nullptr);
    if (result != SQLITE_OK) throw SQLite::Exception(database, result);
    return statement;
}

void reset_and_clear(sqlite3_stmt* statement) noexcept {
    // The step's error, if any, reached whoever stepped the statement; reset only reports it again.
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
}

}  // namespace

statement_cache::~statement_cache() {
    for (auto& [sql, cached] : raw_entries_) sqlite3_finalize(cached.statement);
}

statement_cache::raw_entry* statement_cache::take_raw(const std::string& sql) {
    auto found = raw_entries_.find(sql);
    if (found == raw_entries_.end()) {
        if (raw_entries_.size() >= entries_max) return nullptr;
        found = raw_entries_.emplace(sql, raw_entry{prepare(database_.getHandle(), sql), false}).first;
    }
    if (found->second.in_use) return nullptr;
    found->second.in_use = true;
    return &found->second;
}

void statement_cache::give_back(raw_entry& taken) noexcept {
    reset_and_clear(taken.statement);
    taken.in_use = false;
}

statement_cache::entry* statement_cache::take(const std::string& sql) {
    auto found = entries_.find(sql);
    if (found == entries_.end()) {
        if (entries_.size() >= entries_max) return nullptr;
        found = entries_.emplace(sql, entry{std::make_unique<SQLite::Statement>(database_, sql), false}).first;
    }
    if (found->second.in_use) return nullptr;
    found->second.in_use = true;
    return &found->second;
}

void statement_cache::give_back(entry& taken) noexcept {
    // tryReset, not reset: reset() reports the last step's error again, and that error has
    // already reached whoever stepped the statement.
    taken.statement->tryReset();
    try {
        taken.statement->clearBindings();
    } catch (...) {  // cannot fail after a reset (sqlite3_clear_bindings returns SQLITE_OK)
    }
    taken.in_use = false;
}

cached_statement::cached_statement(database_ref on, const std::string& sql) {
    if (on.cache() != nullptr) {
        cached_ = on.cache()->take(sql);
        if (cached_ != nullptr) {
            statement_ = cached_->statement.get();
            return;
        }
    }
    owned_.emplace(on.database(), sql);
    statement_ = &*owned_;
}

cached_statement::~cached_statement() {
    if (cached_ != nullptr) statement_cache::give_back(*cached_);
}

cached_raw_statement::cached_raw_statement(database_ref on, const std::string& sql) : database_(on.getHandle()) {
    if (on.cache() != nullptr) {
        cached_ = on.cache()->take_raw(sql);
        if (cached_ != nullptr) {
            statement_ = cached_->statement;
            return;
        }
    }
    statement_ = prepare(database_, sql);
}

cached_raw_statement::~cached_raw_statement() {
    if (cached_ != nullptr) {
        statement_cache::give_back(*cached_);
    } else {
        sqlite3_finalize(statement_);
    }
}

void cached_raw_statement::check_done(int step) const {
    if (step != SQLITE_DONE) throw SQLite::Exception(database_, step);
}

}  // namespace cms::persistence::sqlite

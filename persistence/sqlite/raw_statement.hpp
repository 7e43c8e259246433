#pragma once
// A prepared statement on SQLite's C API, for the batch hot paths only. SQLiteCpp's Column
// objects copy a shared_ptr per value and exec() adds checks per row; over a million rows that
// costs as much as the reads and inserts themselves. Everywhere else uses SQLiteCpp.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <string>

namespace cms::persistence::sqlite {

class raw_statement {
public:
    raw_statement(SQLite::Database& database, const std::string& sql) : database_(database) {
        const int result = sqlite3_prepare_v2(database.getHandle(), sql.c_str(), -1, &statement_, nullptr);
        if (result != SQLITE_OK) throw SQLite::Exception(database.getHandle(), result);
    }
    ~raw_statement() { sqlite3_finalize(statement_); }
    raw_statement(const raw_statement&) = delete;
    raw_statement& operator=(const raw_statement&) = delete;

    sqlite3_stmt* get() const { return statement_; }
    /// Throws SQLite's error unless the last step ended the statement normally.
    void check_done(int step) const {
        if (step != SQLITE_DONE) throw SQLite::Exception(database_.getHandle(), step);
    }
    SQLite::Database& database() const { return database_; }

private:
    SQLite::Database& database_;
    sqlite3_stmt* statement_ = nullptr;
};

}  // namespace cms::persistence::sqlite

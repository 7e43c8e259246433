#pragma once
// Looking at a SQLite database file directly, for tests above the persistence layer that check
// what was stored (rows counted, a job's status, a posting's bytes) or alter it as a fault would
// (a trigger that refuses writes). The one place outside tests/persistence that speaks SQL, so a
// service or HTTP test reads as a test of its own layer.
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <string>
#include <vector>

namespace cms::testing {

/// The first column of the first row of `sql`, as an integer (0 when NULL); `texts` are bound to
/// its parameters ?1, ?2, ... in order.
inline std::int64_t sql_integer(const std::string& path, const std::string& sql,
                                const std::vector<std::string>& texts = {}) {
    SQLite::Database database(path, SQLite::OPEN_READONLY);
    database.setBusyTimeout(5'000);
    SQLite::Statement query(database, sql);
    for (std::size_t i = 0; i < texts.size(); ++i) query.bind(static_cast<int>(i + 1), texts[i]);
    if (!query.executeStep()) return 0;
    return query.getColumn(0).getInt64();
}

/// The first column of the first row of `sql`, as text.
inline std::string sql_text(const std::string& path, const std::string& sql) {
    SQLite::Database database(path, SQLite::OPEN_READONLY);
    database.setBusyTimeout(5'000);
    return database.execAndGet(sql).getString();
}

/// Every row of `sql`, its columns as text joined by "/".
inline std::vector<std::string> sql_rows(const std::string& path, const std::string& sql) {
    SQLite::Database database(path, SQLite::OPEN_READONLY);
    database.setBusyTimeout(5'000);
    SQLite::Statement query(database, sql);
    std::vector<std::string> rows;
    while (query.executeStep()) {
        std::string row;
        for (int i = 0; i < query.getColumnCount(); ++i) {
            if (i > 0) row += "/";
            row += query.getColumn(i).getString();
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

/// Runs `sql` on a read-write connection of its own (the writer may hold the database open).
inline void sql_exec(const std::string& path, const std::string& sql) {
    SQLite::Database database(path, SQLite::OPEN_READWRITE);
    database.setBusyTimeout(5'000);
    database.exec(sql);
}

}  // namespace cms::testing

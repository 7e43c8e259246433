#include "persistence/sqlite/sqlite_benchmark.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "persistence/sqlite/connection.hpp"

namespace cms::persistence {

void checkpoint_sqlite_database(const std::string& path) {
    SQLite::Database database = sqlite::open_write_connection(path);
    database.exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

namespace {

void create_baseline_table(SQLite::Database& database) {
    database.exec("CREATE TABLE bulk_baseline (case_id INTEGER NOT NULL, cause_kind INTEGER NOT NULL,"
                  " cause_ref INTEGER NOT NULL, business_date TEXT NOT NULL, legs BLOB NOT NULL,"
                  " PRIMARY KEY (case_id, cause_kind, cause_ref)) WITHOUT ROWID");
}

/// Inserts rows [first, last] with one prepared statement inside the caller's transaction.
void insert_baseline_rows(SQLite::Statement& insert, std::int64_t first, std::int64_t last) {
    static const unsigned char legs[32] = {1, 0, 6, 0, 1, 0, 0, 0, 0x10, 0x27, 0, 0, 0, 0, 0, 0,
                                           2, 0, 7, 0, 2, 0, 0, 0, 0xd0, 0x07, 0, 0, 0, 0, 0, 0};
    for (std::int64_t i = first; i <= last; ++i) {
        insert.bind(1, i);
        insert.bindNoCopy(2, legs, sizeof legs);
        insert.exec();
        insert.reset();
    }
}

constexpr const char* insert_baseline_sql = "INSERT INTO bulk_baseline VALUES (?, 2, 1202501, '2025-01-31', ?)";

}  // namespace

double time_sqlite_bulk_insert_seconds(const std::string& path, std::int64_t rows) {
    return time_sqlite_insert_in_transactions_seconds(path, rows, 1, true);
}

double time_sqlite_insert_in_transactions_seconds(const std::string& path, std::int64_t rows,
                                                  std::int64_t transactions, bool synced_commits) {
    SQLite::Database database = sqlite::open_write_connection(path, system_wall_clock(), synced_commits);
    create_baseline_table(database);
    transactions = std::max<std::int64_t>(1, std::min(transactions, rows));
    const auto started = std::chrono::steady_clock::now();
    SQLite::Statement insert(database, insert_baseline_sql);
    std::int64_t first = 1;
    for (std::int64_t transaction_index = 0; transaction_index < transactions; ++transaction_index) {
        // Rows shared out evenly: the first `rows % transactions` commits take one more.
        const std::int64_t share = rows / transactions + (transaction_index < rows % transactions ? 1 : 0);
        SQLite::Transaction transaction(database, SQLite::TransactionBehavior::IMMEDIATE);
        insert_baseline_rows(insert, first, first + share - 1);
        transaction.commit();
        first += share;
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

std::int64_t sqlite_database_row_count(const std::string& path) {
    SQLite::Database database = sqlite::open_read_connection(path);
    std::vector<std::string> tables;
    SQLite::Statement list(database, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    while (list.executeStep()) tables.push_back(list.getColumn(0).getString());
    std::int64_t rows = 0;
    for (const std::string& table : tables) {
        SQLite::Statement count(database, "SELECT count(*) FROM \"" + table + "\"");
        if (count.executeStep()) rows += count.getColumn(0).getInt64();
    }
    return rows;
}

}  // namespace cms::persistence

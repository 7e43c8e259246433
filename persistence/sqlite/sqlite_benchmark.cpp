#include "persistence/sqlite/sqlite_benchmark.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>

#include "persistence/sqlite/connection.hpp"

namespace cms::persistence {

void checkpoint_sqlite_database(const std::string& path) {
    SQLite::Database database = sqlite::open_write_connection(path);
    database.exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

double time_sqlite_bulk_insert_seconds(const std::string& path, std::int64_t rows) {
    SQLite::Database database = sqlite::open_write_connection(path);
    database.exec("CREATE TABLE bulk_baseline (case_id INTEGER NOT NULL, cause_kind INTEGER NOT NULL,"
                  " cause_ref INTEGER NOT NULL, business_date TEXT NOT NULL, legs BLOB NOT NULL,"
                  " PRIMARY KEY (case_id, cause_kind, cause_ref)) WITHOUT ROWID");
    unsigned char legs[32] = {1, 0, 6, 0, 1, 0, 0, 0, 0x10, 0x27, 0, 0, 0, 0, 0, 0,
                              2, 0, 7, 0, 2, 0, 0, 0, 0xd0, 0x07, 0, 0, 0, 0, 0, 0};
    const auto started = std::chrono::steady_clock::now();
    SQLite::Transaction transaction(database, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement insert(database, "INSERT INTO bulk_baseline VALUES (?, 2, 1202501, '2025-01-31', ?)");
    for (std::int64_t i = 1; i <= rows; ++i) {
        insert.bind(1, i);
        insert.bindNoCopy(2, legs, sizeof legs);
        insert.exec();
        insert.reset();
    }
    transaction.commit();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

}  // namespace cms::persistence

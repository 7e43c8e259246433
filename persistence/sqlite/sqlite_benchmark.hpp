#pragma once
/// SQLite's own ceiling, for the accrual benchmark (tools/bench): the batch's speed is read as a
/// ratio to how fast this machine's SQLite can insert rows of the same shape at all.
#include <cstdint>
#include <string>

namespace cms::persistence {

/// Moves every committed page from the write-ahead log into the database file and empties the
/// log, as a database long in service is: a benchmark then measures steady state, not a log of
/// a million fresh rows. No other connection may be inside a transaction.
void checkpoint_sqlite_database(const std::string& path);

/// Seconds to insert `rows` rows shaped like ledger postings into a scratch table of the database
/// at `path`, with one prepared statement in one transaction and the store's durability settings.
double time_sqlite_bulk_insert_seconds(const std::string& path, std::int64_t rows);

}  // namespace cms::persistence

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

/// The same insert spread over `transactions` commits of equal share (at least one row each), as
/// a process that commits once per command does: the ceiling of a replay, which cannot group
/// commands whose order matters. `synced_commits` false is synchronous=OFF, as for a database
/// thrown away after use.
double time_sqlite_insert_in_transactions_seconds(const std::string& path, std::int64_t rows,
                                                  std::int64_t transactions, bool synced_commits);

/// Rows in every table of the database at `path` (sqlite_schema's tables): what a run wrote.
std::int64_t sqlite_database_row_count(const std::string& path);

}  // namespace cms::persistence

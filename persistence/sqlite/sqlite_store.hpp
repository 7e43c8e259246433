#pragma once
/// The SQLite back end of the persistence interface: a store in one database file, written by
/// one connection at a time under WAL (readers never block the writer, nor it them).
#include <memory>
#include <string>

#include "persistence/store.hpp"
#include "persistence/wall_clock.hpp"

namespace cms::persistence {

/// Whether a commit waits for the disk (synchronous=FULL) before anyone is told it happened.
/// Always, for the service and every tool that writes real data; `unsynced` only for a database
/// that is thrown away when the process ends (a scenario replayed into a temporary file), where
/// a crash loses nothing a rerun would not rebuild, and the fsync of every daily job's commit
/// was nearly all of a replay's time (a year of one family: 4.7 s, 0.3 s of it CPU).
enum class commit_durability { synced, unsynced };

/// The store in the SQLite file at `path`; opening touches nothing (the file is created and
/// migrated by migrate() or the first write connection). Rows are stamped by `clock`, which must
/// outlive the store and every connection it opens.
std::unique_ptr<store> open_sqlite_store(const std::string& path, const wall_clock& clock = system_wall_clock(),
                                         commit_durability durability = commit_durability::synced);

}  // namespace cms::persistence

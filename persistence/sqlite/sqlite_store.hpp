#pragma once
/// The SQLite back end of the persistence interface: a store in one database file, written by
/// one connection at a time under WAL (readers never block the writer, nor it them).
#include <memory>
#include <string>

#include "persistence/store.hpp"
#include "persistence/wall_clock.hpp"

namespace cms::persistence {

/// The store in the SQLite file at `path`; opening touches nothing (the file is created and
/// migrated by migrate() or the first write connection). Rows are stamped by `clock`, which must
/// outlive the store and every connection it opens.
std::unique_ptr<store> open_sqlite_store(const std::string& path, const wall_clock& clock = system_wall_clock());

}  // namespace cms::persistence

#pragma once
/// An online, consistent copy of a live database (SQLite's backup API), safe while the server
/// writes: the copy is taken inside one read transaction, so it is a snapshot of some commit.
#include <string>

namespace cms::persistence::sqlite {

/// Copies the database at `source_path` to `target_path`, which must not exist yet. The copy is
/// written to "<target>.partial" and renamed when complete, so a crash never leaves a file at
/// `target_path` that looks like a finished backup. Throws on failure (nothing left behind).
void backup_database(const std::string& source_path, const std::string& target_path);

}  // namespace cms::persistence::sqlite

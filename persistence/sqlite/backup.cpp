#include "persistence/sqlite/backup.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace cms::persistence::sqlite {

namespace {
// The writer holds its lock for one group commit (milliseconds); retrying a busy step this many
// times, a little apart, rides that out without waiting forever on a stuck database.
constexpr int busy_retries_max = 200;
constexpr auto busy_retry_pause = std::chrono::milliseconds(25);
}  // namespace

void backup_database(const std::string& source_path, const std::string& target_path) {
    namespace fs = std::filesystem;
    if (fs::exists(target_path)) throw std::runtime_error("the backup target already exists: " + target_path);
    if (!fs::exists(source_path)) throw std::runtime_error("no database at " + source_path);
    const std::string partial_path = target_path + ".partial";
    fs::remove(partial_path);
    try {
        SQLite::Database source(source_path, SQLite::OPEN_READONLY);
        source.setBusyTimeout(5'000);
        {
            SQLite::Database target(partial_path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            SQLite::Backup backup(target, source);
            // One step copying every page: the whole copy is one snapshot of the source.
            int result = backup.executeStep(-1);
            for (int retry = 0; result != SQLITE_DONE && retry < busy_retries_max; ++retry) {
                std::this_thread::sleep_for(busy_retry_pause);
                result = backup.executeStep(-1);
            }
            if (result != SQLITE_DONE) throw std::runtime_error("the database stayed busy; backup not taken");
        }
        fs::rename(partial_path, target_path);
    } catch (...) {
        std::error_code ignored;
        fs::remove(partial_path, ignored);
        throw;
    }
}

}  // namespace cms::persistence::sqlite

#include "persistence/sqlite/wal_checkpointer.hpp"

#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

namespace cms::persistence::sqlite {

wal_checkpointer::wal_checkpointer(SQLite::Database& writer, const std::string& path)
    : writer_(writer), connection_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX) {
    connection_.setBusyTimeout(5'000);
    // The checkpoint syncs the WAL before copying and the database file after, as the writer's
    // own would: the checkpointing connection's setting decides.
    connection_.exec("PRAGMA synchronous=FULL");
    // The hook replaces SQLite's automatic checkpoint (sqlite3_wal_autocheckpoint installs a hook
    // of its own; setting ours removes it).
    sqlite3_wal_hook(writer_.getHandle(), &wal_checkpointer::on_commit, this);
    thread_ = std::thread([this] { run(); });
}

wal_checkpointer::~wal_checkpointer() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
    sqlite3_wal_autocheckpoint(writer_.getHandle(), wal_pages_wake);
}

std::size_t wal_checkpointer::checkpoints_run() const {
    const std::lock_guard lock(mutex_);
    return checkpoints_run_;
}

bool wal_checkpointer::wait_for_checkpoints(std::size_t count, std::chrono::milliseconds deadline) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, deadline, [&] { return checkpoints_run_ >= count; });
}

int wal_checkpointer::on_commit(void* self, sqlite3* database, const char* schema, int wal_pages) {
    auto& checkpointer = *static_cast<wal_checkpointer*>(self);
    if (wal_pages >= wal_pages_inline_max) {
        // Runs on the writer, inside its commit, as SQLite's own automatic checkpoint would.
        sqlite3_wal_checkpoint_v2(database, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (wal_pages >= wal_pages_wake &&
               (wal_pages < checkpointer.wal_pages_at_last_wake_ ||  // the WAL started again
                wal_pages - checkpointer.wal_pages_at_last_wake_ >= wal_pages_between_wakes)) {
        checkpointer.wal_pages_at_last_wake_ = wal_pages;
        {
            const std::lock_guard lock(checkpointer.mutex_);
            checkpointer.wanted_ = true;
        }
        checkpointer.changed_.notify_all();
    }
    return SQLITE_OK;  // the commit has happened whatever the checkpoint does
}

void wal_checkpointer::run() {
    // The lowest CPU priority for this thread only (Linux nice is per thread): the copy is never
    // urgent, the valve keeps the WAL bounded if the thread is starved, and a checkpoint taking
    // the core from the writer or the HTTP thread was a visible share of the payment p99.
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 19);
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return wanted_ || stopping_; });
            if (stopping_) return;
            wanted_ = false;
        }
        // PASSIVE: copies what no reader still needs and never waits for the writer. A busy or
        // failed attempt is simply tried again after the next commit (or inline, past the valve).
        sqlite3_wal_checkpoint_v2(connection_.getHandle(), "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        {
            const std::lock_guard lock(mutex_);
            ++checkpoints_run_;
        }
        changed_.notify_all();
    }
}

}  // namespace cms::persistence::sqlite

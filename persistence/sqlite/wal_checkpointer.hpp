#pragma once
// Copies the write-ahead log back into the database file on a thread and connection of its own,
// so the writer never stops for a checkpoint.
//
// Why: by default the connection that commits runs the checkpoint itself whenever the WAL passes
// 1,000 pages: it copies those pages into the database file and fsyncs it, inside the commit of
// whichever group happened to cross the line. Under payment load that was about 6% of the
// writer's time and, worse, a stall of tens of milliseconds every few seconds that every command
// waiting behind that group felt: the p99 of the payment POST (issue #13). A PASSIVE checkpoint
// on another connection runs beside the writer's commits (SQLite's WAL allows one writer and
// one checkpointer at once) and never blocks them.
//
// The safety valve: if the WAL still grows past `wal_pages_inline_max` (the checkpointer cannot
// keep up, or a long read holds it back), the writer checkpoints inline as before, so the WAL
// file stays bounded.
#include <SQLiteCpp/Database.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

namespace cms::persistence::sqlite {

class wal_checkpointer {
public:
    /// Pages in the WAL after a commit at which the checkpointer is woken (SQLite's default).
    static constexpr int wal_pages_wake = 4'000;
    /// Pages written since the last wake before the next: under steady writes the WAL often
    /// cannot start again from its beginning (a reader still uses it), and waking at every
    /// commit past the mark would copy and fsync a few pages at a time, as SQLite's own hook does.
    static constexpr int wal_pages_between_wakes = 2'000;
    /// Pages at which the writer stops waiting for the checkpointer and checkpoints itself.
    static constexpr int wal_pages_inline_max = 32'000;

    /// Turns off `writer`'s own automatic checkpoints and watches its commits; `path` is the
    /// same database file, opened again for the checkpointer's connection.
    wal_checkpointer(SQLite::Database& writer, const std::string& path);
    /// Stops the thread and gives the writer its automatic checkpoints back.
    ~wal_checkpointer();
    wal_checkpointer(const wal_checkpointer&) = delete;
    wal_checkpointer& operator=(const wal_checkpointer&) = delete;

    /// Checkpoints run on the thread so far.
    std::size_t checkpoints_run() const;
    /// Waits for the count to reach `count`; false at the deadline (for tests, which wait for
    /// this event rather than for a time).
    bool wait_for_checkpoints(std::size_t count, std::chrono::milliseconds deadline) const;

private:
    static int on_commit(void* self, sqlite3* database, const char* schema, int wal_pages);
    void run();

    SQLite::Database& writer_;
    /// Opened by the constructor (so a failure to open reaches the caller), then used only on
    /// the thread.
    SQLite::Database connection_;
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    bool wanted_ = false;
    /// The WAL's size at the last wake; read and written by the writer's hook only.
    int wal_pages_at_last_wake_ = 0;
    bool stopping_ = false;
    std::size_t checkpoints_run_ = 0;
    std::thread thread_;
};

}  // namespace cms::persistence::sqlite

#pragma once
/// The single writer: one thread owns the write connection and commits queued work in groups.
///
/// Why: a commit with synchronous=FULL costs an fsync (~0.3 ms here), so one commit per request
/// caps writes near 3.5k/s (performance.md). Grouping every queued piece of work into one
/// transaction pays that fsync once per group, and no caller hears "done" before the group's
/// commit has reached the disk. Each piece runs inside its own SAVEPOINT, so one that throws is
/// rolled back alone and the rest of the group still commits.
#include <SQLiteCpp/Database.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "cms/persistence/wall_clock.hpp"

namespace cms::persistence {

struct writer_limits {
    /// Work items committed together at most; bounds transaction size and latency.
    std::size_t group_size_max = 256;
    /// Work items waiting at most; beyond this submit() refuses so callers can answer 503
    /// instead of queueing without bound.
    std::size_t queue_depth_max = 10'000;
};

class writer {
public:
    /// Runs inside the group transaction, on the writer thread. Throw to roll back this work
    /// alone; the exception reaches `write_done`.
    using write_work = std::function<void(SQLite::Database&)>;
    /// Called on the writer thread after the group commit (or failure). Must not block for long:
    /// hand the result to another thread (e.g. post to an io_context).
    using write_done = std::function<void(std::exception_ptr)>;

    /// Opens the write connection, its rows stamped by `clock` (which must outlive the writer).
    writer(const std::string& path, writer_limits limits, const wall_clock& clock = system_wall_clock());
    ~writer();
    writer(const writer&) = delete;
    writer& operator=(const writer&) = delete;

    /// Queues work; false (and nothing queued) when the queue is full or the writer stopped.
    bool submit(write_work work, write_done done);

    /// Queues work and waits for its commit; rethrows the work's exception. For tools and tests.
    void execute(write_work work);

    /// Finishes what is queued, then stops the thread. Idempotent.
    void stop();

    /// Groups committed so far and items in them (for logs and benchmarks).
    std::size_t groups_committed() const;
    std::size_t items_committed() const;

private:
    struct queued_item {
        write_work work;
        write_done done;
    };
    void run();
    void commit_group(std::deque<queued_item>& group);

    SQLite::Database database_;
    writer_limits limits_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<queued_item> queue_;
    bool stopping_ = false;
    std::size_t groups_committed_ = 0;
    std::size_t items_committed_ = 0;
    std::thread thread_;
};

}  // namespace cms::persistence

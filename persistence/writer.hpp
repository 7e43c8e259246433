#pragma once
/// The single writer: one thread owns the write connection and commits queued work in groups.
///
/// Why: a durable commit costs an fsync (~0.3 ms here), so one commit per request caps writes
/// near 3.5k/s. Grouping every queued piece of work into one transaction pays that fsync once
/// per group, and no caller hears "done" before the group's commit has reached the disk. Each
/// piece runs inside its own savepoint, so one that throws is rolled back alone and the rest of
/// the group still commits. Back-end neutral: the connection (store.hpp) does the SQL.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "persistence/store.hpp"

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
    /// Runs inside the group transaction, on the writer thread, in a savepoint of its own. Throw
    /// to roll back this work alone; the exception reaches `write_done`.
    using write_work = std::function<void(unit_of_work&)>;
    /// Called on the writer thread after the group commit (or failure). Must not block for long:
    /// hand the result to another thread (e.g. post to an io_context).
    using write_done = std::function<void(std::exception_ptr)>;
    /// Runs a committed group's `write_done` callbacks (given as one function) on another thread.
    /// Why: handing each callback over on its own wakes the receiving event loop once per command
    /// (a lock hand-off and an epoll interrupt each, about a tenth of the writer's time at full
    /// load); one hand-off per group wakes it once.
    using completion_delivery = std::function<void(std::function<void()> run_callbacks)>;

    /// Takes the store's write connection (store::open_write_connection) to its own thread.
    writer(std::unique_ptr<write_connection> connection, writer_limits limits);
    ~writer();
    writer(const writer&) = delete;
    writer& operator=(const writer&) = delete;

    /// Queues work; false (and nothing queued) when the queue is full or the writer stopped.
    bool submit(write_work work, write_done done);

    /// Queues work and waits for its commit; rethrows the work's exception. For tools and tests.
    /// Its completion runs on the writer thread whatever the delivery, so a caller on the
    /// delivering thread cannot wait for itself.
    void execute(write_work work);

    /// From now on, groups' callbacks go through `delivery`; an empty function (the default) runs
    /// them on the writer thread, one after another, right after the commit.
    void deliver_completions_through(completion_delivery delivery);

    /// Finishes what is queued, then stops the thread. Idempotent.
    void stop();

    /// Groups committed so far and items in them (for logs and benchmarks).
    std::size_t groups_committed() const;
    std::size_t items_committed() const;

private:
    struct queued_item {
        write_work work;
        write_done done;
        bool done_on_writer_thread = false;  ///< execute()'s: never handed to the delivery
    };
    bool enqueue(queued_item item);
    void run();
    void commit_group(std::deque<queued_item>& group);
    void complete_group(std::deque<queued_item>& group, std::vector<std::exception_ptr>& failures);

    std::unique_ptr<write_connection> connection_;
    writer_limits limits_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<queued_item> queue_;
    bool stopping_ = false;
    std::size_t groups_committed_ = 0;
    std::size_t items_committed_ = 0;
    completion_delivery delivery_;
    std::thread thread_;
};

}  // namespace cms::persistence

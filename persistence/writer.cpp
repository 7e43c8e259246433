#include "persistence/writer.hpp"

#include <algorithm>
#include <future>
#include <memory>
#include <utility>
#include <vector>

#include "persistence/fault_points.hpp"

namespace cms::persistence {

writer::writer(std::unique_ptr<write_connection> connection, writer_limits limits)
    : connection_(std::move(connection)), limits_(limits), thread_([this] { run(); }) {}

writer::~writer() { stop(); }

bool writer::submit(write_work work, write_done done) {
    return enqueue(queued_item{std::move(work), std::move(done), false});
}

bool writer::enqueue(queued_item item) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || queue_.size() >= limits_.queue_depth_max) return false;
        queue_.push_back(std::move(item));
    }
    wake_.notify_one();
    return true;
}

void writer::deliver_completions_through(completion_delivery delivery) {
    std::lock_guard lock(mutex_);
    delivery_ = std::move(delivery);
}

void writer::execute(write_work work) {
    std::promise<void> committed;
    auto future = committed.get_future();
    const bool queued = enqueue(queued_item{std::move(work),
                                            [&committed](std::exception_ptr failure) {
                                                if (failure) {
                                                    committed.set_exception(failure);
                                                } else {
                                                    committed.set_value();
                                                }
                                            },
                                            true});
    if (!queued) throw std::runtime_error("writer queue is full or stopped");
    future.get();
}

void writer::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && !thread_.joinable()) return;
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

std::size_t writer::groups_committed() const {
    std::lock_guard lock(mutex_);
    return groups_committed_;
}

std::size_t writer::items_committed() const {
    std::lock_guard lock(mutex_);
    return items_committed_;
}

void writer::run() {
    for (;;) {
        std::deque<queued_item> group;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping and drained
            while (!queue_.empty() && group.size() < limits_.group_size_max) {
                group.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        commit_group(group);
    }
}

void writer::commit_group(std::deque<queued_item>& group) {
    std::vector<std::exception_ptr> failures(group.size());
    std::exception_ptr commit_failure;
    try {
        connection_->begin();
        try {
            for (std::size_t i = 0; i < group.size(); ++i) {
                connection_->begin_item();
                try {
                    group[i].work(connection_->work());
                    connection_->release_item();
                } catch (...) {
                    failures[i] = std::current_exception();
                    connection_->rollback_item();
                }
            }
            fault_point_reached(fault_point::writer_before_commit);
            connection_->commit();
        } catch (...) {
            connection_->rollback();
            throw;
        }
    } catch (...) {
        // The commit itself failed (disk full, I/O error): nothing in the group is durable, so
        // every caller hears the failure; none hears success.
        commit_failure = std::current_exception();
    }
    if (!commit_failure) fault_point_reached(fault_point::writer_after_commit);
    {
        std::lock_guard lock(mutex_);
        if (!commit_failure) {
            ++groups_committed_;
            items_committed_ += group.size();
        }
    }
    if (commit_failure) std::fill(failures.begin(), failures.end(), commit_failure);
    complete_group(group, failures);
}

void writer::complete_group(std::deque<queued_item>& group, std::vector<std::exception_ptr>& failures) {
    completion_delivery delivery;
    {
        std::lock_guard lock(mutex_);
        delivery = delivery_;
    }
    // The callbacks a delivery may run elsewhere, with their results; the rest run here now.
    auto handed_over = std::make_shared<std::vector<std::pair<write_done, std::exception_ptr>>>();
    for (std::size_t i = 0; i < group.size(); ++i) {
        if (!group[i].done) continue;
        if (delivery && !group[i].done_on_writer_thread) {
            handed_over->emplace_back(std::move(group[i].done), failures[i]);
        } else {
            group[i].done(failures[i]);
        }
    }
    if (handed_over->empty()) return;
    delivery([handed_over] {
        for (auto& [done, failure] : *handed_over) done(failure);
    });
}

}  // namespace cms::persistence

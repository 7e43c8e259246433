#include "persistence/read_pool.hpp"

namespace cms::persistence {

read_pool::read_pool(store& source, std::size_t connections_count) : source_(source) {
    for (std::size_t i = 0; i < connections_count; ++i) idle_.push_back(source.open_read_connection());
}

read_pool::lease::lease(read_pool& pool, std::unique_ptr<read_connection> connection, read_consistency consistency)
    : pool_(pool), connection_(std::move(connection)), snapshot_(consistency == read_consistency::snapshot) {
    if (!snapshot_) return;
    try {
        connection_->begin_snapshot();
    } catch (...) {
        pool_.give_back(std::move(connection_));  // the destructor will not run
        throw;
    }
}

read_pool::lease::~lease() {
    if (snapshot_) connection_->end_snapshot();
    pool_.give_back(std::move(connection_));
}

read_pool::lease read_pool::borrow(read_consistency consistency) {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [this] { return !idle_.empty(); });
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    lock.unlock();
    return lease(*this, std::move(connection), consistency);
}

void read_pool::give_back(std::unique_ptr<read_connection> connection) {
    {
        std::lock_guard lock(mutex_);
        idle_.push_back(std::move(connection));
    }
    available_.notify_one();
}

}  // namespace cms::persistence

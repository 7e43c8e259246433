#include "cms/persistence/read_pool.hpp"

#include "cms/persistence/connection.hpp"

namespace cms::persistence {

read_pool::read_pool(const std::string& path, std::size_t connections_count) {
    for (std::size_t i = 0; i < connections_count; ++i) {
        idle_.push_back(std::make_unique<SQLite::Database>(open_read_connection(path)));
    }
}

read_pool::lease::lease(read_pool& pool, std::unique_ptr<SQLite::Database> connection)
    : pool_(pool), connection_(std::move(connection)) {}

read_pool::lease::~lease() { pool_.give_back(std::move(connection_)); }

read_pool::lease read_pool::borrow() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [this] { return !idle_.empty(); });
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return lease(*this, std::move(connection));
}

void read_pool::give_back(std::unique_ptr<SQLite::Database> connection) {
    {
        std::lock_guard lock(mutex_);
        idle_.push_back(std::move(connection));
    }
    available_.notify_one();
}

}  // namespace cms::persistence

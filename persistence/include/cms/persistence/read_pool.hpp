#pragma once
/// A fixed set of read-only connections, lent out one at a time.
#include <SQLiteCpp/Database.h>

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace cms::persistence {

class read_pool {
public:
    read_pool(const std::string& path, std::size_t connections_count);

    /// A borrowed connection, returned to the pool when this goes out of scope.
    class lease {
    public:
        lease(read_pool& pool, std::unique_ptr<SQLite::Database> connection);
        ~lease();
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;
        SQLite::Database& operator*() { return *connection_; }
        SQLite::Database* operator->() { return connection_.get(); }

    private:
        read_pool& pool_;
        std::unique_ptr<SQLite::Database> connection_;
    };

    /// Waits for a free connection.
    lease borrow();

private:
    void give_back(std::unique_ptr<SQLite::Database> connection);

    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<SQLite::Database>> idle_;
};

}  // namespace cms::persistence

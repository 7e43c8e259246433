#pragma once
/// A fixed set of read connections of one store, lent out one at a time.
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "persistence/store.hpp"

namespace cms::persistence {

/// How the queries of one borrowed connection relate to each other.
enum class read_consistency {
    each_query,  ///< each query sees the latest commit when it runs
    snapshot,    ///< every query sees one committed state (a case, its parents and payments agree)
};

class read_pool {
public:
    read_pool(store& source, std::size_t connections_count);

    /// A borrowed connection, returned to the pool (its snapshot, if any, ended) when this goes
    /// out of scope.
    class lease {
    public:
        lease(read_pool& pool, std::unique_ptr<read_connection> connection, read_consistency consistency);
        ~lease();
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;
        read_view& operator*() { return connection_->view(); }
        read_view* operator->() { return &connection_->view(); }

    private:
        read_pool& pool_;
        std::unique_ptr<read_connection> connection_;
        bool snapshot_;
    };

    /// Waits for a free connection.
    lease borrow(read_consistency consistency = read_consistency::each_query);
    /// The store the connections read.
    const store& source() const { return source_; }

private:
    void give_back(std::unique_ptr<read_connection> connection);

    const store& source_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<read_connection>> idle_;
};

}  // namespace cms::persistence

#pragma once
/// The HTTP/1.1 front door (Boost.Beast, asynchronous, keep-alive). Beast stays behind this
/// pimpl so only http_server.cpp pays its compile cost.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "services/http/api_router.hpp"

namespace cms::services {

/// Every limit has its unit in its name; the defaults suit a caseworker API, not bulk import.
struct http_limits {
    std::size_t body_bytes_max = 64 * 1024;
    std::size_t header_bytes_max = 8 * 1024;
    std::size_t connections_max = 1'024;
    std::size_t requests_per_connection_max = 10'000;
    /// Time a kept-alive connection may wait for the first byte of its next request; an idle
    /// client is disconnected so it does not hold one of `connections_max`.
    std::chrono::seconds idle_seconds_max{60};
    /// Time allowed to receive one whole request (headers and body) from its first byte, so a
    /// slow sender is cut off rather than holding a connection open.
    std::chrono::seconds request_read_seconds_max{30};
    /// Time allowed to send one response.
    std::chrono::seconds response_write_seconds_max{30};
    /// Time allowed to receive a request's whole head (request line and headers) from its first
    /// byte. Shorter than the read limit: a client that trickles its headers a byte at a time
    /// (slowloris) holds a connection this long at most, and a real client sends its head in one go.
    std::chrono::milliseconds header_deadline_ms{10'000};
    /// Open connections from one client address at most; more get 503. One client alone cannot
    /// then fill `connections_max` and shut everyone else out.
    std::size_t connections_per_address_max = 64;
    /// Connections to the admin listener at most (it serves GET /health only).
    std::size_t admin_connections_max = 16;
};

/// A second listener that answers GET /health only (anything else 404), with its own connection
/// limit: the health check stays reachable while the public listener's connections are full.
struct admin_listener {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;  ///< 0 picks a free port (see admin_port())
};

class http_server {
public:
    /// Binds at once (port 0 picks a free port; see bound_port()). Throws if it cannot bind.
    http_server(const std::string& host, std::uint16_t port, http_limits limits, api_router& router,
                const std::optional<admin_listener>& admin = std::nullopt);
    ~http_server();
    http_server(const http_server&) = delete;
    http_server& operator=(const http_server&) = delete;

    std::uint16_t bound_port() const;
    /// The admin listener's port, when there is one.
    std::optional<std::uint16_t> admin_port() const;

    /// Serves on `threads_count` threads until SIGINT or SIGTERM (or stop()); then returns.
    void run(std::size_t threads_count);
    void stop();
    /// Runs `work` on one of the serving threads (the writer hands its committed groups' answers
    /// over this way). Work posted after stop() may never run.
    void post(std::function<void()> work);

    /// Opaque: what sessions share (io_context, limits, router). Defined in http_server.cpp.
    struct state;

private:
    std::unique_ptr<state> state_;
};

}  // namespace cms::services

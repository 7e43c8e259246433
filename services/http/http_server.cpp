#include "services/http/http_server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "persistence/fault_points.hpp"
#include "services/http/http_exchange.hpp"

namespace cms::services {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

/// One listening socket and the connections it has open.
struct listener_state {
    listener_state(asio::io_context& io, std::atomic<std::size_t>& open, bool admin_in)
        : acceptor(io), connections_open(open), admin(admin_in) {}
    tcp::acceptor acceptor;
    std::atomic<std::size_t>& connections_open;
    /// Admin listeners serve GET /health only.
    bool admin = false;
};

struct http_server::state {
    state(http_limits limits_in, api_router& router_in)
        : limits(limits_in), router(router_in), public_listener(io, public_connections_open, false),
          signals(io, SIGINT, SIGTERM) {}
    http_limits limits;
    api_router& router;
    // What a session's destructor touches is declared before io: sessions the io_context still
    // holds when it is destroyed (at a stop) end after everything declared after it has gone.
    std::atomic<std::size_t> public_connections_open{0};
    std::atomic<std::size_t> admin_connections_open{0};
    /// Open public connections per client address (sessions run on several threads).
    std::mutex addresses_mutex;
    std::map<asio::ip::address, std::size_t> connections_by_address;
    asio::io_context io;
    listener_state public_listener;
    std::optional<listener_state> admin_listener;
    asio::signal_set signals;
};

namespace {

class session : public std::enable_shared_from_this<session> {
public:
    /// `address` is counted in connections_by_address already when this is a public connection.
    session(tcp::socket socket, http_server::state& server, listener_state& listener,
            std::optional<asio::ip::address> address)
        : stream_(std::move(socket)), server_(server), connections_open_(listener.connections_open),
          admin_(listener.admin), address_(std::move(address)) {
        ++connections_open_;
    }
    ~session() {
        --connections_open_;
        if (!address_) return;
        const std::lock_guard lock(server_.addresses_mutex);
        if (--server_.connections_by_address[*address_] == 0) server_.connections_by_address.erase(*address_);
    }

    void start() {
        asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_request(); });
    }

private:
    /// Waits up to the idle limit for the first byte of the next request (unless a pipelined
    /// request is already buffered), then gives the whole request the read limit from there:
    /// a quiet keep-alive client and a slow sender are two different limits.
    void read_request() {
        if (buffer_.size() > 0) return read_rest_of_request();
        constexpr std::size_t first_read_bytes_max = 4'096;
        stream_.expires_after(server_.limits.idle_seconds_max);
        stream_.async_read_some(buffer_.prepare(first_read_bytes_max),
                                [self = shared_from_this()](beast::error_code error, std::size_t bytes) {
                                    if (error) return self->close();  // idle too long, or the client left
                                    self->buffer_.commit(bytes);
                                    self->read_rest_of_request();
                                });
    }

    /// The head gets the header deadline and the whole request the read limit, both counted from
    /// the request's first byte, so a trickled head is cut off long before a slow upload.
    void read_rest_of_request() {
        parser_.emplace();
        http_exchange::apply_limits(*parser_, server_.limits);
        request_started_ = std::chrono::steady_clock::now();
        const auto head_time = std::min<std::chrono::steady_clock::duration>(server_.limits.header_deadline_ms,
                                                                             server_.limits.request_read_seconds_max);
        stream_.expires_at(request_started_ + head_time);
        http::async_read_header(stream_, buffer_, *parser_,
                                [self = shared_from_this()](beast::error_code error, std::size_t) {
                                    if (error) return self->on_read(error);
                                    self->read_body();
                                });
    }

    void read_body() {
        if (parser_->is_done()) return on_read({});
        stream_.expires_at(request_started_ + server_.limits.request_read_seconds_max);
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code error, std::size_t) { self->on_read(error); });
    }

    void on_read(beast::error_code error) {
        if (error) {
            if (const auto refusal = http_exchange::read_error_refusal(error, server_.limits)) {
                spdlog::warn("connection refused a request: {} {}", refusal->status, refusal->body);
                return send(*refusal, false);
            }
            return close();  // the client left, or was too slow
        }
        handle_request(parser_->release());
    }

    void handle_request(http::request<http::string_body> request) {
        ++requests_served_;
        // An admin connection serves one request: it exists to be there when others are not.
        keep_alive_ = request.keep_alive() && requests_served_ < server_.limits.requests_per_connection_max &&
                      !admin_;
        const api_request call = http_exchange::to_api_request(std::move(request));
        started_ = std::chrono::steady_clock::now();
        method_ = call.method;
        target_ = call.target;
        if (admin_ && (call.method != "GET" || call.target != "/health")) {
            return write_response(problem_response(404, "not-found", "Not found", "the admin listener serves GET /health only"));
        }
        server_.router.handle(call, [self = shared_from_this()](api_response response) {
            // May run on the writer thread: hop back to this connection's strand. A read answers
            // on the strand already, yet writing it at once was measured slower (case reads
            // 19k -> 13k req/s in the HTTP benchmark): posted, the writes of one round of
            // ready connections go out together.
            asio::post(self->stream_.get_executor(),
                       [self, response = std::move(response)]() mutable { self->write_response(std::move(response)); });
        });
    }

    void write_response(api_response answer) {
        const auto elapsed = std::chrono::steady_clock::now() - started_;
        const auto elapsed_us = std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count();
        if (answer.status >= 500) {
            spdlog::error("{} {} -> {} in {} us", method_, target_, answer.status, elapsed_us);
        } else if (answer.status >= 400) {
            spdlog::warn("{} {} -> {} in {} us: {}", method_, target_, answer.status, elapsed_us, answer.body);
        } else {
            spdlog::info("{} {} -> {} in {} us", method_, target_, answer.status, elapsed_us);
        }
        persistence::fault_point_reached(persistence::fault_point::http_before_send);
        send(answer, keep_alive_);
    }

    void send(const api_response& answer, bool keep_alive) {
        response_ = http_exchange::to_http_response(answer, keep_alive);
        stream_.expires_after(server_.limits.response_write_seconds_max);
        http::async_write(stream_, response_,
                          [self = shared_from_this(), keep_alive](beast::error_code error, std::size_t) {
                              if (error || !keep_alive) return self->close();
                              self->read_request();
                          });
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    beast::tcp_stream stream_;
    http_server::state& server_;
    std::atomic<std::size_t>& connections_open_;
    const bool admin_;
    std::optional<asio::ip::address> address_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::response<http::string_body> response_;
    std::size_t requests_served_ = 0;
    bool keep_alive_ = false;
    std::chrono::steady_clock::time_point started_;
    std::chrono::steady_clock::time_point request_started_;
    std::string method_;
    std::string target_;
};

std::string refusal_text(const std::string& detail) {
    const std::string body = problem_response(503, "overloaded", "Too many connections", detail).body;
    return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\n"
           "Connection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

/// Over a connection limit: a short synchronous 503 and close, so the client learns why.
void refuse_connection(tcp::socket socket, const std::string& refusal) {
    beast::error_code ignored;
    asio::write(socket, asio::buffer(refusal), ignored);
    socket.shutdown(tcp::socket::shutdown_both, ignored);
}

/// Counts a public connection against its address; false when the address is at its limit.
bool admit_address(http_server::state& server, const asio::ip::address& address) {
    const std::lock_guard lock(server.addresses_mutex);
    std::size_t& open = server.connections_by_address[address];
    if (open >= server.limits.connections_per_address_max) return false;
    ++open;
    return true;
}

void admit(http_server::state& server, listener_state& listener, tcp::socket socket) {
    static const std::string full = refusal_text("retry later");
    static const std::string address_full = refusal_text("too many connections from this address; retry later");
    const std::size_t limit = listener.admin ? server.limits.admin_connections_max : server.limits.connections_max;
    if (listener.connections_open.load() >= limit) {
        spdlog::warn("{}connection limit {} reached; refusing a connection", listener.admin ? "admin " : "", limit);
        return refuse_connection(std::move(socket), full);
    }
    if (listener.admin) return std::make_shared<session>(std::move(socket), server, listener, std::nullopt)->start();
    beast::error_code error;
    const tcp::endpoint peer = socket.remote_endpoint(error);
    if (error) return;  // gone already
    if (!admit_address(server, peer.address())) {
        spdlog::warn("{} has {} connections open; refusing another", peer.address().to_string(),
                     server.limits.connections_per_address_max);
        return refuse_connection(std::move(socket), address_full);
    }
    std::make_shared<session>(std::move(socket), server, listener, peer.address())->start();
}

void accept_next(http_server::state& server, listener_state& listener) {
    listener.acceptor.async_accept(asio::make_strand(server.io),
                                   [&server, &listener](beast::error_code error, tcp::socket socket) {
                                       if (error == asio::error::operation_aborted) return;
                                       if (!error) {
                                           admit(server, listener, std::move(socket));
                                       } else {
                                           spdlog::warn("accept failed: {}", error.message());
                                       }
                                       accept_next(server, listener);
                                   });
}

void listen_on(tcp::acceptor& acceptor, const std::string& host, std::uint16_t port) {
    const tcp::endpoint endpoint{asio::ip::make_address(host), port};
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
}

}  // namespace

http_server::http_server(const std::string& host, std::uint16_t port, http_limits limits, api_router& router,
                         const std::optional<admin_listener>& admin)
    : state_(std::make_unique<state>(limits, router)) {
    listen_on(state_->public_listener.acceptor, host, port);
    if (admin) {
        state_->admin_listener.emplace(state_->io, state_->admin_connections_open, true);
        listen_on(state_->admin_listener->acceptor, admin->host, admin->port);
    }
}

http_server::~http_server() = default;

std::uint16_t http_server::bound_port() const { return state_->public_listener.acceptor.local_endpoint().port(); }

std::optional<std::uint16_t> http_server::admin_port() const {
    if (!state_->admin_listener) return std::nullopt;
    return state_->admin_listener->acceptor.local_endpoint().port();
}

void http_server::run(std::size_t threads_count) {
    state_->signals.async_wait([this](beast::error_code error, int signal_number) {
        if (error) return;
        spdlog::info("signal {} received; stopping", signal_number);
        stop();
    });
    accept_next(*state_, state_->public_listener);
    if (state_->admin_listener) accept_next(*state_, *state_->admin_listener);
    std::vector<std::thread> extra_threads;
    for (std::size_t i = 1; i < threads_count; ++i) extra_threads.emplace_back([this] { state_->io.run(); });
    state_->io.run();
    for (auto& thread : extra_threads) thread.join();
}

void http_server::post(std::function<void()> work) { asio::post(state_->io, std::move(work)); }

void http_server::stop() {
    asio::post(state_->io, [this] {
        beast::error_code ignored;
        state_->public_listener.acceptor.close(ignored);
        if (state_->admin_listener) state_->admin_listener->acceptor.close(ignored);
        state_->signals.cancel(ignored);
        state_->io.stop();
    });
}

}  // namespace cms::services

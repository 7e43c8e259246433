#include "services/http/http_server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <optional>
#include <thread>
#include <vector>

#include "persistence/fault_points.hpp"

namespace cms::services {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct http_server::state {
    state(http_limits limits_in, api_router& router_in)
        : limits(limits_in), router(router_in), acceptor(io), signals(io, SIGINT, SIGTERM) {}
    http_limits limits;
    api_router& router;
    asio::io_context io;
    tcp::acceptor acceptor;
    asio::signal_set signals;
    std::atomic<std::size_t> connections_open{0};
};

namespace {

class session : public std::enable_shared_from_this<session> {
public:
    session(tcp::socket socket, http_server::state& server) : stream_(std::move(socket)), server_(server) {
        ++server_.connections_open;
    }
    ~session() { --server_.connections_open; }

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

    void read_rest_of_request() {
        parser_.emplace();
        parser_->body_limit(server_.limits.body_bytes_max);
        parser_->header_limit(static_cast<std::uint32_t>(server_.limits.header_bytes_max));
        stream_.expires_after(server_.limits.request_read_seconds_max);
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code error, std::size_t) {
                             self->on_read(error);
                         });
    }

    void on_read(beast::error_code error) {
        if (error == http::error::end_of_stream) return close();
        if (error == http::error::body_limit) {
            return reply_and_close(413, "body-too-large", "Body too large",
                                   "the body exceeds " + std::to_string(server_.limits.body_bytes_max) + " bytes");
        }
        if (error == http::error::header_limit) {
            return reply_and_close(431, "headers-too-large", "Headers too large",
                                   "the headers exceed " + std::to_string(server_.limits.header_bytes_max) + " bytes");
        }
        if (error == beast::error::timeout) return close();
        if (error) {
            // A malformed request line or header: answer 400 if the socket still works.
            if (error.category() == beast::error_code(http::error::bad_method).category()) {
                return reply_and_close(400, "bad-request", "Bad request", "the HTTP request is malformed");
            }
            return close();
        }
        handle_request(parser_->release());
    }

    void handle_request(http::request<http::string_body> request) {
        ++requests_served_;
        keep_alive_ = request.keep_alive() && requests_served_ < server_.limits.requests_per_connection_max;
        api_request call;
        call.method = std::string(request.method_string());
        call.target = std::string(request.target());
        call.content_type = std::string(request[http::field::content_type]);
        if (const auto key = request.find("Idempotency-Key"); key != request.end()) {
            call.idempotency_key = std::string(key->value());
        }
        if (const auto credentials = request.find(http::field::authorization); credentials != request.end()) {
            call.authorization = std::string(credentials->value());
        }
        call.body = std::move(request.body());
        started_ = std::chrono::steady_clock::now();
        method_ = call.method;
        target_ = call.target;
        server_.router.handle(call, [self = shared_from_this()](api_response response) {
            // May run on the writer thread: hop back to this connection's strand.
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

    void reply_and_close(int status, const std::string& slug, const std::string& title, const std::string& detail) {
        spdlog::warn("connection refused a request: {} {}", status, detail);
        send(to_api_response(make_problem(status, slug, title, detail)), false);
    }

    void send(const api_response& answer, bool keep_alive) {
        response_ = http::response<http::string_body>{static_cast<http::status>(answer.status), 11};
        response_.set(http::field::server, "cms");
        response_.set(http::field::content_type, answer.content_type);
        // RFC 9110 11.6.1: a 401 names the scheme the client must use.
        if (answer.status == 401) response_.set(http::field::www_authenticate, "Bearer realm=\"cms\"");
        response_.keep_alive(keep_alive);
        response_.body() = answer.body;
        response_.prepare_payload();
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
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::response<http::string_body> response_;
    std::size_t requests_served_ = 0;
    bool keep_alive_ = false;
    std::chrono::steady_clock::time_point started_;
    std::string method_;
    std::string target_;
};

void refuse_connection(tcp::socket socket) {
    // Over the connection limit: a short synchronous 503 and close, so the client learns why.
    static const std::string body =
        response_json_text(make_problem(503, "overloaded", "Too many connections", "retry later").body);
    static const std::string refusal =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\n"
        "Connection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    beast::error_code ignored;
    asio::write(socket, asio::buffer(refusal), ignored);
    socket.shutdown(tcp::socket::shutdown_both, ignored);
}

void accept_next(http_server::state& server) {
    server.acceptor.async_accept(asio::make_strand(server.io), [&server](beast::error_code error, tcp::socket socket) {
        if (error == asio::error::operation_aborted) return;
        if (!error) {
            if (server.connections_open.load() >= server.limits.connections_max) {
                spdlog::warn("connection limit {} reached; refusing a connection", server.limits.connections_max);
                refuse_connection(std::move(socket));
            } else {
                std::make_shared<session>(std::move(socket), server)->start();
            }
        } else {
            spdlog::warn("accept failed: {}", error.message());
        }
        accept_next(server);
    });
}

}  // namespace

http_server::http_server(const std::string& host, std::uint16_t port, http_limits limits, api_router& router)
    : state_(std::make_unique<state>(limits, router)) {
    const tcp::endpoint endpoint{asio::ip::make_address(host), port};
    state_->acceptor.open(endpoint.protocol());
    state_->acceptor.set_option(asio::socket_base::reuse_address(true));
    state_->acceptor.bind(endpoint);
    state_->acceptor.listen(asio::socket_base::max_listen_connections);
}

http_server::~http_server() = default;

std::uint16_t http_server::bound_port() const { return state_->acceptor.local_endpoint().port(); }

void http_server::run(std::size_t threads_count) {
    state_->signals.async_wait([this](beast::error_code error, int signal_number) {
        if (error) return;
        spdlog::info("signal {} received; stopping", signal_number);
        stop();
    });
    accept_next(*state_);
    std::vector<std::thread> extra_threads;
    for (std::size_t i = 1; i < threads_count; ++i) extra_threads.emplace_back([this] { state_->io.run(); });
    state_->io.run();
    for (auto& thread : extra_threads) thread.join();
}

void http_server::stop() {
    asio::post(state_->io, [this] {
        beast::error_code ignored;
        state_->acceptor.close(ignored);
        state_->signals.cancel(ignored);
        state_->io.stop();
    });
}

}  // namespace cms::services

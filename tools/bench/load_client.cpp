#include "bench/load_client.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string_view>

namespace cms::bench {

double load_result::requests_per_second() const {
    return elapsed_seconds > 0 ? static_cast<double>(completed + failed) / elapsed_seconds : 0.0;
}

std::uint32_t load_result::latency_percentile_us(double percentile) const {
    if (latencies_us.empty()) return 0;
    // Nearest rank: the smallest value with at least `percentile` % of the values at or below it.
    const double wanted = std::clamp(percentile, 0.0, 100.0) / 100.0 * static_cast<double>(latencies_us.size());
    const auto rank = static_cast<std::size_t>(std::ceil(wanted - 1e-9));
    return latencies_us[std::min(rank == 0 ? 0 : rank - 1, latencies_us.size() - 1)];
}

namespace {

using steady = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr std::size_t initial_buffer_bytes = 16 * 1024;
constexpr std::size_t max_header_bytes = 64 * 1024;
constexpr std::size_t failure_body_bytes = 200;
constexpr auto reconnect_backoff = 10ms;
constexpr auto drain_limit = 5s;
constexpr std::uint32_t timer_tag = std::numeric_limits<std::uint32_t>::max();

bool iequals(std::string_view a, std::string_view b) {  // ASCII header names and tokens
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return (x | 0x20) == (y | 0x20); });
}

bool contains_token(std::string_view list, std::string_view token) {  // case-insensitive
    for (std::size_t i = 0; i + token.size() <= list.size(); ++i)
        if (iequals(list.substr(i, token.size()), token)) return true;
    return false;
}

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    return first == std::string_view::npos ? std::string_view{} : text.substr(first, text.find_last_not_of(" \t") + 1 - first);
}

// idle: connected, no request. busy: a request is being sent and/or its response read.
// broken: a connect failed, retried at retry_at. parked: closed for good (the run is ending).
enum class conn_state { connecting, idle, busy, broken, parked };

struct connection {
    int fd = -1;
    conn_state state = conn_state::parked;
    std::uint64_t generation = 0;  // bumped on every new socket
    bool want_out = false;         // EPOLLOUT is in the interest set
    bool reused = false;           // a response has been completed on this socket
    bool in_free_list = false;
    steady::time_point retry_at{};
    // The request in flight.
    bool has_request = false, retried = false, head_request = false;
    std::string out;
    std::size_t out_sent = 0;
    steady::time_point origin{};  // closed loop: send time; open loop: scheduled time
    // The response being read: unread bytes are in[in_begin, in_end); body bytes are not kept.
    std::vector<char> in;
    std::size_t in_begin = 0, in_end = 0, scan_from = 0;
    bool got_bytes = false, headers_done = false, close_after = false;
    int status = 0;
    std::uint64_t body_left = 0;
    std::string failure_body;  // first bytes of a non-2xx body, only while no failure is noted
};

class engine {
public:
    engine(unsigned short port, std::size_t connections, std::chrono::milliseconds duration, double rate,
           const request_text_maker& make_request)
        : conns_(connections), duration_(duration), rate_(rate), make_(make_request) {
        address_.sin_family = AF_INET;
        address_.sin_port = htons(port);
        address_.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    }
    engine(const engine&) = delete;  // owns descriptors
    ~engine() {
        for (auto& c : conns_)
            if (c.fd >= 0) ::close(c.fd);
        if (timer_ >= 0) ::close(timer_);
        if (epoll_ >= 0) ::close(epoll_);
    }

    load_result run() {
        set_up();
        const double seconds = std::chrono::duration<double>(duration_).count();
        total_ = open() ? static_cast<std::uint64_t>(std::ceil(seconds * rate_ - 1e-9)) : 0;
        result_.latencies_us.reserve(open() ? total_ : static_cast<std::size_t>(std::clamp(seconds * 2e5, 1e3, 16e6)));
        start_ = steady::now();
        stop_ = start_ + duration_;
        deadline_ = stop_ + drain_limit;
        for (auto& c : conns_) become_idle(c, start_);

        std::array<epoll_event, 256> events{};
        auto now = start_;
        while (true) {
            now = steady::now();
            if (open()) dispatch_due(now);
            if (broken_ > 0) retry_broken(now);
            if (sending_done(now) && outstanding_ == 0) break;
            if (now >= deadline_) {
                const auto lost = outstanding_ + (total_ - std::min(total_, next_to_send_));
                note_failure("timeout", (std::to_string(lost) + " requests unanswered 5 s after the run").c_str(), lost);
                break;
            }
            const auto wake = next_wake(now);
            if (wake > now) arm_timer(wake);
            const int n = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), wake > now ? -1 : 0);
            if (n < 0 && errno != EINTR) throw std::runtime_error(std::string("epoll_wait: ") + std::strerror(errno));
            for (int i = 0; i < n; ++i) handle_event(events[static_cast<std::size_t>(i)]);
        }
        result_.elapsed_seconds = std::chrono::duration<double>(now - start_).count();
        std::sort(result_.latencies_us.begin(), result_.latencies_us.end());
        return std::move(result_);
    }

private:
    bool open() const { return rate_ > 0; }

    void set_up() {
        if (conns_.empty()) throw std::runtime_error("load client: at least one connection is needed");
        epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
        timer_ = ::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);  // steady_clock's clock
        if (epoll_ < 0 || timer_ < 0) throw std::runtime_error(std::string("epoll/timerfd: ") + std::strerror(errno));
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u32 = timer_tag;
        ::epoll_ctl(epoll_, EPOLL_CTL_ADD, timer_, &ev);
        free_.reserve(conns_.size());
        for (auto& c : conns_) {  // blocking connects, before the clock starts
            c.fd = open_socket(0);
            if (c.fd < 0 || ::connect(c.fd, reinterpret_cast<const sockaddr*>(&address_), sizeof address_) != 0)
                throw std::runtime_error("load client: connect 127.0.0.1:" + std::to_string(ntohs(address_.sin_port)) +
                                         ": " + std::strerror(errno));
            ::fcntl(c.fd, F_SETFL, ::fcntl(c.fd, F_GETFL) | O_NONBLOCK);
            c.in.resize(initial_buffer_bytes);
            c.state = conn_state::idle;
            watch(c, EPOLL_CTL_ADD, EPOLLIN);
        }
    }

    static int open_socket(int extra_flags) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | extra_flags, 0);
        const int one = 1;
        if (fd >= 0) ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        return fd;
    }
    std::uint32_t index_of(const connection& c) const { return static_cast<std::uint32_t>(&c - conns_.data()); }
    void watch(connection& c, int operation, std::uint32_t events) {
        epoll_event ev{};
        ev.events = events;
        ev.data.u32 = index_of(c);
        ::epoll_ctl(epoll_, operation, c.fd, &ev);
        c.want_out = (events & EPOLLOUT) != 0;
    }
    void want_out(connection& c, bool wanted) {
        if (c.want_out != wanted) watch(c, EPOLL_CTL_MOD, wanted ? EPOLLIN | EPOLLOUT : EPOLLIN);
    }

    steady::time_point scheduled(std::uint64_t i) const {
        return start_ + std::chrono::nanoseconds(std::llround(static_cast<double>(i) * 1e9 / rate_));
    }
    bool sending_done(steady::time_point now) const { return open() ? next_to_send_ >= total_ : now >= stop_; }

    steady::time_point next_wake(steady::time_point now) const {
        auto wake = deadline_;
        if (!sending_done(now)) wake = !open() ? stop_ : free_.empty() ? wake : scheduled(next_to_send_);
        if (broken_ > 0)
            for (const auto& c : conns_)
                if (c.state == conn_state::broken) wake = std::min(wake, c.retry_at);
        return wake;
    }
    void arm_timer(steady::time_point wake) {
        if (wake == armed_) return;  // (re-arming also clears an expiry not yet read)
        armed_ = wake;
        const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(wake.time_since_epoch()).count();
        itimerspec spec{};
        spec.it_value.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
        spec.it_value.tv_nsec = static_cast<long>(ns % 1'000'000'000);
        ::timerfd_settime(timer_, TFD_TIMER_ABSTIME, &spec, nullptr);
    }

    void note_failure(const char* what, const char* detail, std::uint64_t count = 1) {
        result_.failed += count;
        if (result_.first_failure.empty()) result_.first_failure = std::string(what) + ": " + detail;
    }
    void fail_request(connection& c, const char* what, const char* detail) {
        --outstanding_;
        c.has_request = false;
        note_failure(what, detail);
    }

    void begin_request(connection& c, std::uint64_t sequence) {
        c.out = make_(sequence);
        c.origin = open() ? scheduled(sequence) : steady::now();
        c.has_request = true;
        c.retried = false;
        c.head_request = c.out.starts_with("HEAD ");
        ++outstanding_;
        send_request(c);
    }
    void send_request(connection& c) {  // from the start: a new request, or one retried on a new socket
        c.state = conn_state::busy;
        c.out_sent = 0;
        try_send(c);
    }
    void try_send(connection& c) {
        while (c.out_sent < c.out.size()) {
            const auto n = ::send(c.fd, c.out.data() + c.out_sent, c.out.size() - c.out_sent, MSG_NOSIGNAL);
            if (n >= 0) c.out_sent += static_cast<std::size_t>(n);
            else if (errno == EAGAIN || errno == EWOULDBLOCK) return want_out(c, true);
            else if (errno != EINTR) return lost_connection(c, "send", errno, steady::now());
        }
        want_out(c, false);
    }

    void become_idle(connection& c, steady::time_point now) {
        c.state = conn_state::idle;
        if (!open()) {
            if (now < stop_) begin_request(c, next_to_send_++);
        } else if (next_to_send_ < total_ && scheduled(next_to_send_) <= now) {
            begin_request(c, next_to_send_++);
        } else if (!c.in_free_list) {
            c.in_free_list = true;
            free_.push_back(index_of(c));
        }
    }
    void dispatch_due(steady::time_point now) {  // the FIFO queue is the range [next_to_send_, due)
        while (!free_.empty() && next_to_send_ < total_ && scheduled(next_to_send_) <= now) {
            connection& c = conns_[free_.back()];
            free_.pop_back();
            c.in_free_list = false;
            if (c.state == conn_state::idle) begin_request(c, next_to_send_++);
        }
    }

    // A new socket for `c`, which keeps its request (if any) to send once connected.
    void reconnect(connection& c, steady::time_point now) {
        if (c.fd >= 0) ::close(c.fd);
        c.fd = -1;
        ++c.generation;
        c.reused = c.got_bytes = c.headers_done = false;
        c.in_begin = c.in_end = c.scan_from = 0;
        c.failure_body.clear();
        c.state = conn_state::parked;
        if (!c.has_request && sending_done(now)) return;
        c.fd = open_socket(SOCK_NONBLOCK);
        if (c.fd < 0) return connect_failed(c, "socket", errno, now);
        if (::connect(c.fd, reinterpret_cast<const sockaddr*>(&address_), sizeof address_) == 0) {
            watch(c, EPOLL_CTL_ADD, EPOLLIN);
            return connected(c, now);
        }
        if (errno != EINPROGRESS) return connect_failed(c, "connect", errno, now);
        c.state = conn_state::connecting;
        watch(c, EPOLL_CTL_ADD, EPOLLOUT);
    }
    void connected(connection& c, steady::time_point now) { c.has_request ? send_request(c) : become_idle(c, now); }
    void connect_failed(connection& c, const char* what, int error, steady::time_point now) {
        if (c.fd >= 0) ::close(c.fd);
        c.fd = -1;
        if (c.has_request) fail_request(c, what, std::strerror(error));
        else note_failure(what, std::strerror(error));  // a connection error with no request still counts
        c.state = conn_state::broken;
        c.retry_at = now + reconnect_backoff;
        ++broken_;
    }
    void retry_broken(steady::time_point now) {
        for (auto& c : conns_) {
            if (c.state != conn_state::broken || c.retry_at > now) continue;
            --broken_;
            reconnect(c, now);
        }
    }

    // The socket ended (error or EOF) before the response was complete, or while idle.
    void lost_connection(connection& c, const char* what, int error, steady::time_point now) {
        if (c.has_request) {
            if (c.reused && !c.got_bytes && !c.retried) c.retried = true;  // a kept-alive socket the server closed
            else fail_request(c, what, error != 0 ? std::strerror(error) : "connection closed before the response was complete");
        }
        reconnect(c, now);
    }

    void handle_event(const epoll_event& ev) {
        if (ev.data.u32 == timer_tag) {
            std::uint64_t expirations = 0;  // read to clear it; the loop looks at the clock itself
            [[maybe_unused]] const auto got = ::read(timer_, &expirations, sizeof expirations);
            return;
        }
        connection& c = conns_[ev.data.u32];
        if (c.state == conn_state::connecting) {
            int error = 0;
            socklen_t length = sizeof error;
            ::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &length);
            if (error != 0) return connect_failed(c, "connect", error, steady::now());
            want_out(c, false);
            return connected(c, steady::now());
        }
        if (c.state != conn_state::idle && c.state != conn_state::busy) return;
        const auto generation = c.generation;
        if (ev.events & (EPOLLIN | EPOLLERR | EPOLLHUP)) on_readable(c);
        if ((ev.events & EPOLLOUT) && c.generation == generation && c.state == conn_state::busy) try_send(c);
    }

    void on_readable(connection& c) {
        if (c.in_end == c.in.size()) {  // make room: move unread bytes to the front, or grow
            if (c.in_begin == 0) c.in.resize(c.in.size() * 2);
            std::memmove(c.in.data(), c.in.data() + c.in_begin, c.in_end - c.in_begin);
            c.in_end -= c.in_begin;
            c.in_begin = 0;
        }
        const auto n = ::recv(c.fd, c.in.data() + c.in_end, c.in.size() - c.in_end, 0);
        const auto now = steady::now();
        if (n > 0) {
            if (!c.has_request) return reconnect(c, now);  // bytes nobody asked for: start afresh
            c.got_bytes = true;
            c.in_end += static_cast<std::size_t>(n);
            return parse(c, now);
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
        lost_connection(c, "recv", n == 0 ? 0 : errno, now);
    }

    void parse(connection& c, steady::time_point now) {
        while (!c.headers_done) {
            const std::string_view data(c.in.data() + c.in_begin, c.in_end - c.in_begin);
            const auto end = data.find("\r\n\r\n", c.scan_from);
            if (end == std::string_view::npos) {
                if (data.size() > max_header_bytes) return protocol_failure(c, "response headers over 64 KiB", now);
                c.scan_from = data.size() < 3 ? 0 : data.size() - 3;
                return;
            }
            const char* problem = parse_head(c, data.substr(0, end + 2));
            c.in_begin += end + 4;
            c.scan_from = 0;
            if (problem != nullptr) return protocol_failure(c, problem, now);
            c.headers_done = c.status >= 200;  // a 1xx is followed by the final response
        }
        const auto take = static_cast<std::size_t>(std::min<std::uint64_t>(c.body_left, c.in_end - c.in_begin));
        if ((c.status < 200 || c.status > 299) && result_.first_failure.empty())
            c.failure_body.append(c.in.data() + c.in_begin,
                                  std::min(take, failure_body_bytes - std::min(failure_body_bytes, c.failure_body.size())));
        c.in_begin += take;
        c.body_left -= take;
        if (c.body_left == 0) return complete(c, now);
        c.in_begin = c.in_end = 0;  // all read bytes were body
    }

    // Reads the status line and headers (each line ending in CRLF); nullptr, or what is wrong.
    static const char* parse_head(connection& c, std::string_view head) {
        auto line_end = head.find("\r\n");
        std::string_view line = head.substr(0, line_end);
        if (line.size() < 12 || !line.starts_with("HTTP/1.") || line[8] != ' ' ||
            std::from_chars(line.data() + 9, line.data() + 12, c.status).ptr != line.data() + 12)
            return "malformed status line";
        bool keep_alive = line[7] != '0';  // HTTP/1.0 closes unless it says keep-alive
        bool has_length = false;
        c.body_left = 0;
        for (auto at = line_end + 2; at < head.size(); at = line_end + 2) {
            line_end = head.find("\r\n", at);
            line = head.substr(at, line_end - at);
            const auto colon = line.find(':');
            if (colon == std::string_view::npos) continue;
            const auto name = line.substr(0, colon);
            const auto value = trim(line.substr(colon + 1));
            if (iequals(name, "content-length")) {
                const auto parsed = std::from_chars(value.data(), value.data() + value.size(), c.body_left);
                if (value.empty() || parsed.ec != std::errc{} || parsed.ptr != value.data() + value.size())
                    return "invalid Content-Length";
                has_length = true;
            } else if (iequals(name, "transfer-encoding") && !iequals(value, "identity")) {
                return "Transfer-Encoding (chunked) responses are not supported: the load client needs Content-Length";
            } else if (iequals(name, "connection")) {
                if (contains_token(value, "close")) keep_alive = false;
                else if (contains_token(value, "keep-alive")) keep_alive = true;
            }
        }
        c.close_after = !keep_alive;
        if (c.status < 200) return nullptr;
        if (c.head_request || c.status == 204 || c.status == 304) c.body_left = 0;
        else if (!has_length) return "response without Content-Length";
        return nullptr;
    }

    void protocol_failure(connection& c, const char* problem, steady::time_point now) {
        fail_request(c, "protocol", problem);
        reconnect(c, now);  // the stream's framing is lost
    }

    void complete(connection& c, steady::time_point now) {
        const auto us = std::chrono::duration_cast<std::chrono::microseconds>(now - c.origin).count();
        result_.latencies_us.push_back(
            static_cast<std::uint32_t>(std::clamp<std::int64_t>(us, 0, std::numeric_limits<std::uint32_t>::max())));
        if (c.status >= 200 && c.status <= 299) ++result_.completed;
        else note_failure(("HTTP " + std::to_string(c.status)).c_str(), c.failure_body.c_str());
        c.failure_body.clear();
        --outstanding_;
        c.has_request = false;
        c.reused = true;
        c.got_bytes = c.headers_done = false;
        // Bytes beyond the response (nobody asked for them) or an unsent request body end the socket too.
        const bool must_close = c.close_after || c.in_begin != c.in_end || c.out_sent < c.out.size();
        c.in_begin = c.in_end = 0;
        if (must_close) return reconnect(c, now);
        become_idle(c, now);
    }

    std::vector<connection> conns_;
    std::chrono::milliseconds duration_;
    double rate_;  // open loop: requests per second; 0 for the closed loop
    const request_text_maker& make_;
    sockaddr_in address_{};
    int epoll_ = -1, timer_ = -1;
    steady::time_point start_{}, stop_{}, deadline_{}, armed_{};
    std::uint64_t total_ = 0;          // open loop: requests to schedule
    std::uint64_t next_to_send_ = 0;   // the next sequence number (open loop: the head of the queue)
    std::uint64_t outstanding_ = 0;    // requests started and not yet answered or failed
    std::size_t broken_ = 0;           // connections waiting to retry a connect
    std::vector<std::uint32_t> free_;  // open loop: idle connections (may hold stale entries)
    load_result result_;
};

}  // namespace

load_result run_closed_loop(unsigned short port, std::size_t connections, std::chrono::milliseconds duration,
                            const request_text_maker& make_request) {
    return engine(port, connections, duration, 0, make_request).run();
}

load_result run_open_loop(unsigned short port, std::size_t connections, double rate_per_second,
                          std::chrono::milliseconds duration, const request_text_maker& make_request) {
    if (!(rate_per_second > 0) || !std::isfinite(rate_per_second))
        throw std::runtime_error("load client: the rate must be a positive number of requests per second");
    return engine(port, connections, duration, rate_per_second, make_request).run();
}

}  // namespace cms::bench

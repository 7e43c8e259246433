#pragma once
// A bare loopback TCP connection for tests that misbehave on purpose (trickling bytes, staying
// idle, holding connections), which a well-behaved HTTP client cannot do.
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>

#include <chrono>
#include <stdexcept>
#include <string>

namespace cms::testing {

class raw_socket {
public:
    /// `source` picks the client's own loopback address (any of 127.0.0.0/8), so a test can be
    /// several clients, as the per-address connection limit sees them.
    explicit raw_socket(unsigned short port, const char* source = nullptr) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
        if (fd_ < 0) throw std::runtime_error("socket failed");
        if (source != nullptr) {
            sockaddr_in local{};
            local.sin_family = AF_INET;
            inet_pton(AF_INET, source, &local.sin_addr);
            if (bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
                close(fd_);
                throw std::runtime_error("bind to the source address failed");
            }
        }
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            close(fd_);
            throw std::runtime_error("connect failed");
        }
    }
    ~raw_socket() { close(fd_); }
    raw_socket(const raw_socket&) = delete;
    raw_socket& operator=(const raw_socket&) = delete;

    /// False once the peer has closed or reset the connection.
    bool send_text(const std::string& text) {
        return send(fd_, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size());
    }

    /// Reads what arrives within `wait` and reports whether the peer closed the connection.
    struct received {
        std::string text;
        bool closed = false;
    };
    received receive_for(std::chrono::milliseconds wait) {
        return receive_until([](const std::string&) { return false; }, wait);
    }

    /// Reads until one whole response has arrived (its headers and Content-Length bytes of body),
    /// the peer closes, or `deadline` passes: the wait ends at the event, the deadline only bounds it.
    received receive_response(std::chrono::milliseconds deadline) {
        return receive_until(
            [](const std::string& text) {
                const auto headers_end = text.find("\r\n\r\n");
                if (headers_end == std::string::npos) return false;
                std::size_t body_bytes = 0;
                const auto length = text.find("Content-Length: ");
                if (length != std::string::npos && length < headers_end) body_bytes = std::stoul(text.substr(length + 16));
                return text.size() >= headers_end + 4 + body_bytes;
            },
            deadline);
    }

private:
    /// Reads until `complete(text so far)`, the peer closes, or `deadline` passes.
    template <class Complete>
    received receive_until(Complete complete, std::chrono::milliseconds deadline) {
        received got;
        const auto give_up_at = std::chrono::steady_clock::now() + deadline;
        while (!complete(got.text)) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(give_up_at - std::chrono::steady_clock::now());
            if (left.count() <= 0) break;
            pollfd ready{fd_, POLLIN, 0};
            if (poll(&ready, 1, static_cast<int>(left.count()) + 1) <= 0) continue;
            char buffer[4096];
            const ssize_t count = recv(fd_, buffer, sizeof buffer, 0);
            if (count <= 0) {
                got.closed = true;
                break;
            }
            got.text.append(buffer, static_cast<std::size_t>(count));
        }
        return got;
    }

    int fd_;
};

}  // namespace cms::testing

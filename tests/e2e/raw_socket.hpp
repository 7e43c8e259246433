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
    explicit raw_socket(unsigned short port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
        if (fd_ < 0) throw std::runtime_error("socket failed");
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
        received got;
        const auto deadline = std::chrono::steady_clock::now() + wait;
        while (std::chrono::steady_clock::now() < deadline) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            pollfd ready{fd_, POLLIN, 0};
            if (poll(&ready, 1, static_cast<int>(left.count()) + 1) <= 0) continue;
            char buffer[4096];
            const ssize_t count = recv(fd_, buffer, sizeof buffer, 0);
            if (count <= 0) {
                got.closed = true;
                return got;
            }
            got.text.append(buffer, static_cast<std::size_t>(count));
        }
        return got;
    }

private:
    int fd_;
};

}  // namespace cms::testing

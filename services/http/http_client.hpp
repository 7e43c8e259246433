#pragma once
/// A minimal blocking HTTP/1.1 client (Boost.Beast), one keep-alive connection; it reconnects
/// when the server closed the connection. The one Beast client of the project: the end-to-end
/// tests and `cms replay --against` (services/replay/http_replay.hpp) both use it, so Beast is
/// compiled once more, here, and not in every user (the header names no Beast type).
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>

namespace cms::services {

struct http_reply {
    int status = 0;
    std::string content_type;
    std::string body;
    std::string www_authenticate;  ///< the WWW-Authenticate header, when sent
    nlohmann::json json() const { return nlohmann::json::parse(body); }
};

class http_client {
public:
    /// With a bearer token, every request carries "Authorization: Bearer <token>" unless the
    /// call passes its own Authorization header.
    explicit http_client(unsigned short port, std::string bearer_token = {});
    /// The same, to `host` (an IP address, or a name the resolver knows).
    http_client(std::string host, unsigned short port, std::string bearer_token);
    ~http_client();

    http_reply get(const std::string& target, const std::map<std::string, std::string>& headers = {});
    http_reply post(const std::string& target, const std::string& body,
                    const std::map<std::string, std::string>& headers = {});
    /// The raw text of a request is sent as is, for malformed-request tests.
    http_reply send_raw(const std::string& request_text);

private:
    http_reply request(const std::string& method, const std::string& target, const std::string& body,
                       const std::map<std::string, std::string>& headers);
    struct connection;
    std::string host_ = "127.0.0.1";
    unsigned short port_;
    std::string bearer_token_;
    std::unique_ptr<connection> connection_;
};

}  // namespace cms::services

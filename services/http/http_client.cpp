#include "services/http/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace cms::services {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct http_client::connection {
    asio::io_context io;
    beast::tcp_stream stream{io};
    beast::flat_buffer buffer;
    bool open = false;
};

http_client::http_client(unsigned short port, std::string bearer_token)
    : port_(port), bearer_token_(std::move(bearer_token)), connection_(std::make_unique<connection>()) {}
http_client::http_client(std::string host, unsigned short port, std::string bearer_token)
    : host_(std::move(host)), port_(port), bearer_token_(std::move(bearer_token)),
      connection_(std::make_unique<connection>()) {}
http_client::~http_client() = default;

namespace {

void ensure_open(asio::io_context& io, beast::tcp_stream& stream, bool& open, const std::string& host,
                 unsigned short port) {
    if (open) return;
    tcp::resolver resolver(io);
    stream.connect(resolver.resolve(host, std::to_string(port)));
    open = true;
}

http_reply read_reply(beast::tcp_stream& stream, beast::flat_buffer& buffer, bool& open) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(16 * 1024 * 1024);
    http::read(stream, buffer, parser);
    auto response = parser.release();
    if (!response.keep_alive()) {
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream.close();
        open = false;
        buffer.clear();
    }
    return http_reply{static_cast<int>(response.result_int()), std::string(response[http::field::content_type]),
                      response.body(), std::string(response[http::field::www_authenticate])};
}

}  // namespace

http_reply http_client::request(const std::string& method, const std::string& target, const std::string& body,
                                const std::map<std::string, std::string>& headers) {
    auto& c = *connection_;
    ensure_open(c.io, c.stream, c.open, host_, port_);
    http::request<http::string_body> message{http::string_to_verb(method), target, 11};
    message.set(http::field::host, host_);
    message.keep_alive(true);
    if (method == "POST") message.set(http::field::content_type, "application/json");
    if (!bearer_token_.empty()) message.set(http::field::authorization, "Bearer " + bearer_token_);
    for (const auto& [name, value] : headers) message.set(name, value);
    message.body() = body;
    message.prepare_payload();
    http::write(c.stream, message);
    return read_reply(c.stream, c.buffer, c.open);
}

http_reply http_client::get(const std::string& target, const std::map<std::string, std::string>& headers) {
    return request("GET", target, "", headers);
}

http_reply http_client::post(const std::string& target, const std::string& body,
                             const std::map<std::string, std::string>& headers) {
    return request("POST", target, body, headers);
}

http_reply http_client::send_raw(const std::string& request_text) {
    auto& c = *connection_;
    ensure_open(c.io, c.stream, c.open, host_, port_);
    asio::write(c.stream.socket(), asio::buffer(request_text));
    return read_reply(c.stream, c.buffer, c.open);
}

}  // namespace cms::services

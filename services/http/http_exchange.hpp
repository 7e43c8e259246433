#pragma once
/// One HTTP exchange without a socket: Beast's parsed request to the router's api_request, a read
/// error to its refusal, and an api_response to Beast's response. The server and the HTTP fuzz
/// target both use these, so the fuzzer drives the very mapping the server runs. Beast is heavy:
/// include this only where Beast already is (http_server.cpp, the fuzz target).
#include <boost/beast/core/error.hpp>
#include <boost/beast/http.hpp>

#include <optional>
#include <string>

#include "services/http/api_router.hpp"
#include "services/http/http_server.hpp"

namespace cms::services::http_exchange {

namespace http = boost::beast::http;

/// The parser a request is read with, its limits set from `limits`.
inline void apply_limits(http::request_parser<http::string_body>& parser, const http_limits& limits) {
    parser.body_limit(limits.body_bytes_max);
    parser.header_limit(static_cast<std::uint32_t>(limits.header_bytes_max));
}

/// What the router needs of a request; the header values are passed on as bytes, and the router
/// refuses any that it cannot use (api_router.cpp), so the rule lives without Beast.
inline api_request to_api_request(http::request<http::string_body>&& request) {
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
    return call;
}

/// The answer to a request that could not be read, or nothing when the connection should just be
/// closed (the client left, or was too slow: nobody is listening for an answer).
inline std::optional<api_response> read_error_refusal(boost::beast::error_code error, const http_limits& limits) {
    if (error == http::error::body_limit) {
        return problem_response(413, "body-too-large", "Body too large",
                                "the body exceeds " + std::to_string(limits.body_bytes_max) + " bytes");
    }
    if (error == http::error::header_limit) {
        return problem_response(431, "headers-too-large", "Headers too large",
                                "the headers exceed " + std::to_string(limits.header_bytes_max) + " bytes");
    }
    // A malformed request line or header: answer 400 if the socket still works.
    if (error.category() == boost::beast::error_code(http::error::bad_method).category() &&
        error != http::error::end_of_stream && error != http::error::partial_message) {
        return problem_response(400, "bad-request", "Bad request", "the HTTP request is malformed");
    }
    return std::nullopt;
}

inline http::response<http::string_body> to_http_response(const api_response& answer, bool keep_alive) {
    http::response<http::string_body> response{static_cast<http::status>(answer.status), 11};
    response.set(http::field::server, "cms");
    response.set(http::field::content_type, answer.content_type);
    // RFC 9110 11.6.1: a 401 names the scheme the client must use.
    if (answer.status == 401) response.set(http::field::www_authenticate, "Bearer realm=\"cms\"");
    if (!answer.allow.empty()) response.set(http::field::allow, answer.allow);
    response.keep_alive(keep_alive);
    response.body() = answer.body;
    response.prepare_payload();
    return response;
}

}  // namespace cms::services::http_exchange

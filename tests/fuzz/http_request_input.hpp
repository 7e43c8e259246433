#pragma once
// What the HTTP fuzz target does with one input, shared by its libFuzzer entry point
// (http_request_fuzz.cpp) and the regression test that replays its corpus and saved findings in
// the normal test run (tests/http/http_fuzz_regression_test.cpp): raw bytes through the whole
// request path without a socket. Beast's parser reads the bytes with the server's limits; a read
// error becomes the server's refusal, a request goes through the real router (header checks,
// query parameters, the strict JSON reader and the command parsers) to a response rendered as
// the server renders it.
//
// The contract: every input ends in one well-formed response or a quiet close, never a crash,
// an escaped exception or a 500, and every answer is valid UTF-8 JSON. A breach throws
// http_input_breach (the fuzz entry point turns it into an abort, which libFuzzer reports).
// GCC 12 with the sanitizers reports -Wmaybe-uninitialized inside Beast's basic_parser (a
// boost::optional returned empty), instantiated here by parser.put(); the warning is about
// Boost's code, so it is silenced for those headers only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "services/wire/command_parsing.hpp"
#include "services/http/http_exchange.hpp"
#include "services/wire/json_fields.hpp"

namespace cms::fuzz {

struct http_input_breach : std::logic_error {
    using std::logic_error::logic_error;
};

namespace http_input_detail {

using namespace cms::services;
namespace http = boost::beast::http;

/// Routes shaped like the real ones, with the real parsers and no database: each answers with
/// what it parsed, so the rendering of parsed input is fuzzed too.
inline api_router make_router() {
    api_router router;
    const cms::core::case_limits limits{};
    const auto command = [](auto parse) {
        return [parse](const api_request& request, const route_context& route, const response_callback& respond) {
            if (auto refused = check_command_headers(request)) return respond(*refused);
            const nlohmann::json body = parse_json_body(request.body);
            parse(body, route);
            respond(json_answer(201, body));
        };
    };
    router.add({"GET", "/health", access_family::public_health,
                [](const api_request&, const route_context&, const response_callback& respond) {
                    respond(json_answer(200, {{"status", "ok"}}));
                }});
    router.add({"POST", "/v1/parents", access_family::case_write,
                command([limits](const nlohmann::json& body, const route_context&) { (void)parse_register_parent(body, limits); })});
    router.add({"POST", "/v1/cases", access_family::case_write,
                command([limits](const nlohmann::json& body, const route_context&) { (void)parse_open_case(body, limits); })});
    router.add({"POST", "/v1/cases/{id}/payments", access_family::payment_write,
                command([limits](const nlohmann::json& body, const route_context& route) {
                    (void)parse_record_payment(body, cms::core::case_id{route.path_ids[0]}, limits);
                })});
    router.add({"GET", "/v1/cases/{id}/balance", access_family::case_read,
                [](const api_request&, const route_context& route, const response_callback& respond) {
                    const auto as_of = query_as_of(route.query, *cms::core::parse_iso_date("2025-03-01"));
                    respond(json_answer(200, {{"as_of", cms::core::format_iso_date(as_of)}}));
                },
                {"as_of"}});
    return router;
}

inline void check_rendered(const api_response& answer, bool keep_alive) {
    // A 500 is a bug: every bad input has its refusal.
    if (answer.status >= 500) throw http_input_breach("answered " + std::to_string(answer.status) + ": " + answer.body);
    if (!nlohmann::json::accept(answer.body)) throw http_input_breach("the answer is not JSON: " + answer.body);
    std::ostringstream wire;
    wire << http_exchange::to_http_response(answer, keep_alive);
    if (wire.str().rfind("HTTP/1.1 ", 0) != 0) throw http_input_breach("the answer is not an HTTP/1.1 response");
}

}  // namespace http_input_detail

/// One input through the request path; throws http_input_breach when the contract is broken.
inline void exercise_http_request(std::string_view bytes) {
    using namespace http_input_detail;
    static api_router router = make_router();
    static const http_limits limits{};
    http::request_parser<http::string_body> parser;
    http_exchange::apply_limits(parser, limits);
    parser.eager(true);
    boost::beast::error_code error;
    parser.put(boost::asio::buffer(bytes.data(), bytes.size()), error);
    if (!error && !parser.is_done()) parser.put_eof(error);
    if (error) {
        if (const auto refusal = http_exchange::read_error_refusal(error, limits)) check_rendered(*refusal, false);
        return;
    }
    if (!parser.is_done()) return;  // a partial request: the server would wait, then close
    const bool keep_alive = parser.get().keep_alive();
    int answers = 0;
    router.handle(http_exchange::to_api_request(parser.release()), [&answers, keep_alive](api_response answer) {
        ++answers;
        check_rendered(answer, keep_alive);
    });
    // Exactly one answer, synchronously here (no writer thread).
    if (answers != 1) throw http_input_breach("answered " + std::to_string(answers) + " times");
}

}  // namespace cms::fuzz

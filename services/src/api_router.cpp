#include "cms/services/api_router.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <limits>
#include <string_view>
#include <vector>

#include "cms/services/json_fields.hpp"

namespace cms::services {

namespace {

constexpr std::size_t idempotency_key_bytes_max = 128;
const char* const actor_until_authentication = "unauthenticated";

std::vector<std::string_view> path_segments(std::string_view target) {
    const auto query_start = target.find('?');
    std::string_view path = target.substr(0, query_start);
    std::vector<std::string_view> segments;
    while (!path.empty()) {
        if (path.front() == '/') {
            path.remove_prefix(1);
            continue;
        }
        const auto end = path.find('/');
        segments.push_back(path.substr(0, end));
        path.remove_prefix(end == std::string_view::npos ? path.size() : end);
    }
    return segments;
}

/// A positive id from a path segment; anything else (letters, zero, overflow) is no id.
std::optional<std::int64_t> parse_id(std::string_view text) {
    std::int64_t value = 0;
    if (text.empty() || text.front() == '-' || text.front() == '+') return std::nullopt;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc{} || result.ptr != text.data() + text.size() || value < 1) return std::nullopt;
    return value;
}

api_response problem_response(int status, const std::string& slug, const std::string& title,
                              const std::string& detail, const std::string& field = {}) {
    return to_api_response(make_problem(status, slug, title, detail, field));
}

/// Checks what every command needs before its body is read: JSON content and a usable key.
std::optional<api_response> check_command_headers(const api_request& request) {
    if (request.content_type.rfind("application/json", 0) != 0) {
        return problem_response(415, "unsupported-media-type", "Unsupported media type",
                                "commands are sent as application/json", "Content-Type");
    }
    if (!request.idempotency_key) {
        return problem_response(400, "missing-idempotency-key", "Missing idempotency key",
                                "every command needs an Idempotency-Key header chosen by the client",
                                "Idempotency-Key");
    }
    const std::string& key = *request.idempotency_key;
    bool printable = !key.empty() && key.size() <= idempotency_key_bytes_max;
    for (const unsigned char c : key) printable = printable && c > 0x20 && c < 0x7f;
    if (!printable) {
        return problem_response(400, "invalid-idempotency-key", "Invalid idempotency key",
                                "must be 1 to 128 visible ASCII characters", "Idempotency-Key");
    }
    return std::nullopt;
}

}  // namespace

api_response to_api_response(const command_outcome& outcome) {
    return api_response{outcome.status,
                        outcome.is_problem() ? "application/problem+json" : "application/json",
                        outcome.body.dump()};
}

api_router::api_router(case_service& cases, const business_clock& clock) : cases_(cases), clock_(clock) {}

void api_router::handle(const api_request& request, response_callback respond) {
    // Guard so a handler that throws after answering cannot answer twice.
    auto answered = std::make_shared<bool>(false);
    response_callback once = [answered, respond](api_response response) {
        if (*answered) return;
        *answered = true;
        respond(std::move(response));
    };
    try {
        dispatch(request, once);
    } catch (const field_error& error) {
        once(problem_response(400, "invalid-request", "Invalid request",
                              (error.field().empty() ? std::string() : error.field() + " ") + error.what(),
                              error.field()));
    } catch (const std::exception& error) {
        spdlog::error("{} {} failed: {}", request.method, request.target, error.what());
        once(problem_response(500, "internal", "Internal error", "the request could not be completed"));
    }
}

void api_router::dispatch(const api_request& request, const response_callback& respond) {
    const auto segments = path_segments(request.target);
    const bool is_get = request.method == "GET";
    const bool is_post = request.method == "POST";
    const auto outcome_to_response = [respond](command_outcome outcome) {
        respond(to_api_response(outcome));
    };
    const auto command = [&](auto&& run) {
        if (auto refused = check_command_headers(request)) return respond(*refused);
        const nlohmann::json body = parse_json_body(request.body);
        run(body, command_context{*request.idempotency_key, actor_until_authentication});
    };
    const auto method_not_allowed = [&](const char* allowed) {
        respond(problem_response(405, "method-not-allowed", "Method not allowed",
                                 std::string("this resource allows ") + allowed));
    };

    if (segments.size() == 1 && segments[0] == "health") {
        if (!is_get) return method_not_allowed("GET");
        return respond(api_response{200, "application/json",
                                    nlohmann::json{{"status", "ok"},
                                                   {"business_date", core::format_iso_date(clock_.today())}}
                                        .dump()});
    }
    if (segments.size() >= 2 && segments[0] == "v1" && segments[1] == "parents") {
        if (segments.size() == 2) {
            if (!is_post) return method_not_allowed("POST");
            return command([&](const nlohmann::json& body, const command_context& context) {
                cases_.register_parent(body, context, outcome_to_response);
            });
        }
        if (segments.size() == 3) {
            if (!is_get) return method_not_allowed("GET");
            const auto id = parse_id(segments[2]);
            if (!id) return respond(problem_response(404, "not-found", "Not found", "no parent with this id", "parent_id"));
            return respond(to_api_response(cases_.get_parent(core::parent_id{*id})));
        }
    }
    if (segments.size() >= 2 && segments[0] == "v1" && segments[1] == "cases") {
        if (segments.size() == 2) {
            if (!is_post) return method_not_allowed("POST");
            return command([&](const nlohmann::json& body, const command_context& context) {
                cases_.open_case(body, context, outcome_to_response);
            });
        }
        const auto id = parse_id(segments[2]);
        if (!id) return respond(problem_response(404, "not-found", "Not found", "no case with this id", "case_id"));
        if (segments.size() == 3) {
            if (!is_get) return method_not_allowed("GET");
            return respond(to_api_response(cases_.get_case(core::case_id{*id})));
        }
        if (segments.size() == 4 && segments[3] == "payments") {
            if (!is_post) return method_not_allowed("POST");
            return command([&](const nlohmann::json& body, const command_context& context) {
                cases_.record_payment(core::case_id{*id}, body, context, outcome_to_response);
            });
        }
    }
    respond(problem_response(404, "not-found", "Not found", "no such resource"));
}

}  // namespace cms::services

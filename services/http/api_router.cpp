#include "services/http/api_router.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <string_view>
#include <variant>

#include "services/wire/json_fields.hpp"
#include "services/wire/json_text.hpp"

namespace cms::services {

namespace {

constexpr std::size_t idempotency_key_bytes_max = 128;

std::vector<std::string_view> split_path(std::string_view path) {
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
    // Canonical digits only: "01" or "+1" naming case 1 would give one resource many URLs.
    if (text.empty() || text.front() < '1' || text.front() > '9') return std::nullopt;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc{} || result.ptr != text.data() + text.size() || value < 1) return std::nullopt;
    return value;
}

/// Matches a path against a pattern; the ids of its "{...}" segments ("{id}", "{action_id}") on
/// success, in order.
std::optional<std::vector<std::int64_t>> match(const std::vector<std::string>& pattern,
                                               const std::vector<std::string_view>& path) {
    if (pattern.size() != path.size()) return std::nullopt;
    std::vector<std::int64_t> ids;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (!pattern[i].empty() && pattern[i].front() == '{') {
            const auto id = parse_id(path[i]);
            if (!id) return std::nullopt;
            ids.push_back(*id);
        } else if (pattern[i] != path[i]) {
            return std::nullopt;
        }
    }
    return ids;
}

api_response invalid_key_problem() {
    return problem_response(400, "invalid-idempotency-key", "Invalid idempotency key",
                            "must be 1 to " + std::to_string(idempotency_key_bytes_max) + " visible ASCII characters",
                            "Idempotency-Key");
}

/// The header values the service reads hold keys and tokens of ours, all printable ASCII. HTTP
/// lets a value carry other bytes (obs-text), so these are refused here, on every route, with a
/// problem naming the header: such a byte must never reach a log, a journal or an answer.
std::optional<api_response> refuse_unreadable_headers(const api_request& request) {
    const auto printable = [](const std::string& text) {
        return std::all_of(text.begin(), text.end(), [](unsigned char c) { return c >= 0x20 && c < 0x7f; });
    };
    if (request.idempotency_key && !printable(*request.idempotency_key)) return invalid_key_problem();
    if (request.authorization && !printable(*request.authorization)) {
        return problem_response(400, "invalid-authorization", "Invalid Authorization header",
                                "must be Bearer and a token, in printable ASCII", "Authorization");
    }
    return std::nullopt;
}

/// Refuses a query parameter the route does not read, or one given twice.
void check_query_parameters(std::string_view query, const std::vector<std::string>& known) {
    std::vector<std::string_view> seen;
    while (!query.empty()) {
        const auto end = query.find('&');
        const std::string_view pair = query.substr(0, end);
        const std::string_view name = pair.substr(0, pair.find('='));
        query.remove_prefix(end == std::string_view::npos ? query.size() : end + 1);
        if (pair.empty()) continue;
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            throw field_error(std::string(name), known.empty() ? "is not a parameter of this resource (it takes none)"
                                                               : "is not a parameter of this resource");
        }
        if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
            throw field_error(std::string(name), "is given more than once");
        }
        seen.push_back(name);
    }
}

}  // namespace

std::string response_json_text(const nlohmann::json& body) { return write_json_text(body); }

api_response json_answer(int status, const nlohmann::json& body) {
    return api_response{status, "application/json", response_json_text(body)};
}

api_response problem_response(int status, const std::string& type_slug, const std::string& title,
                              const std::string& detail, const std::string& field) {
    nlohmann::json body = {
        {"type", "urn:cms:problem:" + type_slug},
        {"title", title},
        {"status", status},
        {"detail", detail},
    };
    if (!field.empty()) body["field"] = field;
    return api_response{status, "application/problem+json", response_json_text(body)};
}

api_response to_api_response(const refusal& refused) {
    struct problem_kind {
        int status;
        const char* title;
    };
    const problem_kind kind = [&]() -> problem_kind {
        switch (refused.kind) {
            case refusal_kind::invalid_request: return {400, "Invalid request"};
            case refusal_kind::invalid_field: return {422, "Invalid field"};
            case refusal_kind::not_found: return {404, "Not found"};
            case refusal_kind::conflicting_state: return {409, "Conflicting state"};
            case refusal_kind::key_reused: return {409, "Idempotency key reused"};
            case refusal_kind::job_running: return {409, "A job is running"};
            case refusal_kind::real_clock: return {409, "Real clock"};
            case refusal_kind::clock_backwards: return {422, "Clock cannot go back"};
            case refusal_kind::four_eyes: return {403, "Approval refused"};
            case refusal_kind::role_may_not_decide: return {403, "Approval refused"};
            case refusal_kind::overloaded: return {503, "Service overloaded"};
            case refusal_kind::job_not_started: return {503, "Job not started"};
            case refusal_kind::internal: break;
        }
        return {500, "Internal error"};
    }();
    return problem_response(kind.status, problem_type_of(refused.kind), kind.title, refused.detail, refused.field);
}

int status_of(answer_kind kind) {
    switch (kind) {
        case answer_kind::ok: return 200;
        case answer_kind::created: return 201;
        case answer_kind::accepted: return 202;
    }
    return 200;
}

api_response to_api_response(const command_outcome& outcome) {
    if (const refusal* refused = refusal_of(outcome)) return to_api_response(*refused);
    const answer& accepted = std::get<answer>(outcome);
    return api_response{status_of(accepted.kind), "application/json", accepted.body_json};
}

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
    if (!printable) return invalid_key_problem();
    return std::nullopt;
}

std::optional<std::string> query_parameter(const std::string& query, const std::string& name) {
    std::string_view rest = query;
    while (!rest.empty()) {
        const auto end = rest.find('&');
        const std::string_view pair = rest.substr(0, end);
        const auto equals = pair.find('=');
        if (pair.substr(0, equals) == name) {
            return equals == std::string_view::npos ? std::string() : std::string(pair.substr(equals + 1));
        }
        rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    }
    return std::nullopt;
}

std::int64_t query_integer(const std::string& query, const std::string& name, std::int64_t min, std::int64_t max,
                           std::int64_t fallback) {
    const auto text = query_parameter(query, name);
    if (!text) return fallback;
    std::int64_t value = 0;
    const auto result = std::from_chars(text->data(), text->data() + text->size(), value);
    if (text->empty() || result.ec != std::errc{} || result.ptr != text->data() + text->size() || value < min ||
        value > max) {
        throw field_error(name, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    }
    return value;
}

std::optional<core::civil_date> query_date(const std::string& query, const std::string& name) {
    const auto text = query_parameter(query, name);
    if (!text) return std::nullopt;
    const auto parsed = core::parse_iso_date(*text);
    if (!parsed) throw field_error(name, "must be a real date written YYYY-MM-DD");
    return parsed;
}

core::civil_date query_as_of(const std::string& query, core::civil_date business_date) {
    const auto as_of = query_date(query, "as_of");
    if (!as_of) return business_date;
    if (*as_of > business_date) {
        throw field_error("as_of", "must not be after the business date " + core::format_iso_date(business_date));
    }
    return *as_of;
}

api_router::api_router()
    : access_([](const api_request&, access_family) -> std::variant<api_response, granted_actor> {
          return granted_actor{"unauthenticated", std::nullopt};
      }) {}

void api_router::add(route entry) {
    std::vector<std::string> segments;
    for (const std::string_view segment : split_path(entry.pattern)) segments.emplace_back(segment);
    route_segments_.push_back(std::move(segments));
    routes_.push_back(std::move(entry));
}

void api_router::set_access_check(access_check check) { access_ = std::move(check); }

void api_router::handle(const api_request& request, response_callback respond) const {
    // Guard so a handler that throws after answering cannot answer twice.
    auto answered = std::make_shared<bool>(false);
    response_callback once = [answered, respond](api_response response) {
        if (*answered) return;
        *answered = true;
        respond(std::move(response));
    };
    std::string actor;  // known once access is granted; named in the refusal log below
    if (auto refused = refuse_unreadable_headers(request)) return once(std::move(*refused));
    try {
        const auto query_start = request.target.find('?');
        const auto path = split_path(std::string_view(request.target).substr(0, query_start));
        std::string allowed;
        for (std::size_t route_index = 0; route_index < routes_.size(); ++route_index) {
            const route& entry = routes_[route_index];
            const auto ids = match(route_segments_[route_index], path);
            if (!ids) continue;
            if (entry.method != request.method) {
                if (allowed.find(entry.method) == std::string::npos) allowed += (allowed.empty() ? "" : ", ") + entry.method;
                continue;
            }
            auto access = access_(request, entry.family);
            if (auto* refused = std::get_if<api_response>(&access)) return once(std::move(*refused));
            const granted_actor& granted = std::get<granted_actor>(access);
            actor = granted.name;
            route_context context{*ids,
                                  query_start == std::string::npos ? std::string() : request.target.substr(query_start + 1),
                                  granted.name, granted.role};
            check_query_parameters(context.query, entry.query_parameters);
            // Refused commands and reads (4xx after access was granted) are logged with the actor
            // so an operator can see who was refused what and why; accepted ones are journaled.
            response_callback logged = [once, acting = context.actor, route = request.method + " " + entry.pattern](
                                           api_response response) {
                if (response.status >= 400 && response.status < 500) {
                    spdlog::info("refused: actor {}: {}: {} {}", acting, route, response.status, response.body);
                }
                once(std::move(response));
            };
            return entry.handler(request, context, logged);
        }
        if (!allowed.empty()) {
            api_response refusal =
                problem_response(405, "method-not-allowed", "Method not allowed", "this resource allows " + allowed);
            refusal.allow = allowed;
            return once(std::move(refusal));
        }
        once(problem_response(404, "not-found", "Not found", "no such resource"));
    } catch (const field_error& error) {
        spdlog::info("refused: actor {}: {} {}: 400 {}: {}", actor.empty() ? "-" : actor, request.method,
                     request.target.substr(0, request.target.find('?')), error.field(), error.what());
        once(problem_response(400, "invalid-request", "Invalid request",
                              (error.field().empty() ? std::string() : error.field() + " ") + error.what(),
                              error.field()));
    } catch (const std::exception& error) {
        spdlog::error("{} {} failed: {}", request.method, request.target, error.what());
        once(problem_response(500, "internal", "Internal error", "the request could not be completed"));
    }
}

}  // namespace cms::services

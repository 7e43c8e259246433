#pragma once
/// The HTTP API's routes, free of Beast: a request in, a response out through a callback.
/// Routes are a table (method, path pattern, access family, handler) so that authorisation,
/// logging and 404/405 are decided in one place and each resource family registers its own
/// routes from its own file. Handlers only parse, validate and map outcomes to status codes;
/// the rules live in core and the services.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/access/authorisation.hpp"
#include "core/common/civil_date.hpp"
#include "services/commands/command_outcome.hpp"

namespace cms::services {

struct api_request {
    std::string method;  ///< "GET", "POST", ...
    std::string target;  ///< path and query, e.g. "/v1/cases/12?as_of=2025-01-01"
    std::string content_type;
    std::optional<std::string> idempotency_key;
    std::string body;
    std::optional<std::string> authorization;  ///< the Authorization header, when sent
};

struct api_response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    /// The Allow header of a 405 (RFC 9110 15.5.6): the methods the path does take, e.g. "GET, POST".
    std::string allow = {};
};

using response_callback = std::function<void(api_response)>;

/// Which kind of access a route needs; the role table lives in core (authorisation.hpp).
using access_family = core::access_family;

/// What a handler receives besides the request: the numeric ids from the path, in order, the
/// query string, and who is acting.
struct route_context {
    std::vector<std::int64_t> path_ids;
    std::string query;
    std::string actor;
    /// The actor's role; absent when the router runs without access control (tests, demos).
    std::optional<core::role> actor_role;
};

using route_handler = std::function<void(const api_request&, const route_context&, const response_callback&)>;

struct route {
    std::string method;
    /// Segments separated by '/'; "{id}" matches a positive 64-bit integer written canonically
    /// (no sign, no leading zero: "/v1/cases/01" is no case, 404), e.g. "/v1/cases/{id}/payments".
    std::string pattern;
    access_family family;
    route_handler handler;
    /// The query parameters the route reads; any other, or one given twice, is a 400 naming it
    /// before the handler runs, so a misspelt filter is never silently ignored.
    std::vector<std::string> query_parameters = {};
};

/// Who a granted request acts as.
struct granted_actor {
    std::string name;
    std::optional<core::role> role;
};
/// Decides whether a request may use a route; returns the refusal, or who is acting.
/// The default (no authentication configured) lets everything through as "unauthenticated".
using access_check = std::function<std::variant<api_response, granted_actor>(const api_request&, access_family)>;

class api_router {
public:
    api_router();

    void add(route entry);
    void set_access_check(access_check check);
    /// The route table, in registration order (the OpenAPI test compares it with the document).
    const std::vector<route>& routes() const { return routes_; }

    /// Answers through `respond` exactly once, possibly from the writer thread.
    void handle(const api_request& request, response_callback respond) const;

private:
    std::vector<route> routes_;
    /// Each route's pattern split into segments once, at add(), not on every request.
    std::vector<std::vector<std::string>> route_segments_;
    access_check access_;
};

/// A JSON value as response text (write_json_text: invalid UTF-8, which only a bug could put in
/// an answer, is replaced rather than thrown). Every JSON answer uses this.
std::string response_json_text(const nlohmann::json& body);
/// {"application/json", response_json_text(body)} with the status.
api_response json_answer(int status, const nlohmann::json& body);

/// An RFC 9457 problem (type, title, status, detail, and field when not empty), as
/// application/problem+json. `type_slug` becomes "urn:cms:problem:<slug>".
api_response problem_response(int status, const std::string& type_slug, const std::string& title,
                              const std::string& detail, const std::string& field = {});
/// The one place a service's refusal becomes a status and a problem body: invalid_request 400,
/// four_eyes and role_may_not_decide 403, not_found 404, conflicting_state, key_reused,
/// job_running and real_clock 409, invalid_field and clock_backwards 422, internal 500,
/// overloaded and job_not_started 503.
api_response to_api_response(const refusal& refused);
/// An answer with its status (ok 200, created 201, accepted 202) and its body as written, or the
/// refusal's problem.
api_response to_api_response(const command_outcome& outcome);
int status_of(answer_kind kind);

/// A query's value rendered by `render` with 200, or its refusal's problem.
template <typename Value, typename Render>
api_response render_query(const query_result<Value>& result, Render&& render) {
    if (const auto* refused = std::get_if<refusal>(&result)) return to_api_response(*refused);
    return json_answer(200, render(std::get<Value>(result)));
}

/// Shared by command routes: refuses a request that is not JSON or lacks a usable
/// Idempotency-Key; otherwise nothing.
std::optional<api_response> check_command_headers(const api_request& request);

/// The value of one query parameter (no decoding beyond what dates and numbers need).
std::optional<std::string> query_parameter(const std::string& query, const std::string& name);

/// A whole-number query parameter in [min, max], or `fallback` when absent; anything else is a
/// field_error naming the parameter (so the route answers 400).
std::int64_t query_integer(const std::string& query, const std::string& name, std::int64_t min, std::int64_t max,
                           std::int64_t fallback);
/// A YYYY-MM-DD query parameter, or nothing when absent; an impossible date is a field_error.
std::optional<core::civil_date> query_date(const std::string& query, const std::string& name);
/// The `as_of` query parameter, or `business_date` when absent. A date after the business date is
/// a field_error: what the case will look like is not known yet, and answering with today's
/// figures under a future date would state something the ledger does not.
core::civil_date query_as_of(const std::string& query, core::civil_date business_date);

}  // namespace cms::services

#pragma once
/// The HTTP API's routes, free of Beast: a request in, a response out through a callback.
/// Handlers only parse, validate and map outcomes to status codes; the rules live in core and
/// the services. Keeping Beast out of this file keeps it fast to compile and easy to test.
#include <functional>
#include <optional>
#include <string>

#include "cms/services/case_service.hpp"

namespace cms::services {

struct api_request {
    std::string method;  ///< "GET", "POST", ...
    std::string target;  ///< path and query, e.g. "/v1/cases/12"
    std::string content_type;
    std::optional<std::string> idempotency_key;
    std::string body;
};

struct api_response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
};

using response_callback = std::function<void(api_response)>;

class api_router {
public:
    api_router(case_service& cases, const business_clock& clock);

    /// Answers through `respond` exactly once, possibly from the writer thread.
    void handle(const api_request& request, response_callback respond);

private:
    void dispatch(const api_request& request, const response_callback& respond);
    case_service& cases_;
    const business_clock& clock_;
};

/// Serialises an outcome: problems as application/problem+json.
api_response to_api_response(const command_outcome& outcome);

}  // namespace cms::services

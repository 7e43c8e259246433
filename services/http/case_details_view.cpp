#include "services/http/case_details_view.hpp"

#include "services/wire/case_views.hpp"

namespace cms::services {

nlohmann::json case_details_view(const case_details& details) {
    nlohmann::json body = case_view(details.record, details.paying, details.receiving, details.payments);
    // Batch failures are shown on the case itself, so no case is ever silently left behind.
    nlohmann::json failures = nlohmann::json::array();
    for (const auto& failure : details.batch_failures) {
        failures.push_back({{"job_id", failure.job_id}, {"period", failure.period}, {"reason", failure.reason},
                            {"recorded_at_utc", failure.recorded_at_utc}});
    }
    body["batch_failures"] = std::move(failures);
    body["status"] = details.closure ? "closed" : "open";
    body["closure"] = details.closure ? case_closure_view(*details.closure) : nlohmann::json(nullptr);
    return body;
}

}  // namespace cms::services

#include "services/http/audit_routes.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdint>
#include <limits>

#include "core/common/civil_date.hpp"
#include "services/reports/report_reads.hpp"
#include "services/wire/json_fields.hpp"
#include "services/access/token.hpp"

namespace cms::services {

namespace {

/// The audit store filters on the stored date text, so a checked date goes back to text.
std::optional<std::string> date_parameter(const std::string& query, const std::string& name) {
    const auto day = query_date(query, name);
    if (!day) return std::nullopt;
    return core::format_iso_date(*day);
}

persistence::audit_filter parse_audit_filter(const std::string& query) {
    persistence::audit_filter filter;
    if (query_parameter(query, "case_id")) {
        filter.case_id = query_integer(query, "case_id", 1, std::numeric_limits<std::int64_t>::max(), 0);
    }
    if (const auto actor = query_parameter(query, "actor")) {
        if (!is_valid_user_name(*actor)) throw field_error("actor", "must be a user name (1 to 64 of A-Z a-z 0-9 . _ -)");
        filter.actor = *actor;
    }
    filter.business_date_from = date_parameter(query, "from");
    filter.business_date_to = date_parameter(query, "to");
    filter.after_id = query_integer(query, "after_id", 0, std::numeric_limits<std::int64_t>::max(), 0);
    filter.entries_max = static_cast<std::size_t>(
        query_integer(query, "limit", 1, audit_entries_per_page_max, audit_entries_per_page_default));
    return filter;
}

nlohmann::json entry_view(const persistence::audit_entry& entry) {
    return {{"id", entry.id},
            {"idempotency_key", entry.idempotency_key},
            {"command_type", entry.command_type},
            {"actor", entry.actor},
            {"business_date", entry.business_date},
            {"recorded_at_utc", entry.recorded_at_utc},
            {"request", nlohmann::json::parse(entry.request_json)},
            {"outcome", {{"status", entry.status_code}, {"body", nlohmann::json::parse(entry.response_json)}}}};
}

}  // namespace

void add_audit_routes(api_router& router, persistence::read_pool& readers) {
    router.add({"GET", "/v1/audit", access_family::audit_read,
                [&readers](const api_request&, const route_context& route, const response_callback& respond) {
                    const persistence::audit_filter filter = parse_audit_filter(route.query);
                    const std::vector<persistence::audit_entry> entries = read_audit_entries(readers, filter);
                    nlohmann::json body = {{"entries", nlohmann::json::array()}};
                    for (const auto& entry : entries) body["entries"].push_back(entry_view(entry));
                    // A full page may have more behind it; the client asks again from the last id.
                    if (entries.size() == filter.entries_max) body["next_after_id"] = entries.back().id;
                    respond(json_answer(200, body));
                }, {"case_id", "actor", "from", "to", "after_id", "limit"}});
}

}  // namespace cms::services

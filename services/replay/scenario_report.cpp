#include "services/replay/scenario_report.hpp"

#include <nlohmann/json.hpp>

#include "persistence/read_pool.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "persistence/writer.hpp"
#include "services/cases/case_service.hpp"
#include "services/clock/business_clock.hpp"
#include "services/enforcement/enforcement_service.hpp"
#include "services/http/api_router.hpp"
#include "services/http/ledger_routes.hpp"
#include "services/http/ledger_views.hpp"
#include "services/http/listing_routes.hpp"
#include "services/ledger/ledger_reads.hpp"
#include "services/policy/enforcement_policy_loader.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/wire/enforcement_json.hpp"

namespace cms::services {

namespace {

/// The services the four routes read through, wired as run_server wires them (the shipped
/// policy tables), on a clock held at the report's business date. case_service and
/// enforcement_service take a writer though nothing here writes: their list queries are the
/// routes' own.
struct report_services {
    report_services(const std::string& path, core::civil_date business_date, std::vector<core::collection_fee_row> rows)
        : fees(std::move(rows)), store(persistence::open_sqlite_store(path)), clock(business_date),
          writer(store->open_write_connection(), persistence::writer_limits{}), readers(*store, 1),
          cases(writer, readers, clock), enforcement(writer, readers, clock, load_enforcement_ladder(std::nullopt), fees) {}

    std::vector<core::collection_fee_row> fees;
    std::unique_ptr<persistence::store> store;
    simulated_business_clock clock;
    persistence::writer writer;
    persistence::read_pool readers;
    case_service cases;
    ageing_table ageing = load_arrears_ageing(std::nullopt);
    enforcement_service enforcement;
};

/// The body exactly as the route sends it, read back: a refusal is its problem body.
nlohmann::json body_of(const api_response& answer) { return nlohmann::json::parse(answer.body); }

/// Every case id, in order, through GET /v1/cases's own query, page by page.
std::vector<core::case_id> every_case(case_service& cases) {
    std::vector<core::case_id> ids;
    std::int64_t after_id = 0;
    for (;;) {
        const auto listed = cases.list_cases(case_search{}, after_id, listing_page_size_max);
        if (const auto* refused = std::get_if<refusal>(&listed)) {
            throw std::runtime_error("cannot list the cases: " + refused->detail);
        }
        const case_page& page = std::get<case_page>(listed);
        for (const auto& summary : page.cases) ids.push_back(summary.id);
        if (!page.next_after_id || page.cases.empty()) return ids;
        after_id = *page.next_after_id;
    }
}

nlohmann::json case_report(report_services& services, core::case_id id) {
    const core::civil_date today = services.clock.today();
    // The routes with an empty query: each parameter at the route's default.
    const std::string no_query;
    const auto& buckets = services.ageing.buckets;
    const api_response balance =
        render_query(read_balance(services.readers, id, query_as_of(no_query, today), services.fees, buckets),
                     [&buckets](const case_balance& shown) { return balance_view(shown, buckets); });
    const api_response statement =
        render_query(read_statement(services.readers, id, statement_request_of(no_query, today)), statement_view);
    const api_response enforcement =
        render_query(services.enforcement.list_actions(id), enforcement_action_list_json);
    const api_response disbursements = render_query(
        services.cases.list_disbursements(id, std::nullopt, listing_page_size_default), disbursement_page_view);
    return {{"case_id", id.value},
            {"balance", body_of(balance)},
            {"statement", body_of(statement)},
            {"enforcement", body_of(enforcement)},
            {"disbursements", body_of(disbursements)}};
}

}  // namespace

std::string read_case_reports(const std::string& database_path, core::civil_date business_date,
                              const std::vector<core::collection_fee_row>& fees) {
    report_services services(database_path, business_date, fees);
    nlohmann::json cases = nlohmann::json::array();
    for (const core::case_id id : every_case(services.cases)) cases.push_back(case_report(services, id));
    return cases.dump();
}

std::string scenario_report_text(const std::vector<scenario_report_entry>& entries) {
    nlohmann::json scenarios = nlohmann::json::array();
    for (const auto& entry : entries) {
        scenarios.push_back({{"file", entry.file},
                             {"name", entry.name},
                             {"passed", entry.passed},
                             {"cases", nlohmann::json::parse(entry.cases_json)}});
    }
    return nlohmann::json{{"scenarios", std::move(scenarios)}}.dump(2) + "\n";
}

}  // namespace cms::services

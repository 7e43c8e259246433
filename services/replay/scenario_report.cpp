#include "services/replay/scenario_report.hpp"

#include <nlohmann/json.hpp>

#include <map>

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
                              const std::vector<core::collection_fee_row>& fees, const std::vector<core::case_id>& cases) {
    report_services services(database_path, business_date, fees);
    nlohmann::json reported = nlohmann::json::array();
    for (const core::case_id id : cases) reported.push_back(case_report(services, id));
    return reported.dump();
}

std::vector<std::string> case_report_targets(core::case_id id, core::civil_date business_date) {
    const std::string path = "/v1/cases/" + std::to_string(id.value);
    const std::string day = core::format_iso_date(business_date);
    return {path + "/balance?as_of=" + day, path + "/statement?to=" + day, path + "/enforcement-actions",
            path + "/disbursements"};
}

std::string case_report_entry(core::case_id id, const std::vector<std::string>& bodies) {
    return nlohmann::json{{"case_id", id.value},
                          {"balance", nlohmann::json::parse(bodies.at(0))},
                          {"statement", nlohmann::json::parse(bodies.at(1))},
                          {"enforcement", nlohmann::json::parse(bodies.at(2))},
                          {"disbursements", nlohmann::json::parse(bodies.at(3))}}
        .dump();
}

std::string with_commands_numbered(const std::string& cases_json) {
    nlohmann::json cases = nlohmann::json::parse(cases_json);
    std::map<std::string, std::string> numbered;  // journal cause -> the report's
    for (auto& entry : cases) {
        auto statement = entry.find("statement");
        if (statement == entry.end() || !statement->is_object() || !statement->contains("lines")) continue;
        for (auto& line : (*statement)["lines"]) {
            if (!line.contains("cause") || !line["cause"].is_string()) continue;
            const std::string cause = line["cause"].get<std::string>();
            if (!cause.starts_with(command_cause_prefix)) continue;
            const auto [at, added] = numbered.try_emplace(cause, std::string(command_cause_prefix) + std::to_string(numbered.size() + 1));
            line["cause"] = at->second;
        }
    }
    return cases.dump();
}

std::string scenario_report_text(const std::vector<scenario_report_entry>& entries) {
    nlohmann::json scenarios = nlohmann::json::array();
    for (const auto& entry : entries) {
        scenarios.push_back({{"file", entry.file},
                             {"name", entry.name},
                             {"passed", entry.passed},
                             {"cases", nlohmann::json::parse(with_commands_numbered(entry.cases_json))}});
    }
    return nlohmann::json{{"scenarios", std::move(scenarios)}}.dump(2) + "\n";
}

}  // namespace cms::services

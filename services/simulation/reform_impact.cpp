#include "services/simulation/reform_impact.hpp"

#include <filesystem>
#include <stdexcept>

#include "persistence/read_pool.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "services/generation/caseload_parameters.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/policy/policy_tables.hpp"
#include "services/reports/case_pages.hpp"
#include "services/reports/compliance_report.hpp"

namespace cms::services {

namespace {

std::vector<core::collection_fee_row> reform_fee_table() {
    for (const embedded_policy_file& file : embedded_policy_files()) {
        if (file.file_name == "collection_fees_reform_2027.json") return parse_collection_fees(file.json_text, file.file_name);
    }
    throw std::logic_error("schemas/policy/collection_fees_reform_2027.json was not compiled in");
}

reform_side live(const std::string& path, const reform_impact_options& options,
                 std::vector<core::collection_fee_row> fees) {
    const auto store = persistence::open_sqlite_store(path, persistence::system_wall_clock(),
                                                      persistence::commit_durability::unsynced);
    caseload_simulation_options simulating;
    simulating.through = options.through;
    simulating.seed = options.court_seed;
    use_parameters(simulating, parameters_or_embedded(options.caseload.parameters));
    // The reform ends Direct Pay: no case moves to it on either side, nor, so that both sides
    // keep the same cases on Collect and Pay, from it.
    simulating.events.to_direct_pay_per_year_bp = 0;
    simulating.events.non_payment_reported_per_year_bp = 0;
    simulating.collection_fees = std::move(fees);
    reform_side side;
    side.simulated = simulate_caseload(*store, simulating);
    persistence::read_pool readers(*store, 1);
    side.flows = read_money_flows(readers, options.from, options.through);
    side.compliance = read_compliance_report(readers, last_quarter_ended_by(options.through)).summary;
    return side;
}

}  // namespace

core::money_flows read_money_flows(persistence::read_pool& readers, core::civil_date from, core::civil_date to) {
    core::money_flows flows;
    auto session = readers.borrow(persistence::read_consistency::snapshot);
    for_each_page_of_cases(*session, [&](std::span<const persistence::case_summary> cases) {
        for (const auto& posted : session->ledger().list_postings_of_cases(cases.front().id.value, cases.back().id.value,
                                                                           from, to)) {
            core::add_money_flows(flows, posted.legs, from, to);
        }
    });
    return flows;
}

reform_impact run_reform_impact(const reform_impact_options& options) {
    namespace fs = std::filesystem;
    if (options.through < options.from) throw std::invalid_argument("the window must not end before it starts");
    const std::string current_path = (fs::path(options.directory) / "current-fees.db").string();
    const std::string reform_path = (fs::path(options.directory) / "reform-fees.db").string();
    for (const std::string& path : {current_path, reform_path}) {
        if (fs::exists(path)) throw std::invalid_argument(path + " exists: the comparison makes its own caseloads");
    }
    reform_impact impact;
    {
        const auto store = persistence::open_sqlite_store(current_path, persistence::system_wall_clock(),
                                                          persistence::commit_durability::unsynced);
        const auto connection = store->open_write_connection();
        impact.generated = generate_caseload(*connection, options.caseload, {});
    }
    // The same caseload, row for row: the same seed and parameters generate it again.
    {
        const auto store = persistence::open_sqlite_store(reform_path, persistence::system_wall_clock(),
                                                          persistence::commit_durability::unsynced);
        const auto connection = store->open_write_connection();
        generate_caseload(*connection, options.caseload, {});
    }
    impact.current = live(current_path, options, load_collection_fees(std::nullopt));
    impact.reform = live(reform_path, options, reform_fee_table());
    return impact;
}

}  // namespace cms::services

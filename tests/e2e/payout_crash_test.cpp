// The pay-out job killed at each of its named fault points (README, "Testing"), then rerun: every
// pay-out posting, disbursement, completed date and listing must equal a run that was never
// interrupted; nobody paid twice, nobody missed. Which occurrence dies comes from a logged seed.
#include <doctest/doctest.h>
#include <signal.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "persistence/fault_points.hpp"
#include "server_process.hpp"
#include "support/database_probe.hpp"
#include "support/test_support.hpp"

using cms::persistence::fault_point;
using cms::testing::run_cms;

namespace {

constexpr int families_count = 40;
constexpr int chunk_cases = 7;

/// 40 families opened on 15 January 2025, January accrued, and on 3 February most of them pay
/// (every fifth pays nothing, some pay more than is due): a caseload with money to pass on.
nlohmann::json caseload_scenario() {
    nlohmann::json steps = nlohmann::json::array();
    for (int family = 0; family < families_count; ++family) {
        const std::string name = std::to_string(family);
        for (const char* role : {"paying", "receiving"}) {
            steps.push_back({{"on", "2025-01-15"}, {"command", "register_parent"}, {"key", std::string(role) + name},
                             {"body", {{"role", role}, {"full_name", "Parent " + name}, {"date_of_birth", "1985-01-01"},
                                       {"local_authority_code", "E06000059"}}}});
        }
        steps.push_back({{"on", "2025-01-15"}, {"command", "open_case"}, {"key", "case" + name},
                         {"body", {{"paying_parent_id", 2 * family + 1}, {"receiving_parent_id", 2 * family + 2},
                                   {"service_type", "collect_and_pay"},
                                   {"paying_parent_circumstances", {{"gross_weekly_income_pence", 15'000 + 1'000 * family}}},
                                   {"children", {{{"full_name", "Child " + name}, {"date_of_birth", "2016-01-01"}}}}}}});
    }
    steps.push_back({{"on", "2025-02-03"}, {"run_job", "accrue"}, {"through", "2025-01-31"}});
    for (int family = 0; family < families_count; ++family) {
        if (family % 5 == 0) continue;
        steps.push_back({{"on", "2025-02-03"}, {"command", "record_payment"}, {"key", "pay" + std::to_string(family)},
                         {"case_id", family + 1},
                         {"body", {{"amount_pence", 700 + 613 * family}, {"received_on", "2025-02-0" + std::to_string(1 + family % 3)},
                                   {"method", "direct_debit"}, {"reference", "DD"}}}});
    }
    return {{"scenario", "a caseload with money to pay out"}, {"steps", steps}};
}

/// What the pay-out leaves, as text in key order: equal strings, equal outcomes.
std::string payout_outcome(const std::string& path) {
    std::string text;
    const auto append_rows = [&](const char* title, const char* sql) {
        text += title;
        text += "\n";
        for (const std::string& row : cms::testing::sql_rows(path, sql)) text += row + "\n";
    };
    append_rows("postings", "SELECT case_id, cause_ref, business_date, hex(legs) FROM ledger_postings WHERE cause_kind = 0"
                            " ORDER BY case_id, cause_ref");
    append_rows("disbursements", "SELECT case_id, paid_on, receiving_parent_slot, paid_pence, recovered_pence"
                                 " FROM disbursements ORDER BY case_id, paid_on, receiving_parent_slot");
    append_rows("days", "SELECT paid_on FROM payout_days ORDER BY paid_on");
    append_rows("listed", "SELECT case_id FROM cases_holding_collections ORDER BY case_id");
    return text;
}

int count(const std::string& path, const std::string& sql) { return static_cast<int>(cms::testing::sql_integer(path, sql)); }

/// How many times a run on this database surely reaches the point: once per chunk of the cases
/// still listed (a case is taken off the list in the chunk that pays it), once for the date. The
/// caller never asks for a chunk point with no case listed.
int occurrences_left(const std::string& path, fault_point point) {
    if (point == fault_point::payout_before_day_complete) return 1;
    const int listed = count(path, "SELECT COUNT(*) FROM cases_holding_collections");
    return std::max(1, (listed + chunk_cases - 1) / chunk_cases);
}

cms::testing::cms_run_result disburse(const std::string& path, const cms::testing::environment_variables& environment = {}) {
    return run_cms({"run-job", "disburse", "--db", path, "--through", "2025-02-03", "--chunk-cases",
                    std::to_string(chunk_cases)},
                   environment);
}

}  // namespace

TEST_CASE("a pay-out killed at each fault point and rerun pays exactly what an uninterrupted run pays") {
    cms::testing::temporary_directory directory;
    const std::string scenario = directory.file("caseload.json");
    std::ofstream(scenario) << caseload_scenario().dump();
    const std::string pristine = directory.file("pristine.db");
    const auto replayed = run_cms({"replay", "--scenario", scenario, "--db", pristine});
    INFO(replayed.output, replayed.errors);
    REQUIRE(replayed.exit_status == 0);
    const int listed = count(pristine, "SELECT COUNT(*) FROM cases_holding_collections");
    REQUIRE(listed == families_count - families_count / 5);

    const std::string reference = directory.file("reference.db");
    REQUIRE(run_cms({"backup", "--db", pristine, "--to", reference}).exit_status == 0);
    const auto whole = disburse(reference);
    INFO(whole.output, whole.errors);
    REQUIRE(whole.exit_status == 0);
    const std::string expected = payout_outcome(reference);
    // Everyone who paid towards what was due is paid out, and the list is empty.
    REQUIRE(count(reference, "SELECT COUNT(*) FROM disbursements") == listed);
    REQUIRE(count(reference, "SELECT COUNT(*) FROM cases_holding_collections") == 0);
    REQUIRE(run_cms({"check", "--db", reference}).exit_status == 0);

    const std::uint64_t seed = cms::testing::test_seed();
    MESSAGE("pay-out crash test ", cms::testing::seed_message(seed));
    INFO(cms::testing::seed_message(seed));
    std::mt19937_64 random(seed);
    for (const fault_point point : {fault_point::payout_before_chunk_commit, fault_point::payout_after_chunk_commit,
                                    fault_point::payout_before_day_complete}) {
        const std::string name(cms::persistence::fault_point_name(point));
        const std::string interrupted = directory.file(name + ".db");
        REQUIRE(run_cms({"backup", "--db", pristine, "--to", interrupted}).exit_status == 0);
        // Two kills in a row at the same point, then a clean run: a crash during recovery too.
        for (int kill = 0; kill < 2; ++kill) {
            // A first kill after the last chunk's commit leaves no chunk to commit: the rerun
            // passes no chunk point, so there is nothing left there to interrupt.
            if (point != fault_point::payout_before_day_complete &&
                count(interrupted, "SELECT COUNT(*) FROM cases_holding_collections") == 0) {
                break;
            }
            std::uniform_int_distribution<int> occurrence(1, occurrences_left(interrupted, point));
            const std::string spec = name + ":" + std::to_string(occurrence(random));
            INFO("CMS_FAULT=", spec);
            const auto killed = disburse(interrupted, {{"CMS_FAULT", spec}});
            INFO(killed.errors);
            REQUIRE(killed.signal == SIGKILL);
            // Whatever was committed is whole: each pay-out posting has its disbursement, and the
            // date is not complete.
            CHECK(count(interrupted, "SELECT COUNT(*) FROM ledger_postings WHERE cause_kind = 0") ==
                  count(interrupted, "SELECT COUNT(*) FROM disbursements"));
            CHECK(count(interrupted, "SELECT COUNT(*) FROM payout_days") == 0);
            CHECK(run_cms({"check", "--db", interrupted}).exit_status == 0);
        }
        const auto finished = disburse(interrupted);
        INFO(finished.errors);
        CHECK(finished.exit_status == 0);
        CHECK(payout_outcome(interrupted) == expected);
        // A further rerun pays nobody again.
        CHECK(disburse(interrupted).exit_status == 0);
        CHECK(payout_outcome(interrupted) == expected);
        CHECK(run_cms({"check", "--db", interrupted}).exit_status == 0);
    }
}

// The calibration check's registry and measures (services/simulation/calibration.hpp): the
// shipped targets, a strict reader, and each measure read off a hand-checked history.
#include <doctest/doctest.h>

#include <string>

#include "persistence/read_pool.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "services/replay/scenario.hpp"
#include "services/reports/compliance_report.hpp"
#include "services/simulation/calibration.hpp"
#include "support/report_scenarios.hpp"
#include "support/test_support.hpp"

using namespace cms;
using testing::family;
using testing::payment;

namespace {

std::string registry_with(const std::string& targets) {
    return R"({"table": "calibration_targets", "targets": [)" + targets + "]}";
}

std::string target(const std::string& id, const std::string& measure, std::int64_t published, std::int64_t tolerance,
                   bool fitted = true) {
    return R"({"id": ")" + id + R"(", "description": "d", "period": "2025-Q2", "measure": ")" + measure +
           R"(", "published_bp": )" + std::to_string(published) + R"(, "tolerance_bp": )" + std::to_string(tolerance) +
           R"(, "used_in_fitting": )" + (fitted ? "true" : "false") + R"(, "source": "https://example.org/x"})";
}

std::string refusal_of(const std::string& text) {
    try {
        services::parse_calibration_targets(text);
        return "accepted";
    } catch (const std::invalid_argument& refused) {
        return refused.what();
    }
}

}  // namespace

TEST_CASE("the shipped registry holds the targets issue 16 names, fitted and held out") {
    const auto& registry = services::embedded_calibration_targets();
    const auto find = [&](const std::string& id) -> const services::calibration_target* {
        for (const auto& one : registry.targets) {
            if (one.id == id) return &one;
        }
        return nullptr;
    };
    for (const char* id : {"compliance_2023_q1_paid_nothing", "compliance_2024_q3_paid_over_90", "due_vs_paid_2019_q1",
                           "children_on_collect_and_pay_2019_12", "arrangements_on_collect_and_pay_2022_09",
                           "unpaid_share_2025_06"}) {
        CAPTURE(id);
        REQUIRE(find(id) != nullptr);
        CHECK(find(id)->source.rfind("http", 0) == 0);
    }
    // Published: 68% paid some in the quarter to September 2024, 23% up to 90%, 45% over; the
    // parameters are fitted on it.
    CHECK(find("compliance_2024_q3_paid_over_90")->published_bp == 4'500);
    CHECK(find("compliance_2024_q3_paid_over_90")->used_in_fitting);
    // The quarter to March 2023 (65% paid some) is held out: it tests the fit.
    CHECK(find("compliance_2023_q1_paid_nothing")->published_bp == 3'500);
    CHECK_FALSE(find("compliance_2023_q1_paid_nothing")->used_in_fitting);
    // £40.6m paid of £58.5m due: 69.40%.
    CHECK(find("due_vs_paid_2019_q1")->published_bp == 6'940);
    REQUIRE(registry.unavailable.size() == 1);
    CHECK(registry.unavailable[0].id == "nil_payer_methods_2024_q4");
}

TEST_CASE("a bad registry is refused, naming the target and field") {
    CHECK(refusal_of(registry_with(target("a", "compliance.paid_nothing", 3'500, 200))) == "accepted");
    CHECK(refusal_of(registry_with(target("a", "compliance.paid_a_little", 3'500, 200))) ==
          "calibration targets: targets[0] (a): measure is not one the calibration knows");
    CHECK(refusal_of(registry_with(target("a", "compliance.paid_nothing", 10'001, 200))) ==
          "calibration targets: targets[0] (a): published_bp must be 0 to 10000 basis points");
    CHECK(refusal_of(registry_with(target("a", "compliance.paid_nothing", 3'500, 0))) ==
          "calibration targets: targets[0] (a): tolerance_bp must be 1 to 10000 basis points");
    CHECK(refusal_of(registry_with(target("a", "compliance.paid_nothing", 1, 1) + "," +
                                   target("a", "compliance.paid_nothing", 1, 1))) ==
          "calibration targets: targets[1] (a): id is used twice");
    CHECK(refusal_of(R"({"table": "calibration_targets", "targets": [], "extra": 1})") ==
          "calibration targets: the file: unknown field extra");
}

TEST_CASE("each measure is the reports' figure on the run's last day") {
    // Four flat-rate families (tests/support/report_scenarios.hpp: 100p a day of maintenance):
    // "a" pays all of January to March on 10 April, "b" pays January and February on 5 March,
    // "c" pays nothing and closes from 20 June, "d" is Direct Pay from 15 May with two children.
    const std::string history = R"({"scenario": "calibration", "steps": [)" + family("a") + "," + family("b") + "," +
                                family("c") + "," + payment("b", "2025-03-05", 7080, "cheque") + "," +
                                payment("a", "2025-04-10", 10800, "direct_debit") + "," +
                                family("d", "E08000025", "direct_pay", "2025-05-15", "2025-06-15", 2) + "," + R"(
        {"on": "2025-06-20", "command": "close_case", "key": "c-close", "case": "c",
         "body": {"reason": "receiving_parent_asked", "effective_date": "2025-06-20"}}]})";
    testing::temporary_directory directory;
    const std::string path = directory.file("history.db");
    REQUIRE(services::replay_scenario(services::parse_scenario(history), path).all_passed());
    const auto store = persistence::open_sqlite_store(path);
    persistence::read_pool readers(*store, 1);

    const auto registry = services::parse_calibration_targets(registry_with(
        target("nothing", "compliance.paid_nothing", 6'000, 700) + "," +
        target("over", "compliance.paid_over_90_percent", 3'333, 1) + "," +
        target("share", "compliance.paid_share_of_due", 5'000, 100, false) + "," +
        target("arrangements", "service_types.collect_and_pay_arrangements", 6'000, 500) + "," +
        target("children", "service_types.collect_and_pay_children", 5'000, 1, false) + "," +
        target("unpaid", "unpaid_since_start.unpaid_share", 5'000, 100, false)));
    const auto results = services::measure_calibration_targets(readers, *core::parse_iso_date("2025-06-30"), registry);
    REQUIRE(results.size() == 6);

    // 2025-Q2, the last quarter ended by 30 June: "a", "b" and "c" due to pay; "a" paid 9000p of
    // maintenance in it (10 April), over 90% of its 9100p; "b" and "c" nothing. "d" is Direct Pay.
    CHECK(results[0].simulated_bp == 6'667);  // 2 of 3, half up
    CHECK(results[0].difference_bp == 667);
    CHECK(results[0].within_tolerance);
    CHECK(results[0].relative_error_bp == 1'112);  // 667 / 6000 = 11.1167%
    CHECK(results[1].simulated_bp == 3'333);
    CHECK(results[1].within_tolerance);
    const auto compliance = services::read_compliance_report(readers, core::reporting_quarter{2025, 2});
    CHECK(compliance.summary.maintenance_paid.pence() == 9'000);
    CHECK(results[2].simulated_bp ==
          core::share_basis_points(9'000, compliance.summary.maintenance_due.pence()).value);
    CHECK_FALSE(results[2].target.used_in_fitting);
    // 30 June: "a" and "b" on Collect and Pay ("c" closed), "d" on Direct Pay: 2 of 3
    // arrangements; children 2 and 2.
    CHECK(results[3].simulated_bp == 6'667);
    CHECK_FALSE(results[3].within_tolerance);  // 667 points from 6000, tolerance 500
    CHECK(results[4].simulated_bp == 5'000);
    CHECK(results[4].difference_bp == 0);
    CHECK(results[4].within_tolerance);
    CHECK(results[5].simulated_bp > 0);
}

// The Collect and Pay compliance report read from a replayed history (services/reports/
// compliance_report.hpp): maintenance due and paid in a quarter summed by paying parent, and each
// paying parent in one band. The figures are worked out from the rules in the comments.
#include <doctest/doctest.h>

#include <string>

#include "persistence/read_pool.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "services/replay/scenario.hpp"
#include "services/reports/compliance_report.hpp"
#include "support/test_support.hpp"

namespace {

/// A family on the flat rate (£90 a week gross: £7 a week, 100p a day) on Collect and Pay from
/// 1 January 2025, paying monthly; `name` keys its steps.
std::string family(const std::string& name) {
    return R"({"on": "2025-01-01", "command": "register_parent", "key": ")" + name + R"(-p", "as": ")" + name + R"(-p",
         "body": {"role": "paying", "full_name": "Ash Reed", "date_of_birth": "1984-03-02", "local_authority_code": "E08000025"}},
        {"on": "2025-01-01", "command": "register_parent", "key": ")" + name + R"(-r", "as": ")" + name + R"(-r",
         "body": {"role": "receiving", "full_name": "Jo Reed", "date_of_birth": "1986-05-09", "local_authority_code": "E08000025"}},
        {"on": "2025-01-01", "command": "open_case", "key": ")" + name + R"(-c", "as": ")" + name + R"(",
         "body": {"paying_parent": ")" + name + R"(-p", "receiving_parent": ")" + name + R"(-r", "service_type": "collect_and_pay",
                  "paying_parent_circumstances": {"gross_weekly_income_pence": 9000},
                  "children": [{"full_name": "Mia Reed", "date_of_birth": "2015-04-04"}],
                  "payment_schedule": {"frequency": "monthly", "first_due_date": "2025-02-01"}}})";
}

std::string payment(const std::string& name, const char* on, std::int64_t amount_pence) {
    return std::string(R"({"on": ")") + on + R"(", "command": "record_payment", "key": ")" + name + "-pay-" + on +
           R"(", "case": ")" + name + R"(", "body": {"amount_pence": )" + std::to_string(amount_pence) +
           R"(, "received_on": ")" + on + R"(", "method": "standing_order", "reference": "SO"}})";
}

}  // namespace

TEST_CASE("compliance in a quarter: each paying parent due to pay in one band, by maintenance paid") {
    // Each family is charged, by the accrual dated each month's last day, 100p a day of
    // maintenance and 20p a day of collection fee: January 3100p + 620p, February 2800p + 560p,
    // March 3100p + 620p. Maintenance due in 2025-Q1: 9000p a family.
    //  - "full" pays 10800p on 5 March: January and February (5900p + 1180p) are settled, and
    //    the 3720p left waits as credit, applied to March's charges (3100p + 620p) when March is
    //    accrued, dated 31 March: 9000p of maintenance paid, over 90%.
    //  - "part" pays 7080p on 5 March: January and February settled, 5900p of 9000p (65.6%).
    //  - "none" pays nothing.
    //  - "april" pays 10800p on 2 April: after the quarter, so nothing in it.
    const std::string text = R"({"scenario": "compliance", "steps": [)" + family("full") + "," + family("part") + "," +
                             family("none") + "," + family("april") + "," + payment("full", "2025-03-05", 10800) +
                             "," + payment("part", "2025-03-05", 7080) + "," +
                             payment("april", "2025-04-02", 10800) + "]}";
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("compliance.db");
    const auto replayed = cms::services::replay_scenario(cms::services::parse_scenario(text), path);
    REQUIRE(replayed.all_passed());

    const auto store = cms::persistence::open_sqlite_store(path);
    cms::persistence::read_pool readers(*store, 1);
    const auto quarter = *cms::core::parse_reporting_quarter("2025-Q1");
    const cms::services::compliance_report report = cms::services::read_compliance_report(readers, quarter);
    CHECK(report.cases_read == 4);
    CHECK(report.summary.paying_parents_due == 4);
    CHECK(report.summary.paid_over_90_percent == 1);
    CHECK(report.summary.paid_up_to_90_percent == 1);
    CHECK(report.summary.paid_nothing == 2);
    CHECK(report.summary.maintenance_due.pence() == 4 * 9000);
    CHECK(report.summary.maintenance_paid.pence() == 9000 + 5900);

    // The fourth quarter of 2024 is before any case opened: nobody was due to pay.
    const auto before = cms::services::read_compliance_report(readers, *cms::core::parse_reporting_quarter("2024-Q4"));
    CHECK(before.summary.paying_parents_due == 0);
    CHECK(before.cases_read == 4);
}

TEST_CASE("the default quarter is the last one ended by the date") {
    using cms::services::last_quarter_ended_by;
    CHECK(last_quarter_ended_by(*cms::core::parse_iso_date("2025-03-31")) == cms::core::reporting_quarter{2025, 1});
    CHECK(last_quarter_ended_by(*cms::core::parse_iso_date("2025-03-30")) == cms::core::reporting_quarter{2024, 4});
    CHECK(last_quarter_ended_by(*cms::core::parse_iso_date("2025-01-01")) == cms::core::reporting_quarter{2024, 4});
    CHECK(last_quarter_ended_by(*cms::core::parse_iso_date("2025-12-31")) == cms::core::reporting_quarter{2025, 4});
    CHECK(last_quarter_ended_by(*cms::core::parse_iso_date("2025-07-15")) == cms::core::reporting_quarter{2025, 2});
}

// The reports of issue #16 beyond compliance and arrears, read from one replayed history
// (services/reports/): enforcement actions by step, the payment methods of nil payers, write-offs
// by reason, arrangements and children by service type, and maintenance unpaid since the start.
// Every figure is worked out from the rules in the comments.
#include <doctest/doctest.h>

#include <string>

#include "persistence/read_pool.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "services/replay/scenario.hpp"
#include "services/reports/compliance_report.hpp"
#include "services/reports/enforcement_report.hpp"
#include "services/reports/nil_payers_report.hpp"
#include "services/reports/service_types_report.hpp"
#include "services/reports/unpaid_report.hpp"
#include "services/reports/write_offs_report.hpp"
#include "support/report_scenarios.hpp"
#include "support/test_support.hpp"

using cms::testing::family;
using cms::testing::payment;

namespace {

/// Four families on the flat rate, each charged 100p a day of maintenance (January 3100p,
/// February 2800p, March 3100p, April 3000p, May 3100p, June 3000p) and 20p a day of fee:
///  - "a", Collect and Pay, pays nothing until 10 April, then 10800p by direct debit: all of
///    January to March (9000p of maintenance, 1800p of fee).
///  - "b", Collect and Pay, pays 7080p by cheque on 5 March (January and February, 5900p of
///    maintenance and 1180p of fee), then nothing; a liability order is applied for on 15 April
///    and granted on 1 July.
///  - "c", Collect and Pay, pays nothing; 3100p of its arrears written off at its receiving
///    parent's request (asked 10 April, approved 12 May after the 30 days' representations);
///    closed from 20 June.
///  - "d", Direct Pay from 15 May, with two children.
const std::string history = R"({"scenario": "issue 16 reports", "steps": [)" + family("a") + "," + family("b") + "," +
                            family("c") + "," + payment("b", "2025-03-05", 7080, "cheque") + "," +
                            payment("a", "2025-04-10", 10800, "direct_debit") + "," + R"(
    {"on": "2025-04-10", "command": "request_write_off", "key": "c-wo", "as": "c-wo", "case": "c", "actor": "ann.caseworker",
     "body": {"amount_pence": 3100, "reason": "receiving_parent_asked_to_stop"}},
    {"on": "2025-04-15", "command": "apply_enforcement", "key": "b-lo", "as": "b-lo", "case": "b", "expect_status": 201,
     "body": {"step": "liability_order", "deduction_inappropriate": "self-employed"}},
    {"on": "2025-05-12", "command": "approve_request", "key": "c-wo-ok", "request": "c-wo", "actor": "bob.supervisor",
     "body": {"note": "no representations"}},
    )" + family("d", "E08000025", "direct_pay", "2025-05-15", "2025-06-15", 2) + R"(,
    {"on": "2025-06-20", "command": "close_case", "key": "c-close", "case": "c",
     "body": {"reason": "receiving_parent_asked", "effective_date": "2025-06-20"}},
    {"on": "2025-07-01", "command": "record_enforcement_event", "key": "b-lo-granted", "case": "b", "action": "b-lo",
     "expect_status": 200, "body": {"event": "grant"}}]})";

struct replayed_history {
    cms::testing::temporary_directory directory;
    std::string path = directory.file("history.db");
    replayed_history() {
        const auto replayed = cms::services::replay_scenario(cms::services::parse_scenario(history), path);
        REQUIRE(replayed.all_passed());
    }
};

cms::core::civil_date day(const char* text) { return *cms::core::parse_iso_date(text); }

}  // namespace

TEST_CASE("issue 16 reports on one history: service types, unpaid, nil payers, write-offs, enforcement") {
    const replayed_history replayed;
    const auto store = cms::persistence::open_sqlite_store(replayed.path);
    cms::persistence::read_pool readers(*store, 1);

    SUBCASE("service types: open cases and their children on the date, and who paid in the last quarter") {
        // 30 June: "c" closed from 20 June is no arrangement; "d" opened 15 May is.
        const auto june = cms::services::read_service_types_report(readers, day("2025-06-30"));
        CHECK(june.cases_read == 4);
        CHECK(june.summary.collect_and_pay.arrangements == 2);
        CHECK(june.summary.collect_and_pay.children == 2);
        CHECK(june.summary.direct_pay.arrangements == 1);
        CHECK(june.summary.direct_pay.children == 2);
        CHECK(june.summary.all.children == 4);
        // 2025-Q2, each case on its own: "a" paid 9000p in it, "b" and "c" nothing; "d" is
        // Direct Pay, with nothing due through the service.
        CHECK(june.quarter == cms::core::reporting_quarter{2025, 2});
        CHECK(june.paying.due_to_pay == 3);
        CHECK(june.paying.paid_some == 1);
        CHECK(june.paying.paid_nothing == 2);
        // 19 June, the day before "c" closed; 14 May, the day before "d" opened.
        const auto before_closing = cms::services::read_service_types_report(readers, day("2025-06-19"));
        CHECK(before_closing.summary.collect_and_pay.arrangements == 3);
        const auto before_opening = cms::services::read_service_types_report(readers, day("2025-05-14"));
        CHECK(before_opening.summary.direct_pay.arrangements == 0);
        CHECK(before_opening.summary.collect_and_pay.children == 3);
        // The last quarter ended by 14 May is 2025-Q1: "b" paid 5900p in it, "a" and "c" nothing.
        CHECK(before_opening.paying.paid_some == 1);
        CHECK(before_opening.paying.paid_nothing == 2);
    }

    SUBCASE("compliance leaves the Direct Pay family out, though its maintenance accrues in the ledger") {
        // 2025-Q2: "d" (Direct Pay from 15 May) had May's and June's charges posted, and paid
        // nothing through the service; it is not due to pay through Collect and Pay. Counting it
        // (as the report once did) gives 4 due and 3 paid nothing.
        const auto report = cms::services::read_compliance_report(readers, cms::core::reporting_quarter{2025, 2});
        CHECK(report.summary.paying_parents_due == 3);
        CHECK(report.summary.paid_nothing == 2);
        CHECK(report.summary.paid_up_to_90_percent + report.summary.paid_over_90_percent == 1);
    }

    SUBCASE("unpaid since the start: due 3 x 15100p by 31 May, paid 9000p + 5900p") {
        const auto report = cms::services::read_unpaid_report(readers, day("2025-05-31"));
        // January to May: 3100 + 2800 + 3100 + 3000 + 3100 = 15100p a Collect and Pay family.
        CHECK(report.figures.due.pence() == 3 * 15100);
        CHECK(report.figures.paid.pence() == 9000 + 5900);
        CHECK(report.figures.unpaid.pence() == 45300 - 14900);
        CHECK(report.figures.written_off.pence() == 3100);
        CHECK(report.figures.still_owed.pence() == 30400 - 3100);
        // 30400 / 45300 = 67.108...%: 6710.82 basis points, half up to 6711.
        CHECK(report.figures.unpaid_share.value == 6711);
        // 11 May, before the write-off was approved, and before May's charge (dated 31 May).
        const auto earlier = cms::services::read_unpaid_report(readers, day("2025-05-11"));
        CHECK(earlier.figures.due.pence() == 3 * 12000);
        CHECK(earlier.figures.written_off.is_zero());
    }

    SUBCASE("nil payers by method: the latest payment's method, or none recorded") {
        const auto report = cms::services::read_nil_payers_report(readers, {2025, 2});
        // Due in 2025-Q2: a, b, c. "b" and "c" paid nothing: b's latest payment was March's
        // cheque; c never paid. "a" paid some, by direct debit.
        CHECK(report.summary.due_to_pay == 3);
        CHECK(report.summary.paid_nothing == 2);
        REQUIRE(report.summary.methods.size() == 3);
        CHECK(cms::core::method_name(report.summary.methods[0].method) == "direct_debit");
        CHECK(report.summary.methods[0].paid_nothing == 0);
        CHECK(report.summary.methods[0].due_to_pay == 1);
        CHECK(cms::core::method_name(report.summary.methods[1].method) == "cheque");
        CHECK(report.summary.methods[1].paid_nothing == 1);
        CHECK(cms::core::method_name(report.summary.methods[2].method) == "none_recorded");
        CHECK(report.summary.methods[2].paid_nothing == 1);
        // 2025-Q1: "b" paid some; a's direct debit came after the quarter, so a has none recorded.
        const auto first = cms::services::read_nil_payers_report(readers, {2025, 1});
        CHECK(first.summary.paid_nothing == 2);
        REQUIRE(first.summary.methods.size() == 2);
        CHECK(cms::core::method_name(first.summary.methods[0].method) == "cheque");
        CHECK(first.summary.methods[0].paid_nothing == 0);
        CHECK(cms::core::method_name(first.summary.methods[1].method) == "none_recorded");
        CHECK(first.summary.methods[1].paid_nothing == 2);
    }

    SUBCASE("write-offs: dated by approval, not by request") {
        const auto second = cms::services::read_write_offs_report(readers, {2025, 2}, {2025, 2});
        CHECK(second.requests_read == 1);
        CHECK(second.summary.by_reason[0].count == 1);
        CHECK(second.summary.by_reason[0].maintenance.pence() == 3100);
        CHECK(second.summary.approved_write_offs.maintenance.pence() == 3100);
        const auto first = cms::services::read_write_offs_report(readers, {2025, 1}, {2025, 1});
        CHECK(first.summary.approved_write_offs.count == 0);
        const auto both = cms::services::read_write_offs_report(readers, {2025, 1}, {2025, 3});
        CHECK(both.summary.approved_write_offs.count == 1);
    }

    SUBCASE("enforcement: the liability order taken in Q2, granted on Q3's first day") {
        using cms::core::enforcement_step;
        const auto lo = static_cast<std::size_t>(enforcement_step::liability_order) - 1;
        const auto second = cms::services::read_enforcement_report(readers, {2025, 2});
        CHECK(second.summary.steps[lo].taken == 1);
        CHECK(second.summary.steps[lo].outcomes[0] == 0);  // granted
        CHECK(second.summary.steps[lo].in_force_at_end == 0);  // applied for, not yet decided
        CHECK(second.summary.all.taken == 1);  // proposals the daily close made are not actions taken
        const auto third = cms::services::read_enforcement_report(readers, {2025, 3});
        CHECK(third.summary.steps[lo].taken == 0);
        CHECK(third.summary.steps[lo].outcomes[0] == 1);
        CHECK(third.summary.steps[lo].in_force_at_end == 1);
    }
}

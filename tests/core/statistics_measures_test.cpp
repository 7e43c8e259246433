// The measures of issue #16 beyond compliance (core/statistics/): enforcement actions by step,
// payment methods of nil payers, write-offs by reason, arrangements and children by service type,
// and maintenance unpaid since the start. Small caseloads worked by hand at the quarter's edges.
#include <doctest/doctest.h>

#include <vector>

#include "core/statistics/enforcement_activity.hpp"
#include "core/statistics/payment_methods.hpp"
#include "core/statistics/service_types.hpp"
#include "core/statistics/unpaid_maintenance.hpp"
#include "core/statistics/write_offs.hpp"

using namespace cms::core;

namespace {

civil_date day(const char* text) { return *parse_iso_date(text); }

enforcement_event_fact event(action_event what, action_status after, const char* on) { return {what, after, day(on)}; }

const enforcement_step_activity& row_of(const enforcement_activity_summary& summary, enforcement_step step) {
    return summary.steps[static_cast<std::size_t>(step) - 1];
}

std::int64_t outcome(const enforcement_step_activity& row, action_status status) {
    for (std::size_t index = 0; index < enforcement_outcomes.size(); ++index) {
        if (enforcement_outcomes[index] == status) return row.outcomes[index];
    }
    return -1;
}

}  // namespace

TEST_CASE("enforcement: taken, outcomes and in force at the end, by step, at the quarter's edges") {
    using enum action_event;
    using enum action_status;
    const std::vector<enforcement_action_facts> actions = {
        // A DEO made on the quarter's first day, still active on its last: taken and in force.
        {enforcement_step::deduction_from_earnings_order, {event(apply, active, "2025-04-01")}},
        // A DEO made the day before the quarter, failed on its last day: an outcome, not in force.
        {enforcement_step::deduction_from_earnings_order,
         {event(apply, active, "2025-03-31"), event(fail, failed, "2025-06-30")}},
        // A liability order applied for in the quarter, granted the day after it ends: taken, no
        // outcome in the quarter, and applied for (not in force) at its end.
        {enforcement_step::liability_order, {event(apply, applied_for, "2025-05-02"), event(grant, granted, "2025-07-01")}},
        // One applied for before, granted in the quarter: a grant, and in force at the end.
        {enforcement_step::liability_order, {event(apply, applied_for, "2025-02-10"), event(grant, granted, "2025-04-15")}},
        // A proposal the daily close made and withdrew in the quarter: never taken, so nothing.
        {enforcement_step::regular_deduction_order,
         {event(propose, proposed, "2025-04-03"), event(withdraw, withdrawn, "2025-04-20")}},
        // A licence disqualification granted and activated in the quarter, expired after it.
        {enforcement_step::driving_licence_disqualification,
         {event(apply, applied_for, "2025-01-05"), event(grant, granted, "2025-04-02"), event(activate, active, "2025-04-09"),
          event(expire, expired, "2025-09-01")}},
    };
    const auto summary = summarise_enforcement_activity(actions, day("2025-04-01"), day("2025-06-30"));
    REQUIRE(summary.steps.size() == enforcement_step_count);
    const auto& deo = row_of(summary, enforcement_step::deduction_from_earnings_order);
    CHECK(deo.taken == 1);
    CHECK(outcome(deo, failed) == 1);
    CHECK(deo.in_force_at_end == 1);
    const auto& lo = row_of(summary, enforcement_step::liability_order);
    CHECK(lo.taken == 1);
    CHECK(outcome(lo, granted) == 1);
    CHECK(lo.in_force_at_end == 1);
    const auto& rdo = row_of(summary, enforcement_step::regular_deduction_order);
    CHECK(rdo.taken == 0);
    CHECK(outcome(rdo, withdrawn) == 0);
    CHECK(rdo.in_force_at_end == 0);
    const auto& licence = row_of(summary, enforcement_step::driving_licence_disqualification);
    CHECK(licence.taken == 0);
    CHECK(outcome(licence, granted) == 1);
    CHECK(outcome(licence, active) == 1);
    CHECK(outcome(licence, expired) == 0);
    CHECK(licence.in_force_at_end == 1);
    // Totals: taken 1 DEO + 1 LO = 2; outcomes fail 1 + grant 2 + activate 1 = 4; in force 3.
    CHECK(summary.all.taken == 2);
    std::int64_t outcomes = 0;
    for (const std::int64_t count : summary.all.outcomes) outcomes += count;
    CHECK(outcomes == 4);
    CHECK(summary.all.in_force_at_end == 3);

    // The next quarter: the LO granted on its first day, the licence expired after it.
    const auto next = summarise_enforcement_activity(actions, day("2025-07-01"), day("2025-09-30"));
    CHECK(outcome(row_of(next, enforcement_step::liability_order), granted) == 1);
    CHECK(row_of(next, enforcement_step::liability_order).in_force_at_end == 2);
    CHECK(outcome(row_of(next, enforcement_step::driving_licence_disqualification), expired) == 1);
    CHECK(row_of(next, enforcement_step::driving_licence_disqualification).in_force_at_end == 0);
    CHECK(next.all.taken == 0);
}

TEST_CASE("nil payers by method: the paid-nothing band's methods beside every paying parent due") {
    const std::vector<paying_parent_method> parents = {
        {compliance_band::paid_nothing, payment_method::direct_debit},
        {compliance_band::paid_nothing, std::nullopt},
        {compliance_band::paid_nothing, std::nullopt},
        {compliance_band::paid_over_90_percent, payment_method::direct_debit},
        {compliance_band::paid_up_to_90_percent, payment_method::deduction_from_earnings},
    };
    const auto summary = summarise_nil_payer_methods(parents);
    CHECK(summary.due_to_pay == 5);
    CHECK(summary.paid_nothing == 3);
    // Only methods with someone due, in the enum's order, none recorded last.
    REQUIRE(summary.methods.size() == 3);
    CHECK(method_name(summary.methods[0].method) == "direct_debit");
    CHECK(summary.methods[0].paid_nothing == 1);
    CHECK(summary.methods[0].due_to_pay == 2);
    CHECK(method_name(summary.methods[1].method) == "deduction_from_earnings");
    CHECK(summary.methods[1].paid_nothing == 0);
    CHECK(summary.methods[1].due_to_pay == 1);
    CHECK(method_name(summary.methods[2].method) == "none_recorded");
    CHECK(summary.methods[2].paid_nothing == 2);
    // 2 of 3 nil payers recorded no method: 6666.67 basis points, half up to 6667.
    CHECK(share_basis_points(summary.methods[2].paid_nothing, summary.paid_nothing).value == 6667);
}

TEST_CASE("write-offs by reason: approved in the period, dated by approval, and part-payment remainders") {
    const std::vector<approved_write_off_fact> write_offs = {
        {write_off_reason::receiving_parent_asked_to_stop, day("2025-01-01"), money::from_pence(4736)},
        {write_off_reason::receiving_parent_asked_to_stop, day("2025-03-31"), money::from_pence(1000)},
        {write_off_reason::small_balance_case_ended, day("2025-02-14"), money::from_pence(650)},
        {write_off_reason::receiving_parent_died, day("2024-12-31"), money::from_pence(9999)},  // the quarter before
        {write_off_reason::receiving_parent_died, day("2025-04-01"), money::from_pence(8888)},  // the quarter after
        {write_off_reason::paying_parent_told_no_further_action, day("2025-03-01"), money::from_pence(0)},  // paid since
    };
    const std::vector<part_payment_remainder_fact> remainders = {{day("2025-03-15"), money::from_pence(2500)},
                                                                 {day("2025-04-15"), money::from_pence(300)}};
    const auto summary = summarise_write_offs(write_offs, remainders, day("2025-01-01"), day("2025-03-31"));
    CHECK(summary.by_reason[0].count == 2);
    CHECK(summary.by_reason[0].maintenance.pence() == 4736 + 1000);
    CHECK(summary.by_reason[1].count == 0);
    CHECK(summary.by_reason[3].count == 0);
    CHECK(summary.by_reason[4].count == 1);
    CHECK(summary.by_reason[4].maintenance.pence() == 650);
    CHECK(summary.approved_write_offs.count == 3);
    CHECK(summary.approved_write_offs.maintenance.pence() == 5736 + 650);
    CHECK(summary.part_payment_remainders.count == 1);
    CHECK(summary.part_payment_remainders.maintenance.pence() == 2500);
}

TEST_CASE("service types: a case is an arrangement from its opening until its closure takes effect") {
    const civil_date on = day("2025-06-30");
    const std::vector<case_coverage_facts> cases = {
        // Opened on the date: counts, with two children.
        {day("2025-06-30"), std::nullopt, service_type::collect_and_pay, {std::nullopt, std::nullopt}},
        // Opened the day after: not yet.
        {day("2025-07-01"), std::nullopt, service_type::collect_and_pay, {std::nullopt}},
        // Closed from the date: its liability stopped that day, so not an arrangement.
        {day("2025-01-01"), day("2025-06-30"), service_type::direct_pay, {std::nullopt}},
        // Closed from the day after: still open on the date.
        {day("2025-01-01"), day("2025-07-01"), service_type::direct_pay, {std::nullopt}},
        // Three children: one stopped qualifying on the date, one the day after.
        {day("2024-05-01"), std::nullopt, service_type::direct_pay, {day("2025-06-30"), day("2025-07-01"), std::nullopt}},
    };
    const auto summary = summarise_service_types(cases, on);
    CHECK(summary.collect_and_pay.arrangements == 1);
    CHECK(summary.collect_and_pay.children == 2);
    CHECK(summary.direct_pay.arrangements == 2);
    CHECK(summary.direct_pay.children == 1 + 2);
    CHECK(summary.all.arrangements == 3);
    CHECK(summary.all.children == 5);

    arrangements_paying paying;
    count_arrangement(paying, {money::from_pence(9000), money::from_pence(0)});
    count_arrangement(paying, {money::from_pence(9000), money::from_pence(1)});
    count_arrangement(paying, {money::from_pence(0), money::from_pence(500)});  // nothing due: outside
    CHECK(paying.due_to_pay == 2);
    CHECK(paying.paid_some == 1);
    CHECK(paying.paid_nothing == 1);
}

TEST_CASE("unpaid since the start: due less paid, split into still owed and written off") {
    auto leg = [](account_kind debit, account_kind credit, std::int64_t pence, transfer_code code, const char* on) {
        return make_transfer(case_id{1}, {debit, 0}, {credit, 0}, money::from_pence(pence), code, 0, {}, day(on));
    };
    const std::vector<transfer> legs = {
        leg(account_kind::maintenance_due, account_kind::owed_to_receiving_parent, 3100, transfer_code::maintenance_accrued,
            "2025-01-31"),
        leg(account_kind::maintenance_due, account_kind::owed_to_receiving_parent, 2800, transfer_code::maintenance_accrued,
            "2025-02-28"),
        leg(account_kind::payments_unallocated, account_kind::maintenance_due, 3100, transfer_code::payment_allocated,
            "2025-02-05"),
        leg(account_kind::owed_to_receiving_parent, account_kind::maintenance_due, 800, transfer_code::write_off, "2025-03-12"),
        // After the date: neither due nor written off.
        leg(account_kind::owed_to_receiving_parent, account_kind::maintenance_due, 500, transfer_code::write_off, "2025-04-01"),
    };
    const civil_date from = day("1900-01-01");
    const civil_date to = day("2025-03-31");
    const money written_off = maintenance_written_off_between(legs, from, to);
    CHECK(written_off.pence() == 800);
    const auto figures = summarise_unpaid(maintenance_between(legs, from, to), written_off);
    CHECK(figures.due.pence() == 5900);
    CHECK(figures.paid.pence() == 3100);
    CHECK(figures.unpaid.pence() == 2800);
    CHECK(figures.written_off.pence() == 800);
    CHECK(figures.still_owed.pence() == 2000);
    // 2800 / 5900 = 47.457...%: 4745.76 basis points, half up to 4746.
    CHECK(figures.unpaid_share.value == 4746);
}

// The enforcement ladder's checks (core/enforcement/README.md): preconditions, the life cycle,
// charges and waivers, and the deduction limits, at their boundaries.
#include <doctest/doctest.h>

#include <variant>
#include <vector>

#include "core/enforcement/action.hpp"
#include "core/enforcement/deductions.hpp"
#include "core/enforcement/service_switch.hpp"

using namespace cms::core;

namespace {

civil_date day(const char* text) { return *parse_iso_date(text); }
money pence(std::int64_t value) { return money::from_pence(value); }

ladder_step_rule rule(enforcement_step step, const char* from) {
    ladder_step_rule row;
    row.step = step;
    row.effective_from = day(from);
    return row;
}

/// A ladder shaped like schemas/policy/enforcement_ladder.json, built here so the checks are
/// tested against rules the test states.
enforcement_ladder test_ladder() {
    using s = enforcement_step;
    using p = ladder_precondition;
    enforcement_ladder ladder;
    auto deo = rule(s::deduction_from_earnings_order, "2014-06-30");
    deo.preconditions = {p::collect_and_pay, p::arrears, p::employer_known};
    deo.charge = pence(5'000);
    deo.deduction_max_share = basis_points{4'000};
    ladder.rows.push_back(deo);
    auto lo = rule(s::liability_order, "2014-06-30");
    lo.preconditions = {p::collect_and_pay, p::arrears, p::deduction_inappropriate_or_ineffective};
    lo.court = true;
    lo.court_lead_days = 154;
    lo.charge = pence(30'000);
    ladder.rows.push_back(lo);
    auto agents = rule(s::enforcement_agents, "2014-06-30");
    agents.preconditions = {p::liability_order_granted};
    ladder.rows.push_back(agents);
    auto licence = rule(s::driving_licence_disqualification, "2014-06-30");
    licence.preconditions = {p::liability_order_granted};
    licence.after_one_of = {s::enforcement_agents, s::charging_order};
    licence.never_with = {s::committal};
    licence.court = true;
    licence.needs_court_finding = true;
    licence.duration_days_max = 730;
    licence.min_days_after_previous = 28;
    ladder.rows.push_back(licence);
    auto committal = licence;
    committal.step = s::committal;
    committal.never_with = {s::driving_licence_disqualification};
    committal.duration_days_max = 42;
    ladder.rows.push_back(committal);
    auto passport = licence;
    passport.step = s::passport_disqualification;
    passport.effective_from = day("2018-12-14");
    passport.never_with = {};
    ladder.rows.push_back(passport);
    return ladder;
}

enforcement_action_state action(std::int64_t id, enforcement_step step, action_status status, const char* applied) {
    return {id, step, status, day(applied), std::nullopt};
}

step_application applying(enforcement_step step, const char* on) { return {step, day(on), false, false, false}; }

std::string precondition_of(const std::optional<rejection>& refused) {
    REQUIRE(refused);
    CHECK(refused->code == rejection_code::conflicting_state);
    CHECK(refused->field == "step");
    return refused->detail.substr(0, refused->detail.find(':'));
}

}  // namespace

TEST_CASE("a deduction from earnings order needs Collect and Pay, arrears and a named employer") {
    const auto ladder = test_ladder();
    const enforcement_case_facts owing{true, pence(10'000), {}, std::nullopt};
    auto deo = applying(enforcement_step::deduction_from_earnings_order, "2025-03-01");
    CHECK(precondition_of(check_step_allowed(ladder, deo, owing)) == "precondition employer_known");
    deo.employer_named = true;
    CHECK_FALSE(check_step_allowed(ladder, deo, owing));
    CHECK(precondition_of(check_step_allowed(ladder, deo, {true, pence(0), {}, std::nullopt})) == "precondition arrears");
    CHECK(precondition_of(check_step_allowed(ladder, deo, {false, pence(10'000), {}, std::nullopt})) == "precondition collect_and_pay");
    // Before the ladder's first row for the step, it is not available at all.
    deo.on = day("2014-06-29");
    const auto early = check_step_allowed(ladder, deo, owing);
    REQUIRE(early);
    CHECK(early->detail.find("not available on 2014-06-29") != std::string::npos);
}

TEST_CASE("no step is taken while an arrears agreement is being kept; the missing facts come first") {
    const auto ladder = test_ladder();
    auto deo = applying(enforcement_step::deduction_from_earnings_order, "2025-03-01");
    deo.employer_named = true;
    const enforcement_case_facts keeping{true, pence(10'000), {}, day("2025-02-06")};
    const auto refused = check_step_allowed(ladder, deo, keeping);
    CHECK(precondition_of(refused) == "precondition no_arrears_agreement_kept");
    CHECK(refused->detail.find("made on 2025-02-06") != std::string::npos);
    // A precondition of the step itself is named first: it is what the caseworker can fix.
    deo.employer_named = false;
    CHECK(precondition_of(check_step_allowed(ladder, deo, keeping)) == "precondition employer_known");
    // Broken (or never made): allowed.
    deo.employer_named = true;
    CHECK_FALSE(check_step_allowed(ladder, deo, {true, pence(10'000), {}, std::nullopt}));
}

TEST_CASE("a liability order needs a failed deduction order or a reason deductions are inappropriate") {
    const auto ladder = test_ladder();
    auto lo = applying(enforcement_step::liability_order, "2025-03-01");
    const std::vector<enforcement_action_state> deo_running{
        action(1, enforcement_step::deduction_from_earnings_order, action_status::active, "2025-01-10")};
    CHECK(precondition_of(check_step_allowed(ladder, lo, {true, pence(10'000), deo_running, std::nullopt})) ==
          "precondition deduction_inappropriate_or_ineffective");
    const std::vector<enforcement_action_state> deo_failed{
        action(1, enforcement_step::deduction_from_earnings_order, action_status::failed, "2025-01-10")};
    CHECK_FALSE(check_step_allowed(ladder, lo, {true, pence(10'000), deo_failed, std::nullopt}));
    lo.deduction_inappropriate_reason_given = true;
    CHECK_FALSE(check_step_allowed(ladder, lo, {true, pence(10'000), deo_running, std::nullopt}));
    // One application before the court at a time.
    const std::vector<enforcement_action_state> pending{action(2, enforcement_step::liability_order,
                                                               action_status::applied_for, "2025-02-01")};
    CHECK(precondition_of(check_step_allowed(ladder, lo, {true, pence(10'000), pending, std::nullopt})) ==
          "precondition not_already_before_the_court");
}

TEST_CASE("court sanctions need a liability order, an earlier step tried, and a wait; never licence with committal") {
    const auto ladder = test_ladder();
    const auto licence = applying(enforcement_step::driving_licence_disqualification, "2025-06-01");
    CHECK(precondition_of(check_step_allowed(ladder, licence, {true, pence(1), {}, std::nullopt})) ==
          "precondition liability_order_granted");
    std::vector<enforcement_action_state> history{
        action(1, enforcement_step::liability_order, action_status::granted, "2025-01-01")};
    CHECK(precondition_of(check_step_allowed(ladder, licence, {true, pence(1), history, std::nullopt})) == "precondition after_one_of");
    history.push_back(action(2, enforcement_step::enforcement_agents, action_status::failed, "2025-05-10"));
    // 22 days after the agents were instructed; 28 are needed.
    CHECK(precondition_of(check_step_allowed(ladder, licence, {true, pence(1), history, std::nullopt})) ==
          "precondition min_days_after_previous");
    CHECK_FALSE(check_step_allowed(ladder, applying(enforcement_step::driving_licence_disqualification, "2025-06-07"),
                                   {true, pence(1), history, std::nullopt}));
    history.push_back(action(3, enforcement_step::committal, action_status::active, "2025-05-01"));
    CHECK(precondition_of(check_step_allowed(ladder, applying(enforcement_step::driving_licence_disqualification,
                                                              "2025-06-07"),
                                             {true, pence(1), history, std::nullopt})) == "precondition never_with");
}

TEST_CASE("passport disqualification is available from 14 December 2018") {
    const auto ladder = test_ladder();
    const std::vector<enforcement_action_state> history{
        action(1, enforcement_step::liability_order, action_status::granted, "2018-01-01"),
        action(2, enforcement_step::enforcement_agents, action_status::failed, "2018-02-01")};
    const auto refused = check_step_allowed(ladder, applying(enforcement_step::passport_disqualification, "2018-12-13"),
                                            {true, pence(1), history, std::nullopt});
    REQUIRE(refused);
    CHECK(refused->detail.find("not available") != std::string::npos);
    CHECK_FALSE(check_step_allowed(ladder, applying(enforcement_step::passport_disqualification, "2018-12-14"),
                                   {true, pence(1), history, std::nullopt}));
}

TEST_CASE("the life cycle: a court step is applied for, then granted or refused; final states take no event") {
    const auto ladder = test_ladder();
    const auto& lo = *ladder.rule_on(enforcement_step::liability_order, day("2025-01-01"));
    CHECK(status_when_applied(lo) == action_status::applied_for);
    CHECK(status_when_applied(*ladder.rule_on(enforcement_step::deduction_from_earnings_order, day("2025-01-01"))) ==
          action_status::active);
    const auto pending = action(7, enforcement_step::liability_order, action_status::applied_for, "2025-01-01");
    CHECK(std::get<action_status>(apply_outcome(pending, lo, {action_event::grant, day("2025-05-01"), {}, {}}, {})) ==
          action_status::granted);
    CHECK(std::get<action_status>(apply_outcome(pending, lo, {action_event::refuse, day("2025-05-01"), {}, {}}, {})) ==
          action_status::refused);
    const auto early = apply_outcome(pending, lo, {action_event::grant, day("2024-12-31"), {}, {}}, {});
    CHECK(std::get<rejection>(early).field == "on");
    const auto wrong = apply_outcome(pending, lo, {action_event::succeed, day("2025-05-01"), {}, {}}, {});
    CHECK(std::get<rejection>(wrong).field == "event");
    const auto refused = action(7, enforcement_step::liability_order, action_status::refused, "2025-01-01");
    CHECK(std::get<rejection>(apply_outcome(refused, lo, {action_event::withdraw, day("2025-05-01"), {}, {}}, {}))
              .code == rejection_code::conflicting_state);
}

TEST_CASE("a sanction is granted only on a court finding, for at most its longest period, never beside committal") {
    const auto ladder = test_ladder();
    const auto& licence = *ladder.rule_on(enforcement_step::driving_licence_disqualification, day("2025-01-01"));
    const auto pending = action(9, enforcement_step::driving_licence_disqualification, action_status::applied_for,
                                "2025-06-07");
    CHECK(std::get<rejection>(apply_outcome(pending, licence, {action_event::grant, day("2025-07-01"), {}, {}}, {}))
              .field == "court_finding");
    const action_outcome two_years{action_event::grant, day("2025-07-01"), court_finding::wilful_refusal, day("2027-07-01")};
    CHECK(std::get<action_status>(apply_outcome(pending, licence, two_years, {})) == action_status::granted);
    const action_outcome too_long{action_event::grant, day("2025-07-01"), court_finding::wilful_refusal, day("2027-07-02")};
    CHECK(std::get<rejection>(apply_outcome(pending, licence, too_long, {})).field == "until");
    const std::vector<enforcement_action_state> jailed{
        action(3, enforcement_step::committal, action_status::active, "2025-05-01")};
    CHECK(std::get<rejection>(apply_outcome(pending, licence, two_years, jailed)).detail.find("never_with") !=
          std::string::npos);
}

TEST_CASE("a charge when the order is made, waived for a further order of a step already in force") {
    const auto ladder = test_ladder();
    const auto& deo = *ladder.rule_on(enforcement_step::deduction_from_earnings_order, day("2025-01-01"));
    const auto& lo = *ladder.rule_on(enforcement_step::liability_order, day("2025-01-01"));
    CHECK(makes_the_order(deo, action_event::apply));
    CHECK_FALSE(makes_the_order(lo, action_event::apply));
    CHECK(makes_the_order(lo, action_event::grant));
    CHECK(charge_for(deo, 1, {}).amount == pence(5'000));
    const std::vector<enforcement_action_state> second_employer{
        action(1, enforcement_step::deduction_from_earnings_order, action_status::active, "2025-01-01")};
    const auto waived = charge_for(deo, 2, second_employer);
    CHECK(waived.amount.is_zero());
    CHECK(waived.waived_because.has_value());
    // The order's own row in the history does not waive it.
    CHECK(charge_for(deo, 1, second_employer).amount == pence(5'000));
    CHECK(charge_for(lo, 3, second_employer).amount == pence(30'000));
}

TEST_CASE("a deduction from earnings order takes ongoing plus a two-year arrears instalment, at most 40% of net pay") {
    // £100 a week due, £2,400 arrears, paid monthly: 100 x 52 / 12 = £433.33 + 2400 / 24 = £100.
    const auto within = earnings_deduction_rate(pence(10'000), pence(240'000), pence(200'000),
                                                payment_frequency::monthly, basis_points{4'000});
    CHECK(within.per_period == pence(53'333));
    CHECK_FALSE(within.capped);
    // Net pay £1,000 a month: at most £400.
    const auto capped = earnings_deduction_rate(pence(10'000), pence(240'000), pence(100'000),
                                                payment_frequency::monthly, basis_points{4'000});
    CHECK(capped.capped);
    CHECK(capped.per_period == pence(40'000));
    CHECK(capped.wanted == pence(53'333));
    // Arrears that do not divide evenly are rounded up, so two years clear them.
    CHECK(arrears_instalment(pence(1'001), payment_frequency::weekly) == pence(10));
    CHECK(arrears_instalment(pence(1'040), payment_frequency::weekly) == pence(10));
    CHECK(arrears_instalment(pence(0), payment_frequency::weekly).is_zero());
    CHECK(per_pay_period(pence(10'000), payment_frequency::four_weekly) == pence(40'000));
}

TEST_CASE("a regular deduction is skipped when it would leave the account below its floor") {
    CHECK(regular_bank_deduction(pence(10'000), pence(14'000), pence(4'000)).taken == pence(10'000));
    const auto skipped = regular_bank_deduction(pence(10'000), pence(13'999), pence(4'000));
    CHECK(skipped.skipped);
    CHECK(skipped.taken.is_zero());
}

TEST_CASE("on a pay day the employer deducts the order's rate, cut to 40% of that period's earnings") {
    const auto full = earnings_deduction_on_pay_day(pence(10'377), pence(50'000), basis_points{4'000});
    CHECK(full.per_period == pence(10'377));
    CHECK_FALSE(full.capped);
    const auto at_cap = earnings_deduction_on_pay_day(pence(8'000), pence(20'000), basis_points{4'000});
    CHECK(at_cap.per_period == pence(8'000));
    CHECK_FALSE(at_cap.capped);
    const auto short_month = earnings_deduction_on_pay_day(pence(10'377), pence(20'001), basis_points{4'000});
    CHECK(short_month.per_period == pence(8'000));  // 8,000.4 rounded down: never a penny beyond the share
    CHECK(short_month.capped);
    CHECK(earnings_deduction_on_pay_day(pence(10'377), pence(0), basis_points{4'000}).per_period.is_zero());
    for (const auto outcome : {deduction_outcome::taken, deduction_outcome::capped, deduction_outcome::skipped_below_floor}) {
        CHECK(parse_deduction_outcome(to_string(outcome)) == outcome);
    }
}

TEST_CASE("a ladder table is refused when a step's dates do not increase or a deduction has no limit") {
    auto ladder = test_ladder();
    CHECK(validate_ladder(ladder).ok);
    ladder.rows.push_back(rule(enforcement_step::liability_order, "2014-06-30"));
    CHECK_FALSE(validate_ladder(ladder).ok);
    CHECK(validate_ladder(ladder).row == ladder.rows.size() - 1);
    auto no_limit = test_ladder();
    no_limit.rows[0].deduction_max_share.reset();
    CHECK_FALSE(validate_ladder(no_limit).ok);
}

TEST_CASE("a switch to Collect and Pay after a missed payment needs a warning in the 12 months before") {
    service_switch_context context;
    context.current = service_type::direct_pay;
    context.opened_on = day("2024-01-10");
    context.business_date = day("2025-06-30");
    context.latest_term_from = day("2024-01-10");
    const auto to_collect = [&](const char* on) {
        return check_service_switch(service_type::collect_and_pay, service_switch_reason::missed_payment_reported, day(on),
                                    context);
    };
    CHECK(to_collect("2025-06-01")->field == "reason");  // never warned
    context.last_warning_on = day("2024-06-01");
    CHECK_FALSE(to_collect("2025-06-01"));       // exactly 12 months before
    CHECK(to_collect("2025-06-02")->field == "reason");  // a day too late
    // A paying parent who asks needs no warning.
    context.last_warning_on.reset();
    CHECK_FALSE(check_service_switch(service_type::collect_and_pay, service_switch_reason::paying_parent_asked,
                                     day("2025-06-02"), context));
    // The reason must fit the direction; the date must be in range, after charged days and terms.
    CHECK(check_service_switch(service_type::collect_and_pay, service_switch_reason::both_parents_agree, day("2025-06-02"),
                               context)
              ->code == rejection_code::invalid_field);
    CHECK(check_service_switch(service_type::collect_and_pay, service_switch_reason::paying_parent_asked, day("2025-07-01"),
                               context)
              ->field == "effective_date");
    context.charged_through = day("2025-05-31");
    CHECK(check_service_switch(service_type::collect_and_pay, service_switch_reason::paying_parent_asked, day("2025-05-31"),
                               context)
              ->code == rejection_code::conflicting_state);
    CHECK_FALSE(check_service_switch(service_type::collect_and_pay, service_switch_reason::paying_parent_asked,
                                     day("2025-06-01"), context));
}

TEST_CASE("back to Direct Pay needs both parents, and no enforcement pending; a case already there is refused") {
    service_switch_context context;
    context.current = service_type::collect_and_pay;
    context.opened_on = day("2024-01-10");
    context.business_date = day("2025-06-30");
    context.latest_term_from = day("2024-01-10");
    CHECK_FALSE(check_service_switch(service_type::direct_pay, service_switch_reason::both_parents_agree, day("2025-06-01"),
                                     context));
    context.enforcement_pending = true;
    CHECK(check_service_switch(service_type::direct_pay, service_switch_reason::both_parents_agree, day("2025-06-01"),
                               context)
              ->field == "to");
    CHECK(check_service_switch(service_type::collect_and_pay, service_switch_reason::paying_parent_asked, day("2025-06-01"),
                               context)
              ->detail.find("already") != std::string::npos);
}

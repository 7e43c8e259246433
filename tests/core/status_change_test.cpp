// Status changes (benefit, nil-rate reason, children counts) supersede whenever they differ,
// alone or together with an income or shared-care change.
#include <doctest/doctest.h>

#include "calculation_test_policy.hpp"
#include "core/calculation/status_change.hpp"

using namespace cms::test;
using cms::core::supersession_outcome;

namespace {

cms::core::supersession_decision decide(const cms::core::circumstance_change& change,
                                        const cms::core::status_change& status) {
    const std::vector<cms::core::calculation_rates> rows = {policy_2013()};
    return cms::core::decide_change_of_circumstances(initial_history(), change, status, rows);
}

}  // namespace

TEST_CASE("a new relevant other child supersedes without any income change") {
    cms::core::status_change status;
    status.relevant_other_children = 1;
    const auto decision = decide({ymd(2024, 6, 1), std::nullopt, {}, false, {}, std::nullopt, std::nullopt}, status);
    REQUIRE(decision.outcome == supersession_outcome::superseded);
    REQUIRE(decision.history.size() == 2);
    CHECK(decision.history[0].effective_to == ymd(2024, 6, 1));
    CHECK(decision.history[0].result.weekly_amount.pence() == 8'000);
    // 16% x (£500 - 11% = £445) = £71.20.
    CHECK(decision.history[1].result.weekly_amount.pence() == 7'120);
    CHECK(decision.history[1].input.paying_parent.relevant_other_children == 1);
}

TEST_CASE("a status equal to the one in force changes nothing; a sub-tolerance income stays out") {
    cms::core::status_change same;
    same.benefit = cms::core::benefit_status::none;
    same.relevant_other_children = 0;
    CHECK(decide({ymd(2024, 6, 1), std::nullopt, {}, false, {}, std::nullopt, std::nullopt}, same).outcome == supersession_outcome::no_change);

    cms::core::status_change on_benefit;
    on_benefit.benefit = cms::core::benefit_status::flat_rate_benefit;
    // +20% income is not acted on, the benefit is: flat rate £7, and the income stays £500.
    const auto decision = decide({ymd(2024, 6, 1), pence(60'000), {}, false, {}, std::nullopt, std::nullopt}, on_benefit);
    REQUIRE(decision.outcome == supersession_outcome::superseded);
    CHECK(decision.history.back().result.weekly_amount.pence() == 700);
    CHECK(decision.history.back().input.paying_parent.gross_weekly_income.pence() == 50'000);
    CHECK(decision.detail.find("tolerance") != std::string::npos);
}

TEST_CASE("a refusal of the income or shared-care part is returned as is") {
    cms::core::status_change status;
    status.relevant_other_children = 2;
    const auto before = decide({ymd(2023, 6, 1), std::nullopt, {}, false, {}, std::nullopt, std::nullopt}, status);
    CHECK(before.outcome == supersession_outcome::before_initial_effective_date);
    CHECK(before.history.size() == 1);
    const auto unknown = decide({ymd(2024, 6, 1), std::nullopt, {{"nobody", 52}}, false, {}, std::nullopt, std::nullopt}, status);
    CHECK(unknown.outcome == supersession_outcome::unknown_child);
}

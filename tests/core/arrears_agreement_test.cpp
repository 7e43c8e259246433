// Arrears agreements (core/enforcement/arrears_agreement.hpp): the instalment that clears the
// arrears in two years, cut to what the income share leaves beside the ongoing maintenance, and
// the check that tells a kept agreement from a broken or completed one, at their boundaries.
#include <doctest/doctest.h>

#include "core/enforcement/arrears_agreement.hpp"

using namespace cms::core;

namespace {

money pence(std::int64_t value) { return money::from_pence(value); }

/// £50 a week due (monthly plan: £216.67 a period), £1,000 net a month, 40%: £400 a period, so
/// £183.33 of room beside the ongoing amount.
arrears_agreement_request monthly(std::int64_t arrears_pence) {
    return {pence(arrears_pence), pence(5'000), payment_frequency::monthly, pence(100'000), basis_points{4'000},
            std::nullopt};
}

}  // namespace

TEST_CASE("an agreement asks for the two-year instalment when the income allows it") {
    const auto decision = decide_arrears_agreement(monthly(60'000));
    REQUIRE_FALSE(decision.refused);
    CHECK(decision.terms.ongoing_per_instalment == pence(21'667));  // 5000 x 52 / 12, half up
    CHECK(decision.terms.arrears_instalment_max == pence(18'333));  // 40,000 - 21,667
    CHECK(decision.terms.clears_in_two_years == pence(2'500));
    CHECK(decision.terms.arrears_instalment == pence(2'500));
    CHECK(decision.terms.instalments == 24);
    CHECK(decision.terms.within_two_years);
}

TEST_CASE("an agreement is cut to the income share and then runs past two years") {
    const auto decision = decide_arrears_agreement(monthly(600'000));
    REQUIRE_FALSE(decision.refused);
    CHECK(decision.terms.clears_in_two_years == pence(25'000));
    CHECK(decision.terms.arrears_instalment == pence(18'333));
    CHECK(decision.terms.instalments == 33);  // 32 x 18,333 = 586,656 leaves 13,344
    CHECK_FALSE(decision.terms.within_two_years);
}

TEST_CASE("a caseworker's instalment is taken up to the room the income leaves, not a penny more") {
    auto request = monthly(600'000);
    request.arrears_instalment_asked = pence(18'333);
    CHECK_FALSE(decide_arrears_agreement(request).refused);
    request.arrears_instalment_asked = pence(18'334);
    const auto over = decide_arrears_agreement(request);
    REQUIRE(over.refused);
    CHECK(over.refused->field == "arrears_instalment_pence");

    auto small = monthly(1'000);
    small.arrears_instalment_asked = pence(1'001);
    const auto beyond_arrears = decide_arrears_agreement(small);
    REQUIRE(beyond_arrears.refused);
    CHECK(beyond_arrears.refused->field == "arrears_instalment_pence");
    small.arrears_instalment_asked = pence(1'000);
    const auto one = decide_arrears_agreement(small);
    REQUIRE_FALSE(one.refused);
    CHECK(one.terms.instalments == 1);
}

TEST_CASE("no agreement without arrears, or when the ongoing amount already takes the income share") {
    const auto none = decide_arrears_agreement(monthly(0));
    REQUIRE(none.refused);
    CHECK(none.refused->code == rejection_code::conflicting_state);

    auto poor = monthly(60'000);
    poor.net_income_per_period = pence(54'167);  // 40% = 21,666: a penny short of the ongoing amount
    const auto no_room = decide_arrears_agreement(poor);
    REQUIRE(no_room.refused);
    CHECK(no_room.refused->field == "net_income_per_period_pence");
    poor.net_income_per_period = pence(54'170);  // 40% = 21,668: one penny of room
    const auto a_penny = decide_arrears_agreement(poor);
    REQUIRE_FALSE(a_penny.refused);
    CHECK(a_penny.terms.arrears_instalment == pence(1));
}

TEST_CASE("the arrears allowed fall by an instalment each time and never below zero") {
    CHECK(arrears_allowed_after(pence(60'000), pence(2'500), 0) == pence(60'000));
    CHECK(arrears_allowed_after(pence(60'000), pence(2'500), 1) == pence(57'500));
    CHECK(arrears_allowed_after(pence(60'000), pence(2'500), 23) == pence(2'500));
    CHECK(arrears_allowed_after(pence(60'000), pence(2'500), 24).is_zero());
    CHECK(arrears_allowed_after(pence(60'000), pence(2'500), 1'000'000).is_zero());
    CHECK(arrears_allowed_after(pence(1'001), pence(10), 100) == pence(1));
    CHECK(arrears_allowed_after(pence(1'001), pence(10), 101).is_zero());
}

TEST_CASE("an instalment's check: kept up to the allowance, broken a penny above it, completed at nothing owed") {
    CHECK(check_arrears_agreement(pence(57'500), pence(57'500)) == agreement_check::kept);
    CHECK(check_arrears_agreement(pence(57'501), pence(57'500)) == agreement_check::broken);
    CHECK(check_arrears_agreement(pence(0), pence(57'500)) == agreement_check::completed);
    CHECK(check_arrears_agreement(pence(1), pence(0)) == agreement_check::broken);
}

TEST_CASE("agreement statuses round-trip by name") {
    for (const auto status : {arrears_agreement_status::active, arrears_agreement_status::completed,
                              arrears_agreement_status::broken}) {
        CHECK(parse_arrears_agreement_status(to_string(status)) == status);
    }
    CHECK_FALSE(parse_arrears_agreement_status("cancelled"));
}

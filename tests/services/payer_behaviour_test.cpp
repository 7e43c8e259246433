// A generated paying parent's payments from their profile (services/generation/payer_behaviour).
#include <doctest/doctest.h>

#include "services/generation/payer_behaviour.hpp"

namespace cms::services {

namespace {

core::civil_date on(int year, unsigned month, unsigned day) {
    return core::civil_date{date::year{year} / date::month{month} / date::day{day}};
}

core::money pence(std::int64_t amount) { return core::money::from_pence(amount); }

}  // namespace

TEST_CASE("each behaviour's payment of an instalment") {
    const core::civil_date due_on = on(2025, 3, 28);
    payer_profile profile;

    SUBCASE("on time pays in full on the day") {
        const auto paid = payment_for_instalment(profile, 5, due_on, pence(12'345), false);
        REQUIRE(paid);
        CHECK(paid->received_on == due_on);
        CHECK(paid->amount == pence(12'345));
    }
    SUBCASE("late pays in full days later, across a month end") {
        profile.behaviour = payer_behaviour::pays_late;
        profile.days_late = 5;
        const auto paid = payment_for_instalment(profile, 0, due_on, pence(12'345), false);
        REQUIRE(paid);
        CHECK(paid->received_on == on(2025, 4, 2));
        CHECK(paid->amount == pence(12'345));
    }
    SUBCASE("part pays its share, rounded down to the penny") {
        profile.behaviour = payer_behaviour::pays_part;
        profile.paid_share_bp = 3'333;
        // 12,345 × 0.3333 = 4,114.5885: the parent pays 4,114p, not 4,115p.
        const auto paid = payment_for_instalment(profile, 0, due_on, pence(12'345), false);
        REQUIRE(paid);
        CHECK(paid->amount == pence(4'114));
        // 2p × 0.3333 rounds down to nothing: no payment at all rather than a zero one.
        CHECK_FALSE(payment_for_instalment(profile, 0, due_on, pence(2), false));
    }
    SUBCASE("stops after its instalments") {
        profile.behaviour = payer_behaviour::stops_paying;
        profile.instalments_before_stopping = 3;
        CHECK(payment_for_instalment(profile, 2, due_on, pence(700), false));
        CHECK_FALSE(payment_for_instalment(profile, 3, due_on, pence(700), false));
        CHECK_FALSE(payment_for_instalment(profile, 3, due_on, pence(700), true));
    }
    SUBCASE("never pays, even under enforcement") {
        profile.behaviour = payer_behaviour::never_pays;
        CHECK_FALSE(payment_for_instalment(profile, 0, due_on, pence(700), false));
        CHECK_FALSE(payment_for_instalment(profile, 0, due_on, pence(700), true));
    }
    SUBCASE("responds to enforcement: nothing before, in full once an action is in force") {
        profile.behaviour = payer_behaviour::pays_under_enforcement;
        CHECK_FALSE(payment_for_instalment(profile, 4, due_on, pence(700), false));
        const auto paid = payment_for_instalment(profile, 5, due_on, pence(700), true);
        REQUIRE(paid);
        CHECK(paid->amount == pence(700));
    }
    SUBCASE("nothing is paid of a nil instalment") {
        CHECK_FALSE(payment_for_instalment(profile, 0, due_on, pence(0), false));
    }
}

TEST_CASE("a profile's parameters must fit its behaviour") {
    payer_profile profile;
    CHECK_FALSE(check_payer_profile(profile));
    profile.behaviour = payer_behaviour::pays_late;
    CHECK(check_payer_profile(profile));  // days_late 0 is not late
    profile.days_late = 91;
    CHECK(check_payer_profile(profile));
    profile.days_late = 90;
    CHECK_FALSE(check_payer_profile(profile));
    profile.behaviour = payer_behaviour::pays_part;
    profile.paid_share_bp = 10'000;  // all of it is on time, not part
    CHECK(check_payer_profile(profile));
    profile.paid_share_bp = 5'000;
    CHECK_FALSE(check_payer_profile(profile));
    profile.net_weekly_earnings = pence(30'000);
    CHECK(check_payer_profile(profile));  // earnings without employment
    profile.employed = true;
    CHECK_FALSE(check_payer_profile(profile));
}

TEST_CASE("behaviour names round-trip, and an unknown one is refused") {
    for (const payer_behaviour behaviour :
         {payer_behaviour::pays_on_time, payer_behaviour::pays_late, payer_behaviour::pays_part,
          payer_behaviour::stops_paying, payer_behaviour::never_pays, payer_behaviour::pays_under_enforcement}) {
        CHECK(parse_payer_behaviour(to_string(behaviour)) == behaviour);
    }
    CHECK_FALSE(parse_payer_behaviour("pays_sometimes"));
}

}  // namespace cms::services

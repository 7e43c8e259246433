// A paying parent with children in the care of two receiving parents, one case each: one
// calculation apportioned per child across the cases, the 20% fee on each case's share, one
// payment split between the cases (in full and short), and a change in one case recalculating the
// other from the same date. cms check holds throughout.
#include <doctest/doctest.h>

#include "services/ledger/ledger_service.hpp"
#include "services/wire/circumstance_parsing.hpp"
#include "support/service_fixture.hpp"

using namespace cms;
using nlohmann::json;

namespace {

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

/// round_half_up(numerator / denominator) for the expected figures, written out in the test.
std::int64_t rounded(std::int64_t numerator, std::int64_t denominator) { return (2 * numerator + denominator) / (2 * denominator); }

struct family_fixture : testing::service_fixture {
    std::int64_t paying = parent("p", "paying");
    std::int64_t first_receiving = parent("ra", "receiving");
    std::int64_t second_receiving = parent("rb", "receiving");

    std::int64_t parent(const std::string& key, const char* role) {
        const auto made = register_parent(key, {{"role", role}, {"full_name", "Parent " + key},
                                                {"date_of_birth", "1985-01-01"}, {"local_authority_code", "E06000059"}});
        REQUIRE(made.status == 201);
        return made.body["id"].get<std::int64_t>();
    }
    /// £500 a week; one child: alone 12% = £60.00, with a child in another case 16% / 2 = £40.00.
    testing::rendered_outcome open(const std::string& key, std::int64_t receiving, const char* service = "collect_and_pay") {
        return open_case(key, {{"paying_parent_id", paying},
                               {"receiving_parent_id", receiving},
                               {"service_type", service},
                               {"paying_parent_circumstances",
                                {{"gross_weekly_income_pence", 50'000}, {"benefit", "none"}, {"nil_rate_reason", nullptr},
                                 {"relevant_other_children", 0}, {"other_supported_children", 0}}},
                               {"children", {{{"full_name", "Child " + key}, {"date_of_birth", "2015-05-05"}}}}});
    }
    std::int64_t weekly_on(std::int64_t case_number, const char* on) {
        return readers.borrow()->calculations().weekly_amount_in_force(core::case_id{case_number}, day(on))->pence();
    }
    std::vector<persistence::calculation_row> calculations(std::int64_t case_number) {
        return readers.borrow()->calculations().list_calculations(core::case_id{case_number});
    }
    core::case_balances balances(std::int64_t case_number) {
        return services::balances_as_of(readers.borrow()->ledger(), core::case_id{case_number}, clock.today());
    }
    core::money balance(std::int64_t case_number, core::account_kind kind) {
        return balances(case_number).balance({kind, 0});
    }
    /// Case 1 from 15 January, charged through January at £60 a week alone; case 2 from 3 February.
    std::pair<std::int64_t, std::int64_t> open_a_month_apart() {
        const std::int64_t one = open("c1", first_receiving).body["id"];
        accrue_through("2025-01-31");
        clock.set(day("2025-02-03"));
        const std::int64_t two = open("c2", second_receiving).body["id"];
        return {one, two};
    }
    testing::rendered_outcome parent_payment(const std::string& key, std::int64_t amount_pence, const char* on,
                                             std::int64_t payer = 0) {
        return run([&](services::outcome_callback done) {
            cases.record_parent_payment(
                services::parse_record_parent_payment({{"amount_pence", amount_pence}, {"received_on", on},
                                                       {"method", "direct_debit"}, {"reference", key}},
                                                      core::parent_id{payer ? payer : paying}, cases.limits()),
                {key, "carol"}, std::move(done));
        });
    }
    testing::rendered_outcome income(const std::string& key, std::int64_t case_number, std::int64_t pence, const char* from) {
        return run([&](services::outcome_callback done) {
            cases.record_income(services::parse_income_change({{"effective_date", from}, {"gross_weekly_income_pence", pence}},
                                                              core::case_id{case_number}),
                                {key, "carol"}, std::move(done));
        });
    }
    testing::rendered_outcome close(const std::string& key, std::int64_t case_number, const char* from) {
        return run([&](services::outcome_callback done) {
            cases.close_case(services::parse_close_case({{"reason", "receiving_parent_asked"}, {"effective_date", from}},
                                                        core::case_id{case_number}),
                             {key, "carol"}, std::move(done));
        });
    }
};

}  // namespace

TEST_CASE("two cases opened the same day share one calculation, each payable its own child's half") {
    family_fixture family;
    const auto first = family.open("c1", family.first_receiving);
    REQUIRE(first.status == 201);
    const std::int64_t one = first.body["id"];
    CHECK(family.weekly_on(one, "2025-01-15") == 6'000);
    const auto second = family.open("c2", family.second_receiving);
    REQUIRE(second.status == 201);
    const std::int64_t two = second.body["id"];
    CHECK(family.weekly_on(two, "2025-01-15") == 4'000);
    // The first case's calculation of the same day is its share now: nothing was charged at £60.
    CHECK(family.weekly_on(one, "2025-01-15") == 4'000);
    const auto rows = family.calculations(one);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].reason == "linked_case_change");
    CHECK(json::parse(rows[0].input_json)["other_cases_children"][0]["id"] == std::to_string(two) + "/1");
    CHECK(family.shown_case(one).body["weekly_amount_pence"] == 4'000);
    CHECK_FALSE(family.store->check().has_value());
}

TEST_CASE("a case opened later recalculates the other from its day; fees are 20% of each case's share") {
    family_fixture family;
    const auto [one, two] = family.open_a_month_apart();
    CHECK(family.weekly_on(one, "2025-02-02") == 6'000);  // the past keeps its amount
    CHECK(family.weekly_on(one, "2025-02-03") == 4'000);
    CHECK(family.calculations(one).back().reason == "linked_case_change");
    family.clock.set(day("2025-03-01"));
    family.accrue_through("2025-02-28");
    // Case 1: 17 days of January at £60, 2 days of February at £60 and 26 at £40 (cumulative
    // rounding: core/ledger/accrual.hpp). Case 2: 26 days at £40. Each fee is 20% of its own.
    const std::int64_t weekly_days_one = 6'000 * (17 + 2) + 4'000 * 26;
    CHECK(family.balance(one, core::account_kind::maintenance_due).pence() == rounded(weekly_days_one, 7));
    CHECK(family.balance(one, core::account_kind::collection_fee_due).pence() == rounded(weekly_days_one * 2'000, 70'000));
    CHECK(family.balance(two, core::account_kind::maintenance_due).pence() == rounded(4'000 * 26, 7));
    CHECK(family.balance(two, core::account_kind::collection_fee_due).pence() == rounded(4'000 * 26 * 2'000, 70'000));
    CHECK_FALSE(family.store->check().has_value());
}

TEST_CASE("one payment by the paying parent is split between the cases: in full, and short pro rata") {
    family_fixture family;
    const auto [one, two] = family.open_a_month_apart();
    family.clock.set(day("2025-03-03"));
    family.accrue_through("2025-02-28");
    const auto owed = [&](std::int64_t case_number) {
        return family.balance(case_number, core::account_kind::maintenance_due).pence() +
               family.balance(case_number, core::account_kind::collection_fee_due).pence();
    };
    const std::int64_t owed_one = owed(one);
    const std::int64_t owed_two = owed(two);

    // Short: a third of what is owed, shared in proportion (largest remainder, to the penny).
    const std::int64_t short_amount = (owed_one + owed_two) / 3;
    const auto paid_short = family.parent_payment("short", short_amount, "2025-03-03");
    REQUIRE(paid_short.status == 201);
    CHECK(paid_short.body["apportionment"] == "pro_rata_to_owed");
    REQUIRE(paid_short.body["payments"].size() == 2);
    const std::int64_t share_one = paid_short.body["payments"][0]["amount_pence"];
    const std::int64_t share_two = paid_short.body["payments"][1]["amount_pence"];
    CHECK(paid_short.body["payments"][0]["case_id"] == one);
    CHECK(paid_short.body["payments"][0]["owed_pence"] == owed_one);
    CHECK(share_one + share_two == short_amount);
    const std::int64_t exact_one = short_amount * owed_one / (owed_one + owed_two);
    CHECK((share_one == exact_one || share_one == exact_one + 1));
    CHECK(owed(one) == owed_one - share_one);  // each share settles its own case
    CHECK(owed(two) == owed_two - share_two);
    // The receiving parents' 4% is kept from each case's own maintenance.
    CHECK(family.balance(two, core::account_kind::fee_income).pence() > 0);
    // A repeat of the command answers the same and records nothing more.
    CHECK(family.parent_payment("short", short_amount, "2025-03-03").body == paid_short.body);
    CHECK(family.count("payments") == 2);

    // In full, and £10.00 beyond: every debt settled, the rest held as credit pro rata to the weekly amounts.
    const std::int64_t rest = owed(one) + owed(two);
    const auto paid_full = family.parent_payment("full", rest + 1'000, "2025-03-03");
    REQUIRE(paid_full.status == 201);
    CHECK(owed(one) == 0);
    CHECK(owed(two) == 0);
    CHECK(family.balance(one, core::account_kind::payments_unallocated).pence() == 500);
    CHECK(family.balance(two, core::account_kind::payments_unallocated).pence() == 500);
    CHECK_FALSE(family.store->check().has_value());

    // Each part is a payment of its case, reversible on its own.
    CHECK(family.shown_case(two).body["payments"].size() == 2);
}

TEST_CASE("a parent payment is refused, writing nothing, when it has nowhere to go") {
    family_fixture family;
    CHECK(family.parent_payment("none", 1'000, "2025-01-15").status == 409);  // no case yet
    CHECK(family.parent_payment("nobody", 1'000, "2025-01-15", 999).status == 404);
    family.open("direct", family.first_receiving, "direct_pay");
    CHECK(family.parent_payment("direct-only", 1'000, "2025-01-15").status == 409);  // Direct Pay is paid directly
    const std::int64_t collected = family.open("c2", family.second_receiving).body["id"];
    CHECK(family.parent_payment("future", 1'000, "2025-01-16").status == 422);
    const auto paid = family.parent_payment("one-case", 1'000, "2025-01-15");
    REQUIRE(paid.status == 201);
    REQUIRE(paid.body["payments"].size() == 1);
    CHECK(paid.body["payments"][0]["case_id"] == collected);
    CHECK(family.count("payments") == 1);
}

TEST_CASE("closing one case, or a change of income on one, recalculates the other from the same date") {
    family_fixture family;
    const std::int64_t one = family.open("c1", family.first_receiving).body["id"];
    family.clock.set(day("2025-01-20"));
    const std::int64_t two = family.open("c2", family.second_receiving).body["id"];
    REQUIRE(family.weekly_on(one, "2025-01-20") == 4'000);

    // £800 a week from 1 February, recorded on case 2: 16% = £128.00, £64.00 each.
    REQUIRE(family.income("income", two, 80'000, "2025-02-01").status == 201);
    CHECK(family.weekly_on(two, "2025-02-01") == 6'400);
    CHECK(family.weekly_on(one, "2025-02-01") == 6'400);
    CHECK(family.calculations(one).back().reason == "linked_case_change");

    // Case 2 closes from 10 February: case 1 is alone again, 12% of £800 = £96.00.
    family.clock.set(day("2025-02-10"));
    REQUIRE(family.close("close", two, "2025-02-10").status == 200);
    CHECK(family.weekly_on(one, "2025-02-09") == 6'400);
    CHECK(family.weekly_on(one, "2025-02-10") == 9'600);
    CHECK(family.weekly_on(two, "2025-02-10") == 0);
    CHECK_FALSE(family.store->check().has_value());
}

TEST_CASE("a change dated on a day the accrual already charged is refused; a linked case follows the next day") {
    family_fixture family;
    const std::int64_t one = family.open("c1", family.first_receiving).body["id"];
    family.accrue_through("2025-01-31");
    family.clock.set(day("2025-02-03"));
    // January was charged at £60 a week and is never charged again: a change inside it would be
    // lost, so it is refused and nothing is written.
    const auto own = family.income("own", one, 80'000, "2025-01-20");
    CHECK(own.status == 409);
    CHECK(own.body.dump().find("already charged") != std::string::npos);
    CHECK(family.calculations(one).size() == 1);
    const std::int64_t two = family.open("c2", family.second_receiving).body["id"];
    const auto linked = family.income("linked", two, 80'000, "2025-02-03");
    CHECK(linked.status == 409);  // the same day case 2 opened: it already starts a calculation then
    CHECK(family.income("next-day", two, 80'000, "2025-02-04").status == 201);
    CHECK(family.weekly_on(one, "2025-02-04") == 6'400);
    CHECK_FALSE(family.store->check().has_value());
}

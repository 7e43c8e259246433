#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <random>
#include <vector>

#include "core/ledger/accrual.hpp"
#include "core/ledger/ledger_balances.hpp"
#include "support/fixtures.hpp"

using namespace cms::core;

namespace {

using cms::testing::pence;
using cms::testing::ymd;

/// Today's fee table: 20% paying parent, 4% receiving parent, from 11 Aug 2014.
constexpr std::array<collection_fee_row, 1> todays_fees{
    collection_fee_row{civil_date{date::year{2014}, date::month{8}, date::day{11}},
                       basis_points{2000}, basis_points{400}}};

const std::array<service_segment, 1> collect_and_pay_from_2014{
    service_segment{ymd(2014, 1, 1), service_type::collect_and_pay}};

accrual_terms one_parent(std::span<const receiving_parent_liability> parents,
                         std::span<const service_segment> service,
                         std::span<const collection_fee_row> fees = todays_fees) {
    return accrual_terms{parents, service, fees};
}

}  // namespace

TEST_CASE("a supersession mid-month accrues each day at the weekly amount in force that day") {
    // £70/wk (£10/day) from 1 Jan 2024, superseded by £140/wk (£20/day) from 16 Mar 2024.
    const std::array history{weekly_amount_segment{ymd(2024, 1, 1), pence(7'000)},
                             weekly_amount_segment{ymd(2024, 3, 16), pence(14'000)}};
    const std::array parents{receiving_parent_liability{0, history}};
    const auto terms = one_parent(parents, collect_and_pay_from_2014);
    REQUIRE(validate_accrual_terms(terms) == accrual_status::ok);

    // March: 15 days x £10 + 16 days x £20 = £150 + £320 = £470.
    const accrual_amounts march = case_period_accrual(terms, ymd(2024, 3, 1), ymd(2024, 3, 31));
    CHECK(march.maintenance == pence(47'000));
    // Fee 20% of each day: 15 x £2 + 16 x £4 = £94.
    CHECK(march.collection_fee == pence(9'400));
    // Before the liability starts nothing accrues.
    CHECK(case_period_accrual(terms, ymd(2023, 12, 1), ymd(2023, 12, 31)) == accrual_amounts{});
}

TEST_CASE("February accrues 29 days in a leap year and 28 otherwise") {
    // £61.03/wk from 1 Feb; worked example 4 of core/calculation/README.md.
    const std::array history_2024{weekly_amount_segment{ymd(2024, 2, 1), pence(6'103)}};
    const std::array history_2023{weekly_amount_segment{ymd(2023, 2, 1), pence(6'103)}};
    const std::array parents_2024{receiving_parent_liability{0, history_2024}};
    const std::array parents_2023{receiving_parent_liability{0, history_2023}};
    const auto terms_2024 = one_parent(parents_2024, collect_and_pay_from_2014);
    const auto terms_2023 = one_parent(parents_2023, collect_and_pay_from_2014);

    // 2024: 29 x 6103 = 176987 / 7 = 25283.857 -> 25284p; fee 176987 / 35 = 5056.77 -> 5057p.
    const auto feb_2024 = case_period_accrual(terms_2024, ymd(2024, 2, 1), ymd(2024, 2, 29));
    CHECK(feb_2024.maintenance == pence(25'284));
    CHECK(feb_2024.collection_fee == pence(5'057));
    // 2023: 28 x 6103 / 7 = 24412p exactly (four weeks); fee 24412 x 20% = 4882.4 -> 4882p.
    const auto feb_2023 = case_period_accrual(terms_2023, ymd(2023, 2, 1), ymd(2023, 2, 28));
    CHECK(feb_2023.maintenance == pence(24'412));
    CHECK(feb_2023.collection_fee == pence(4'882));
}

TEST_CASE("month ends: cumulative rounding makes the months of a quarter add up to 13 weeks") {
    // 100p/wk from 1 Jan 2024. Through 31 Jan: 3100/7 = 442.86 -> 443. Through 29 Feb (60 days):
    // 6000/7 = 857.14 -> 857, so Feb = 414. Through 31 Mar (91 days): 9100/7 = 1300, Mar = 443.
    const std::array history{weekly_amount_segment{ymd(2024, 1, 1), pence(100)}};
    const std::array parents{receiving_parent_liability{0, history}};
    const std::array direct{service_segment{ymd(2024, 1, 1), service_type::direct_pay}};
    const auto terms = one_parent(parents, direct);
    CHECK(case_period_accrual(terms, ymd(2024, 1, 1), ymd(2024, 1, 31)).maintenance == pence(443));
    CHECK(case_period_accrual(terms, ymd(2024, 2, 1), ymd(2024, 2, 29)).maintenance == pence(414));
    CHECK(case_period_accrual(terms, ymd(2024, 3, 1), ymd(2024, 3, 31)).maintenance == pence(443));
    CHECK(case_period_accrual(terms, ymd(2024, 1, 1), ymd(2024, 3, 31)).maintenance == pence(1'300));
    // A liability starting on the 31st accrues one day in January, then the whole of February.
    const std::array late{weekly_amount_segment{ymd(2024, 1, 31), pence(700)}};
    const std::array late_parents{receiving_parent_liability{0, late}};
    const auto late_terms = one_parent(late_parents, direct);
    CHECK(case_period_accrual(late_terms, ymd(2024, 1, 1), ymd(2024, 1, 31)).maintenance == pence(100));
    CHECK(case_period_accrual(late_terms, ymd(2024, 2, 1), ymd(2024, 2, 29)).maintenance == pence(2'900));
}

TEST_CASE("a dated fee row changes the collection fee from its date, mid-period") {
    // The reform as a new row: 2% paying parent from 16 Mar 2024 (date invented for the test).
    const std::array fees{
        collection_fee_row{ymd(2014, 8, 11), basis_points{2000}, basis_points{400}},
        collection_fee_row{ymd(2024, 3, 16), basis_points{200}, basis_points{200}}};
    REQUIRE(validate_fee_policy(fees).status == fee_policy_status::ok);
    const std::array history{weekly_amount_segment{ymd(2024, 1, 1), pence(7'000)}};
    const std::array parents{receiving_parent_liability{0, history}};
    const auto terms = one_parent(parents, collect_and_pay_from_2014, fees);
    // March at £10/day: 15 days x 20% (200p) + 16 days x 2% (20p) = 3000 + 320 = 3320p.
    const auto march = case_period_accrual(terms, ymd(2024, 3, 1), ymd(2024, 3, 31));
    CHECK(march.maintenance == pence(31'000));
    CHECK(march.collection_fee == pence(3'320));
    // Before the first fee row there is no fee: a liability from 1 Aug 2014 pays a fee from the
    // 11th only, 21 days x 200p = 4200p.
    const std::array old_history{weekly_amount_segment{ymd(2014, 8, 1), pence(7'000)}};
    const std::array old_parents{receiving_parent_liability{0, old_history}};
    const auto old_terms = one_parent(old_parents, collect_and_pay_from_2014, fees);
    const auto aug_2014 = case_period_accrual(old_terms, ymd(2014, 8, 1), ymd(2014, 8, 31));
    CHECK(aug_2014.maintenance == pence(31'000));
    CHECK(aug_2014.collection_fee == pence(4'200));
}

TEST_CASE("Direct Pay accrues maintenance without fees; a switch to Collect and Pay starts them") {
    const std::array history{weekly_amount_segment{ymd(2024, 1, 1), pence(7'000)}};
    const std::array parents{receiving_parent_liability{0, history}};
    const std::array direct{service_segment{ymd(2024, 1, 1), service_type::direct_pay}};
    const auto march = case_period_accrual(one_parent(parents, direct), ymd(2024, 3, 1), ymd(2024, 3, 31));
    CHECK(march.maintenance == pence(31'000));
    CHECK(march.collection_fee == pence(0));
    // Moved to Collect and Pay on 11 Mar: fee on 21 days x 200p = 4200p.
    const std::array switched{service_segment{ymd(2024, 1, 1), service_type::direct_pay},
                              service_segment{ymd(2024, 3, 11), service_type::collect_and_pay}};
    const auto after = case_period_accrual(one_parent(parents, switched), ymd(2024, 3, 1), ymd(2024, 3, 31));
    CHECK(after.collection_fee == pence(4'200));
}

TEST_CASE("very large amounts keep exact rounding beyond 64-bit intermediate sums") {
    // 7e14 pence a week = 1e14 a day; March 2024 on Collect and Pay: 31e14 maintenance, 20% fee
    // 6.2e14. The fee's exact sum (7e14 x 31 x 2000 = 4.34e19) does not fit in 64 bits.
    const std::array history{weekly_amount_segment{ymd(2024, 3, 1), pence(700'000'000'000'000)}};
    const std::array parents{receiving_parent_liability{0, history}};
    const auto march = case_period_accrual(one_parent(parents, collect_and_pay_from_2014),
                                           ymd(2024, 3, 1), ymd(2024, 3, 31));
    CHECK(march.maintenance == pence(3'100'000'000'000'000));
    CHECK(march.collection_fee == pence(620'000'000'000'000));
}

TEST_CASE("accrue_month writes one leg per receiving parent and one fee leg under a stable key") {
    const std::array first{weekly_amount_segment{ymd(2024, 1, 1), pence(7'000)}};
    const std::array second{weekly_amount_segment{ymd(2024, 1, 1), pence(3'500)}};
    const std::array parents{receiving_parent_liability{0, first}, receiving_parent_liability{1, second}};
    const auto terms = one_parent(parents, collect_and_pay_from_2014);
    std::array<transfer, accrual_transfers_max> out{};
    const date::year_month march{date::year{2024}, date::month{3}};
    const auto result = accrue_month(case_id{42}, terms, march, ymd(2024, 4, 1), out);
    REQUIRE(result.status == accrual_status::ok);
    CHECK(format_batch_key(result.key) == "accrue:42:2024-03");
    REQUIRE(result.transfer_count == 3);
    // 31 x £10 = £310 and 31 x £5 = £155; fees 20%: £62 + £31 = £93.
    CHECK(out[0].amount == pence(31'000));
    CHECK(out[0].debit == account_ref{account_kind::maintenance_due, 0});
    CHECK(out[0].credit == account_ref{account_kind::owed_to_receiving_parent, 0});
    CHECK(out[1].amount == pence(15'500));
    CHECK(out[1].debit == account_ref{account_kind::maintenance_due, 1});
    CHECK(out[2].amount == pence(9'300));
    CHECK(out[2].code == transfer_code::collection_fee_accrued);
    CHECK(result.totals == accrual_amounts{pence(46'500), pence(9'300)});
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(out[i].leg == i);
        CHECK(out[i].cause == transfer_cause::from_batch(batch_job::monthly_accrual, march));
    }
    CHECK(validate_transfers(std::span<const transfer>(out.data(), 3)).status == transfer_status::ok);

    // A rerun produces identical legs, so the (case, cause, leg) key makes it a no-op.
    std::array<transfer, accrual_transfers_max> again{};
    accrue_month(case_id{42}, terms, march, ymd(2024, 4, 1), again);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(again[i].amount == out[i].amount);
        CHECK(again[i].leg == out[i].leg);
        CHECK(again[i].debit == out[i].debit);
    }
    case_balances balances(case_id{42});
    CHECK(apply_transfers(balances, std::span<const transfer>(out.data(), 3)).status == apply_status::ok);
    CHECK(balances.balance({account_kind::owed_to_receiving_parent, 1}) == pence(15'500));
    CHECK(balances.balance({account_kind::fee_income, 0}) == pence(9'300));

    std::array<transfer, 2> small{};
    CHECK(accrue_month(case_id{42}, terms, march, ymd(2024, 4, 1), small).status ==
          accrual_status::output_too_small);
}

TEST_CASE("accrual terms are validated with named results") {
    const std::array backwards{weekly_amount_segment{ymd(2024, 3, 1), pence(100)},
                               weekly_amount_segment{ymd(2024, 3, 1), pence(200)}};
    const std::array negative{weekly_amount_segment{ymd(2024, 3, 1), pence(-1)}};
    const std::array good{weekly_amount_segment{ymd(2024, 3, 1), pence(100)}};
    const std::array parents_backwards{receiving_parent_liability{0, backwards}};
    const std::array parents_negative{receiving_parent_liability{0, negative}};
    const std::array parents_duplicate{receiving_parent_liability{0, good}, receiving_parent_liability{0, good}};
    const std::array parents_bad_slot{receiving_parent_liability{8, good}};
    CHECK(validate_accrual_terms(one_parent(parents_backwards, collect_and_pay_from_2014)) ==
          accrual_status::weekly_history_not_ascending);
    CHECK(validate_accrual_terms(one_parent(parents_negative, collect_and_pay_from_2014)) ==
          accrual_status::negative_weekly_amount);
    CHECK(validate_accrual_terms(one_parent(parents_duplicate, collect_and_pay_from_2014)) ==
          accrual_status::duplicate_slot);
    CHECK(validate_accrual_terms(one_parent(parents_bad_slot, collect_and_pay_from_2014)) ==
          accrual_status::slot_out_of_range);
    CHECK(validate_accrual_terms(accrual_terms{}) == accrual_status::no_receiving_parents);
    const std::array bad_fees{collection_fee_row{ymd(2014, 8, 11), basis_points{10'001}, basis_points{0}}};
    const std::array parents{receiving_parent_liability{0, good}};
    CHECK(validate_accrual_terms(one_parent(parents, collect_and_pay_from_2014, bad_fees)) ==
          accrual_status::invalid_fee_policy);
}

namespace {

/// Reference model for the property test: walks day by day (no sweep) and rounds the exact
/// cumulative sum half up, independently of the code under test.
std::int64_t reference_cumulative_pence(const std::vector<weekly_amount_segment>& history,
                                        civil_date through) {
    std::int64_t weekly_pence_days = 0;
    for (civil_date day = history.front().effective_from; !(through < day); day = add_days(day, 1)) {
        std::int64_t weekly = 0;
        for (const auto& segment : history) {
            if (!(day < segment.effective_from)) weekly = segment.weekly_amount.pence();
        }
        weekly_pence_days += weekly;
    }
    return (weekly_pence_days * 2 + 7) / 14;  // half up for non-negative values
}

}  // namespace

TEST_CASE("property: monthly accruals add up exactly to the whole range (no lost pennies)") {
    const std::uint64_t seed = 20'240'301;
    std::mt19937_64 random(seed);
    for (int round = 0; round < 200; ++round) {
        CAPTURE(seed);
        CAPTURE(round);
        // A history of 1..4 segments starting in 2023, amounts 0..£500/wk, arbitrary pence.
        std::vector<weekly_amount_segment> history;
        civil_date start = add_days(ymd(2023, 1, 1), static_cast<std::int64_t>(random() % 200));
        const std::size_t segments = 1 + random() % 4;
        for (std::size_t i = 0; i < segments; ++i) {
            history.push_back({start, pence(static_cast<std::int64_t>(random() % 50'001))});
            start = add_days(start, 1 + static_cast<std::int64_t>(random() % 150));
        }
        const std::array parents{receiving_parent_liability{0, history}};
        const auto terms = one_parent(parents, collect_and_pay_from_2014);
        REQUIRE(validate_accrual_terms(terms) == accrual_status::ok);

        // Months of 2023 and 2024 (24 periods), summed, against the whole two-year range.
        accrual_amounts sum;
        for (int month = 0; month < 24; ++month) {
            const date::year_month ym = date::year_month{date::year{2023}, date::month{1}} + date::months{month};
            const civil_date first{ym.year(), ym.month(), date::day{1}};
            const civil_date last{date::year_month_day_last{ym.year(), date::month_day_last{ym.month()}}};
            const auto period = case_period_accrual(terms, first, last);
            CHECK(!period.maintenance.is_negative());
            sum.maintenance += period.maintenance;
            sum.collection_fee += period.collection_fee;
        }
        const auto whole = case_period_accrual(terms, ymd(2023, 1, 1), ymd(2024, 12, 31));
        CHECK(sum == whole);
        // And the whole range is the exact day-by-day figure, rounded once.
        CHECK(whole.maintenance.pence() == reference_cumulative_pence(history, ymd(2024, 12, 31)));
    }
}

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <random>
#include <vector>

#include "core/payments/allocation.hpp"
#include "core/ledger/ledger_balances.hpp"
#include "support/fixtures.hpp"

using namespace cms::core;

namespace {

using cms::testing::pence;
using cms::testing::ymd;

constexpr basis_points four_percent{400};

}  // namespace

TEST_CASE("default order: current maintenance, arrears oldest first, collection fee, enforcement") {
    const std::array current{maintenance_claim{0, pence(10'000)}};
    const std::array arrears{arrears_claim{ymd(2024, 1, 31), 0, pence(1'500)},
                             arrears_claim{ymd(2024, 2, 29), 0, pence(2'500)}};
    const amounts_owed owed{current, arrears, pence(2'000), pence(5'000)};

    // £130: current £100 in full, then £15 (oldest) + £15 of the next arrears; nothing else.
    const auto short_payment = allocate_payment(pence(13'000), owed, allocation_policy{}, four_percent);
    REQUIRE(short_payment.status == allocation_status::ok);
    CHECK(short_payment.by_receiving_parent[0].current_maintenance == pence(10'000));
    CHECK(short_payment.by_receiving_parent[0].maintenance_arrears == pence(3'000));
    CHECK(short_payment.collection_fee == pence(0));
    CHECK(short_payment.enforcement_charges == pence(0));
    // 4% of £130 = £5.20 kept; £124.80 passed on.
    CHECK(short_payment.by_receiving_parent[0].receiving_parent_fee == pence(520));
    CHECK(short_payment.by_receiving_parent[0].passed_on == pence(12'480));

    // £250 settles everything (100 + 40 + 20 + 50 = £210) and leaves £40 unallocated.
    const auto full = allocate_payment(pence(25'000), owed, allocation_policy{}, four_percent);
    CHECK(full.maintenance_total() == pence(14'000));
    CHECK(full.collection_fee == pence(2'000));
    CHECK(full.enforcement_charges == pence(5'000));
    CHECK(full.unallocated == pence(4'000));
}

TEST_CASE("the order is a parameter, but enforcement charges always come last") {
    const std::array current{maintenance_claim{0, pence(10'000)}};
    const amounts_owed owed{current, {}, pence(2'000), pence(5'000)};
    allocation_policy fee_first;
    fee_first.order = {allocation_component::collection_fee, allocation_component::current_maintenance,
                       allocation_component::maintenance_arrears, allocation_component::enforcement_charges};
    CHECK(validate_allocation_policy(fee_first) == allocation_policy_status::ok);
    const auto result = allocate_payment(pence(3'000), owed, fee_first, four_percent);
    CHECK(result.collection_fee == pence(2'000));
    CHECK(result.by_receiving_parent[0].current_maintenance == pence(1'000));

    allocation_policy enforcement_first;
    enforcement_first.order = {allocation_component::enforcement_charges, allocation_component::current_maintenance,
                               allocation_component::maintenance_arrears, allocation_component::collection_fee};
    CHECK(validate_allocation_policy(enforcement_first) == allocation_policy_status::enforcement_not_last);
    CHECK(allocate_payment(pence(3'000), owed, enforcement_first, four_percent).status ==
          allocation_status::invalid_policy);
    allocation_policy repeated;
    repeated.order = {allocation_component::collection_fee, allocation_component::collection_fee,
                      allocation_component::maintenance_arrears, allocation_component::enforcement_charges};
    CHECK(validate_allocation_policy(repeated) == allocation_policy_status::component_repeated);
    CHECK(allocate_payment(pence(0), owed, allocation_policy{}, four_percent).status ==
          allocation_status::payment_not_positive);
}

TEST_CASE("a short payment is split pro rata across receiving parents, to the penny") {
    // Shares 2:1 of £10: 666.67p and 333.33p -> 666 + 333 = 999, the spare penny goes to the
    // larger remainder (2000000 mod 3000 = 2000 vs 1000000 mod 3000 = 1000): 667 / 333.
    const std::array current{maintenance_claim{0, pence(2'000)}, maintenance_claim{1, pence(1'000)}};
    const amounts_owed owed{current, {}, pence(0), pence(0)};
    const auto result = allocate_payment(pence(1'000), owed, allocation_policy{}, four_percent);
    CHECK(result.by_receiving_parent[0].current_maintenance == pence(667));
    CHECK(result.by_receiving_parent[1].current_maintenance == pence(333));
    // 4% half up: 26.68 -> 27 kept, 640 passed on; 13.32 -> 13 kept, 320 passed on.
    CHECK(result.by_receiving_parent[0].receiving_parent_fee == pence(27));
    CHECK(result.by_receiving_parent[0].passed_on == pence(640));
    CHECK(result.by_receiving_parent[1].receiving_parent_fee == pence(13));
    CHECK(result.by_receiving_parent[1].passed_on == pence(320));

    // Equal shares of £1: 33 each and the spare penny to the lowest slot.
    const std::array weights{pence(1'000), pence(1'000), pence(1'000)};
    std::array<money, 3> shares{};
    REQUIRE(split_pro_rata(pence(100), weights, shares));
    CHECK(shares == std::array{pence(34), pence(33), pence(33)});
    const std::array zero_weights{pence(0), pence(0)};
    std::array<money, 2> zero_shares{};
    CHECK_FALSE(split_pro_rata(pence(1), zero_weights, zero_shares));
}

TEST_CASE("arrears are settled one due date at a time, each split between receiving parents") {
    const std::array arrears{arrears_claim{ymd(2024, 1, 31), 0, pence(600)},
                             arrears_claim{ymd(2024, 1, 31), 1, pence(300)},
                             arrears_claim{ymd(2024, 2, 29), 0, pence(600)},
                             arrears_claim{ymd(2024, 2, 29), 1, pence(300)}};
    const amounts_owed owed{{}, arrears, pence(0), pence(0)};
    // £12: January's £9 in full, then £3 of February split 2:1 = 200 / 100.
    const auto result = allocate_payment(pence(1'200), owed, allocation_policy{}, four_percent);
    CHECK(result.by_receiving_parent[0].maintenance_arrears == pence(800));
    CHECK(result.by_receiving_parent[1].maintenance_arrears == pence(400));
    const std::array unordered{arrears[2], arrears[0]};
    CHECK(allocate_payment(pence(1), amounts_owed{{}, unordered, {}, {}}, allocation_policy{}, four_percent)
              .status == allocation_status::arrears_not_in_date_order);
}

TEST_CASE("an allocation posts as ledger legs that leave every due account settled") {
    constexpr case_id the_case{9};
    const transfer_cause accrual_cause = transfer_cause::from_batch(batch_job::monthly_accrual,
                                                                    date::year{2024} / date::month{3});
    const transfer_cause payment_cause = transfer_cause::from_command(command_id{77});
    auto leg = [&](transfer_code code, account_ref debit, account_ref credit, std::int64_t amount,
                   std::uint16_t number, transfer_cause cause) {
        transfer t;
        t.for_case = the_case;
        t.debit = debit;
        t.credit = credit;
        t.amount = pence(amount);
        t.code = code;
        t.leg = number;
        t.cause = cause;
        t.business_date = ymd(2024, 4, 2);
        return t;
    };
    std::vector<transfer> journal{
        leg(transfer_code::maintenance_accrued, {account_kind::maintenance_due, 0},
            {account_kind::owed_to_receiving_parent, 0}, 1'000, 0, accrual_cause),
        leg(transfer_code::maintenance_accrued, {account_kind::maintenance_due, 1},
            {account_kind::owed_to_receiving_parent, 1}, 500, 1, accrual_cause),
        leg(transfer_code::collection_fee_accrued, {account_kind::collection_fee_due, 0},
            {account_kind::fee_income, 0}, 300, 2, accrual_cause),
        leg(transfer_code::payment_received, {account_kind::cash_received, 0},
            {account_kind::payments_unallocated, 0}, 1'800, 0, payment_cause)};
    const std::array current{maintenance_claim{0, pence(1'000)}, maintenance_claim{1, pence(500)}};
    const auto allocation = allocate_payment(pence(1'800), amounts_owed{current, {}, pence(300), {}},
                                             allocation_policy{}, four_percent);
    std::array<transfer, allocation_transfers_max> legs{};
    const std::size_t count = allocation_transfers(the_case, allocation, payment_cause, ymd(2024, 4, 2), 1, legs);
    // Three allocations (two parents and the fee) and two 4% fees.
    CHECK(count == 5);
    journal.insert(journal.end(), legs.begin(), legs.begin() + static_cast<std::ptrdiff_t>(count));
    case_balances balances(the_case);
    REQUIRE(apply_transfers(balances, journal).status == apply_status::ok);
    CHECK(balances.balance({account_kind::maintenance_due, 0}) == pence(0));
    CHECK(balances.balance({account_kind::maintenance_due, 1}) == pence(0));
    CHECK(balances.balance({account_kind::collection_fee_due, 0}) == pence(0));
    CHECK(balances.balance({account_kind::payments_unallocated, 0}) == pence(0));
    // Fee income: 300 + 4% of 1000 (40) + 4% of 500 (20) = 360.
    CHECK(balances.balance({account_kind::fee_income, 0}) == pence(360));
    CHECK(balances.balance({account_kind::owed_to_receiving_parent, 0}) == pence(960));
    CHECK(balances.balance({account_kind::owed_to_receiving_parent, 1}) == pence(480));
    CHECK(check_journal(journal, balances).violation == ledger_violation::none);
}

TEST_CASE("property: allocation always adds up to the payment exactly and respects the order") {
    const std::uint64_t seed = 8'675'309;
    std::mt19937_64 random(seed);
    auto below = [&](std::int64_t bound) { return static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(bound)); };
    for (int round = 0; round < 2'000; ++round) {
        INFO("seed ", seed, " round ", round);
        const auto parents = static_cast<std::size_t>(1 + below(3));
        std::vector<maintenance_claim> current;
        std::vector<arrears_claim> arrears;
        std::array<money, receiving_parents_max> current_owed{};
        std::array<money, receiving_parents_max> arrears_owed{};
        money total_owed;
        for (std::size_t slot = 0; slot < parents; ++slot) {
            const money amount = pence(below(20'000));
            current.push_back({static_cast<std::uint8_t>(slot), amount});
            current_owed[slot] += amount;
            total_owed += amount;
        }
        civil_date due = ymd(2023, 1, 31);
        for (std::int64_t month = below(6); month > 0; --month) {
            for (std::size_t slot = 0; slot < parents; ++slot) {
                const money amount = pence(below(20'000));
                arrears.push_back({due, static_cast<std::uint8_t>(slot), amount});
                arrears_owed[slot] += amount;
                total_owed += amount;
            }
            due = add_months_clamped(due, 1);
        }
        const money fee_owed = pence(below(5'000));
        const money enforcement_owed = pence(below(30'001));
        total_owed += fee_owed + enforcement_owed;
        allocation_policy policy;
        std::shuffle(policy.order.begin(), policy.order.end() - 1, random);
        const money payment = pence(1 + below(total_owed.pence() * 3 / 2 + 1));
        const auto result = allocate_payment(payment, amounts_owed{current, arrears, fee_owed, enforcement_owed},
                                             policy, basis_points{below(10'001)});
        REQUIRE(result.status == allocation_status::ok);

        CHECK(result.maintenance_total() + result.collection_fee + result.enforcement_charges +
                  result.unallocated == payment);
        money maintenance_settled_all = pence(0);
        bool maintenance_complete = true;
        for (std::size_t slot = 0; slot < receiving_parents_max; ++slot) {
            const auto& share = result.by_receiving_parent[slot];
            CHECK(share.receiving_parent_fee + share.passed_on == share.maintenance());
            CHECK(!share.receiving_parent_fee.is_negative());
            CHECK(share.current_maintenance <= current_owed[slot]);
            CHECK(share.maintenance_arrears <= arrears_owed[slot]);
            maintenance_settled_all += share.maintenance();
            maintenance_complete = maintenance_complete && share.current_maintenance == current_owed[slot] &&
                                   share.maintenance_arrears == arrears_owed[slot];
        }
        CHECK(result.collection_fee <= fee_owed);
        CHECK(result.enforcement_charges <= enforcement_owed);
        // Enforcement charges are only reached once everything else is settled.
        if (result.enforcement_charges.pence() > 0) {
            CHECK(maintenance_complete);
            CHECK(result.collection_fee == fee_owed);
        }
        // Money is left over only when everything owed is settled.
        if (result.unallocated.pence() > 0) {
            CHECK(maintenance_settled_all + result.collection_fee + result.enforcement_charges == total_owed);
        }
    }
}

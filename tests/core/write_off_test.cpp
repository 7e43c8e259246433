// The write-off and part-payment rules of core/arrears/README.md, at their boundaries.
#include <doctest/doctest.h>

#include "core/arrears/write_off.hpp"

using namespace cms::core;

namespace {

civil_date day(const char* text) { return *parse_iso_date(text); }
money pence(std::int64_t value) { return money::from_pence(value); }

arrears_request write_off(std::int64_t amount_pence, write_off_reason reason) {
    return {approval_kind::write_off, 0, pence(amount_pence), reason, false};
}

}  // namespace

TEST_CASE("a write-off may not exceed the arrears owed, and needs a reason") {
    const write_off_policy policy;
    CHECK_FALSE(check_arrears_request(write_off(5'000, write_off_reason::receiving_parent_died), pence(5'000),
                                      day("2025-03-01"), policy));
    const auto too_much = check_arrears_request(write_off(5'001, write_off_reason::receiving_parent_died), pence(5'000),
                                                day("2025-03-01"), policy);
    REQUIRE(too_much);
    CHECK(too_much->field == "amount_pence");
    arrears_request no_reason = write_off(100, write_off_reason::receiving_parent_died);
    no_reason.reason.reset();
    CHECK(check_arrears_request(no_reason, pence(5'000), day("2025-03-01"), policy)->field == "reason");
    CHECK(check_arrears_request(write_off(100, write_off_reason::receiving_parent_died), pence(0), day("2025-03-01"),
                                policy)
              ->code == rejection_code::conflicting_state);
}

TEST_CASE("the small-balance write-off: the whole balance, under £7, from 26 February 2024, without notice") {
    const write_off_policy policy;
    const auto small = write_off(699, write_off_reason::small_balance_case_ended);
    CHECK_FALSE(check_arrears_request(small, pence(699), day("2024-02-26"), policy));
    CHECK(check_arrears_request(small, pence(699), day("2024-02-25"), policy)->field == "reason");  // before the SI
    CHECK(check_arrears_request(write_off(700, write_off_reason::small_balance_case_ended), pence(700),
                                day("2025-01-01"), policy));  // £7 is not under £7
    CHECK(check_arrears_request(write_off(600, write_off_reason::small_balance_case_ended), pence(699),
                                day("2025-01-01"), policy));  // not the whole balance
    CHECK(earliest_approval_date(small, day("2025-01-10"), policy) == day("2025-01-10"));
    // Every other reason waits out the 30 days for representations.
    CHECK(earliest_approval_date(write_off(699, write_off_reason::receiving_parent_died), day("2025-01-10"), policy) ==
          day("2025-02-09"));
}

TEST_CASE("a part payment needs consent, accepts less than owed, and writes off the rest as owed at approval") {
    const write_off_policy policy;
    arrears_request offer{approval_kind::part_payment, 1, pence(3'000), std::nullopt, true};
    CHECK_FALSE(check_arrears_request(offer, pence(10'000), day("2025-03-01"), policy));
    CHECK(check_arrears_request(offer, pence(3'000), day("2025-03-01"), policy)->field == "amount_pence");
    offer.receiving_parent_consented = false;
    CHECK(check_arrears_request(offer, pence(10'000), day("2025-03-01"), policy)->field == "receiving_parent_consent");
    offer.receiving_parent_consented = true;
    CHECK(earliest_approval_date(offer, day("2025-03-01"), policy) == day("2025-03-31"));

    // Paid 2,000 since the request: 8,000 owed, 3,000 stays due, 5,000 is written off.
    const auto approved = amount_to_write_off(offer, pence(8'000));
    CHECK_FALSE(approved.refused);
    CHECK(approved.written_off == pence(5'000));
    CHECK(amount_to_write_off(offer, pence(3'000)).refused);  // nothing left above the accepted amount

    // A write-off is the amount asked, unless the arrears have fallen below it since.
    CHECK(amount_to_write_off(write_off(4'000, write_off_reason::receiving_parent_died), pence(4'000)).written_off ==
          pence(4'000));
    CHECK(amount_to_write_off(write_off(4'000, write_off_reason::receiving_parent_died), pence(3'999)).refused);
}

TEST_CASE("the write-off leg moves what the paying parent owes to what the receiving parent is owed, per slot") {
    const transfer leg = write_off_transfer(case_id{7}, 2, pence(1'234), command_id{9}, day("2025-04-02"));
    CHECK(leg.debit == account_ref{account_kind::owed_to_receiving_parent, 2});
    CHECK(leg.credit == account_ref{account_kind::maintenance_due, 2});
    CHECK(leg.code == transfer_code::write_off);
    CHECK(leg.amount == pence(1'234));
    CHECK(validate_transfer(leg) == transfer_status::ok);
}

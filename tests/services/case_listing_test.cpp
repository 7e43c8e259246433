// Listing and search: a case's payments a page at a time, one payment with the legs it posted and
// its reversal, and cases by status, service type, parent and arrears above an amount, each page
// stable by id.
#include <doctest/doctest.h>

#include "services/ledger/ledger_service.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

template <typename Value>
const Value& value_of(const services::query_result<Value>& result) {
    REQUIRE(std::holds_alternative<Value>(result));
    return std::get<Value>(result);
}

}  // namespace

TEST_CASE("a case's payments come a page at a time, in the order recorded, with the cursor to go on") {
    testing::service_fixture fixture;
    const std::int64_t case_number = fixture.open_family();
    for (int i = 0; i < 5; ++i) {
        REQUIRE(fixture.record_payment("pay-" + std::to_string(i), case_number, testing::payment_body(100 + i)).status == 201);
    }
    const auto first = value_of(fixture.cases.list_payments(core::case_id{case_number}, 0, 2));
    REQUIRE(first.payments.size() == 2);
    CHECK(first.payments[0].details.amount.pence() == 100);
    REQUIRE(first.next_after_id.has_value());
    std::vector<std::int64_t> seen;
    std::int64_t after = 0;
    for (;;) {
        const auto page = value_of(fixture.cases.list_payments(core::case_id{case_number}, after, 2));
        for (const auto& row : page.payments) seen.push_back(row.details.amount.pence());
        if (!page.next_after_id) break;
        after = *page.next_after_id;
    }
    CHECK(seen == std::vector<std::int64_t>{100, 101, 102, 103, 104});
    CHECK(std::holds_alternative<services::refusal>(fixture.cases.list_payments(core::case_id{999}, 0, 10)));
}

TEST_CASE("a payment shows the legs it posted, and its reversal with that posting's legs") {
    testing::service_fixture fixture;
    const std::int64_t case_number = fixture.open_family();
    const auto paid = fixture.record_payment("pay-1", case_number, testing::payment_body(1'000));
    REQUIRE(paid.status == 201);
    const core::payment_id id{paid.body["id"].get<std::int64_t>()};
    const auto before = value_of(fixture.cases.get_payment(id));
    REQUIRE(before.legs.size() == 1);  // nothing is charged yet: the cash waits as credit
    CHECK(before.legs[0].code == core::transfer_code::payment_received);
    CHECK_FALSE(before.reversal.has_value());
    const auto reversed = fixture.run([&](services::outcome_callback done) {
        fixture.cases.reverse_payment(services::parse_reverse_payment({{"reason", "duplicate"}, {"note", "twice"}}, id),
                                      {"rev-1", "carol"}, std::move(done));
    });
    REQUIRE(reversed.status == 201);
    const auto after = value_of(fixture.cases.get_payment(id));
    REQUIRE(after.reversal.has_value());
    CHECK(after.reversal->reason == core::reversal_reason::duplicate);
    REQUIRE(after.reversal_legs.size() == 1);
    CHECK(after.reversal_legs[0].code == core::transfer_code::payment_reversed);
    CHECK(after.payment.reversed_on.has_value());
    CHECK(std::holds_alternative<services::refusal>(fixture.cases.get_payment(core::payment_id{999})));
}

TEST_CASE("cases are found by parent and by service type; an unknown parent is not found") {
    testing::service_fixture fixture;
    const std::int64_t first = fixture.open_family("a-");
    const std::int64_t second = fixture.open_family("b-");
    const auto all = value_of(fixture.cases.list_cases({}, 0, 10));
    REQUIRE(all.cases.size() == 2);
    CHECK(all.cases[0].id.value == first);
    CHECK(all.cases[1].status == "open");
    persistence::case_filter by_parent;
    by_parent.parent = all.cases[1].receiving_parent;
    const auto theirs = value_of(fixture.cases.list_cases({by_parent, {}}, 0, 10));
    REQUIRE(theirs.cases.size() == 1);
    CHECK(theirs.cases[0].id.value == second);
    persistence::case_filter direct;
    direct.service = core::service_type::direct_pay;
    CHECK(value_of(fixture.cases.list_cases({direct, {}}, 0, 10)).cases.empty());
    persistence::case_filter closed;
    closed.status = "closed";
    CHECK(value_of(fixture.cases.list_cases({closed, {}}, 0, 10)).cases.empty());
    persistence::case_filter nobody;
    nobody.parent = core::parent_id{999};
    CHECK(std::holds_alternative<services::refusal>(fixture.cases.list_cases({nobody, {}}, 0, 10)));
    const auto one = value_of(fixture.cases.list_cases({}, 0, 1));
    REQUIRE(one.next_after_id.has_value());
    CHECK(value_of(fixture.cases.list_cases({}, *one.next_after_id, 1)).cases[0].id.value == second);
}

TEST_CASE("cases in arrears above an amount are found, a page at a time, with their arrears") {
    testing::service_fixture fixture;
    const std::int64_t first = fixture.open_family("a-");
    const std::int64_t paid_up = fixture.open_family("b-");
    const std::int64_t third = fixture.open_family("c-");
    fixture.accrue_through("2025-02-28");
    fixture.clock.set(*core::parse_iso_date("2025-03-05"));
    // The first instalment (15 February) is unpaid on two cases; the other pays more than is due.
    REQUIRE(fixture.record_payment("pay", paid_up, {{"amount_pence", 100'000}, {"received_on", "2025-03-01"},
                                                   {"method", "debit_card"}, {"reference", "r"}})
                .status == 201);
    services::case_search in_arrears{{}, core::money{}};
    const auto found = value_of(fixture.cases.list_cases(in_arrears, 0, 10));
    REQUIRE(found.cases.size() == 2);
    CHECK(found.cases[0].id.value == first);
    CHECK(found.cases[1].id.value == third);
    CHECK_FALSE(found.next_after_id.has_value());
    // The arrears shown are the case's position's, the one definition.
    REQUIRE(found.arrears.size() == 2);
    const std::array<core::ageing_bucket, 1> one_bucket{{{"1+", 1, std::nullopt}}};
    const auto position = services::case_position_of(*fixture.readers.borrow(), core::case_id{first},
                                                     fixture.clock.today(),
                                                     services::load_collection_fees(std::nullopt), one_bucket);
    REQUIRE(position.arrears.has_value());
    CHECK(found.arrears[0] == position.arrears->total);
    CHECK(found.arrears[0] > core::money{});
    CHECK(found.arrears[0] == found.arrears[1]);
    // A page of one, then the next after it.
    const auto one = value_of(fixture.cases.list_cases(in_arrears, 0, 1));
    REQUIRE(one.cases.size() == 1);
    REQUIRE(one.next_after_id.has_value());
    const auto next = value_of(fixture.cases.list_cases(in_arrears, *one.next_after_id, 1));
    REQUIRE(next.cases.size() == 1);
    CHECK(next.cases[0].id.value == third);
    CHECK_FALSE(next.next_after_id.has_value());
    // Above what they owe: none.
    services::case_search above{{}, found.arrears[0]};
    CHECK(value_of(fixture.cases.list_cases(above, 0, 10)).cases.empty());
    // Other filters still apply.
    services::case_search direct_in_arrears{{}, core::money{}};
    direct_in_arrears.filter.service = core::service_type::direct_pay;
    CHECK(value_of(fixture.cases.list_cases(direct_in_arrears, 0, 10)).cases.empty());
}

// Collect and Pay compliance (core/statistics/compliance.hpp): quarters, the maintenance due and
// paid in a period read from a case's transfers, the three published bands and their edges, and
// the shares in basis points.
#include <doctest/doctest.h>

#include <vector>

#include "core/statistics/compliance.hpp"

using namespace cms::core;

namespace {

civil_date day(const char* text) { return *parse_iso_date(text); }

transfer leg(account_kind debit, account_kind credit, std::int64_t pence, transfer_code code, const char* on) {
    return make_transfer(case_id{1}, {debit, 0}, {credit, 0}, money::from_pence(pence), code, 0, {}, day(on));
}

maintenance_in_period figures(std::int64_t due_pence, std::int64_t paid_pence) {
    return {money::from_pence(due_pence), money::from_pence(paid_pence)};
}

}  // namespace

TEST_CASE("quarters are read, written and bounded as the statistics name them") {
    const auto first = parse_reporting_quarter("2025-Q1");
    REQUIRE(first.has_value());
    CHECK(first->first_day() == day("2025-01-01"));
    CHECK(first->last_day() == day("2025-03-31"));
    CHECK(parse_reporting_quarter("2024-Q4")->last_day() == day("2024-12-31"));
    CHECK(parse_reporting_quarter("2024-Q3")->first_day() == day("2024-07-01"));
    CHECK(format_reporting_quarter(*parse_reporting_quarter("2024-Q3")) == "2024-Q3");
    CHECK(quarter_containing(day("2024-09-30")) == reporting_quarter{2024, 3});
    CHECK(quarter_containing(day("2024-10-01")) == reporting_quarter{2024, 4});
    CHECK(next_quarter({2025, 4}) == reporting_quarter{2026, 1});
    CHECK(next_quarter({2025, 2}) == reporting_quarter{2025, 3});
    CHECK(previous_quarter({2026, 1}) == reporting_quarter{2025, 4});
    CHECK(previous_quarter({2025, 3}) == reporting_quarter{2025, 2});
    CHECK(quarters_from_to({2025, 1}, {2025, 1}) == 1);
    CHECK(quarters_from_to({2024, 3}, {2025, 2}) == 4);
    CHECK(quarters_from_to({2025, 2}, {2025, 1}) == 0);
    for (const char* bad : {"2025-Q0", "2025-Q5", "2025Q1", "2025-q1", "25-Q1", "2025-Q1 ", "abcd-Q1", "1899-Q1"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_reporting_quarter(bad).has_value());
    }
}

TEST_CASE("due is the maintenance accrued and paid what settled it, net of reversals, within the dates") {
    const std::vector<transfer> transfers = {
        leg(account_kind::maintenance_due, account_kind::owed_to_receiving_parent, 8000, transfer_code::maintenance_accrued, "2024-12-31"),
        leg(account_kind::maintenance_due, account_kind::owed_to_receiving_parent, 8000, transfer_code::maintenance_accrued, "2025-01-31"),
        leg(account_kind::collection_fee_due, account_kind::fee_income, 1600, transfer_code::collection_fee_accrued, "2025-01-31"),
        leg(account_kind::payments_unallocated, account_kind::maintenance_due, 5000, transfer_code::payment_allocated, "2025-02-03"),
        // The fee's share of the same payment is not maintenance paid.
        leg(account_kind::payments_unallocated, account_kind::collection_fee_due, 1000, transfer_code::payment_allocated, "2025-02-03"),
        leg(account_kind::maintenance_due, account_kind::payments_unallocated, 2000, transfer_code::allocation_reversed, "2025-03-10"),
        // After the quarter: neither due nor paid in it.
        leg(account_kind::maintenance_due, account_kind::owed_to_receiving_parent, 8000, transfer_code::maintenance_accrued, "2025-04-30"),
        leg(account_kind::payments_unallocated, account_kind::maintenance_due, 7000, transfer_code::payment_allocated, "2025-04-01"),
    };
    const auto quarter = *parse_reporting_quarter("2025-Q1");
    const maintenance_in_period first = maintenance_between(transfers, quarter.first_day(), quarter.last_day());
    CHECK(first.due.pence() == 8000);
    CHECK(first.paid.pence() == 3000);
    const maintenance_in_period year = maintenance_between(transfers, day("2024-01-01"), day("2025-12-31"));
    CHECK(year.due.pence() == 24000);
    CHECK(year.paid.pence() == 10000);
}

TEST_CASE("the three bands and their edges: nothing, up to 90% inclusive, over 90%") {
    CHECK_FALSE(compliance_band_of(figures(0, 5000)).has_value());  // nothing due: outside the measure
    CHECK(compliance_band_of(figures(10000, 0)) == compliance_band::paid_nothing);
    CHECK(compliance_band_of(figures(10000, -200)) == compliance_band::paid_nothing);  // reversed more than paid
    CHECK(compliance_band_of(figures(10000, 1)) == compliance_band::paid_up_to_90_percent);
    CHECK(compliance_band_of(figures(10000, 9000)) == compliance_band::paid_up_to_90_percent);  // exactly 90%
    CHECK(compliance_band_of(figures(10000, 9001)) == compliance_band::paid_over_90_percent);
    CHECK(compliance_band_of(figures(10000, 12000)) == compliance_band::paid_over_90_percent);
    // An odd amount: 90% of 1001p is 900.9p, so 900p is at most 90% and 901p over it.
    CHECK(compliance_band_of(figures(1001, 900)) == compliance_band::paid_up_to_90_percent);
    CHECK(compliance_band_of(figures(1001, 901)) == compliance_band::paid_over_90_percent);
}

TEST_CASE("a summary counts paying parents due to pay, by band, and their totals") {
    compliance_summary summary;
    count_paying_parent(summary, figures(10000, 0));
    count_paying_parent(summary, figures(10000, 4000));
    count_paying_parent(summary, figures(20000, 20000));
    count_paying_parent(summary, figures(0, 3000));  // not due to pay: left out, money too
    CHECK(summary.paying_parents_due == 3);
    CHECK(summary.paid_nothing == 1);
    CHECK(summary.paid_up_to_90_percent == 1);
    CHECK(summary.paid_over_90_percent == 1);
    CHECK(summary.maintenance_due.pence() == 40000);
    CHECK(summary.maintenance_paid.pence() == 24000);
}

TEST_CASE("shares are basis points rounded half up") {
    CHECK(share_basis_points(1, 3).value == 3333);
    CHECK(share_basis_points(2, 3).value == 6667);
    CHECK(share_basis_points(1, 8).value == 1250);
    CHECK(share_basis_points(1, 20000).value == 1);  // 0.5 bp rounds up
    CHECK(share_basis_points(1, 20001).value == 0);
    CHECK(share_basis_points(3, 3).value == 10000);
    CHECK(share_basis_points(0, 0).value == 0);
}

// Simulated court decisions (core/enforcement/court_outcomes.hpp): reproducible from the seed,
// granted at the table's share, a sanction granted with a finding for the longest period.
#include <doctest/doctest.h>

#include <vector>

#include "core/enforcement/court_outcomes.hpp"

using namespace cms::core;

namespace {

civil_date day(const char* text) { return *parse_iso_date(text); }

ladder_step_rule court_rule(enforcement_step step, std::int64_t lead_days, bool finding, std::int64_t days_max) {
    ladder_step_rule rule;
    rule.step = step;
    rule.court = true;
    rule.court_lead_days = lead_days;
    rule.needs_court_finding = finding;
    rule.duration_days_max = days_max;
    return rule;
}

}  // namespace

TEST_CASE("the same seed decides the same application the same way; another seed differs somewhere") {
    const court_outcome_row row{enforcement_step::liability_order, day("2012-12-10"), basis_points{5'000}, basis_points{0}};
    const auto rule = court_rule(enforcement_step::liability_order, 154, false, 0);
    int differ = 0;
    for (std::int64_t action = 1; action <= 200; ++action) {
        const auto first = draw_court_decision(row, rule, day("2025-03-03"), 11, action);
        const auto again = draw_court_decision(row, rule, day("2025-03-03"), 11, action);
        CHECK(first.event == again.event);
        CHECK(first.on == day("2025-08-04"));  // 154 days after the application
        if (draw_court_decision(row, rule, day("2025-03-03"), 12, action).event != first.event) ++differ;
    }
    CHECK(differ > 50);  // independent draws at 50% differ about half the time
}

TEST_CASE("over many applications the share granted is the table's") {
    const auto rule = court_rule(enforcement_step::committal, 84, true, 42);
    for (const std::int64_t share : {0, 600, 4'000, 9'500, 10'000}) {
        const court_outcome_row row{enforcement_step::committal, day("2012-12-10"), basis_points{share}, basis_points{8'000}};
        std::int64_t granted = 0;
        std::int64_t wilful = 0;
        const std::int64_t applications = 20'000;
        for (std::int64_t action = 1; action <= applications; ++action) {
            const auto decided = draw_court_decision(row, rule, day("2025-01-06"), 2025, action);
            if (decided.event != action_event::grant) {
                CHECK_FALSE(decided.finding.has_value());
                continue;
            }
            ++granted;
            REQUIRE(decided.finding.has_value());
            if (*decided.finding == court_finding::wilful_refusal) ++wilful;
            CHECK(decided.until == add_days(decided.on, 42));  // the longest committal the ladder allows
        }
        // Within 1.5 points of the share (about 7 standard deviations at 20,000 draws).
        CHECK(granted * 10'000 / applications >= share - 150);
        CHECK(granted * 10'000 / applications <= share + 150);
        if (granted > 1'000) {
            CHECK(wilful * 10'000 / granted >= 8'000 - 300);
            CHECK(wilful * 10'000 / granted <= 8'000 + 300);
        }
    }
}

TEST_CASE("the row in force is the step's latest started; rows must be valid shares on increasing dates") {
    const std::vector<court_outcome_row> rows = {
        {enforcement_step::liability_order, day("2012-12-10"), basis_points{9'000}, basis_points{0}},
        {enforcement_step::liability_order, day("2020-01-01"), basis_points{9'500}, basis_points{0}},
        {enforcement_step::committal, day("2012-12-10"), basis_points{4'000}, basis_points{8'000}}};
    CHECK(valid_court_outcome_rows(rows));
    CHECK(court_outcome_on(rows, enforcement_step::liability_order, day("2019-12-31"))->granted_share.value == 9'000);
    CHECK(court_outcome_on(rows, enforcement_step::liability_order, day("2020-01-01"))->granted_share.value == 9'500);
    CHECK(court_outcome_on(rows, enforcement_step::charging_order, day("2020-01-01")) == nullptr);
    CHECK(court_outcome_on(rows, enforcement_step::committal, day("2012-12-09")) == nullptr);
    auto bad = rows;
    bad[1].effective_from = day("2012-12-10");
    CHECK_FALSE(valid_court_outcome_rows(bad));
    bad = rows;
    bad[2].granted_share = basis_points{10'001};
    CHECK_FALSE(valid_court_outcome_rows(bad));
}

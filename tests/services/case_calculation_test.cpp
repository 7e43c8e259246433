// Cases and the statutory calculation: the weekly amount of a new case comes from the paying
// parent's circumstances, and changes of income or shared care supersede it from their
// effective date only when the rules act on them. Expected amounts are worked by hand from
// schemas/policy/calculation_rates.json (2013 rates).
#include <doctest/doctest.h>

#include <utility>
#include <vector>

#include "services/generation/demo_caseload.hpp"
#include "services/wire/circumstance_parsing.hpp"
#include "services/wire/json_fields.hpp"
#include "services/wire/stored_calculation.hpp"
#include "support/database_probe.hpp"
#include "support/service_fixture.hpp"

using cms::testing::service_fixture;
using nlohmann::json;

namespace {

struct calculation_fixture : service_fixture {
    std::int64_t case_number = open_family();   // opened 2025-01-15, 2 children, £150 a week: £19.50

    cms::testing::rendered_outcome income(const std::string& key, const json& body, std::int64_t on_case = 0) {
        return run([&](cms::services::outcome_callback done) {
            cases.record_income(cms::services::parse_income_change(body, cms::core::case_id{on_case ? on_case : case_number}),
                                {key, "tester"}, std::move(done));
        });
    }
    cms::testing::rendered_outcome shared_care(const std::string& key, const json& body) {
        return run([&](cms::services::outcome_callback done) {
            cases.record_shared_care(cms::services::parse_shared_care_change(body, cms::core::case_id{case_number},
                                                                             cases.limits().children_count_max),
                                     {key, "tester"}, std::move(done));
        });
    }
    json calculation() {
        const auto outcome = cms::testing::render(cases.get_calculation(cms::core::case_id{case_number}),
                                                  [](const cms::services::calculation_history_view& view) {
                                                      return cms::services::case_calculation_view(view.for_case, view.rows,
                                                                                                  view.today);
                                                  });
        REQUIRE(outcome.status == 200);
        return outcome.body;
    }
    std::int64_t case_weekly_pence() {
        return shown_case(case_number).body.at("weekly_amount_pence").get<std::int64_t>();
    }
    /// (effective_from, weekly pence) of the case's liability segments, in date order.
    std::vector<std::pair<std::string, std::int64_t>> segments() {
        std::vector<std::pair<std::string, std::int64_t>> rows;
        for (const std::string& row : cms::testing::sql_rows(path, "SELECT effective_from, weekly_amount_pence"
                                                                   " FROM liability_segments WHERE case_id = " +
                                                                       std::to_string(case_number) +
                                                                       " ORDER BY effective_from")) {
            const auto slash = row.find('/');
            rows.emplace_back(row.substr(0, slash), std::stoll(row.substr(slash + 1)));
        }
        return rows;
    }
};

using segment_list = std::vector<std::pair<std::string, std::int64_t>>;

}  // namespace

TEST_CASE("a case's weekly amount is the calculation of its circumstances, stored with its steps") {
    calculation_fixture fixture;
    // Reduced rate, 2 children: £7 + 25% x (£150 - £100) = £19.50.
    CHECK(fixture.case_weekly_pence() == 1'950);
    CHECK(fixture.segments() == segment_list{{"2025-01-15", 1'950}});

    const json view = fixture.calculation();
    REQUIRE(view["history"].size() == 1);
    const json& current = view["current"];
    CHECK(current == view["history"][0]);
    CHECK(current["effective_from"] == "2025-01-15");
    CHECK(current["effective_to"].is_null());
    CHECK(current["reason"] == "case_opened");
    CHECK(current["rate"] == "reduced");
    CHECK(current["weekly_amount_pence"] == 1'950);
    CHECK(current["input"]["paying_parent"]["gross_weekly_income_pence"] == 15'000);
    CHECK(current["calculation"]["weekly_amount_pence"] == 1'950);
    CHECK(current["calculation"]["children"] == json{{{"id", "1"}, {"weekly_amount_pence", 975}},
                                                     {{"id", "2"}, {"weekly_amount_pence", 975}}});
    CHECK_FALSE(current["calculation"]["steps"].empty());
    CHECK(fixture.count("calculations") == 1);
}

TEST_CASE("the worked examples open with their statutory amounts") {
    service_fixture fixture;
    const auto paying = fixture.register_parent("p", {{"role", "paying"}, {"full_name", "A"},
                                                      {"date_of_birth", "1980-01-01"},
                                                      {"local_authority_code", "E06000059"}});
    const auto receiving = fixture.register_parent("r", {{"role", "receiving"}, {"full_name", "B"},
                                                         {"date_of_birth", "1982-01-01"},
                                                         {"local_authority_code", "E06000059"}});
    // Another paying parent for the second example: one parent's cases share one calculation.
    const auto other_paying = fixture.register_parent("p2", {{"role", "paying"}, {"full_name", "C"},
                                                            {"date_of_birth", "1981-01-01"},
                                                            {"local_authority_code", "E06000059"}});
    auto body = [&](std::int64_t income_pence, int other_children, int children, bool other = false) {
        json list = json::array();
        for (int i = 0; i < children; ++i) list.push_back({{"full_name", "C"}, {"date_of_birth", "2015-05-05"}});
        return json{{"paying_parent_id", other ? other_paying.body["id"] : paying.body["id"]},
                    {"receiving_parent_id", receiving.body["id"]},
                    {"service_type", "collect_and_pay"},
                    {"paying_parent_circumstances",
                     {{"gross_weekly_income_pence", income_pence}, {"relevant_other_children", other_children}}},
                    {"children", list}};
    };
    // £500, 2 children, 1 relevant other child: 16% x (£500 - 11% = £445) = £71.20.
    CHECK(fixture.open_case("c1", body(50'000, 1, 2)).body["weekly_amount_pence"] == 7'120);
    // £1,200, 1 child: basic plus 12% x £800 + 9% x £400 = £132.00.
    CHECK(fixture.open_case("c2", body(120'000, 0, 1, true)).body["weekly_amount_pence"] == 13'200);

    // The calculation's own checks name the case body's field.
    json bad_nights = body(50'000, 0, 1);
    bad_nights["children"][0]["shared_care_nights"] = 367;
    CHECK_THROWS_WITH_AS(fixture.open_case("c3", bad_nights), doctest::Contains("366"), cms::services::field_error);
    json no_circumstances = body(50'000, 0, 1);
    no_circumstances.erase("paying_parent_circumstances");
    try {
        fixture.open_case("c4", no_circumstances);
        FAIL("opened a case without circumstances");
    } catch (const cms::services::field_error& error) {
        CHECK(error.field() == "paying_parent_circumstances");
    }
    json given_amount = body(50'000, 0, 1);
    given_amount["weekly_amount_pence"] = 1'000;   // no longer accepted: the calculation sets it
    try {
        fixture.open_case("c5", given_amount);
        FAIL("accepted a given weekly amount");
    } catch (const cms::services::field_error& error) {
        CHECK(error.field() == "weekly_amount_pence");
    }
}

TEST_CASE("opening a case repeats idempotently; a changed circumstance under the same key is named") {
    service_fixture fixture;
    fixture.open_family();
    const json body = {{"paying_parent_id", 1},
                       {"receiving_parent_id", 2},
                       {"service_type", "collect_and_pay"},
                       {"paying_parent_circumstances", service_fixture::family_circumstances()},
                       {"children", {{{"full_name", "C Child"}, {"date_of_birth", "2015-05-05"}}}}};
    const auto first = fixture.open_case("again", body);
    REQUIRE(first.status == 201);
    // The paying parent's third child (their first case has two): £7 + 31% x £50 = £22.50 for
    // the three, £7.50 each.
    CHECK(first.body["weekly_amount_pence"] == 750);
    CHECK(fixture.open_case("again", body).body == first.body);
    CHECK(fixture.count("calculations") == 2);
    json richer = body;
    richer["paying_parent_circumstances"]["gross_weekly_income_pence"] = 50'000;
    const auto conflict = fixture.open_case("again", richer);
    CHECK(conflict.status == 409);
    CHECK(conflict.body["field"] == "paying_parent_circumstances.gross_weekly_income_pence");
    CHECK(fixture.count("calculations") == 2);
}

TEST_CASE("an income change under 25% is journaled but does not supersede") {
    calculation_fixture fixture;
    const int journal_before = fixture.count("command_journal");
    // £150 -> £180 is +20%.
    const auto answer = fixture.income("i1", {{"effective_date", "2025-02-01"}, {"gross_weekly_income_pence", 18'000}});
    REQUIRE(answer.status == 200);
    CHECK(answer.body["superseded"] == false);
    CHECK(answer.body["outcome"] == "income_change_below_tolerance");
    CHECK(answer.body["detail"].get<std::string>().find("tolerance") != std::string::npos);
    CHECK(answer.body["weekly_amount_pence"] == 1'950);
    CHECK(fixture.count("command_journal") == journal_before + 1);
    CHECK(fixture.count("calculations") == 1);
    CHECK(fixture.segments() == segment_list{{"2025-01-15", 1'950}});
}

TEST_CASE("an income change of 25% or more supersedes from its date; the past keeps its amount") {
    calculation_fixture fixture;
    // £150 -> £200 (+33%): basic rate, 2 children, 16% x £200 = £32.00 from 1 March.
    const auto answer = fixture.income("i1", {{"effective_date", "2025-03-01"}, {"gross_weekly_income_pence", 20'000}});
    REQUIRE(answer.status == 201);
    CHECK(answer.body["superseded"] == true);
    CHECK(answer.body["weekly_amount_pence"] == 3'200);
    CHECK(answer.body["calculation"]["rate"] == "basic");
    CHECK(fixture.segments() == segment_list{{"2025-01-15", 1'950}, {"2025-03-01", 3'200}});

    json view = fixture.calculation();
    REQUIRE(view["history"].size() == 2);
    CHECK(view["history"][0]["effective_from"] == "2025-01-15");
    CHECK(view["history"][0]["effective_to"] == "2025-03-01");
    CHECK(view["history"][0]["weekly_amount_pence"] == 1'950);
    CHECK(view["history"][1]["effective_from"] == "2025-03-01");
    CHECK(view["history"][1]["effective_to"].is_null());
    CHECK(view["history"][1]["reason"] == "income_change");
    CHECK(view["history"][1]["weekly_amount_pence"] == 3'200);
    // Until 1 March the old amount is the one in force.
    CHECK(view["current"]["weekly_amount_pence"] == 1'950);
    CHECK(fixture.case_weekly_pence() == 1'950);
    fixture.clock.set(*cms::core::parse_iso_date("2025-03-01"));
    CHECK(fixture.calculation()["current"]["weekly_amount_pence"] == 3'200);
    CHECK(fixture.case_weekly_pence() == 3'200);

    // The next change is compared with the income in force (£200), not the first one: £200 ->
    // £240 is +20%, not acted on.
    const auto small = fixture.income("i2", {{"effective_date", "2025-03-10"}, {"gross_weekly_income_pence", 24'000}});
    CHECK(small.status == 200);
    CHECK(small.body["weekly_amount_pence"] == 3'200);
}

TEST_CASE("exactly 25% is acted on; an HMRC yearly figure is converted to weekly first") {
    calculation_fixture fixture;
    // £150 -> £187.50 is exactly +25%: £7 + 25% x £87.50 (£21.875 -> £21.88) = £28.88.
    const auto boundary = fixture.income("i1", {{"effective_date", "2025-02-01"}, {"gross_weekly_income_pence", 18'750}});
    REQUIRE(boundary.status == 201);
    CHECK(boundary.body["weekly_amount_pence"] == 2'888);

    calculation_fixture other;
    // £10,400 a year: 1,040,000 x 7 / 365 = 19,945.2p -> £199.45 a week (+33%): reduced rate,
    // £7 + 25% x £99.45 (£24.8625 -> £24.86) = £31.86.
    const auto yearly = other.income("y1", {{"effective_date", "2025-02-01"}, {"yearly_income_pence", 1'040'000}});
    REQUIRE(yearly.status == 201);
    CHECK(yearly.body["weekly_amount_pence"] == 3'186);
    CHECK(other.calculation()["history"][1]["input"]["paying_parent"]["gross_weekly_income_pence"] == 19'945);
}

TEST_CASE("a change of benefit status supersedes whatever the income") {
    calculation_fixture fixture;
    const auto answer = fixture.income("b1", {{"effective_date", "2025-02-01"}, {"benefit", "flat_rate_benefit"}});
    REQUIRE(answer.status == 201);
    CHECK(answer.body["calculation"]["rate"] == "flat");
    CHECK(answer.body["weekly_amount_pence"] == 700);
    CHECK(fixture.segments() == segment_list{{"2025-01-15", 1'950}, {"2025-02-01", 700}});
}

TEST_CASE("shared care supersedes only when a child's band changes") {
    calculation_fixture fixture;
    // Child 1 moves to 104 nights (2/7 band): £9.75 x 5/7 = £6.96, child 2 keeps £9.75: £16.71.
    const auto band = fixture.shared_care(
        "s1", {{"effective_date", "2025-02-01"}, {"children", {{{"child_number", 1}, {"shared_care_nights", 104}}}}});
    REQUIRE(band.status == 201);
    CHECK(band.body["weekly_amount_pence"] == 1'671);
    CHECK(fixture.segments() == segment_list{{"2025-01-15", 1'950}, {"2025-02-01", 1'671}});
    CHECK(fixture.calculation()["history"][1]["reason"] == "shared_care_change");

    // 104 -> 150 nights stays in the 104-155 band.
    const auto same = fixture.shared_care(
        "s2", {{"effective_date", "2025-03-01"}, {"children", {{{"child_number", 1}, {"shared_care_nights", 150}}}}});
    REQUIRE(same.status == 200);
    CHECK(same.body["superseded"] == false);
    CHECK(same.body["outcome"] == "no_shared_care_band_change");
    CHECK(same.body["weekly_amount_pence"] == 1'671);
    CHECK(fixture.count("calculations") == 2);

    const auto unknown = fixture.shared_care(
        "s3", {{"effective_date", "2025-03-01"}, {"children", {{{"child_number", 3}, {"shared_care_nights", 10}}}}});
    CHECK(unknown.status == 422);
    CHECK(unknown.body["field"] == "children[0].child_number");
}

TEST_CASE("changes repeat idempotently and a reused key names the differing field") {
    calculation_fixture fixture;
    const json body = {{"effective_date", "2025-03-01"}, {"gross_weekly_income_pence", 20'000}};
    const auto first = fixture.income("i1", body);
    REQUIRE(first.status == 201);
    const auto repeat = fixture.income("i1", body);
    CHECK(repeat.status == 201);
    CHECK(repeat.body == first.body);
    CHECK(fixture.count("calculations") == 2);
    CHECK(fixture.count("liability_segments") == 2);

    json changed = body;
    changed["gross_weekly_income_pence"] = 25'000;
    const auto conflict = fixture.income("i1", changed);
    CHECK(conflict.status == 409);
    CHECK(conflict.body["field"] == "gross_weekly_income_pence");

    const json care = {{"effective_date", "2025-04-01"}, {"children", {{{"child_number", 2}, {"shared_care_nights", 60}}}}};
    const auto care_first = fixture.shared_care("s1", care);
    REQUIRE(care_first.status == 201);
    CHECK(fixture.shared_care("s1", care).body == care_first.body);
    json care_changed = care;
    care_changed["children"][0]["shared_care_nights"] = 200;
    const auto care_conflict = fixture.shared_care("s1", care_changed);
    CHECK(care_conflict.status == 409);
    CHECK(care_conflict.body["field"] == "children[0].shared_care_nights");
    // A key of an income change is not reusable for shared care.
    CHECK(fixture.shared_care("i1", care).status == 409);
    CHECK(fixture.count("calculations") == 3);
}

TEST_CASE("effective dates are checked against the case and the business date") {
    calculation_fixture fixture;
    auto dated = [](const char* day) { return json{{"effective_date", day}, {"gross_weekly_income_pence", 40'000}}; };
    const auto before_opening = fixture.income("d1", dated("2025-01-14"));
    CHECK(before_opening.status == 422);
    CHECK(before_opening.body["field"] == "effective_date");
    // 2025-01-15 + 92 days = 2025-04-17 is the last date allowed.
    CHECK(fixture.income("d2", dated("2025-04-18")).status == 422);
    // The calculation in force starts on the opening day; another from that day would need a
    // second segment on one date.
    const auto same_day = fixture.income("d3", dated("2025-01-15"));
    CHECK(same_day.status == 409);
    CHECK(same_day.body["field"] == "effective_date");
    REQUIRE(fixture.income("d4", dated("2025-04-17")).status == 201);
    // Earlier than the latest calculation: refused rather than rewriting later periods.
    const auto earlier = fixture.income("d5", {{"effective_date", "2025-02-01"}, {"benefit", "flat_rate_benefit"}});
    CHECK(earlier.status == 409);
    CHECK(earlier.body["field"] == "effective_date");
    CHECK(fixture.count("calculations") == 2);

    CHECK(fixture.income("d6", dated("2025-02-01"), fixture.case_number + 1).status == 404);
    CHECK_THROWS_AS(fixture.income("d7", {{"effective_date", "2025-02-01"}}), cms::services::field_error);
}

TEST_CASE("the demo caseload reproduces the first three worked examples of core/calculation/README.md") {
    service_fixture fixture;
    REQUIRE(cms::services::load_demo_caseload(fixture.cases) == 3);
    auto weekly = [&](std::int64_t id) {
        return fixture.shown_case(id).body.at("weekly_amount_pence").get<std::int64_t>();
    };
    CHECK(weekly(1) == 1'950);    // £150, 2 children
    CHECK(weekly(2) == 7'120);    // £500, 2 children, 1 relevant other child
    CHECK(weekly(3) == 13'200);   // £1,200, 1 child
    // Loading again adds nothing (fixed keys replay).
    REQUIRE(cms::services::load_demo_caseload(fixture.cases) == 3);
    CHECK(fixture.count("calculations") == 3);
}

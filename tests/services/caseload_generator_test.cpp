// The synthetic caseload (services/generation/caseload_generator.hpp): the same seed gives the
// same rows, the drawn mix follows the parameters, and every case is one the service itself
// would accept, owing what the statutory calculation gives for its stored circumstances.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "core/calculation/calculation.hpp"
#include "core/cases/case_rules.hpp"
#include "core/cases/qualification.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "services/generation/caseload_generator.hpp"
#include "services/generation/stored_payer_profile.hpp"
#include "services/reports/reference_data.hpp"
#include "services/wire/stored_calculation.hpp"
#include "support/database_probe.hpp"
#include "support/test_support.hpp"

namespace {

using namespace cms;

const core::civil_date start = *core::parse_iso_date("2025-03-01");

services::caseload_result generate(const std::string& path, std::uint64_t seed, std::int64_t cases,
                                   std::optional<services::caseload_parameters> parameters = std::nullopt) {
    const auto store = persistence::open_sqlite_store(path, persistence::system_wall_clock(),
                                                      persistence::commit_durability::unsynced);
    services::caseload_options options;
    options.cases_count = cases;
    options.seed = seed;
    options.start = start;
    options.parameters = std::move(parameters);
    options.chunk_cases = 700;  // several chunks, so a chunk boundary changes nothing drawn
    return services::generate_caseload(*store->open_write_connection(), options, nullptr);
}

/// Every row the generator wrote, table by table, in key order (the journal without the time it
/// was recorded, which is the wall clock's).
std::vector<std::string> generated_rows(const std::string& path) {
    const std::vector<std::string> queries = {
        "SELECT * FROM parents ORDER BY id",
        "SELECT * FROM cases ORDER BY id",
        "SELECT * FROM case_children ORDER BY case_id, child_number",
        "SELECT * FROM qualification_ends ORDER BY case_id, child_number",
        "SELECT * FROM liability_segments ORDER BY case_id, receiving_parent_slot, effective_from",
        "SELECT * FROM payment_schedules ORDER BY case_id, effective_from",
        "SELECT * FROM calculations ORDER BY id",
        "SELECT * FROM payer_profiles ORDER BY case_id",
        "SELECT idempotency_key, command_type, business_date, request_json FROM command_journal ORDER BY id",
    };
    std::vector<std::string> rows;
    for (const std::string& query : queries) {
        rows.push_back("-- " + query);
        for (std::string& row : testing::sql_rows(path, query)) rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<std::pair<core::case_id, services::payer_profile>> stored_profiles(const std::string& path) {
    const auto store = persistence::open_sqlite_store(path);
    const auto reader = store->open_read_connection();
    std::vector<std::pair<core::case_id, services::payer_profile>> all;
    std::int64_t after = 0;
    for (;;) {
        const auto page = services::list_payer_profiles(reader->view().cases(), after, 400);
        all.insert(all.end(), page.begin(), page.end());
        if (page.size() < 400) return all;
        after = page.back().first.value;
    }
}

/// |drawn - expected| in basis points of `whole`.
std::int64_t off_bp(std::int64_t drawn, std::int64_t whole, std::int64_t expected_bp) {
    return std::abs(drawn * 10'000 / whole - expected_bp);
}

}  // namespace

TEST_CASE("the same seed gives the same caseload row for row, and another seed another") {
    testing::temporary_directory directory;
    const auto first = generate(directory.file("first.db"), 11, 3'000);
    const auto again = generate(directory.file("again.db"), 11, 3'000);
    generate(directory.file("other.db"), 12, 3'000);
    CHECK(first.first_case_id == 1);
    CHECK(first.last_case_id == 3'000);
    const auto rows = generated_rows(directory.file("first.db"));
    // At least nine rows a case: two parents, the case, a child and its qualification end, the
    // first term, the schedule, the calculation and the profile.
    CHECK(rows.size() >= 9 * 3'000);
    CHECK(rows == generated_rows(directory.file("again.db")));
    CHECK(stored_profiles(directory.file("first.db")) == stored_profiles(directory.file("again.db")));
    CHECK(stored_profiles(directory.file("first.db")).size() == 3'000);
    CHECK(first.behaviour_counts == again.behaviour_counts);
    CHECK(rows != generated_rows(directory.file("other.db")));
    CHECK(stored_profiles(directory.file("first.db")) != stored_profiles(directory.file("other.db")));
}

TEST_CASE("at 20,000 cases the drawn mix is within a few standard errors of the parameters") {
    testing::temporary_directory directory;
    const std::string path = directory.file("mix.db");
    const std::int64_t cases = 20'000;
    const auto result = generate(path, 2025, cases);
    const auto parameters = services::embedded_caseload_parameters();
    REQUIRE(result.cases_count == cases);
    // A share p drawn n times has a standard error of sqrt(p(1-p)/n): at most 35 bp for
    // n = 20,000 (p = 1/2), 34 bp for Collect and Pay's 37.52%. 150 bp is over four of them.
    CHECK(off_bp(result.collect_and_pay_count, cases, parameters.collect_and_pay_bp) <= 150);
    CHECK(testing::sql_integer(path, "SELECT COUNT(*) FROM cases WHERE service_type = 'collect_and_pay'") ==
          result.collect_and_pay_count);
    for (std::size_t i = 0; i < services::payer_behaviour_count; ++i) {
        const std::string name(services::to_string(static_cast<services::payer_behaviour>(i + 1)));
        INFO(name);
        CHECK(off_bp(result.behaviour_counts[i], cases, parameters.behaviours[i].share_bp) <= 150);
        CHECK(testing::sql_integer(path, "SELECT COUNT(*) FROM payer_profiles WHERE behaviour = ?1", {name}) ==
              result.behaviour_counts[i]);
    }
    // The most populous district (Birmingham, about 2% of England) by its population's share:
    // a standard error of about 10 bp at this size, so 50 bp is five.
    const auto& areas = services::local_authorities();
    std::int64_t population = 0;
    for (const auto& area : areas) population += area.population;
    const auto largest = std::max_element(areas.begin(), areas.end(),
                                          [](const auto& a, const auto& b) { return a.population < b.population; });
    CHECK(largest->code == "E08000025");
    const std::int64_t there = testing::sql_integer(
        path, "SELECT COUNT(*) FROM parents WHERE role = 'paying' AND local_authority_code = ?1", {largest->code});
    CHECK(off_bp(there, cases, largest->population * 10'000 / population) <= 50);
    // Children per Collect and Pay case: the file's mix means 1.32 (the published ratio); its
    // standard deviation is 0.64 a case, so over about 7,500 cases the mean is within 0.03.
    const std::int64_t children_cp = testing::sql_integer(
        path, "SELECT COUNT(*) FROM case_children k JOIN cases c ON c.id = k.case_id"
              " WHERE c.service_type = 'collect_and_pay'");
    CHECK(std::abs(children_cp * 100 / result.collect_and_pay_count - 132) <= 3);
}

TEST_CASE("every generated case is one the service accepts, and owes what the calculation gives") {
    testing::temporary_directory directory;
    const std::string path = directory.file("valid.db");
    const auto result = generate(path, 7, 2'000);
    const auto store = persistence::open_sqlite_store(path);
    const auto failed = store->check();
    CHECK_MESSAGE(!failed, (failed ? failed->check_name + ": " + failed->violation : std::string()));
    const auto reader = store->open_read_connection();
    persistence::read_view& view = reader->view();
    const core::case_limits limits;
    const auto& rates = services::embedded_calculation_rates();
    const auto profiles = services::list_payer_profiles(view.cases(), 0, 5'000);
    REQUIRE(profiles.size() == 2'000);
    std::set<std::string> rates_seen;
    for (std::int64_t id = result.first_case_id; id <= result.last_case_id; ++id) {
        INFO("case " << id);
        const auto record = view.cases().find_case(core::case_id{id});
        REQUIRE(record);
        const core::civil_date opened = record->opened_on;
        CHECK(opened < start);
        CHECK_FALSE(opened < core::add_days(start, -365));
        const auto paying = view.cases().find_parent(record->details.paying_parent);
        const auto receiving = view.cases().find_parent(record->details.receiving_parent);
        REQUIRE(paying);
        REQUIRE(receiving);
        // The checks POST /v1/parents and POST /v1/cases apply, on the day the case opened.
        CHECK_FALSE(core::check_new_parent(paying->details, opened, limits));
        CHECK_FALSE(core::check_new_parent(receiving->details, opened, limits));
        CHECK_FALSE(core::check_new_case(record->details, *paying, *receiving, opened, limits));
        for (const auto& child : record->details.children) {
            CHECK(start < core::stops_qualifying_on(child.date_of_birth, false));
        }
        // The stored circumstances, calculated again, give the case's amount and its first term.
        const auto calculations = view.calculations().list_calculations(core::case_id{id});
        REQUIRE(calculations.size() == 1);
        CHECK(calculations[0].effective_from == opened);
        const auto history = services::calculation_history(calculations);
        const auto again = core::calculate(history[0].input, *core::rates_in_force(rates, opened));
        REQUIRE(std::holds_alternative<core::calculation_result>(again));
        const core::calculation_result& expected = std::get<core::calculation_result>(again);
        CHECK(history[0].input.children.size() == record->details.children.size());
        CHECK(expected.weekly_amount == calculations[0].weekly_amount);
        CHECK(expected.weekly_amount == record->details.weekly_amount);
        CHECK(view.calculations().weekly_amount_in_force(core::case_id{id}, opened) == expected.weekly_amount);
        rates_seen.insert(calculations[0].rate);
        // The profile fits its behaviour and the parent's means.
        const auto& [profile_case, profile] = profiles[static_cast<std::size_t>(id - result.first_case_id)];
        CHECK(profile_case.value == id);
        CHECK_FALSE(services::check_payer_profile(profile));
        const auto& status = history[0].input.paying_parent;
        if (profile.employed) CHECK(profile.net_weekly_earnings <= status.gross_weekly_income);
        if (profile.method == core::payment_method::deduction_from_earnings) CHECK(profile.employed);
        if (profile.method == core::payment_method::direct_debit) CHECK(profile.has_bank_account);
        if (profile.method == core::payment_method::deduction_from_benefit) {
            CHECK(status.benefit == core::benefit_status::flat_rate_benefit);
        }
    }
    // Every rate band of the calculation occurs in a caseload this size.
    CHECK(rates_seen == std::set<std::string>{"nil", "flat", "reduced", "basic", "basic_plus"});
}

TEST_CASE("a caseload of one kind of family owes the worked example's amount in every case") {
    // Everyone earns £500 a week, has two children in the case and one relevant other child, no
    // shared care: income cut by 11% to £445, basic rate 16% for two children, £71.20 a week
    // (core/calculation/README.md, worked example 2).
    auto parameters = services::embedded_caseload_parameters();
    parameters.children_collect_and_pay = {{2, 10'000}};
    parameters.children_direct_pay = {{2, 10'000}};
    parameters.relevant_other_children_bp = 10'000;
    parameters.relevant_other_children_counts = {{1, 10'000}};
    parameters.nil_rate_bp = 0;
    parameters.flat_rate_benefit_bp = 0;
    parameters.gross_weekly_income_pence = {{{50'000, 50'000}, 10'000}};
    parameters.shared_care_nights = {{{0, 0}, 10'000}};
    testing::temporary_directory directory;
    const std::string path = directory.file("one_kind.db");
    generate(path, 3, 200, parameters);
    CHECK(testing::sql_integer(path, "SELECT COUNT(*) FROM cases WHERE weekly_amount_pence = 7120") == 200);
    CHECK(testing::sql_integer(path, "SELECT COUNT(*) FROM calculations WHERE rate = 'basic'") == 200);
    CHECK(testing::sql_integer(path, "SELECT COUNT(*) FROM case_children") == 400);
}

TEST_CASE("options out of range are refused before anything is written") {
    testing::temporary_directory directory;
    const std::string path = directory.file("refused.db");
    const auto store = persistence::open_sqlite_store(path);
    const auto connection = store->open_write_connection();
    services::caseload_options options;
    options.start = start;
    options.opened_span_days = 0;
    CHECK_THROWS_WITH_AS(services::generate_caseload(*connection, options, nullptr),
                         doctest::Contains("span of opening days"), std::invalid_argument);
    options.opened_span_days = std::nullopt;
    options.start = *core::parse_iso_date("2013-01-01");  // before the 2013 rates came into force
    CHECK_THROWS_WITH_AS(services::generate_caseload(*connection, options, nullptr),
                         doctest::Contains("no calculation policy is in force"), std::invalid_argument);
    CHECK(testing::sql_integer(path, "SELECT COUNT(*) FROM command_journal") == 0);
}

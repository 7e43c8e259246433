// Children ceasing to qualify on a real database: on a child's 16th birthday the case is
// recalculated without them from that day (so the month's accrual splits there), and when no
// child is left the case is closed from that day; each is a journaled command by `system`.
#include <doctest/doctest.h>

#include "services/calculation/qualification_ends.hpp"
#include "services/ledger/accrual_job.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/policy/policy_tables.hpp"
#include "services/wire/json_fields.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

struct ageing_fixture : testing::service_fixture {
    /// Opens a case on the business date for children born on `births` (none in education).
    testing::rendered_outcome open_with_children(const std::string& key, const std::vector<nlohmann::json>& children) {
        const auto paying = register_parent(key + "p", {{"role", "paying"}, {"full_name", "A Payer"},
                                                        {"date_of_birth", "1980-01-01"},
                                                        {"local_authority_code", "E06000059"}});
        const auto receiving = register_parent(key + "r", {{"role", "receiving"}, {"full_name", "B Receiver"},
                                                           {"date_of_birth", "1981-01-01"},
                                                           {"local_authority_code", "E06000059"}});
        return open_case(key + "c", {{"paying_parent_id", paying.body["id"]},
                                     {"receiving_parent_id", receiving.body["id"]},
                                     {"service_type", "collect_and_pay"},
                                     {"paying_parent_circumstances", family_circumstances()},
                                     {"children", children}});
    }
    std::int64_t open_family_born(const std::string& key, std::initializer_list<const char*> births) {
        std::vector<nlohmann::json> children;
        for (const char* born : births) children.push_back({{"full_name", "Child"}, {"date_of_birth", born}});
        const auto opened = open_with_children(key, children);
        if (opened.status != 201) throw std::runtime_error("fixture case refused: " + opened.body.dump());
        return opened.body["id"].get<std::int64_t>();
    }
    services::accrual_job_result accrue_with_ages(const char* through) {
        services::accrual_job_options options;
        options.through = day(through);
        options.calculation_rates = services::embedded_calculation_rates();
        return services::run_accrual_job(services::writer_transactions(writer),
                                         services::load_collection_fees(std::nullopt), options, nullptr);
    }
    std::int64_t maintenance_accrued(std::int64_t case_number, const char* period) {
        // The maintenance_accrued leg (code 1) of that month's accrual posting, read through the ledger.
        for (const auto& posting : readers.borrow()->ledger().list_postings(core::case_id{case_number},
                                                                           services::ledger_epoch,
                                                                           services::ledger_end)) {
            if (posting.cause.kind != core::cause_kind::batch || posting.cause.job != core::batch_job::monthly_accrual ||
                persistence::format_period(posting.cause.period) != period) {
                continue;
            }
            std::int64_t pence = 0;
            for (const auto& leg : posting.legs) {
                if (leg.code == core::transfer_code::maintenance_accrued) pence += leg.amount.pence();
            }
            return pence;
        }
        return -1;
    }
};

}  // namespace

TEST_CASE("on a child's 16th birthday the case is recalculated without them, and the month splits there") {
    ageing_fixture fixture;  // business date 2025-01-15
    const std::int64_t case_number = fixture.open_family_born("a-", {"2009-03-10", "2015-05-05"});
    fixture.clock.set(day("2025-04-01"));
    const auto accrued = fixture.accrue_with_ages("2025-03-31");
    REQUIRE(accrued.status == "succeeded");

    const auto rows = testing::sql_rows(fixture.path, "SELECT effective_from || ' ' || reason FROM calculations"
                                                      " WHERE case_id = " + std::to_string(case_number) +
                                                      " ORDER BY effective_from");
    REQUIRE(rows.size() == 2);
    CHECK(rows[1] == "2025-03-10 child_stopped_qualifying");
    const core::money two_children = *fixture.readers.borrow()->calculations().weekly_amount_in_force(
        core::case_id{case_number}, day("2025-03-09"));
    const core::money one_child = *fixture.readers.borrow()->calculations().weekly_amount_in_force(
        core::case_id{case_number}, day("2025-03-10"));
    CHECK(two_children.pence() == 1'950);  // £7 + 25% of £50 for two children (reduced rate)
    CHECK(one_child < two_children);
    // Accrual rounds cumulatively from the opening (core/ledger/README.md): through 28 February
    // 45 days at two children; March is 9 more at two children and 22 at one.
    const std::int64_t through_february = (45 * 1'950 + 3) / 7;
    const std::int64_t through_march = (54 * 1'950 + 22 * one_child.pence() + 3) / 7;
    CHECK(fixture.maintenance_accrued(case_number, "2025-03") == through_march - through_february);
    // A journaled command by the system, and the row no longer waits.
    CHECK(testing::sql_integer(fixture.path, "SELECT COUNT(*) FROM command_journal WHERE command_type = 'end_qualification'"
                                             " AND actor = 'system'") == 1);
    CHECK(testing::sql_text(fixture.path, "SELECT outcome FROM qualification_ends WHERE child_number = 1") ==
          "recalculated");
    CHECK_FALSE(fixture.store->check().has_value());
    // Rerunning changes nothing.
    REQUIRE(fixture.accrue_with_ages("2025-03-31").status == "succeeded");
    CHECK(testing::sql_integer(fixture.path, "SELECT COUNT(*) FROM calculations WHERE case_id = " +
                                                 std::to_string(case_number)) == 2);
}

TEST_CASE("when the last children stop qualifying the case is closed from that day, once for twins") {
    ageing_fixture fixture;
    const std::int64_t twins = fixture.open_family_born("t-", {"2009-02-01", "2009-02-01"});
    fixture.clock.set(day("2025-03-01"));
    REQUIRE(fixture.accrue_with_ages("2025-02-28").status == "succeeded");
    const auto shown = fixture.shown_case(twins);
    CHECK(shown.body["status"] == "closed");
    CHECK(shown.body["closure"]["reason"] == "no_qualifying_child");
    CHECK(shown.body["closure"]["effective_date"] == "2025-02-01");
    CHECK(shown.body["children"][0]["qualifies_until"] == "2025-01-31");
    // January charged (17 days), February nothing.
    CHECK(fixture.maintenance_accrued(twins, "2025-01") == (17 * 1'950 + 3) / 7);
    CHECK(fixture.maintenance_accrued(twins, "2025-02") <= 0);
    // Both children left in one command.
    CHECK(testing::sql_integer(fixture.path, "SELECT COUNT(*) FROM command_journal WHERE command_type = 'end_qualification'") == 1);
    CHECK(testing::sql_integer(fixture.path, "SELECT COUNT(*) FROM qualification_ends WHERE outcome = 'case_closed'") == 2);
    CHECK_FALSE(fixture.store->check().has_value());
}

TEST_CASE("a case closed before a child's birthday records why nothing was done") {
    ageing_fixture fixture;
    const std::int64_t case_number = fixture.open_family_born("c-", {"2009-03-10"});
    fixture.clock.set(day("2025-02-10"));
    const auto closed = fixture.run([&](services::outcome_callback done) {
        fixture.cases.close_case(services::parse_close_case({{"reason", "receiving_parent_asked"},
                                                             {"effective_date", "2025-02-10"}},
                                                            core::case_id{case_number}),
                                 {"close", "alice"}, std::move(done));
    });
    REQUIRE(closed.status == 200);
    fixture.clock.set(day("2025-04-01"));
    REQUIRE(fixture.accrue_with_ages("2025-03-31").status == "succeeded");
    CHECK(testing::sql_text(fixture.path, "SELECT outcome FROM qualification_ends") ==
          "not_applied: the case was closed from 2025-02-10");
    CHECK(testing::sql_integer(fixture.path, "SELECT COUNT(*) FROM command_journal WHERE command_type = 'end_qualification'") == 0);
}

TEST_CASE("a child of 16 to 19 qualifies only in full-time non-advanced education") {
    ageing_fixture fixture;  // business date 2025-01-15
    const auto refused = fixture.open_with_children("x-", {{{"full_name", "Sam"}, {"date_of_birth", "2008-06-01"}}});
    CHECK(refused.status == 422);
    CHECK(refused.body["field"] == "children[0].full_time_non_advanced_education");
    const auto opened = fixture.open_with_children(
        "y-", {{{"full_name", "Sam"}, {"date_of_birth", "2008-06-01"}, {"full_time_non_advanced_education", true}}});
    REQUIRE(opened.status == 201);
    const auto shown = fixture.shown_case(opened.body["id"].get<std::int64_t>());
    CHECK(shown.body["children"][0]["full_time_non_advanced_education"] == true);
    CHECK(shown.body["children"][0]["qualifies_until"] == "2028-05-31");
    // Anything but true or false is refused by the body's parser (400 over HTTP).
    CHECK_THROWS_AS(fixture.open_with_children("z-", {{{"full_name", "Sam"},
                                                       {"date_of_birth", "2008-06-01"},
                                                       {"full_time_non_advanced_education", "yes"}}}),
                    services::field_error);
}

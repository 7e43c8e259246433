// Generated cases' payer profiles (migration 0025): written with their case by the generator's
// bulk insert, read back a page at a time in case order, and refused by the table when they
// name an unknown behaviour or give an unemployed parent earnings.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include "persistence/sqlite/connection.hpp"
#include "persistence/sqlite/database_checks.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "support/test_support.hpp"

namespace {

using namespace cms;

persistence::generated_case family(int number, const std::string& behaviour) {
    persistence::generated_case generated;
    generated.paying_name = "Paying " + std::to_string(number);
    generated.paying_born = *core::parse_iso_date("1985-03-01");
    generated.receiving_name = "Receiving " + std::to_string(number);
    generated.receiving_born = *core::parse_iso_date("1987-06-01");
    generated.children = {{"First", *core::parse_iso_date("2015-09-01")}, {"Second", *core::parse_iso_date("2018-02-28")}};
    generated.local_authority_code = "E08000025";
    generated.weekly_amount = core::money::from_pence(7'120);
    generated.opened_on = *core::parse_iso_date("2025-01-10");
    generated.frequency = core::payment_frequency::weekly;
    generated.first_due_date = *core::parse_iso_date("2025-01-17");
    generated.calculation_rate = "basic";
    generated.calculation_input_json = "{}";
    generated.calculation_result_json = "{}";
    generated.profile.behaviour = behaviour;
    generated.profile.days_late = number;
    generated.profile.method = core::payment_method::deduction_from_earnings;
    generated.profile.employed = true;
    generated.profile.net_weekly_earnings = core::money::from_pence(39'000);
    generated.profile.has_bank_account = number % 2 == 0;
    return generated;
}

}  // namespace

TEST_CASE("payer profiles are written with their cases and read a page at a time in case order") {
    testing::temporary_directory directory;
    const std::string path = directory.file("profiles.db");
    const auto store = persistence::open_sqlite_store(path);
    const auto connection = store->open_write_connection();
    persistence::in_transaction(*connection, [](persistence::unit_of_work& work) {
        const core::command_id cause = work.journal().append_command(
            {"generate:1", "generate_caseload", "generator", "2025-01-31", "{}"});
        work.journal().record_command_outcome(cause, 201, "{}");
        for (int number = 1; number <= 3; ++number) {
            persistence::generated_case generated = family(number, number == 2 ? "pays_late" : "never_pays");
            generated.cause = cause;
            const auto parents = work.cases().insert_generated_parents(generated);
            CHECK(parents.receiving.value == parents.paying.value + 1);
            CHECK(work.cases().insert_generated_case(generated, parents).value == number);
        }
    });
    CHECK_FALSE(store->check());
    const auto reader = store->open_read_connection();
    persistence::case_queries& cases = reader->view().cases();
    const auto first_page = cases.list_payer_profiles_page(0, 2);
    REQUIRE(first_page.size() == 2);
    CHECK(first_page[0].for_case.value == 1);
    CHECK(first_page[1].for_case.value == 2);
    persistence::payer_profile_row expected = family(2, "pays_late").profile;
    expected.for_case = core::case_id{2};
    CHECK(first_page[1] == expected);
    const auto second_page = cases.list_payer_profiles_page(2, 2);
    REQUIRE(second_page.size() == 1);
    CHECK(second_page[0].for_case.value == 3);
    CHECK(second_page[0].behaviour == "never_pays");
    CHECK(cases.list_payer_profiles_page(3, 2).empty());
    // The rest of the case as the service reads it: two children, a weekly schedule.
    const auto record = cases.find_case(core::case_id{1});
    REQUIRE(record);
    CHECK(record->details.children.size() == 2);
    CHECK(record->details.frequency == core::payment_frequency::weekly);
    CHECK(cases.find_payment_schedule(core::case_id{1})->first_due_date == *core::parse_iso_date("2025-01-17"));
}

TEST_CASE("the profile table refuses an unknown behaviour and earnings without employment") {
    testing::temporary_directory directory;
    const std::string path = directory.file("refused.db");
    persistence::sqlite::migrate_database(path);
    SQLite::Database database(path, SQLite::OPEN_READWRITE);
    database.exec("INSERT INTO command_journal(id, idempotency_key, command_type, actor, business_date, request_json,"
                  " recorded_at_utc) VALUES (1, 'k1', 'generate_caseload', 'generator', '2025-01-01', '{}', 'x');"
                  "INSERT INTO parents(id, role, full_name, date_of_birth, local_authority_code, command_id) VALUES"
                  " (1, 'paying', 'A', '1985-01-01', 'E06000059', 1), (2, 'receiving', 'B', '1986-01-01', 'E06000059', 1);"
                  "INSERT INTO cases(id, paying_parent_id, receiving_parent_id, service_type, weekly_amount_pence,"
                  " opened_on, status, command_id) VALUES (1, 1, 2, 'direct_pay', 700, '2025-01-01', 'open', 1)");
    const std::string insert = "INSERT INTO payer_profiles(case_id, behaviour, days_late, paid_share_bp,"
                               " instalments_before_stopping, method, employed, net_weekly_earnings_pence,"
                               " has_bank_account, command_id) VALUES ";
    CHECK_THROWS_AS(database.exec(insert + "(1, 'pays_sometimes', 0, 10000, 0, 'cheque', 0, 0, 1, 1)"),
                    SQLite::Exception);
    CHECK_THROWS_AS(database.exec(insert + "(1, 'never_pays', 0, 10000, 0, 'cheque', 0, 100, 1, 1)"),
                    SQLite::Exception);
    database.exec(insert + "(1, 'never_pays', 0, 10000, 0, 'cheque', 0, 0, 1, 1)");
    // A profile must name the generator's journal entry, not another command's.
    database.exec("INSERT INTO command_journal(id, idempotency_key, command_type, actor, business_date, request_json,"
                  " recorded_at_utc) VALUES (2, 'k2', 'open_case', 'sam', '2025-01-01', '{}', 'x');"
                  "INSERT INTO command_outcomes(command_id, status_code, response_json) VALUES (1, 201, '{}'),"
                  " (2, 201, '{}'); UPDATE payer_profiles SET command_id = 2");
    const auto failure = persistence::sqlite::run_database_checks(database);
    REQUIRE(failure);
    CHECK(failure->check_name == "payer_profiles_name_generate_caseload_commands");
}

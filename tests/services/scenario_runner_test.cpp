// Replaying tests/scenarios/one_family_first_year.json. Its expected figures were worked out by
// hand from the rules, not copied from a run; the arithmetic is here.
//
// The family: the paying parent earns £150 a week, two children, Collect and Pay, opened on
// 2025-01-15 with a monthly schedule first due 2025-02-01 (anchor day 1).
//   Weekly amount: reduced rate, 2 children: £7 + 25% x (£150 - £100) = £19.50 = 1950 pence.
//   From 2025-04-16 (reported 2025-04-10, +100%, so beyond the 25% tolerance) £300 a week:
//   basic rate, 2 children: 16% x £300 = £48.00 = 4800 pence.
//
// Accrual (core/accrual.hpp), cumulative from the start of liability (2025-01-15):
//   W(t) = sum of the weekly amount over each day through t
//   maintenance through t = half_up(W(t) / 7), collection fee through t = half_up(W(t) x 2000 / 70000)
//   a month is (through its last day) - (through the previous month's last day).
//   t           days  W(t)                              maint.  fee    month maint + fee
//   2025-01-31  17    17 x 1950 = 33150                 4736    947    4736 + 947   = 5683
//   2025-02-28  45    87750                             12536   2507   7800 + 1560  = 9360
//   2025-03-31  76    148200                            21171   4234   8635 + 1727  = 10362
//   2025-04-30        91 x 1950 + 15 x 4800 = 249450    35636   7127   14465 + 2893 = 17358
//   2025-05-31        249450 + 31 x 4800 = 398250       56893   11379  21257 + 4252 = 25509
//   2025-06-30        + 30 x 4800 = 542250              77464   15493  20571 + 4114 = 24685
//   2025-07-31        + 31 x 4800 = 691050              98721   19744  21257 + 4251 = 25508
//   2025-08-31        + 31 x 4800 = 839850              119979  23996  21258 + 4252 = 25510
//   2025-09-30        + 30 x 4800 = 983850              140550  28110  20571 + 4114 = 24685
//   2025-10-31        + 31 x 4800 = 1132650             161807  32361  21257 + 4251 = 25508
//   2025-11-30        + 30 x 4800 = 1276650             182379  36476  20572 + 4115 = 24687
//   2025-12-31        + 31 x 4800 = 1425450             203636  40727  21257 + 4251 = 25508
//   (e.g. 249450 / 7 = 35635.71 -> 35636; 249450 / 35 = 7127.14 -> 7127.) The year: 244363.
//
// Schedule (core/schedule.hpp): instalment k is due on the 1st and asks for what accrued over
// [previous due date, due date - 1], i.e. exactly the calendar month before; the first covers
// 2025-01-15..2025-01-31. So each instalment is the month's figure above, and because each
// month's accrual job runs on the 1st before that day's payment, every payment is allocated at
// once and what the paying parent owes equals the arrears.
//
// Payments, each the instalment due that day except: 2025-04-01 is missed (10362), and
// 2025-07-01 pays June's 24685 plus 5000 towards the arrears = 29685. Paid in the year:
// 5683 + 9360 + 17358 + 25509 + 29685 + 25508 + 25510 + 24685 + 25508 + 24687 + 25508 = 239001.
//
// Expectations (payments settle the oldest dues first, so what is unpaid is the newest). An
// expectation reads the ledger as of its as_of, so it is placed after every step that posts on
// or before that date (the month's accrual is dated its last day and posted on the 1st after):
// then a rerun, with the whole year already in the database, reads the same figures.
//   2025-01-15: weekly 1950, owed 0.
//   2025-03-01: fallen due 5683 + 9360 = 15043, paid 15043, arrears 0, owed 0.
//   2025-04-15: weekly 1950 (the day before the change); 2025-04-30: weekly 4800.
//   as of 2025-04-30, read on 2025-05-01 once April is posted: fallen due 15043 + 10362 = 25405,
//               paid 15043, arrears 10362, 29 days overdue (since 2025-04-01); owed January to
//               April 5683 + 9360 + 10362 + 17358 - 15043 = 27720 (April is not yet due).
//   2025-07-01: fallen due January..June = 92957 (June's 24685 due today), paid 87595, owed
//               5362. Payments settle maintenance before fees: all maintenance through June
//               (77464) is paid, and 87595 - 77464 = 10131 settles the oldest fees, January to
//               May's 11379 less 1248. So the arrears are 1248, all fee (owed to the state), 30
//               days overdue (part of May's fee, due 2025-06-01); June's fee 4114 is due today.
//   as of 2025-12-31, read on 2026-01-01 once December is posted: fallen due January..November
//               = 244363 - 25508 = 218855, paid 239001 - 25508 = 213493, arrears 5362, 30 days
//               overdue (part of the 2025-12-01 instalment), owed 244363 - 213493 = 30870.
//   2026-01-01: fallen due 244363 (December's 25508 due today), paid 239001, owed 5362, weekly
//               4800. Maintenance first again: the year's maintenance 203636 is paid and
//               239001 - 203636 = 35365 settles the oldest fees, January to November's 36476
//               less 1111: arrears 1111, all fee, 31 days overdue (part of November's fee, due
//               2025-12-01); December's fee 4251 is due today (1111 + 4251 = 5362).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "persistence/sqlite/sqlite_store.hpp"
#include "services/replay/scenario.hpp"
#include "support/database_probe.hpp"
#include "support/test_support.hpp"

namespace {

cms::services::scenario example(const char* name = "one_family_first_year.json") {
    std::ifstream file(std::filesystem::path(CMS_SOURCE_DIR) / "tests" / "scenarios" / name);
    std::ostringstream text;
    text << file.rdbuf();
    return cms::services::parse_scenario(text.str());
}

std::string failures_of(const cms::services::replay_result& result) {
    std::string text;
    for (const auto& step : result.steps) {
        if (!step.passed) text += "step " + std::to_string(step.index) + " " + step.action + ": " + step.detail + "\n";
    }
    return text;
}

/// "table=rows ..." over every table a replay writes, to compare two states of the database.
std::string row_counts(const std::string& path) {
    std::string counts;
    for (const char* table : {"command_journal", "command_outcomes", "parents", "cases", "payments", "calculations",
                              "ledger_postings", "jobs", "accrual_periods"}) {
        counts += std::string(table) + "=" +
                  std::to_string(cms::testing::sql_integer(path, std::string("SELECT COUNT(*) FROM ") + table)) + " ";
    }
    return counts;
}

}  // namespace

TEST_CASE("the example scenario replays with every hand-checked figure matching") {
    cms::testing::temporary_directory directory;
    // Its jobs where its run_job steps stand, to check what each explicit job step reports (the
    // corpus test below replays it with the daily schedule too).
    auto played = example();
    played.jobs = cms::services::scenario_jobs::as_written;
    const auto result = cms::services::replay_scenario(played, directory.file("replay.db"));
    INFO(failures_of(result));
    CHECK(result.all_passed());
    REQUIRE(result.steps.size() == played.steps.size());
    CHECK(result.figures.size() == 34);
    for (const auto& figure : result.figures) CHECK(figure.passed());
    // The created ids: the two parents, then the case.
    CHECK(result.steps[0].status == 201);
    CHECK(result.steps[0].created_id == 1);
    CHECK(result.steps[1].created_id == 2);
    CHECK(result.steps[2].created_id == 1);
    CHECK(result.steps[2].action == "open_case");
    CHECK(result.steps[4].action == "run_job accrue");
    CHECK(result.steps[4].detail.find("succeeded") != std::string::npos);
    // Every command is journaled under the replay actor and its step's date.
    const std::string path = directory.file("replay.db");
    CHECK(cms::testing::sql_integer(path, "SELECT COUNT(*) FROM command_journal WHERE actor <> 'replay'") == 0);
    CHECK(cms::testing::sql_text(path, "SELECT business_date FROM command_journal"
                                       " WHERE idempotency_key = 'ofy-income-2025-04'") == "2025-04-10");
}

TEST_CASE("a payment paid out and then bounced is recovered from the next pay-out, in a scenario") {
    cms::testing::temporary_directory directory;
    auto played = example("reversal_after_payout.json");
    played.jobs = cms::services::scenario_jobs::as_written;  // what its explicit pay-out steps report
    const std::string path = directory.file("replay.db");
    const auto result = cms::services::replay_scenario(played, path);
    INFO(failures_of(result));
    CHECK(result.all_passed());
    REQUIRE(result.steps.size() == played.steps.size());
    CHECK(result.figures.size() == 15);
    CHECK(result.steps[6].action == "run_job disburse");
    CHECK(result.steps[6].detail.find("2880p paid out") != std::string::npos);
    CHECK(result.steps[9].status == 409);
    // The second pay-out of the same date writes nothing.
    CHECK(result.steps[14].detail.find("nothing to pay out") != std::string::npos);
    // The recovery is on the record: 2,880p kept back, 1,667p passed on.
    CHECK(cms::testing::sql_text(path, "SELECT paid_on || ':' || paid_pence || ':' || recovered_pence FROM disbursements"
                                       " ORDER BY paid_on DESC LIMIT 1") == "2025-02-10:1667:2880");
    CHECK_FALSE(cms::persistence::open_sqlite_store(path)->check().has_value());
}

TEST_CASE("a wrong expectation fails and is reported with expected and actual") {
    cms::testing::temporary_directory directory;
    auto played = example();
    auto& last = std::get<cms::services::expectation_step>(played.steps.back().action);
    REQUIRE(last.figures[4].name == "arrears_pence");
    last.figures[4].value = 1112;
    const auto result = cms::services::replay_scenario(played, directory.file("replay.db"));
    CHECK_FALSE(result.all_passed());
    CHECK(result.failed_steps_count() == 1);
    const auto& failed = result.steps.back();
    CHECK_FALSE(failed.passed);
    CHECK(failed.detail == "arrears_pence expected 1112, actual 1111");
    std::size_t figures_failed = 0;
    for (const auto& figure : result.figures) {
        if (figure.passed()) continue;
        ++figures_failed;
        CHECK(figure.step_index == played.steps.size() - 1);
        CHECK(figure.expected == 1112);
        CHECK(figure.actual == 1111);
    }
    CHECK(figures_failed == 1);
}

TEST_CASE("a refused command fails its step unless the step expects that status") {
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("replay.db");
    const auto payment_to_nowhere = cms::services::parse_scenario(R"({"scenario": "no case", "steps": [
        {"on": "2025-02-01", "command": "record_payment", "key": "k1", "case_id": 9,
         "body": {"amount_pence": 100, "received_on": "2025-02-01", "method": "cheque", "reference": "r"}},
        {"on": "2025-02-01", "command": "record_payment", "key": "k2", "case_id": 9, "expect_status": 404,
         "body": {"amount_pence": 100, "received_on": "2025-02-01", "method": "cheque", "reference": "r"}},
        {"on": "2025-02-02", "expect": {"case_id": 9, "arrears_pence": 0}}]})");
    const auto result = cms::services::replay_scenario(payment_to_nowhere, path);
    REQUIRE(result.steps.size() == 3);
    CHECK(result.steps[0].status == 404);
    CHECK_FALSE(result.steps[0].passed);
    CHECK(result.steps[0].detail == "case_id does not exist");
    CHECK(result.steps[1].passed);
    CHECK_FALSE(result.steps[2].passed);
    CHECK(result.steps[2].detail == "no case 9; arrears_pence expected 0, actual none");
}

TEST_CASE("a step's expected refusal detail must be in the refusal: the rule that refused, not just the status") {
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("replay.db");
    const auto refusals = cms::services::parse_scenario(R"({"scenario": "which refusal", "steps": [
        {"on": "2025-02-01", "command": "record_payment", "key": "k1", "case_id": 9, "expect_status": 404,
         "expect_detail": "does not exist",
         "body": {"amount_pence": 100, "received_on": "2025-02-01", "method": "cheque", "reference": "r"}},
        {"on": "2025-02-01", "command": "record_payment", "key": "k2", "case_id": 9, "expect_status": 404,
         "expect_detail": "precondition arrears",
         "body": {"amount_pence": 100, "received_on": "2025-02-01", "method": "cheque", "reference": "r"}}]})");
    const auto result = cms::services::replay_scenario(refusals, path);
    REQUIRE(result.steps.size() == 2);
    CHECK(result.steps[0].passed);
    CHECK_FALSE(result.steps[1].passed);
    CHECK(result.steps[1].status == 404);
    CHECK(result.steps[1].detail == "expected a refusal naming \"precondition arrears\"; case_id does not exist");
}

TEST_CASE("replaying the example again on the same database writes nothing more") {
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("replay.db");
    const auto played = example();
    const auto first = cms::services::replay_scenario(played, path);
    REQUIRE(first.all_passed());
    const std::string counts = row_counts(path);
    const auto second = cms::services::replay_scenario(played, path);
    INFO(failures_of(second));
    CHECK(second.all_passed());
    CHECK(row_counts(path) == counts);
    REQUIRE(second.steps.size() == first.steps.size());
    for (std::size_t i = 0; i < first.steps.size(); ++i) {
        CHECK(second.steps[i].status == first.steps[i].status);
        CHECK(second.steps[i].created_id == first.steps[i].created_id);
    }
}

TEST_CASE("one paying parent with two receiving parents, in a scenario: shares, fees and a split payment") {
    cms::testing::temporary_directory directory;
    const auto played = example("several_receiving_parents.json");
    const std::string path = directory.file("replay.db");
    const auto result = cms::services::replay_scenario(played, path);
    INFO(failures_of(result));
    CHECK(result.all_passed());
    REQUIRE(result.steps.size() == played.steps.size());
    CHECK(cms::testing::sql_integer(path, "SELECT COUNT(*) FROM payments") == 2);
    CHECK(cms::testing::sql_integer(path, "SELECT COUNT(DISTINCT command_id) FROM payments") == 1);
    CHECK_FALSE(cms::persistence::open_sqlite_store(path)->check().has_value());
}

TEST_CASE("every scenario in tests/scenarios replays with every step and figure as its file expects") {
    std::size_t replayed = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(CMS_SOURCE_DIR) / "tests" / "scenarios")) {
        if (entry.path().extension() != ".json") continue;
        const std::string name = entry.path().filename().string();
        INFO(name);
        cms::testing::temporary_directory directory;
        cms::services::replay_options thrown_away;
        thrown_away.synced_commits = false;  // as cms replay on a temporary database
        const auto result =
            cms::services::replay_scenario(example(name.c_str()), directory.file("replay.db"), thrown_away);
        INFO(failures_of(result));
        CHECK(result.all_passed());
        // And what it leaves behind passes every `cms check` invariant.
        const auto failure = cms::persistence::open_sqlite_store(directory.file("replay.db"))->check();
        CHECK_MESSAGE(!failure.has_value(), (failure ? failure->check_name + ": " + failure->violation : ""));
        ++replayed;
    }
    CHECK(replayed >= 6);
}

namespace {

/// The file's own id form: every name replaced by the id `ids` gives it, every "as" dropped, so
/// a named scenario can be compared with the scenario a tester would have written with ids.
std::string id_form(const std::string& file, const std::map<std::string, std::int64_t>& ids) {
    std::ifstream in(std::filesystem::path(CMS_SOURCE_DIR) / "tests" / "scenarios" / file);
    std::ostringstream text;
    text << in.rdbuf();
    nlohmann::json document = nlohmann::json::parse(text.str());
    const auto to_ids = [&](nlohmann::json& object, std::initializer_list<const char*> fields) {
        for (const char* field : fields) {
            if (!object.contains(field)) continue;
            object[std::string(field) + "_id"] = ids.at(object[field].get<std::string>());
            object.erase(field);
        }
    };
    for (auto& step : document["steps"]) {
        step.erase("as");
        to_ids(step, {"case", "payment", "paying_parent", "action", "request"});
        if (step.contains("body")) to_ids(step["body"], {"paying_parent", "receiving_parent", "action"});
        if (step.contains("expect")) to_ids(step["expect"], {"case"});
    }
    const std::string dumped = document.dump();
    REQUIRE(dumped.find("\"as\"") == std::string::npos);
    return dumped;
}

}  // namespace

TEST_CASE("a scenario written with names replays as its id form does, figure for figure") {
    // Several receiving parents: the names stand for parents 1 to 3 and cases 1 and 2, so a name
    // standing for the wrong id moves a share of the split payment and changes the figures.
    const std::map<std::string, std::int64_t> ids = {{"sam", 1}, {"alex", 2}, {"jo", 3}, {"case-with-alex", 1},
                                                     {"case-with-jo", 2}, {"carter-family", 1}};
    for (const char* file : {"several_receiving_parents.json", "one_family_first_year.json"}) {
        INFO(file);
        cms::testing::temporary_directory directory;
        const auto named = cms::services::replay_scenario(example(file), directory.file("named.db"));
        const auto by_id =
            cms::services::replay_scenario(cms::services::parse_scenario(id_form(file, ids)), directory.file("ids.db"));
        INFO(failures_of(named));
        CHECK(named.all_passed());
        CHECK(by_id.all_passed());
        REQUIRE(named.steps.size() == by_id.steps.size());
        for (std::size_t i = 0; i < named.steps.size(); ++i) {
            CHECK(named.steps[i].status == by_id.steps[i].status);
            CHECK(named.steps[i].created_id == by_id.steps[i].created_id);
        }
        REQUIRE(named.figures.size() == by_id.figures.size());
        CHECK(named.figures.size() > 3);
        for (std::size_t i = 0; i < named.figures.size(); ++i) {
            CHECK(named.figures[i].name == by_id.figures[i].name);
            CHECK(named.figures[i].actual == by_id.figures[i].actual);
        }
        // The same commands with the same bodies: the idempotency fingerprints agree.
        CHECK(row_counts(directory.file("named.db")) == row_counts(directory.file("ids.db")));
    }
}

TEST_CASE("a name whose step was refused fails the steps that use it, and nothing is sent for them") {
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("replay.db");
    const auto played = cms::services::parse_scenario(R"({"scenario": "refused case", "steps": [
        {"on": "2025-01-15", "command": "register_parent", "key": "p1", "as": "sam",
         "body": {"role": "paying", "full_name": "Sam Reed", "date_of_birth": "1984-03-02", "local_authority_code": "E08000025"}},
        {"on": "2025-01-15", "command": "open_case", "key": "c1", "as": "family",
         "body": {"paying_parent": "sam", "receiving_parent_id": 99, "service_type": "collect_and_pay",
                  "paying_parent_circumstances": {"gross_weekly_income_pence": 50000},
                  "children": [{"full_name": "Mia Reed", "date_of_birth": "2015-04-04"}]}},
        {"on": "2025-02-01", "command": "record_payment", "key": "k1", "case": "family",
         "body": {"amount_pence": 100, "received_on": "2025-02-01", "method": "cheque", "reference": "r"}},
        {"on": "2025-02-02", "expect": {"case": "family", "arrears_pence": 0}}]})");
    const auto result = cms::services::replay_scenario(played, path);
    REQUIRE(result.steps.size() == 4);
    CHECK(result.steps[0].passed);
    CHECK(result.steps[1].status / 100 != 2);
    CHECK_FALSE(result.steps[2].passed);
    CHECK(result.steps[2].action == "record_payment");
    CHECK(result.steps[2].detail == "family was not created: step 1 was refused");
    CHECK_FALSE(result.steps[3].passed);
    CHECK(result.steps[3].detail == "family was not created: step 1 was refused");
    CHECK(cms::testing::sql_integer(path, "SELECT COUNT(*) FROM command_journal WHERE idempotency_key = 'k1'") == 0);
}

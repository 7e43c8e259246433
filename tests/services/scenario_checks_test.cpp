// What a scenario may ask of the replay beyond figures: jobs run day by day as the server's
// scheduler runs them ("jobs": "daily"), refusals checked by problem type and field, records a
// case must hold (a statement line, an action's status, a pay-out), and policy overridden from a
// date. Each expectation below is worked out from the rules in its comment, not from a run.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "services/replay/scenario.hpp"
#include "services/replay/scenario_policy.hpp"
#include "services/wire/json_fields.hpp"
#include "support/test_support.hpp"

namespace {

std::string failures_of(const cms::services::replay_result& result) {
    std::string text;
    for (const auto& step : result.steps) {
        if (!step.passed) text += "step " + std::to_string(step.index) + " " + step.action + ": " + step.detail + "\n";
    }
    for (const auto& job : result.scheduled_jobs) {
        if (!job.passed) text += "daily " + job.job + ": " + job.detail + "\n";
    }
    return text;
}

std::string corpus_text(const char* name) {
    std::ifstream file(std::filesystem::path(CMS_SOURCE_DIR) / "tests" / "scenarios" / name);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

/// A family on the flat rate (£90 a week: £7 a week, 100p a day) from 15 January 2025, then
/// `later` steps; `jobs` is the file's "jobs" member, if any.
std::string flat_rate_family(const std::string& jobs, const std::string& later) {
    return R"({"scenario": "flat rate family", )" + jobs + R"( "steps": [
        {"on": "2025-01-15", "command": "register_parent", "key": "p1", "as": "ash",
         "body": {"role": "paying", "full_name": "Ash Reed", "date_of_birth": "1984-03-02", "local_authority_code": "E08000025"}},
        {"on": "2025-01-15", "command": "register_parent", "key": "p2", "as": "jo",
         "body": {"role": "receiving", "full_name": "Jo Reed", "date_of_birth": "1986-05-09", "local_authority_code": "E08000025"}},
        {"on": "2025-01-15", "command": "open_case", "key": "c1", "as": "family",
         "body": {"paying_parent": "ash", "receiving_parent": "jo", "service_type": "collect_and_pay",
                  "paying_parent_circumstances": {"gross_weekly_income_pence": 9000},
                  "children": [{"full_name": "Mia Reed", "date_of_birth": "2015-04-04"}],
                  "payment_schedule": {"frequency": "monthly", "first_due_date": "2025-02-01"}}})" +
           later + "]}";
}

std::string field_refused(const std::string& text) {
    try {
        (void)cms::services::policy_of(cms::services::parse_scenario(text));
    } catch (const cms::services::field_error& refused) {
        return cms::services::describe_scenario_error(refused.field(), refused.what());
    }
    return "accepted";
}

}  // namespace

TEST_CASE("jobs run day by day as the scheduler runs them unless the scenario says as_written") {
    // 17 days of January at 100p: 1700p of maintenance dated 31 January, posted by the tick of
    // 1 February; the 20% fee: 340p.
    const std::string later = R"(,
        {"on": "2025-02-03", "expect": {"case": "family", "statement_line":
            {"business_date": "2025-01-31", "code": "maintenance_accrued", "amount_pence": 1700}}},
        {"on": "2025-02-03", "expect": {"case": "family", "statement_line":
            {"business_date": "2025-01-31", "code": "collection_fee_accrued", "amount_pence": 340}}})";
    cms::testing::temporary_directory directory;
    const auto daily = cms::services::replay_scenario(cms::services::parse_scenario(flat_rate_family("", later)),
                                                      directory.file("daily.db"));
    INFO(failures_of(daily));
    CHECK(daily.all_passed());
    // One accrual (January), and each day from 15 January to 2 February closed once.
    std::size_t accruals = 0;
    std::size_t closes = 0;
    std::size_t payouts = 0;
    for (const auto& job : daily.scheduled_jobs) {
        accruals += job.job == "accrue" ? 1 : 0;
        closes += job.job == "close_day" ? 1 : 0;
        payouts += job.job == "disburse" ? 1 : 0;
        CHECK(job.passed);
        if (job.job == "accrue") CHECK(cms::core::format_iso_date(job.through) == "2025-01-31");
    }
    CHECK(accruals == 1);
    CHECK(closes >= 1);
    // Nothing was paid, so nothing is held and no day has a pay-out: the scheduler's pay-out
    // after each close skips, as the close does, instead of writing a job row for every idle day.
    CHECK(payouts == 0);
    CHECK(cms::core::format_iso_date(daily.scheduled_jobs.back().on) == "2025-02-03");

    const auto as_written = cms::services::replay_scenario(
        cms::services::parse_scenario(flat_rate_family(R"("jobs": "as_written",)", later)), directory.file("written.db"));
    CHECK(as_written.scheduled_jobs.empty());
    CHECK(as_written.failed_steps_count() == 2);
    CHECK(as_written.steps[3].detail ==
          "statement line 2025-01-31 maintenance_accrued 1700 expected, actual lines that day: none");
}

TEST_CASE("a refusal is checked by its problem type and field, and a mismatch names both") {
    // A payment received before the case opened (15 January) is a field the service refuses.
    const std::string early = R"("body": {"amount_pence": 100, "received_on": "2025-01-01", "method": "cheque", "reference": "r"})";
    const std::string later = R"(,
        {"on": "2025-01-16", "command": "record_payment", "key": "k1", "case": "family", "expect_status": 422,
         "expect_problem_type": "invalid-field", "expect_field": "received_on", )" + early + R"(},
        {"on": "2025-01-16", "command": "record_payment", "key": "k2", "case": "family",
         "expect_problem_type": "conflicting-state", )" + early + R"(},
        {"on": "2025-01-16", "command": "record_payment", "key": "k3", "case": "family", "expect_field": "amount_pence", )" +
                              early + R"(},
        {"on": "2025-01-16", "command": "record_payment", "key": "k4", "case": "family", "expect_problem_type": "not-found",
         "body": {"amount_pence": 500, "received_on": "2025-01-16", "method": "cheque", "reference": "r"}})";
    cms::testing::temporary_directory directory;
    const auto result = cms::services::replay_scenario(cms::services::parse_scenario(flat_rate_family("", later)),
                                                       directory.file("replay.db"));
    REQUIRE(result.steps.size() == 7);
    CHECK(result.steps[3].passed);
    CHECK(result.steps[3].problem_type == "invalid-field");
    CHECK(result.steps[3].field == "received_on");
    CHECK_FALSE(result.steps[4].passed);
    CHECK(result.steps[4].detail ==
          "expected problem type conflicting-state, actual invalid-field; received_on is before the case was opened on "
          "2025-01-15");
    CHECK_FALSE(result.steps[5].passed);
    CHECK(result.steps[5].detail.starts_with("expected a refusal of field amount_pence, actual received_on; "));
    CHECK_FALSE(result.steps[6].passed);
    CHECK(result.steps[6].detail == "expected problem type not-found, actual none (accepted)");
    // A problem type the API never answers is refused when the file is read.
    CHECK(field_refused(flat_rate_family("", R"(,
        {"on": "2025-01-16", "command": "record_payment", "key": "k1", "case": "family", "expect_problem_type": "invalid",
         )" + early + "}"))
              .starts_with("steps[3].expect_problem_type: must be one of invalid-request, invalid-field"));
}

TEST_CASE("an expected pay-out or action status that is not there fails with what is there") {
    // 4,000p received on 20 January; nothing is charged until 31 January, so it waits as credit
    // and nothing is held for Jo or paid out on 20 January.
    const std::string later = R"(,
        {"on": "2025-01-20", "command": "record_payment", "key": "k1", "case": "family",
         "body": {"amount_pence": 4000, "received_on": "2025-01-20", "method": "cheque", "reference": "r"}},
        {"on": "2025-01-22", "expect": {"case": "family", "credit_pence": 4000,
                                        "disbursement": {"paid_on": "2025-01-20", "amount_pence": 3840}}},
        {"on": "2025-01-22", "expect": {"case": "family", "action_id": 7, "action_status": "active"}})";
    cms::testing::temporary_directory directory;
    const auto result = cms::services::replay_scenario(cms::services::parse_scenario(flat_rate_family("", later)),
                                                       directory.file("replay.db"));
    REQUIRE(result.steps.size() == 6);
    CHECK(result.steps[3].passed);
    CHECK_FALSE(result.steps[4].passed);
    CHECK(result.steps[4].detail == "disbursement on 2025-01-20 of 3840 expected, actual that day: none");
    CHECK_FALSE(result.steps[5].passed);
    CHECK(result.steps[5].detail == "action 7 status expected active, actual none: the case has no such action");
    // A status or code core does not have is refused when the file is read, listing core's own.
    CHECK(field_refused(flat_rate_family("", R"(,
        {"on": "2025-01-22", "expect": {"case": "family", "action_id": 7, "action_status": "live"}})")) ==
          "steps[3].expect.action_status: must be one of proposed, applied_for, granted, refused, active, succeeded, "
          "failed, withdrawn, expired");
    CHECK(field_refused(flat_rate_family("", R"(,
        {"on": "2025-01-22", "expect": {"case": "family", "statement_line": {"code": "fee", "amount_pence": 1}}})"))
              .starts_with("steps[3].expect.statement_line.code: must be one of maintenance_accrued, "));
}

TEST_CASE("the 2027 fee reform scenario passes under its override and fails under the shipped fees") {
    cms::testing::temporary_directory directory;
    auto played = cms::services::parse_scenario(corpus_text("fee_reform_2027.json"));
    REQUIRE(played.policy.size() == 1);
    const auto reformed = cms::services::replay_scenario(played, directory.file("reformed.db"));
    INFO(failures_of(reformed));
    CHECK(reformed.all_passed());
    // Without the override April's fee is 20% (600p, not 60p) and 4% is kept (120p, not 60p).
    played.policy.clear();
    const auto shipped = cms::services::replay_scenario(played, directory.file("shipped.db"));
    std::string failed_lines;
    for (const auto& step : shipped.steps) {
        if (!step.passed) failed_lines += step.detail + "\n";
    }
    CHECK(failed_lines.find("collection_fee_accrued 60 expected, actual lines that day: maintenance_accrued 3000, "
                            "collection_fee_accrued 600") != std::string::npos);
    CHECK(failed_lines.find("receiving_parent_fee 60 expected") != std::string::npos);
}

TEST_CASE("a policy override that breaks its table is refused naming the override") {
    const auto with_policy = [](const std::string& policy) {
        return R"({"scenario": "policy", "policy": [)" + policy + R"(], "steps": [
            {"on": "2025-01-15", "command": "register_parent", "key": "p1",
             "body": {"role": "paying", "full_name": "Ash Reed", "date_of_birth": "1984-03-02", "local_authority_code": "E08000025"}}]})";
    };
    CHECK(field_refused(with_policy(R"({"table": "collection_fees", "effective_from": "2027-04-01",
                                       "row": {"paying_parent_fee_bp": 200, "receiving_parent_fee_bp": 200}})")) ==
          "accepted");
    CHECK(field_refused(with_policy(R"({"table": "enforcement_ladder", "effective_from": "2027-04-01", "row": {}})")) ==
          "policy[0].table: must be one of calculation_rates, collection_fees, missed_payments, payment_apportionment");
    const std::string too_high = field_refused(with_policy(R"({"table": "collection_fees", "effective_from": "2027-04-01",
                                       "row": {"paying_parent_fee_bp": 10001, "receiving_parent_fee_bp": 200}})"));
    CHECK(too_high.starts_with("policy[0]: collection_fees.json: row 3"));
    CHECK(too_high.find("paying_parent_fee_bp") != std::string::npos);
    CHECK(field_refused(with_policy(R"({"table": "collection_fees", "effective_from": "2027-04-01",
                                       "row": {"effective_to": null, "paying_parent_fee_bp": 200, "receiving_parent_fee_bp": 200}})")) ==
          "policy[0].row.effective_to: must not be given: the override's effective_from starts the row and it runs on");
    CHECK(field_refused(with_policy(R"({"table": "collection_fees", "effective_from": "2027-04-01",
                                       "row": {"paying_parent_fee_bp": 200}})"))
              .starts_with("policy[0]: collection_fees.json: row 3"));
}

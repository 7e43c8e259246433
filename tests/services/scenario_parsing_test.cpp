// The scenario file parser: the shipped example parses; every class of bad file is refused
// with the field named by its full path, before anything could be written.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "services/wire/json_fields.hpp"
#include "services/replay/scenario.hpp"
#include "support/scenario_refusal.hpp"

using cms::services::parse_scenario;
using nlohmann::json;

namespace {

std::string example_text() {
    std::ifstream file(std::filesystem::path(CMS_SOURCE_DIR) / "tests" / "scenarios" / "one_family_first_year.json");
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

json payment_step(const std::string& key, const std::string& on) {
    return {{"on", on}, {"command", "record_payment"}, {"key", key}, {"case_id", 1},
            {"body", {{"amount_pence", 1950}, {"received_on", on}, {"method", "standing_order"}, {"reference", "SO-1"}}}};
}

json job_step(const std::string& on, const std::string& through) {
    return {{"on", on}, {"run_job", "accrue"}, {"through", through}};
}

json expect_step(const std::string& on) {
    return {{"on", on}, {"expect", {{"case_id", 1}, {"arrears_pence", 0}}}};
}

/// A vector, not a json, so that {step} is always a one-step array (a json braced around one json
/// may be a copy of it instead).
std::string file_of(const std::vector<json>& steps) {
    return json{{"scenario", "test"}, {"steps", json(steps)}}.dump();
}

cms::testing::scenario_refusal refused(const std::string& text) { return cms::testing::refused_scenario(text); }

}  // namespace

TEST_CASE("the example scenario parses into its dated steps") {
    const auto parsed = parse_scenario(example_text());
    CHECK(parsed.name == "one family's first year");
    REQUIRE(parsed.steps.size() == 35);
    const auto& first = std::get<cms::services::command_step>(parsed.steps[0].action);
    CHECK(first.command == cms::services::scenario_command::register_parent);
    CHECK(first.key == "ofy-paying-parent");
    CHECK_FALSE(first.for_case);
    CHECK(std::get<cms::services::register_parent_command>(first.value).parent.full_name == "Sam Carter");
    // An expectation's as_of defaults to its step's date.
    const auto& opened = std::get<cms::services::expectation_step>(parsed.steps[3].action);
    CHECK(opened.as_of == parsed.steps[3].on);
    REQUIRE(opened.figures.size() == 2);
    CHECK(opened.figures[0].name == "weekly_amount_pence");
    CHECK(opened.figures[0].value == 1950);
    const auto& job = std::get<cms::services::job_step>(parsed.steps[4].action);
    CHECK(cms::core::format_iso_date(job.through) == "2025-01-31");
    const auto& payment = std::get<cms::services::command_step>(parsed.steps[5].action);
    // The example names its case: the id is a placeholder until the replay learns it.
    REQUIRE(payment.names.size() == 1);
    CHECK(payment.names[0].name == "carter-family");
    CHECK_FALSE(payment.expect_status);
    for (std::size_t i = 0; i < parsed.steps.size(); ++i) CHECK(parsed.steps[i].index == i);
}

TEST_CASE("a command step may say which refusal it expects") {
    json step = payment_step("k", "2025-02-01");
    step["expect_status"] = 422;
    const auto parsed = parse_scenario(file_of({step}));
    CHECK(std::get<cms::services::command_step>(parsed.steps[0].action).expect_status == 422);
}

TEST_CASE("unknown fields are refused at every level, by path") {
    CHECK(refused(R"({"scenario": "x", "steps": [], "colour": 1})").field == "steps");  // steps is read first
    CHECK(refused(json{{"scenario", "x"}, {"steps", json::array({expect_step("2025-01-01")})}, {"colour", 1}}.dump()).field ==
          "colour");
    json step = payment_step("k", "2025-02-01");
    step["colour"] = "red";
    CHECK(refused(file_of({step})).field == "steps[0].colour");
    step = payment_step("k", "2025-02-01");
    step["body"]["colour"] = "red";
    CHECK(refused(file_of({step})).field == "steps[0].body.colour");
    step = expect_step("2025-02-01");
    step["expect"]["colour"] = 1;
    CHECK(refused(file_of({step})).field == "steps[0].expect.colour");
    step = job_step("2025-02-01", "2025-01-31");
    step["key"] = "k";
    CHECK(refused(file_of({step})).field == "steps[0].key");
}

TEST_CASE("wrong types are refused with the field named") {
    CHECK(refused(R"({"scenario": "x", "steps": {}})").field == "steps");
    CHECK(refused(R"({"scenario": 7, "steps": []})").field == "scenario");
    CHECK(refused(R"([1, 2])").detail == "must be a JSON object");
    CHECK(refused(file_of({1})).field == "steps[0]");
    json step = payment_step("k", "2025-02-01");
    step["on"] = 20250201;
    CHECK(refused(file_of({step})).field == "steps[0].on");
    step = payment_step("k", "2025-02-01");
    step["case_id"] = "1";
    CHECK(refused(file_of({step})).field == "steps[0].case_id");
    step = payment_step("k", "2025-02-01");
    step["body"]["amount_pence"] = "1950";
    const auto amount = refused(file_of({step}));
    CHECK(amount.field == "steps[0].body.amount_pence");
    CHECK(amount.detail == "must be a whole number");
    step = payment_step("k", "2025-02-01");
    step["body"] = json::array();
    CHECK(refused(file_of({step})).field == "steps[0].body");
    step = expect_step("2025-02-01");
    step["expect"]["arrears_pence"] = 12.5;
    CHECK(refused(file_of({step})).field == "steps[0].expect.arrears_pence");
}

TEST_CASE("steps must be in date order: the clock only moves forward") {
    // The same date twice is fine (several things happen on one business day).
    CHECK_NOTHROW(parse_scenario(file_of({job_step("2025-02-01", "2025-01-31"), expect_step("2025-02-01")})));
    const auto backwards = refused(file_of({job_step("2025-02-01", "2025-01-31"), expect_step("2025-01-31"),
                                            expect_step("2025-03-01")}));
    CHECK(backwards.field == "steps[1].on");
    CHECK(backwards.detail.find("2025-02-01") != std::string::npos);
    CHECK(refused(file_of({job_step("2025-02-01", "2025-02-02")})).field == "steps[0].through");
    CHECK(refused(file_of({payment_step("k", "2025-02-30")})).field == "steps[0].on");
}

TEST_CASE("keys are unique idempotency keys") {
    const auto twice = refused(file_of({payment_step("pay", "2025-02-01"), payment_step("pay", "2025-03-01")}));
    CHECK(twice.field == "steps[1].key");
    CHECK(twice.detail.find("steps[0]") != std::string::npos);
    CHECK(refused(file_of({payment_step("has space", "2025-02-01")})).field == "steps[0].key");
    CHECK(refused(file_of({payment_step("", "2025-02-01")})).field == "steps[0].key");
    CHECK(refused(file_of({payment_step(std::string(129, 'k'), "2025-02-01")})).field == "steps[0].key");
}

TEST_CASE("a step is exactly one of command, run_job and expect, each complete") {
    json step = payment_step("k", "2025-02-01");
    step["command"] = "close_day";
    const auto unknown = refused(file_of({step}));
    CHECK(unknown.field == "steps[0].command");
    CHECK(unknown.detail.find("record_shared_care") != std::string::npos);
    CHECK(refused(file_of({json{{"on", "2025-02-01"}}})).field == "steps[0]");
    json both = job_step("2025-02-01", "2025-01-31");
    both["expect"] = {{"case_id", 1}, {"arrears_pence", 0}};
    CHECK(refused(file_of({both})).field == "steps[0]");
    json job = job_step("2025-02-01", "2025-01-31");
    job["run_job"] = "sweep";
    CHECK(refused(file_of({job})).field == "steps[0].run_job");
    // A day is closed once it has ended: close_day's through must be before the step's date.
    job["run_job"] = "close_day";
    job["through"] = "2025-02-01";
    CHECK(refused(file_of({job})).field == "steps[0].through");
    step = payment_step("k", "2025-02-01");
    step.erase("case_id");
    CHECK(refused(file_of({step})).field == "steps[0].case_id");
    step = payment_step("k", "2025-02-01");
    step.erase("body");
    CHECK(refused(file_of({step})).field == "steps[0].body");
    json parent = {{"on", "2025-01-01"}, {"command", "register_parent"}, {"key", "p"}, {"case_id", 1},
                   {"body", {{"role", "paying"}, {"full_name", "A"}, {"date_of_birth", "1985-01-01"},
                             {"local_authority_code", "E06000059"}}}};
    CHECK(refused(file_of({parent})).field == "steps[0].case_id");
    json empty_expectation = {{"on", "2025-01-01"}, {"expect", {{"case_id", 1}, {"as_of", "2025-01-01"}}}};
    CHECK(refused(file_of({empty_expectation})).field == "steps[0].expect");
    step = payment_step("k", "2025-02-01");
    step["expect_status"] = 99;
    CHECK(refused(file_of({step})).field == "steps[0].expect_status");
}

TEST_CASE("bodies are checked by their command's own parser") {
    json payment = payment_step("k", "2025-02-01");
    payment["body"]["amount_pence"] = 0;
    const auto amount = refused(file_of({payment}));
    CHECK(amount.field == "steps[0].body.amount_pence");
    CHECK(amount.detail == "must be at least 1");
    json opened = {{"on", "2025-01-15"}, {"command", "open_case"}, {"key", "c"},
                   {"body", {{"paying_parent_id", 1}, {"receiving_parent_id", 2}, {"service_type", "collect_and_pay"},
                             {"paying_parent_circumstances", {{"gross_weekly_income_pence", 15000}}},
                             {"children", {{{"full_name", "C"}, {"date_of_birth", "2015-13-01"}}}}}}};
    CHECK(refused(file_of({payment_step("p", "2025-01-01"), opened})).field == "steps[1].body.children[0].date_of_birth");
    json income = {{"on", "2025-03-01"}, {"command", "record_income"}, {"key", "i"}, {"case_id", 1},
                   {"body", {{"effective_date", "2025-03-10"}}}};
    CHECK(refused(file_of({income})).field == "steps[0].body.gross_weekly_income_pence");
    json shared = {{"on", "2025-03-01"}, {"command", "record_shared_care"}, {"key", "s"}, {"case_id", 1},
                   {"body", {{"effective_date", "2025-03-10"},
                             {"children", {{{"child_number", 1}, {"shared_care_nights", 400}}}}}}};
    CHECK(refused(file_of({shared})).field == "steps[0].body.children[0].shared_care_nights");
}

TEST_CASE("oversized, overlong and malformed files are refused as a whole") {
    const auto big = refused(std::string(cms::services::scenario_bytes_max + 1, ' '));
    CHECK(big.field.empty());
    CHECK(big.detail.find("scenario_bytes_max") != std::string::npos);
    const std::vector<json> steps(cms::services::scenario_steps_max + 1, expect_step("2025-01-01"));
    CHECK(refused(file_of(steps)).field == "steps");
    CHECK(refused(file_of({})).field == "steps");
    CHECK(refused(json{{"scenario", std::string(201, 'n')}, {"steps", json::array({expect_step("2025-01-01")})}}.dump()).field ==
          "scenario");
    const auto not_json = refused(R"({"scenario": "x", "steps": [)");
    CHECK(not_json.field.empty());
    CHECK(not_json.detail.find("is not valid JSON") != std::string::npos);
    CHECK(refused("1e400").field.empty());
}

TEST_CASE("an error is described with its path") {
    CHECK(cms::services::describe_scenario_error("steps[3].body.amount_pence", "must be at least 1") ==
          "steps[3].body.amount_pence: must be at least 1");
    CHECK(cms::services::describe_scenario_error("", "is not valid JSON") == "is not valid JSON");
}

TEST_CASE("a key given twice in one object is refused by its path, however deep") {
    const auto top = refused(R"({"scenario": "a", "scenario": "b", "steps": []})");
    CHECK(top.field == "scenario");
    CHECK(top.detail == "appears more than once in the same object");
    const auto nested = refused(R"({"scenario": "a", "steps": [{"on": "2025-01-01"}, {"on": "2025-01-02", "on": "2025-01-03"}]})");
    CHECK(nested.field == "steps[1].on");
}

TEST_CASE("a pay-out step pays a day that has closed; a reversal names its payment") {
    json payout = {{"on", "2025-02-02"}, {"run_job", "disburse"}, {"through", "2025-02-01"}};
    const auto parsed = parse_scenario(file_of({payout}));
    const auto& job = std::get<cms::services::job_step>(parsed.steps[0].action);
    CHECK(job.job == cms::services::scenario_job::disburse);
    // The business date's own day is still open: payments may yet arrive dated it.
    payout["through"] = "2025-02-02";
    const auto same_day = refused(file_of({payout}));
    CHECK(same_day.field == "steps[0].through");
    CHECK(same_day.detail.find("before the step's date") != std::string::npos);

    json reversal = {{"on", "2025-02-05"}, {"command", "reverse_payment"}, {"key", "r"}, {"payment_id", 3},
                     {"body", {{"reason", "duplicate"}, {"note", "twice"}}}};
    const auto with_reversal = parse_scenario(file_of({reversal}));
    CHECK(std::get<cms::services::command_step>(with_reversal.steps[0].action).payment->value == 3);
    reversal.erase("payment_id");
    CHECK(refused(file_of({reversal})).field == "steps[0].payment_id");
    reversal["payment_id"] = 3;
    reversal["body"]["reason"] = "changed_mind";
    CHECK(refused(file_of({reversal})).field == "steps[0].body.reason");
    json payment = payment_step("k", "2025-02-01");
    payment["payment_id"] = 1;
    CHECK(refused(file_of({payment})).field == "steps[0].payment_id");
}

TEST_CASE("an approval names its request and may name its actor; other steps may not name a request") {
    const json approval = {{"on", "2025-03-12"}, {"command", "approve_request"}, {"key", "a"}, {"request_id", 1},
                           {"actor", "bob.supervisor"}, {"body", {{"note", "no representations"}}}};
    const auto parsed = parse_scenario(file_of({approval}));
    REQUIRE(parsed.steps.size() == 1);
    const auto& step = std::get<cms::services::command_step>(parsed.steps[0].action);
    CHECK(step.request_id == 1);
    CHECK(step.actor == "bob.supervisor");
    json unnamed = approval;
    unnamed.erase("request_id");
    CHECK(refused(file_of({unnamed})).field == "steps[0].request_id");
    json blank_actor = approval;
    blank_actor["actor"] = "bob supervisor";
    CHECK(refused(file_of({blank_actor})).field == "steps[0].actor");
    json payment = payment_step("k", "2025-02-01");
    payment["request_id"] = 1;
    CHECK(refused(file_of({payment})).field == "steps[0].request_id");
    json no_note = approval;
    no_note["body"] = json::object();
    CHECK(refused(file_of({no_note})).field == "steps[0].body.note");
}

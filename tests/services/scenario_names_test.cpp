// Names in scenario files, as the file is read: a step's "as" names what its command creates,
// later steps give the name instead of the id, and every misuse is refused by its path before
// anything could be written.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "services/replay/scenario.hpp"
#include "support/scenario_refusal.hpp"
#include "services/wire/json_fields.hpp"

using cms::services::command_step;
using cms::services::parse_scenario;
using nlohmann::json;

namespace {

json register_step(const std::string& key, const std::string& as, const std::string& role = "paying") {
    return {{"on", "2025-01-15"}, {"command", "register_parent"}, {"key", key}, {"as", as},
            {"body", {{"role", role}, {"full_name", "Sam Reed"}, {"date_of_birth", "1984-03-02"},
                      {"local_authority_code", "E08000025"}}}};
}

json open_case_step(const std::string& key, const std::string& paying, const std::string& receiving) {
    return {{"on", "2025-01-15"}, {"command", "open_case"}, {"key", key}, {"as", "family"},
            {"body", {{"paying_parent", paying}, {"receiving_parent", receiving}, {"service_type", "collect_and_pay"},
                      {"paying_parent_circumstances", {{"gross_weekly_income_pence", 50000}}},
                      {"children", {{{"full_name", "Mia Reed"}, {"date_of_birth", "2015-04-04"}}}}}}};
}

json payment_step(const json& case_field) {
    json step = {{"on", "2025-02-01"}, {"command", "record_payment"}, {"key", "pay"},
                 {"body", {{"amount_pence", 1950}, {"received_on", "2025-02-01"}, {"method", "cheque"}, {"reference", "r"}}}};
    step.update(case_field);
    return step;
}

/// The two parents and their case, each named; then `more`.
std::string family_and(const std::vector<json>& more) {
    std::vector<json> steps = {register_step("p1", "sam"), register_step("p2", "alex", "receiving"),
                               open_case_step("c1", "sam", "alex")};
    steps.insert(steps.end(), more.begin(), more.end());
    return json{{"scenario", "names"}, {"steps", json(steps)}}.dump();
}

cms::testing::scenario_refusal refused(const std::string& text) { return cms::testing::refused_scenario(text); }

}  // namespace

TEST_CASE("names given by as are read where ids would be, in step fields, bodies and expectations") {
    const auto parsed = parse_scenario(family_and(
        {payment_step({{"case", "family"}}), {{"on", "2025-02-01"}, {"expect", {{"case", "family"}, {"paid_pence", 1950}}}}}));
    REQUIRE(parsed.steps.size() == 5);
    const auto& sam = std::get<command_step>(parsed.steps[0].action);
    CHECK(sam.as == "sam");
    CHECK(sam.names.empty());
    const auto& opened = std::get<command_step>(parsed.steps[2].action);
    CHECK(opened.as == "family");
    REQUIRE(opened.names.size() == 2);
    CHECK(opened.names[0].id_field == "body.paying_parent_id");
    CHECK(opened.names[0].name == "sam");
    CHECK(opened.names[1].id_field == "body.receiving_parent_id");
    CHECK(opened.names[1].name == "alex");
    // The raw body keeps its names for the replay to read again with the real ids.
    CHECK(json::parse(opened.body_json)["paying_parent"] == "sam");
    const auto& payment = std::get<command_step>(parsed.steps[3].action);
    REQUIRE(payment.names.size() == 1);
    CHECK(payment.names[0].id_field == "case_id");
    CHECK(payment.names[0].name == "family");
    CHECK(payment.for_case.has_value());
    const auto& expectation = std::get<cms::services::expectation_step>(parsed.steps[4].action);
    CHECK(expectation.case_name == "family");
    // Ids still work, and give no names.
    const auto by_id = parse_scenario(family_and({payment_step({{"case_id", 7}})}));
    const auto& payment_by_id = std::get<command_step>(by_id.steps[3].action);
    CHECK(payment_by_id.names.empty());
    CHECK(payment_by_id.for_case == cms::core::case_id{7});
}

TEST_CASE("a name used before any step gives it is refused by the path of the field using it") {
    std::vector<json> steps = {register_step("p1", "sam"), open_case_step("c1", "sam", "alex"),
                               register_step("p2", "alex", "receiving")};
    const auto early = refused(json{{"scenario", "x"}, {"steps", json(steps)}}.dump());
    CHECK(early.field == "steps[1].body.receiving_parent");
    CHECK(early.detail == "no earlier step is named \"alex\"");
    const auto step_field = refused(family_and({payment_step({{"case", "famly"}})}));
    CHECK(step_field.field == "steps[3].case");
    CHECK(step_field.detail == "no earlier step is named \"famly\"");
    const auto expectation =
        refused(family_and({{{"on", "2025-02-01"}, {"expect", {{"case", "other"}, {"paid_pence", 0}}}}}));
    CHECK(expectation.field == "steps[3].expect.case");
    // A step cannot name what it creates itself.
    json own_case = open_case_step("c2", "sam", "alex");
    own_case["as"] = "loop";
    own_case["body"]["receiving_parent"] = "loop";
    CHECK(refused(family_and({own_case})).field == "steps[3].body.receiving_parent");
}

TEST_CASE("a name of the wrong kind is refused: a parent is not a case") {
    const auto parent_as_case = refused(family_and({payment_step({{"case", "sam"}})}));
    CHECK(parent_as_case.field == "steps[3].case");
    CHECK(parent_as_case.detail.find("names a parent, not a case") != std::string::npos);
    json case_as_parent = open_case_step("c2", "family", "alex");
    case_as_parent["as"] = "second";
    const auto in_body = refused(family_and({case_as_parent}));
    CHECK(in_body.field == "steps[3].body.paying_parent");
    CHECK(in_body.detail.find("names a case, not a parent") != std::string::npos);
}

TEST_CASE("an id and its name form are not both given") {
    const auto both = refused(family_and({payment_step({{"case", "family"}, {"case_id", 1}})}));
    CHECK(both.field == "steps[3].case");
    CHECK(both.detail.find("case_id") != std::string::npos);
    json body_both = open_case_step("c2", "sam", "alex");
    body_both["as"] = "second";
    body_both["body"]["paying_parent_id"] = 1;
    CHECK(refused(family_and({body_both})).field == "steps[3].body.paying_parent");
    const auto expectation = refused(
        family_and({{{"on", "2025-02-01"}, {"expect", {{"case", "family"}, {"case_id", 1}, {"paid_pence", 0}}}}}));
    CHECK(expectation.field == "steps[3].expect.case");
}

TEST_CASE("as is unique, well formed, and only on commands that create something nameable") {
    const auto twice = refused(family_and({register_step("p3", "sam")}));
    CHECK(twice.field == "steps[3].as");
    CHECK(twice.detail.find("steps[0].as") != std::string::npos);
    json income = {{"on", "2025-03-01"}, {"command", "record_income"}, {"key", "i"}, {"case", "family"}, {"as", "raise"},
                   {"body", {{"effective_date", "2025-03-01"}, {"gross_weekly_income_pence", 80000}}}};
    const auto nothing_created = refused(family_and({income}));
    CHECK(nothing_created.field == "steps[3].as");
    CHECK(nothing_created.detail.find("creates nothing") != std::string::npos);
    CHECK(refused(family_and({register_step("p3", "jo carter")})).field == "steps[3].as");
    CHECK(refused(family_and({register_step("p3", "")})).field == "steps[3].as");
    CHECK(refused(family_and({register_step("p3", std::string(65, 'j'))})).field == "steps[3].as");
    CHECK_NOTHROW(parse_scenario(family_and({register_step("p3", std::string(64, 'j'))})));
    // A name form on a command that does not take it is refused like the id form.
    json payment_named = payment_step({{"case", "family"}});
    payment_named["payment"] = "family";
    CHECK(refused(family_and({payment_named})).field == "steps[3].payment");
}

TEST_CASE("a body given by name is still checked in full by its command's parser") {
    json bad = open_case_step("c2", "sam", "alex");
    bad["as"] = "second";
    bad["body"]["service_type"] = "collect_only";
    CHECK(refused(family_and({bad})).field == "steps[3].body.service_type");
    json not_a_name = open_case_step("c2", "sam", "alex");
    not_a_name["as"] = "second";
    not_a_name["body"]["paying_parent"] = 1;
    CHECK(refused(family_and({not_a_name})).field == "steps[3].body.paying_parent");
}

TEST_CASE("the converted example files use names only") {
    for (const char* name : {"one_family_first_year.json", "several_receiving_parents.json"}) {
        INFO(name);
        std::ifstream file(std::filesystem::path(CMS_SOURCE_DIR) / "tests" / "scenarios" / name);
        std::ostringstream text;
        text << file.rdbuf();
        CHECK(text.str().find("_id\"") == std::string::npos);
        const auto parsed = parse_scenario(text.str());
        std::size_t named = 0;
        for (const auto& step : parsed.steps) {
            if (const auto* command = std::get_if<command_step>(&step.action)) named += command->names.size();
        }
        CHECK(named > 0);
    }
}

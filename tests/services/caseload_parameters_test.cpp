// The caseload generator's parameter file (services/generation/caseload_parameters.hpp): the
// compiled-in file, its published figures, and the strict reading that names the bad field.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <functional>
#include <string>

#include "services/generation/caseload_parameters.hpp"
#include "services/wire/policy_json_reader.hpp"
#include "support/test_support.hpp"

namespace {

using cms::services::caseload_parameters;
using cms::services::parse_caseload_parameters;

nlohmann::json built_in_document() {
    for (const auto& file : cms::services::embedded_calibration_files()) {
        if (file.file_name == cms::services::caseload_parameters_file_name) return nlohmann::json::parse(file.json_text);
    }
    FAIL("caseload_parameters.json is not compiled in");
    return {};
}

/// The message refusing the built-in file after `change`, or "accepted".
std::string refusal_after(const std::function<void(nlohmann::json&)>& change) {
    nlohmann::json document = built_in_document();
    change(document);
    try {
        (void)parse_caseload_parameters(document.dump(), "changed.json");
    } catch (const cms::services::policy_load_error& refused) {
        return refused.what();
    }
    return "accepted";
}

std::int64_t mean_children_x100(const std::vector<cms::services::share_of<int>>& mix) {
    std::int64_t total = 0;
    for (const auto& item : mix) total += item.value * item.share_bp;
    return total / 100;  // shares of 10,000: the mean times 100
}

}  // namespace

TEST_CASE("the built-in parameters hold the published figures they cite") {
    const caseload_parameters parameters = cms::services::embedded_caseload_parameters();
    CHECK(parameters.source == "built-in caseload_parameters.json");
    // September 2022: 231,000 of 615,600 arrangements on Collect and Pay (37.52%).
    CHECK(parameters.collect_and_pay_bp == 231'000LL * 10'000 / 615'600);
    // Children per arrangement: 304,200 / 231,000 = 1.32 on Collect and Pay, 548,800 / 384,600 =
    // 1.43 on Direct Pay, to two places (half up).
    CHECK(mean_children_x100(parameters.children_collect_and_pay) == (304'200LL * 100 + 231'000 / 2) / 231'000);
    CHECK(mean_children_x100(parameters.children_direct_pay) == (548'800LL * 100 + 384'600 / 2) / 384'600);
    // An income band's upper bound is exclusive in the file: £7 is the next band's.
    CHECK(parameters.gross_weekly_income_pence.front().value.to == 699);
    CHECK(parameters.behaviours[1].low == 3);  // pays_late: 3 to 30 days
    CHECK(parameters.behaviours[1].high == 30);
    // The case events' chances, all assumptions: 10% of cases close a year, 2% of closures each
    // the death of a parent; the write-offs of an open case only for the reasons that leave it open.
    CHECK(parameters.events.closure_per_year_bp == 1'000);
    REQUIRE(parameters.events.closure_causes.size() == 4);
    CHECK(parameters.events.closure_causes[2].value == cms::services::closure_cause::paying_parent_died);
    CHECK(parameters.events.closure_causes[2].share_bp == 200);
    REQUIRE(parameters.events.write_off_reasons.size() == 2);
    CHECK(parameters.events.write_off_reasons[0].value == cms::core::write_off_reason::receiving_parent_asked_to_stop);
    CHECK(parameters.events.to_direct_pay_paying_days_min == 182);
}

TEST_CASE("a bad parameter file is refused, naming the file and the field") {
    CHECK(refusal_after([](nlohmann::json&) {}) == "accepted");
    CHECK(refusal_after([](nlohmann::json& d) { d["behaviours"]["pays_late"]["days_late_max"] = 200; }) ==
          "changed.json: behaviours.pays_late.days_late_max: must be between 1 and 90, got 200");
    CHECK(refusal_after([](nlohmann::json& d) { d["behaviours"]["pays_late"]["days_late_min"] = 40; }) ==
          "changed.json: behaviours.pays_late.days_late_max: must be at least days_late_min");
    // 100 basis points taken from one behaviour, whatever the fitted shares are.
    CHECK(refusal_after([](nlohmann::json& d) {
              d["behaviours"]["never_pays"]["share_bp"] = d["behaviours"]["never_pays"]["share_bp"].get<int>() - 100;
          }) ==
          "changed.json: behaviours: the shares add up to 9,900 basis points; they must add up to 10,000");
    CHECK(refusal_after([](nlohmann::json& d) { d["service"]["collect_and_pay_bp"] = 37.5; }) ==
          "changed.json: service.collect_and_pay_bp: expected an integer, got the floating-point number 37.5 "
          "(policy numbers are integers: pence, basis points or nights)");
    CHECK(refusal_after([](nlohmann::json& d) { d["income"]["gross_weekly_bands"][1]["to_pence"] = 700; }) ==
          "changed.json: income.gross_weekly_bands[1].to_pence: must be above from_pence");
    CHECK(refusal_after([](nlohmann::json& d) { d["payment_frequency"]["shares_bp"]["daily"] = 0; }) ==
          "changed.json: payment_frequency.shares_bp.daily: unknown field");
    CHECK(refusal_after([](nlohmann::json& d) { d["payment_method"]["shares_bp"].erase("cheque"); }) ==
          "changed.json: payment_method.shares_bp.cheque: required field is missing");
    CHECK(refusal_after([](nlohmann::json& d) {
              auto& shares = d["payment_method"]["shares_bp"];
              shares["direct_debit"] = shares["direct_debit"].get<int>() + shares["debit_card"].get<int>() +
                                       shares["cheque"].get<int>();
              shares["debit_card"] = 0;
              shares["cheque"] = 0;
          }) == "changed.json: payment_method.shares_bp: debit_card and cheque together must be above 0: any parent "
                "can use them");
    CHECK(refusal_after([](nlohmann::json& d) { d["income"]["nil_rate_reasons"][0]["reason"] = "none"; }) ==
          "changed.json: income.nil_rate_reasons[0].reason: is not a nil-rate reason");
    CHECK(refusal_after([](nlohmann::json& d) { d["children_per_case"]["direct_pay"][1]["children"] = 1; }) ==
          "changed.json: children_per_case.direct_pay[1].children: counts must be listed in increasing order");
    CHECK(refusal_after([](nlohmann::json& d) { d["opening"]["span_days"] = 0; }) ==
          "changed.json: opening.span_days: must be between 1 and 3650, got 0");
    CHECK(refusal_after([](nlohmann::json& d) { d.erase("bank_account"); }) ==
          "changed.json: bank_account: required field is missing");
    CHECK(refusal_after([](nlohmann::json& d) { d["enforcement"]["deduction_order_fails_bp"] = 10'001; }) ==
          "changed.json: enforcement.deduction_order_fails_bp: must be between 0 and 10000, got 10001");
    CHECK(refusal_after([](nlohmann::json& d) { d.erase("case_events"); }) ==
          "changed.json: case_events: required field is missing");
    CHECK(refusal_after([](nlohmann::json& d) { d["case_events"]["closure_causes_bp"]["parent_died"] = 0; }) ==
          "changed.json: case_events.closure_causes_bp.parent_died: unknown field");
    CHECK(refusal_after([](nlohmann::json& d) { d["case_events"]["write_off_reasons_bp"]["small_balance_case_ended"] = 0; }) ==
          "changed.json: case_events.write_off_reasons_bp.small_balance_case_ended: unknown field");
    CHECK(refusal_after([](nlohmann::json& d) { d["case_events"]["closure_causes_bp"]["parents_live_together"] = 0; }) ==
          "changed.json: case_events.closure_causes_bp: the shares add up to 7,400 basis points; they must add up to "
          "10,000");
    CHECK(refusal_after([](nlohmann::json& d) { d["case_events"]["to_direct_pay_paying_days_min"] = 4'000; }) ==
          "changed.json: case_events.to_direct_pay_paying_days_min: must be between 0 and 3650, got 4000");
}

TEST_CASE("a parameter file is read from disk, and a missing one is refused") {
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("parameters.json");
    {
        nlohmann::json document = built_in_document();
        document["service"]["collect_and_pay_bp"] = 10'000;
        std::ofstream(path) << document.dump(2);
    }
    CHECK(cms::services::load_caseload_parameters_file(path).collect_and_pay_bp == 10'000);
    CHECK(cms::services::load_caseload_parameters_file(path).source == path);
    CHECK_THROWS_WITH_AS(cms::services::load_caseload_parameters_file(directory.file("missing.json")),
                         doctest::Contains("missing.json: cannot open the parameter file"),
                         cms::services::policy_load_error);
}

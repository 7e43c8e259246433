// End to end: `cms report compliance` on a database a replay left, against the same report read
// in process (the body GET /v1/reports/compliance answers), and its refusals of bad options.
#include <doctest/doctest.h>

#include <filesystem>
#include <span>
#include <nlohmann/json.hpp>

#include "persistence/read_pool.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "server_process.hpp"
#include "services/http/report_routes.hpp"
#include "services/http/statistics_bodies.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "support/test_support.hpp"

namespace {

std::string scenario_path(const char* name) {
    return (std::filesystem::path(CMS_SOURCE_DIR) / "tests" / "scenarios" / name).string();
}

/// What `read` renders from the database at `database` in process, with the built-in fee and
/// ageing tables: the body the CLI must print.
template <typename Read>
nlohmann::json in_process_body(const std::string& database, Read read) {
    const auto store = cms::persistence::open_sqlite_store(database);
    cms::persistence::read_pool readers(*store, 1);
    const auto fees = cms::services::load_collection_fees(std::nullopt);
    const auto ageing = cms::services::load_arrears_ageing(std::nullopt);
    return read(readers, std::span<const cms::core::collection_fee_row>(fees),
                std::span<const cms::core::ageing_bucket>(ageing.buckets));
}

}  // namespace

TEST_CASE("cms report arrears-by-area prints the API's body, and its levels as one CSV table") {
    cms::testing::temporary_directory directory;
    const std::string database = directory.file("report.db");
    // The worked example: a family in Birmingham whose April payment was missed.
    REQUIRE(cms::testing::run_cms({"replay", "--db", database, scenario_path("one_family_first_year.json")}).exit_status == 0);
    const auto printed = cms::testing::run_cms({"report", "arrears-by-area", "--db", database, "--as-of", "2025-04-30"});
    REQUIRE(printed.exit_status == 0);
    const nlohmann::json expected = in_process_body(database, [](auto& readers, auto fees, auto buckets) {
        return cms::services::arrears_report_body(
            cms::services::read_arrears_by_area(readers, *cms::core::parse_iso_date("2025-04-30"), fees, buckets));
    });
    CHECK(nlohmann::json::parse(printed.output) == expected);
    // The scenario expects 10362p of arrears on 30 April, 29 days after the missed instalment.
    REQUIRE(expected["local_authorities"].size() == 1);
    CHECK(expected["local_authorities"][0]["name"] == "Birmingham");
    CHECK(expected["all"]["total_pence"] == 10362);

    REQUIRE(expected["regions"].size() == 1);
    CHECK(expected["regions"][0]["code"] == "E12000005");
    CHECK(expected["regions"][0]["name"] == "West Midlands");
    CHECK(expected["regions"][0]["total_pence"] == 10362);

    const auto csv = cms::testing::run_cms({"report", "arrears-by-area", "--db", database, "--as-of", "2025-04-30", "--format", "csv"});
    REQUIRE(csv.exit_status == 0);
    // One table, a row a level: the area, its region, its nation, then all.
    const std::string figures = ",1," + expected["all"]["maintenance_pence"].dump() + "," +
                                expected["all"]["owed_to_state_pence"].dump() + ",10362,10362\n";
    CHECK(csv.output == "level,rank,code,name,cases_in_arrears,maintenance_pence,owed_to_state_pence,total_pence,"
                        "average_per_case_pence\n"
                        "local_authority,1,E08000025,Birmingham" + figures +
                        "region,1,E12000005,West Midlands" + figures +
                        "nation,,england," + figures +
                        "all,,all," + figures);
}

TEST_CASE("cms report arrears-by-quarter gives each quarter's end, as the API's body") {
    cms::testing::temporary_directory directory;
    const std::string database = directory.file("report.db");
    REQUIRE(cms::testing::run_cms({"replay", "--db", database, scenario_path("one_family_first_year.json")}).exit_status == 0);
    const auto printed =
        cms::testing::run_cms({"report", "arrears-by-quarter", "--db", database, "--from", "2025-Q1", "--to", "2025-Q4"});
    REQUIRE(printed.exit_status == 0);
    const nlohmann::json expected = in_process_body(database, [](auto& readers, auto fees, auto buckets) {
        return cms::services::arrears_by_quarter_body(
            cms::services::read_arrears_by_quarter(readers, {2025, 1}, {2025, 4}, fees, buckets));
    });
    CHECK(nlohmann::json::parse(printed.output) == expected);
    const nlohmann::json& quarters = expected["quarters"];
    REQUIRE(quarters.size() == 4);
    CHECK(quarters[0]["quarter"] == "2025-Q1");
    CHECK(quarters[3]["as_of"] == "2025-12-31");
    // The scenario derives both: nothing owed after March's instalment was paid on 1 March, and
    // 5362p on 31 December.
    CHECK(quarters[0]["total_pence"] == 0);
    CHECK(quarters[0]["cases_in_arrears"] == 0);
    CHECK(quarters[3]["total_pence"] == 5362);
    CHECK(quarters[3]["cases_in_arrears"] == 1);

    const auto csv = cms::testing::run_cms(
        {"report", "arrears-by-quarter", "--db", database, "--from", "2025-Q4", "--to", "2025-Q4", "--format", "csv"});
    REQUIRE(csv.exit_status == 0);
    CHECK(csv.output.rfind("quarter,as_of,cases_in_arrears,", 0) == 0);
    CHECK(csv.output.find("\n2025-Q4,2025-12-31,1,") != std::string::npos);
    CHECK(cms::testing::run_cms({"report", "arrears-by-quarter", "--db", database, "--from", "2025-Q3", "--to", "2025-Q2"})
              .exit_status == 2);
    CHECK(cms::testing::run_cms({"report", "arrears-by-quarter", "--db", database, "--from", "2010-Q1", "--to", "2025-Q2"})
              .exit_status == 2);  // more than 40 quarters
    CHECK(cms::testing::run_cms({"report", "arrears-by-quarter", "--db", database, "--to", "2999-Q1"}).exit_status == 2);
}

TEST_CASE("cms report compliance prints the API's body, as JSON or CSV, and refuses bad options") {
    cms::testing::temporary_directory directory;
    const std::string database = directory.file("report.db");
    // The worked example: one family whose April payment was missed.
    REQUIRE(cms::testing::run_cms({"replay", "--db", database, scenario_path("one_family_first_year.json")}).exit_status == 0);

    const auto printed = cms::testing::run_cms({"report", "compliance", "--db", database, "--quarter", "2025-Q2"});
    REQUIRE(printed.exit_status == 0);
    const nlohmann::json expected = in_process_body(database, [](auto& readers, auto, auto) {
        return cms::services::compliance_report_body(
            cms::services::read_compliance_report(readers, *cms::core::parse_reporting_quarter("2025-Q2")));
    });
    CHECK(nlohmann::json::parse(printed.output) == expected);
    CHECK(expected["quarter"] == "2025-Q2");
    CHECK(expected["cases_read"] == 1);
    CHECK(expected["paying_parents_due"] == 1);

    // --as-of names the last quarter ended by then: 2025-07-15 is within Q3, so Q2.
    const auto as_of = cms::testing::run_cms({"report", "compliance", "--db", database, "--as-of", "2025-07-15"});
    REQUIRE(as_of.exit_status == 0);
    CHECK(nlohmann::json::parse(as_of.output) == expected);

    const auto csv = cms::testing::run_cms({"report", "compliance", "--db", database, "--quarter", "2025-Q2", "--format", "csv"});
    REQUIRE(csv.exit_status == 0);
    CHECK(csv.output.rfind("measure,value\n", 0) == 0);
    CHECK(csv.output.find("\nquarter,2025-Q2\n") != std::string::npos);
    CHECK(csv.output.find("\npaid_nothing.count," + expected["paid_nothing"]["count"].dump() + "\n") != std::string::npos);

    CHECK(cms::testing::run_cms({"report", "compliance", "--db", database, "--quarter", "2025-Q5"}).exit_status == 2);
    CHECK(cms::testing::run_cms({"report", "compliance", "--db", database, "--format", "xml"}).exit_status == 2);
    CHECK(cms::testing::run_cms({"report", "compliance", "--db", database, "--quarter", "2025-Q2", "--as-of", "2025-07-01"})
              .exit_status == 2);
    CHECK(cms::testing::run_cms({"report", "arrears", "--db", database}).exit_status == 2);
    CHECK(cms::testing::run_cms({"report", "arrears-by-area", "--db", database, "--quarter", "2025-Q2"}).exit_status == 2);
    CHECK(cms::testing::run_cms({"report", "compliance", "--db", directory.file("missing.db")}).exit_status == 1);
}

TEST_CASE("cms report prints the new reports as the API's bodies, as CSV, and every report as an HTML page") {
    cms::testing::temporary_directory directory;
    const std::string database = directory.file("report.db");
    // The worked example: one Collect and Pay family in Birmingham, from 1 January 2025, whose
    // April payment was missed.
    REQUIRE(cms::testing::run_cms({"replay", "--db", database, scenario_path("one_family_first_year.json")}).exit_status == 0);

    const auto types = cms::testing::run_cms({"report", "service-types", "--db", database, "--as-of", "2025-06-30"});
    REQUIRE(types.exit_status == 0);
    const nlohmann::json expected = in_process_body(database, [](auto& readers, auto, auto) {
        return cms::services::service_types_report_body(
            cms::services::read_service_types_report(readers, *cms::core::parse_iso_date("2025-06-30")));
    });
    CHECK(nlohmann::json::parse(types.output) == expected);
    // One open Collect and Pay case; no Direct Pay one.
    CHECK(expected["service_types"][1]["service_type"] == "collect_and_pay");
    CHECK(expected["service_types"][1]["arrangements"] == 1);
    CHECK(expected["service_types"][0]["arrangements"] == 0);
    const auto types_csv =
        cms::testing::run_cms({"report", "service-types", "--db", database, "--as-of", "2025-06-30", "--format", "csv"});
    REQUIRE(types_csv.exit_status == 0);
    CHECK(types_csv.output.rfind("service_type,arrangements,children\ndirect_pay,0,0\ncollect_and_pay,1,", 0) == 0);

    const auto unpaid = cms::testing::run_cms({"report", "unpaid-since-start", "--db", database, "--as-of", "2025-12-31",
                                               "--format", "csv"});
    REQUIRE(unpaid.exit_status == 0);
    CHECK(unpaid.output.rfind("measure,value\nas_of,2025-12-31\n", 0) == 0);
    CHECK(unpaid.output.find("\nunpaid_share_basis_points,") != std::string::npos);

    const auto write_offs = cms::testing::run_cms({"report", "write-offs", "--db", database, "--quarter", "2025-Q2"});
    REQUIRE(write_offs.exit_status == 0);
    CHECK(nlohmann::json::parse(write_offs.output)["approved_write_offs"]["count"] == 0);
    CHECK(cms::testing::run_cms({"report", "write-offs", "--db", database, "--quarter", "2025-Q2", "--from", "2025-Q1"})
              .exit_status == 2);

    const auto enforcement = cms::testing::run_cms({"report", "enforcement", "--db", database, "--quarter", "2025-Q2", "--format", "csv"});
    REQUIRE(enforcement.exit_status == 0);
    CHECK(enforcement.output.rfind("step,taken,granted,refused,activated,succeeded,failed,withdrawn,expired,in_force_at_end\n"
                                   "deduction_from_earnings_order,", 0) == 0);

    const auto nil = cms::testing::run_cms({"report", "nil-payers-by-method", "--db", database, "--quarter", "2025-Q2"});
    REQUIRE(nil.exit_status == 0);
    CHECK(nlohmann::json::parse(nil.output)["paying_parents_due"] == 1);

    for (const char* report : {"compliance", "arrears-by-area", "arrears-by-quarter", "enforcement", "nil-payers-by-method",
                               "write-offs", "service-types", "unpaid-since-start"}) {
        CAPTURE(report);
        const auto page = cms::testing::run_cms({"report", report, "--db", database, "--as-of", "2025-12-31", "--format", "html"});
        if (std::string(report) == "arrears-by-quarter" || std::string(report) == "write-offs") {
            // These take quarters, not a date.
            CHECK(page.exit_status == 2);
            continue;
        }
        REQUIRE(page.exit_status == 0);
        CHECK(page.output.rfind("<!DOCTYPE html>", 0) == 0);
        CHECK(page.output.find("<svg") != std::string::npos);
        CHECK(page.output.find("http") == std::string::npos);
        CHECK(page.output.find("</html>") != std::string::npos);
    }
    const auto quarters = cms::testing::run_cms({"report", "arrears-by-quarter", "--db", database, "--from", "2025-Q1", "--to",
                                                 "2025-Q4", "--format", "html"});
    REQUIRE(quarters.exit_status == 0);
    CHECK(quarters.output.find("<td>2025-Q4</td>") != std::string::npos);
    CHECK(quarters.output.find("£53.62") != std::string::npos);  // 5362p owed on 31 December, as above
    CHECK(cms::testing::run_cms({"report", "compliance", "--db", database, "--format", "pdf"}).exit_status == 2);
}

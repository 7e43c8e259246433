// End to end: `cms generate` with its parameter file, its summary on standard output, and a bad
// file refused before the database is touched.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "server_process.hpp"
#include "support/test_support.hpp"

namespace {

nlohmann::json source_parameters() {
    std::ifstream in(std::filesystem::path(CMS_SOURCE_DIR) / "schemas" / "calibration" / "caseload_parameters.json");
    return nlohmann::json::parse(in);
}

}  // namespace

TEST_CASE("cms generate prints what it wrote and the mix drawn, and nothing on a standard error that is no terminal") {
    cms::testing::temporary_directory directory;
    const std::string database = directory.file("generated.db");
    const auto generated =
        cms::testing::run_cms({"generate", "--db", database, "--cases", "40", "--seed", "9", "--start", "2025-02-01"});
    REQUIRE(generated.exit_status == 0);
    CHECK(generated.errors.empty());
    CHECK(generated.output.rfind("cms generate: 40 cases written, ids 1..40; Collect and Pay ", 0) == 0);
    CHECK(generated.output.find("behaviours: pays_on_time ") != std::string::npos);
    CHECK(cms::testing::run_cms({"check", "--db", database}).exit_status == 0);

    // A file that puts every case on Collect and Pay: the summary says so.
    nlohmann::json parameters = source_parameters();
    parameters["service"]["collect_and_pay_bp"] = 10'000;
    const std::string path = directory.file("all_collect.json");
    std::ofstream(path) << parameters.dump(2);
    const auto second = cms::testing::run_cms(
        {"generate", "--db", database, "--cases", "10", "--seed", "9", "--start", "2025-02-01", "--parameters", path});
    REQUIRE(second.exit_status == 0);
    CHECK(second.output.rfind("cms generate: 10 cases written, ids 41..50; Collect and Pay 100.00%;", 0) == 0);
}

TEST_CASE("cms generate refuses a bad parameter file, naming the field, and writes nothing") {
    cms::testing::temporary_directory directory;
    nlohmann::json parameters = source_parameters();
    parameters["behaviours"]["stops_paying"]["instalments_before_stopping_max"] = 0;
    const std::string path = directory.file("bad.json");
    std::ofstream(path) << parameters.dump(2);
    const std::string database = directory.file("never.db");
    const auto refused = cms::testing::run_cms({"generate", "--db", database, "--cases", "10", "--parameters", path});
    CHECK(refused.exit_status == 1);
    CHECK(refused.errors.find("behaviours.stops_paying.instalments_before_stopping_max: must be at least "
                              "instalments_before_stopping_min") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(database));
}

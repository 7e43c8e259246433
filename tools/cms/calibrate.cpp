// `cms calibrate --check`: a generated caseload simulated and compared with published statistics
// (services/simulation/calibration.hpp, schemas/calibration/).
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "services/generation/caseload_parameters.hpp"
#include "services/reports/report_html.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "services/simulation/calibration.hpp"
#include "subcommands.hpp"

namespace cms::tools {

const char* const calibrate_help =
    "usage: cms calibrate --check [--cases N] [--seed S] [--start YYYY-MM-DD] [--through YYYY-MM-DD]\n"
    "                     [--parameters FILE] [--keep FILE]\n"
    "\n"
    "Generates N cases (cms generate) from the caseload parameters, lives them day by day to\n"
    "--through (cms simulate-caseload), and compares the figures of the reports on that day with\n"
    "the published statistics in schemas/calibration/targets.json: for each target its\n"
    "published and simulated value, the difference in points, the error relative to the\n"
    "published figure, and whether it is within the target's tolerance. The targets the shipped\n"
    "parameters were fitted on come first; the held-out ones after, with the targets the project\n"
    "cannot check yet and why. The model has no inflow of new cases and no trend, so every figure\n"
    "is compared with the simulated caseload's at the end of the run (the last quarter ended by\n"
    "--through for a quarter's measure), whatever its own period (schemas/calibration/README.md).\n"
    "  --cases N         cases generated (default 2000; the README's full run: 100000)\n"
    "  --seed S          the generator's and the courts' seed (default 1)\n"
    "  --start DATE      the caseload's --start: cases open in the year before it (default 2023-07-01)\n"
    "  --through DATE    the last day lived and measured (default 2024-09-30, the end of 2024-Q3)\n"
    "  --parameters FILE another parameter file (default: the shipped one)\n"
    "  --keep FILE       where the simulated database goes, kept for reports (default: a temporary\n"
    "                    file, removed)\n"
    "Exit status: 0 when every fitted target is within tolerance, 1 when one is not (the shipped\n"
    "fit no longer holds) or the run failed, 2 for bad options.\n";

namespace {

/// A difference of shares in points: basis points over 100, as the shares print, without "%".
std::string points(std::int64_t basis_points) {
    std::string text = services::format_basis_points(basis_points);
    text.pop_back();
    return text;
}

std::string percent(std::int64_t basis_points) { return services::format_basis_points(basis_points); }

void print_results(const std::vector<services::calibration_result>& results, bool fitted) {
    std::printf("%s\n", fitted ? "targets used in fitting:" : "targets held out (not used in fitting):");
    std::printf("  %-42s %-10s %10s %10s %8s %9s %10s  %s\n", "target", "period", "published", "simulated", "points",
                "relative", "tolerance", "within");
    for (const services::calibration_result& result : results) {
        if (result.target.used_in_fitting != fitted) continue;
        std::printf("  %-42s %-10s %10s %10s %8s %9s %10s  %s\n", result.target.id.c_str(), result.target.period.c_str(),
                    percent(result.target.published_bp).c_str(), percent(result.simulated_bp).c_str(),
                    points(result.difference_bp).c_str(), percent(result.relative_error_bp).c_str(),
                    points(result.target.tolerance_bp).c_str(), result.within_tolerance ? "yes" : "NO");
    }
}

}  // namespace

int run_calibrate(const arguments& args) {
    const services::cli_arguments options(args, {"cases", "seed", "start", "through", "parameters", "keep"}, {"check"});
    if (!options.has("check")) throw services::usage_error("say --check: the only calibration this program runs");
    services::calibration_run_options run;
    run.caseload.cases_count = options.integer("cases", 1, 10'000'000).value_or(2'000);
    run.caseload.seed = static_cast<std::uint64_t>(options.integer("seed", 0, INT64_MAX).value_or(1));
    run.court_seed = run.caseload.seed;
    const auto start = core::parse_iso_date(options.value("start").value_or("2023-07-01"));
    if (!start) throw services::usage_error("--start must be a real date YYYY-MM-DD");
    run.caseload.start = *start;
    const auto through = core::parse_iso_date(options.value("through").value_or("2024-09-30"));
    if (!through) throw services::usage_error("--through must be a real date YYYY-MM-DD");
    if (*through < *start) throw services::usage_error("--through must not be before --start");
    run.through = *through;
    run.caseload.parameters = options.value("parameters")
                                  ? services::load_caseload_parameters_file(*options.value("parameters"))
                                  : services::embedded_caseload_parameters();
    namespace fs = std::filesystem;
    const bool keep = options.value("keep").has_value();
    run.database_path = keep ? *options.value("keep")
                             : (fs::temp_directory_path() / ("cms-calibrate-" + std::to_string(getpid()) + ".db")).string();
    spdlog::set_level(spdlog::level::warn);
    const auto started = std::chrono::steady_clock::now();
    services::calibration_run done;
    try {
        done = services::run_calibration(run, services::embedded_calibration_targets());
    } catch (const std::invalid_argument& refused) {
        throw services::usage_error(refused.what());
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!keep) {
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(run.database_path + suffix);
    }
    std::printf("cms calibrate: %lld cases (seed %llu) from %s to %s: %lld payments, %lld steps applied, in %.1f s\n",
                static_cast<long long>(done.generated.cases_count), static_cast<unsigned long long>(run.caseload.seed),
                core::format_iso_date(done.simulated.first_day).c_str(), core::format_iso_date(run.through).c_str(),
                static_cast<long long>(done.simulated.payments), static_cast<long long>(done.simulated.enforcement.applied),
                seconds);
    print_results(done.results, true);
    print_results(done.results, false);
    std::printf("targets not checked:\n");
    for (const auto& unavailable : services::embedded_calibration_targets().unavailable) {
        std::printf("  %s: %s\n", unavailable.id.c_str(), unavailable.why.c_str());
    }
    bool fitted_hold = true;
    for (const auto& result : done.results) fitted_hold = fitted_hold && (!result.target.used_in_fitting || result.within_tolerance);
    if (done.simulated.scheduled_jobs_failed > 0) {
        std::printf("the run failed: %s\n", done.simulated.first_job_failure.c_str());
        return 1;
    }
    return fitted_hold ? 0 : 1;
}

}  // namespace cms::tools

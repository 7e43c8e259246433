// `cms reform-impact`: one generated caseload lived under today's collection fees and under the
// 2027 reform's, side by side (services/simulation/reform_impact.hpp).
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "services/generation/caseload_parameters.hpp"
#include "services/reports/report_html.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "services/simulation/reform_impact.hpp"
#include "subcommands.hpp"

namespace cms::tools {

const char* const reform_impact_help =
    "usage: cms reform-impact [--cases N] [--seed S] [--start YYYY-MM-DD] [--from YYYY-MM-DD]\n"
    "                         [--through YYYY-MM-DD] [--parameters FILE] [--keep DIR]\n"
    "\n"
    "Generates one caseload (cms generate) and lives it twice (cms simulate-caseload): under\n"
    "today's collection fees (20% for the paying parent, 4% for the receiving parent) and under\n"
    "the 2027 reform's table (2% and 2% from 1 April 2027), then prints for the window --from to\n"
    "--through, side by side: collection fees paid by paying parents, fees kept back from\n"
    "receiving parents, maintenance collected, what reached receiving parents, and compliance in\n"
    "the last quarter ended by --through. Not modelled: the reform's 20% for a non-compliant\n"
    "paying parent (UNCONFIRMED; the table charges every paying parent 2%), the end of Direct Pay,\n"
    "and any change in how parents pay when fees change.\n"
    "  --cases N     cases generated (default 2000)\n"
    "  --seed S      the generator's and the courts' seed (default 1)\n"
    "  --start DATE  the caseload's --start: cases open in the year before it (default 2027-04-01)\n"
    "  --from DATE   the window's first day (default 2027-04-01, the reform's)\n"
    "  --through DATE  the last day lived, the window's end (default 2028-03-31)\n"
    "  --keep DIR    where the two databases go, kept for reports (default: a temporary folder)\n"
    "Exit status: 0 when printed, 1 when a run failed, 2 for bad options.\n";

namespace {

std::string pounds(core::money amount) { return services::format_pounds(amount.pence()); }

std::string share(std::int64_t part, std::int64_t whole) {
    return services::format_basis_points(core::share_basis_points(part, whole).value);
}

}  // namespace

int run_reform_impact(const arguments& args) {
    const services::cli_arguments options(args, {"cases", "seed", "start", "from", "through", "parameters", "keep"}, {});
    services::reform_impact_options run;
    run.caseload.cases_count = options.integer("cases", 1, 10'000'000).value_or(2'000);
    run.caseload.seed = static_cast<std::uint64_t>(options.integer("seed", 0, INT64_MAX).value_or(1));
    run.court_seed = run.caseload.seed;
    const auto date_option = [&](const char* name, const char* fallback) {
        const auto parsed = core::parse_iso_date(options.value(name).value_or(fallback));
        if (!parsed) throw services::usage_error(std::string("--") + name + " must be a real date YYYY-MM-DD");
        return *parsed;
    };
    run.caseload.start = date_option("start", "2027-04-01");
    run.from = date_option("from", "2027-04-01");
    run.through = date_option("through", "2028-03-31");
    if (options.value("parameters")) run.caseload.parameters = services::load_caseload_parameters_file(*options.value("parameters"));
    namespace fs = std::filesystem;
    const bool keep = options.value("keep").has_value();
    run.directory = keep ? *options.value("keep")
                         : (fs::temp_directory_path() / ("cms-reform-impact-" + std::to_string(getpid()))).string();
    fs::create_directories(run.directory);
    spdlog::set_level(spdlog::level::warn);
    services::reform_impact impact;
    try {
        impact = services::run_reform_impact(run);
    } catch (const std::invalid_argument& refused) {
        throw services::usage_error(refused.what());
    }
    if (!keep) fs::remove_all(run.directory);
    std::printf("cms reform-impact: %lld cases (seed %llu), window %s to %s\n",
                static_cast<long long>(impact.generated.cases_count), static_cast<unsigned long long>(run.caseload.seed),
                core::format_iso_date(run.from).c_str(), core::format_iso_date(run.through).c_str());
    std::printf("  %-44s %16s %16s\n", "", "current fees", "2027 reform");
    const auto row = [](const char* name, const std::string& current, const std::string& reform) {
        std::printf("  %-44s %16s %16s\n", name, current.c_str(), reform.c_str());
    };
    const auto& now = impact.current;
    const auto& then = impact.reform;
    row("fees paid by paying parents", pounds(now.flows.paying_parent_fees), pounds(then.flows.paying_parent_fees));
    row("fees kept back from receiving parents", pounds(now.flows.receiving_parent_fees), pounds(then.flows.receiving_parent_fees));
    row("maintenance collected", pounds(now.flows.maintenance_collected), pounds(then.flows.maintenance_collected));
    row("paid to receiving parents", pounds(now.flows.paid_to_receiving_parents), pounds(then.flows.paid_to_receiving_parents));
    row("compliance: paid nothing", share(now.compliance.paid_nothing, now.compliance.paying_parents_due),
        share(then.compliance.paid_nothing, then.compliance.paying_parents_due));
    row("compliance: paid up to 90%", share(now.compliance.paid_up_to_90_percent, now.compliance.paying_parents_due),
        share(then.compliance.paid_up_to_90_percent, then.compliance.paying_parents_due));
    row("compliance: paid over 90%", share(now.compliance.paid_over_90_percent, now.compliance.paying_parents_due),
        share(then.compliance.paid_over_90_percent, then.compliance.paying_parents_due));
    const bool failed = now.simulated.scheduled_jobs_failed > 0 || then.simulated.scheduled_jobs_failed > 0;
    if (failed) std::printf("a run failed: %s%s\n", now.simulated.first_job_failure.c_str(), then.simulated.first_job_failure.c_str());
    return failed ? 1 : 0;
}

}  // namespace cms::tools

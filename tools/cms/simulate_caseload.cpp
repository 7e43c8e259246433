// `cms simulate-caseload`: a generated caseload lived day by day through the real services
// (services/simulation/caseload_simulation.hpp).
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "services/generation/caseload_parameters.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "services/runtime/damaged_store.hpp"
#include "services/simulation/caseload_simulation.hpp"
#include "subcommands.hpp"

namespace cms::tools {

const char* const simulate_caseload_help =
    "usage: cms simulate-caseload --db PATH --through YYYY-MM-DD [--from YYYY-MM-DD] [--seed S]\n"
    "                             [--parameters FILE]\n"
    "\n"
    "Lives the caseload `cms generate` made in PATH day by day up to --through, as a server on a\n"
    "simulated clock would: each day the date moves (journaled), the scheduler's jobs run (the\n"
    "month-end accrual, the daily close with missed payments and proposed enforcement, the\n"
    "pay-out), courts decide applications with the seeded outcome table, proposals are applied\n"
    "for as the paying parent's circumstances allow (employer: deduction from earnings order;\n"
    "account: regular deduction order; else a liability order), and every generated paying\n"
    "parent pays what their profile says of each instalment (on time, late, part, stops, never,\n"
    "or once enforcement is in force), or their employer or bank pays under an active order,\n"
    "which fails on a due date with the parameter file's chance (enforcement). Cases close, move\n"
    "between Direct Pay and Collect and Pay, and have arrears written off (asked for by a simulated\n"
    "caseworker, decided by a simulated supervisor after the 30 days' notice) at the parameter\n"
    "file's chances (case_events); a closed case is followed no more.\n"
    "A first run starts on the day the earliest generated case opened; a later run goes on from\n"
    "the last day an earlier one began (the day after the last closed day, or the next), so a run\n"
    "stopped at any point is started again with the same command and records nothing twice. Holds the database's batch-job lock: no server may\n"
    "run on it meanwhile. Progress on stderr when it is a terminal; the totals on stdout.\n"
    "  --through DATE  the last day to live\n"
    "  --from DATE     the first day (default: as above)\n"
    "  --seed S        the courts', the orders' and the events' draws (default 1): the same seed,\n"
    "                  the same run\n"
    "  --parameters FILE  the caseload parameters the enforcement and event rates come from (default: the\n"
    "                  shipped schemas/calibration/caseload_parameters.json)\n"
    "Exit status: 0 when every day was lived; 1 when a scheduled job failed, a payment, step or event\n"
    "was refused, or the database cannot be used; 2 for bad options.\n";

int run_simulate_caseload(const arguments& args) {
    const services::cli_arguments options(args, {"db", "through", "from", "seed", "parameters"}, {});
    services::caseload_simulation_options simulating;
    const auto through = core::parse_iso_date(options.required("through"));
    if (!through) throw services::usage_error("--through must be a real date YYYY-MM-DD");
    simulating.through = *through;
    if (const auto from = options.value("from")) {
        simulating.from = core::parse_iso_date(*from);
        if (!simulating.from) throw services::usage_error("--from must be a real date YYYY-MM-DD");
    }
    simulating.seed = static_cast<std::uint64_t>(options.integer("seed", 0, INT64_MAX).value_or(1));
    services::use_parameters(simulating, options.value("parameters")
                                             ? services::load_caseload_parameters_file(*options.value("parameters"))
                                             : services::embedded_caseload_parameters());
    const bool terminal = isatty(STDERR_FILENO) == 1;
    simulating.on_day = [terminal](const services::simulated_day& day) {
        if (!terminal) return;
        std::fprintf(stderr, "\rcms simulate-caseload: %s, %lld payments", core::format_iso_date(day.day).c_str(),
                     static_cast<long long>(day.payments));
        std::fflush(stderr);
    };
    const auto store = services::open_sound_sqlite_store(options.required("db"));
    spdlog::set_level(spdlog::level::warn);  // each daily job logs a line: thousands around the totals
    const auto started = std::chrono::steady_clock::now();
    services::caseload_simulation_result result;
    try {
        result = services::simulate_caseload(*store, simulating);
    } catch (const std::invalid_argument& refused) {
        throw services::usage_error(refused.what());
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (terminal) std::fprintf(stderr, "\n");
    std::printf("cms simulate-caseload: %s to %s, %lld days, %lld cases followed, %lld payments (%lld pence), "
                "%lld steps applied, %lld deductions, %lld orders failed, courts granted %lld and refused %lld, in %.1f s\n",
                core::format_iso_date(result.first_day).c_str(), core::format_iso_date(simulating.through).c_str(),
                static_cast<long long>(result.days), static_cast<long long>(result.cases_followed),
                static_cast<long long>(result.payments), static_cast<long long>(result.paid_pence),
                static_cast<long long>(result.enforcement.applied), static_cast<long long>(result.enforcement.deductions),
                static_cast<long long>(result.enforcement.orders_failed), static_cast<long long>(result.enforcement.court_granted),
                static_cast<long long>(result.enforcement.court_refused), seconds);
    const services::simulated_case_event_counts& events = result.events;
    std::printf("  events: %lld closed, %lld to Direct Pay, %lld warning notices, %lld to Collect and Pay; write-offs "
                "%lld asked for, %lld approved (%lld pence), %lld rejected\n",
                static_cast<long long>(events.closures), static_cast<long long>(events.to_direct_pay),
                static_cast<long long>(events.warning_notices), static_cast<long long>(events.to_collect_and_pay),
                static_cast<long long>(events.write_offs_requested), static_cast<long long>(events.write_offs_approved),
                static_cast<long long>(events.written_off_pence), static_cast<long long>(events.write_offs_rejected));
    int status = 0;
    if (result.scheduled_jobs_failed > 0) {
        std::printf("  %lld scheduled job(s) failed; the first: %s\n", static_cast<long long>(result.scheduled_jobs_failed),
                    result.first_job_failure.c_str());
        status = 1;
    }
    if (result.payments_refused > 0 || result.enforcement.refused > 0 || events.refused > 0) {
        const std::string& first = result.payments_refused > 0        ? result.first_refusal
                                   : result.enforcement.refused > 0 ? result.enforcement.first_refusal
                                                                    : events.first_refusal;
        std::printf("  refused: %lld payment(s), %lld enforcement command(s), %lld event command(s); the first: %s\n",
                    static_cast<long long>(result.payments_refused), static_cast<long long>(result.enforcement.refused),
                    static_cast<long long>(events.refused), first.c_str());
        status = 1;
    }
    return status;
}

}  // namespace cms::tools

// `cms simulate`: a seeded history checked day by day against the reference model
// (services/simulation/simulation.hpp); on a disagreement, the reduced scenario is written.
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "services/runtime/cli_arguments.hpp"
#include "services/simulation/simulation.hpp"
#include "subcommands.hpp"

namespace cms::tools {

extern const char* const simulate_help;
const char* const simulate_help =
    "usage: cms simulate --seed N --cases K --days D [--out FILE] [--verbose]\n"
    "       cms simulate --seed N --cases K --days D --scenario-out FILE\n"
    "\n"
    "Generates a random but valid history of K Collect and Pay families over D days from seed N\n"
    "(payments full, short, over or missed, same-day and backdated, reversals before and after\n"
    "the pay-out, income changes, closures mid-month, a collection-fee change mid-month), replays\n"
    "it through the services with the server's daily jobs on a temporary database, restarting\n"
    "the writer and store (closed and opened again from the file) about one day in fifteen, and\n"
    "after every day compares each case's weekly amount, due, due today, paid, credit, ledger\n"
    "balance and arrears with a reference model written separately from the production code\n"
    "(services/simulation/). One scenario file holds at most 25,000 steps and 8 MiB.\n"
    "On the first disagreement it prints the seed, day, case, figure, production and model,\n"
    "reduces the history to the fewest steps that still disagree, and writes them as a scenario\n"
    "ending in an expect step of the model's figures (cms replay fails it, side by side).\n"
    "Exit status: 0 when every day agreed, 1 on a disagreement, 2 for bad options.\n"
    "  --seed N      the history's seed (default 1)\n"
    "  --cases K     families, 1 to 1000 (default 5)\n"
    "  --days D      simulated days, 2 to 1000 (default 90), from 2025-01-06\n"
    "  --out FILE    where the reduced scenario goes (default simulate-failure-SEED.json)\n"
    "  --verbose     also print how many commands of each kind the history holds\n"
    "  --scenario-out FILE  write the history, ended by an expect step per case with the\n"
    "                model's figures on its last day, and replay nothing: `cms replay FILE`\n"
    "                passes when production agrees (the crash drill replays it killed and again)\n";

int run_simulate(const arguments& args) {
    const services::cli_arguments options(args, {"seed", "cases", "days", "out", "scenario-out"}, {"verbose"});
    services::simulation_options simulating;
    simulating.seed = static_cast<std::uint64_t>(options.integer("seed", 0, INT64_MAX).value_or(1));
    simulating.cases_count = options.integer("cases", 1, services::simulation_cases_max).value_or(5);
    simulating.days = options.integer("days", 2, services::simulation_days_max).value_or(90);
    const std::string out = options.value("out").value_or("simulate-failure-" + std::to_string(simulating.seed) + ".json");
    if (out.empty()) throw services::usage_error("option --out needs a file");

    if (const auto scenario_out = options.value("scenario-out")) {
        if (scenario_out->empty()) throw services::usage_error("option --scenario-out needs a file");
        std::string text;
        try {
            text = services::simulation_scenario_with_expectations(simulating);
        } catch (const std::invalid_argument& refused) {
            throw services::usage_error(refused.what());
        }
        std::ofstream file(*scenario_out, std::ios::binary | std::ios::trunc);
        file << text;
        file.close();
        if (!file) throw std::runtime_error("cannot write " + *scenario_out);
        return 0;
    }
    spdlog::set_level(spdlog::level::warn);  // the jobs' progress lines would bury the result
    const auto started = std::chrono::steady_clock::now();
    services::simulation_result result;
    try {
        result = services::run_simulation(simulating);
    } catch (const std::invalid_argument& refused) {
        throw services::usage_error(refused.what());  // too many cases over too many days for one file
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (options.has("verbose")) {
        std::printf("cms simulate: generated %zu steps, %lld commands:", result.generated_steps,
                    static_cast<long long>(result.commands));
        for (const auto& [kind, count] : result.commands_by_kind) std::printf(" %s %lld", kind.c_str(), static_cast<long long>(count));
        std::printf("\n");
    }
    if (result.disagreement) {
        const services::simulation_disagreement& found = *result.disagreement;
        const std::string what =
            !found.figure.empty() ? found.figure + " production " +
                                        (found.production ? std::to_string(*found.production) : std::string("none")) +
                                        " model " + std::to_string(found.model)
                                  : (found.refused_step_key.empty() ? "" : "step " + found.refused_step_key + ": ") + found.detail;
        std::printf("cms simulate: seed %llu: disagreement on %s%s%s: %s\n", static_cast<unsigned long long>(simulating.seed),
                    core::format_iso_date(found.day).c_str(), found.case_name.empty() ? "" : " case ",
                    found.case_name.c_str(), what.c_str());
        std::ofstream file(out, std::ios::binary | std::ios::trunc);
        file << result.reduced_scenario << '\n';
        file.close();
        if (!file) {
            std::fprintf(stderr, "cms simulate: cannot write %s\n", out.c_str());
        } else {
            std::printf("cms simulate: reduced from %zu to %zu steps in %zu replays: %s\n", result.generated_steps,
                        result.reduced_steps, result.reduction_replays, out.c_str());
        }
    }
    std::printf("cms simulate: seed %llu: %lld cases, %lld days, %lld commands, %lld restarts, %lld comparisons, %.1f s: %s\n",
                static_cast<unsigned long long>(simulating.seed), static_cast<long long>(simulating.cases_count),
                static_cast<long long>(result.days_checked), static_cast<long long>(result.commands),
                static_cast<long long>(result.restarts),
                static_cast<long long>(result.comparisons), seconds, result.disagreement ? "DISAGREED" : "agreed");
    return result.disagreement ? 1 : 0;
}

}  // namespace cms::tools

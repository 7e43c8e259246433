#include <unistd.h>

#include <cstdio>
#include <string>

#include "services/generation/caseload_generator.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "services/runtime/damaged_store.hpp"
#include "subcommands.hpp"

namespace cms::tools {

const char* const generate_help =
    "usage: cms generate --db PATH --cases N [--seed S] [--start YYYY-MM-DD] [--parameters FILE]\n"
    "                    [--opened-span-days D] [--collect-and-pay-percent P]\n"
    "\n"
    "Appends N synthetic cases, each with its two parents in a local authority of England drawn by\n"
    "population, 1 or more qualifying children, the paying parent's circumstances and the weekly\n"
    "amount the statutory calculation gives for them, shared care, Direct Pay or Collect and Pay, a\n"
    "payment frequency, and a payer profile (behaviour, method, employment, bank account). The\n"
    "mix comes from the built-in schemas/calibration/caseload_parameters.json, or --parameters\n"
    "FILE of the same shape (a bad file is refused, naming the field, and nothing is written).\n"
    "Cases open on the days before --start (default 2025-01-01), over the file's span or D days;\n"
    "every child is under 16 on --start. --collect-and-pay-percent overrides the file's share.\n"
    "(--opened-by DATE, the older form, is --start the day after DATE.) The same seed and\n"
    "parameters give the same caseload. Progress on standard error when it is a terminal; a\n"
    "summary of what was written and the mix drawn on standard output.\n";

namespace {

std::string percent_text(std::int64_t part, std::int64_t whole) {
    // Basis points, rounded down: a summary, not a figure anything is computed from.
    const std::int64_t bp = whole == 0 ? 0 : part * 10'000 / whole;
    char text[32];
    std::snprintf(text, sizeof text, "%lld.%02lld%%", static_cast<long long>(bp / 100),
                  static_cast<long long>(bp % 100));
    return text;
}

core::civil_date start_date(const services::cli_arguments& options) {
    if (options.value("start") && options.value("opened-by")) {
        throw services::usage_error("give --start or --opened-by, not both");
    }
    if (const auto older = options.value("opened-by")) {
        const auto opened_by = core::parse_iso_date(*older);
        if (!opened_by) throw services::usage_error("--opened-by must be a real date YYYY-MM-DD");
        return core::add_days(*opened_by, 1);
    }
    const auto start = core::parse_iso_date(options.value("start").value_or("2025-01-01"));
    if (!start) throw services::usage_error("--start must be a real date YYYY-MM-DD");
    return *start;
}

}  // namespace

int run_generate(const arguments& args) {
    const services::cli_arguments options(args,
                                          {"db", "cases", "seed", "start", "opened-by", "parameters",
                                           "opened-span-days", "collect-and-pay-percent"},
                                          {});
    services::caseload_options caseload;
    options.required("cases");
    const std::string database = options.required("db");
    caseload.cases_count = *options.integer("cases", 1, 100'000'000);
    caseload.seed = static_cast<std::uint64_t>(options.integer("seed", 0, INT64_MAX).value_or(1));
    caseload.start = start_date(options);
    caseload.opened_span_days = options.integer("opened-span-days", 1, 3'650);
    if (const auto percent = options.integer("collect-and-pay-percent", 0, 100)) {
        caseload.collect_and_pay_bp = *percent * 100;
    }
    // Read and checked before the database is opened: a bad file writes nothing.
    caseload.parameters = options.value("parameters")
                              ? services::load_caseload_parameters_file(*options.value("parameters"))
                              : services::embedded_caseload_parameters();
    const auto connection = services::open_sound_sqlite_store(database)->open_write_connection();
    const bool terminal = isatty(STDERR_FILENO) == 1;
    const auto result = services::generate_caseload(*connection, caseload, [&](std::int64_t written) {
        if (!terminal) return;
        std::fprintf(stderr, "\rcms generate: %lld of %lld cases written", static_cast<long long>(written),
                     static_cast<long long>(caseload.cases_count));
        std::fflush(stderr);
    });
    if (terminal) std::fprintf(stderr, "\n");
    std::string behaviours;
    for (std::size_t i = 0; i < result.behaviour_counts.size(); ++i) {
        behaviours += std::string(i == 0 ? "" : ", ") +
                      std::string(services::to_string(static_cast<services::payer_behaviour>(i + 1))) + " " +
                      percent_text(result.behaviour_counts[i], result.cases_count);
    }
    std::printf("cms generate: %lld cases written, ids %lld..%lld; Collect and Pay %s; %lld children; behaviours: %s\n",
                static_cast<long long>(result.cases_count), static_cast<long long>(result.first_case_id),
                static_cast<long long>(result.last_case_id),
                percent_text(result.collect_and_pay_count, result.cases_count).c_str(),
                static_cast<long long>(result.children_count), behaviours.c_str());
    return 0;
}

}  // namespace cms::tools

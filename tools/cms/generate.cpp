#include <cstdio>

#include "services/runtime/damaged_store.hpp"
#include "services/generation/caseload_generator.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "subcommands.hpp"

namespace cms::tools {

const char* const generate_help =
    "usage: cms generate --db PATH --cases N [--seed S] [--opened-by YYYY-MM-DD]\n"
    "                    [--opened-span-days D] [--collect-and-pay-percent P]\n"
    "\n"
    "Appends N synthetic parent pairs and cases (one child each, a weekly amount, a monthly\n"
    "schedule) opened on dates spread over the D days (default 365) before --opened-by\n"
    "(default 2025-01-01). The same seed gives the same caseload.\n";

int run_generate(const arguments& args) {
    const services::cli_arguments options(
        args, {"db", "cases", "seed", "opened-by", "opened-span-days", "collect-and-pay-percent"}, {});
    services::caseload_options caseload;
    options.required("cases");
    caseload.cases_count = *options.integer("cases", 1, 100'000'000);
    caseload.seed = static_cast<std::uint64_t>(options.integer("seed", 0, INT64_MAX).value_or(1));
    const auto opened_by = core::parse_iso_date(options.value("opened-by").value_or("2025-01-01"));
    if (!opened_by) throw services::usage_error("--opened-by must be a real date YYYY-MM-DD");
    caseload.opened_by = *opened_by;
    caseload.opened_span_days = options.integer("opened-span-days", 1, 36'500).value_or(365);
    caseload.collect_and_pay_bp = options.integer("collect-and-pay-percent", 0, 100).value_or(100) * 100;
    const auto connection = services::open_sound_sqlite_store(options.required("db"))->open_write_connection();
    const auto result = services::generate_caseload(*connection, caseload, [](std::int64_t written) {
        std::fprintf(stderr, "\rcms generate: %lld cases written", static_cast<long long>(written));
        std::fflush(stderr);
    });
    std::fprintf(stderr, "\n");
    std::printf("cms generate: cases %lld..%lld written\n", static_cast<long long>(result.first_case_id),
                static_cast<long long>(result.last_case_id));
    return 0;
}

}  // namespace cms::tools

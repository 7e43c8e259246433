// `cms report`: a statistics report of a database, as the analysts' API route answers it
// (services/http/report_routes.hpp), in JSON or CSV.
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

#include "persistence/read_pool.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "services/clock/business_clock.hpp"
#include "services/http/report_routes.hpp"
#include "services/reports/compliance_report.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "subcommands.hpp"

namespace cms::tools {

const char* const report_help =
    "usage: cms report compliance --db PATH [--quarter YYYY-Qn | --as-of YYYY-MM-DD]\n"
    "                             [--format json|csv]\n"
    "\n"
    "compliance: Collect and Pay compliance in a quarter, as the DWP's quarterly statistics\n"
    "define it: of the paying parents due to pay through Collect and Pay in the quarter\n"
    "(maintenance accrued in it), how many paid nothing, up to 90% and over 90% of that\n"
    "maintenance, with shares in basis points (hundredths of a percent, rounded half up) and\n"
    "the maintenance due and paid. Paid is what payments settled of the quarter's charges in it,\n"
    "less what reversals took back (core/statistics/README.md). The same body as\n"
    "GET /v1/reports/compliance. Reads only, in one snapshot; safe while the server runs.\n"
    "Exit status: 0 when printed, 1 when the database cannot be read, 2 for bad options.\n"
    "  --quarter YYYY-Qn   the quarter (e.g. 2025-Q1)\n"
    "  --as-of DATE        the last quarter ended on or before DATE (default: today's date)\n"
    "  --format FORMAT     json (default: the API's body) or csv (one 'measure,value' row per\n"
    "                      figure, nested names joined with '.')\n";

namespace {

/// Each scalar of the body as a "name,value" row, nested names joined with '.', in the body's order.
void append_csv_rows(const nlohmann::json& value, const std::string& name, std::string& rows) {
    if (value.is_object()) {
        for (const auto& [key, member] : value.items()) append_csv_rows(member, name.empty() ? key : name + "." + key, rows);
        return;
    }
    rows += name + "," + (value.is_string() ? value.get<std::string>() : value.dump()) + "\n";
}

}  // namespace

int run_report(const arguments& args) {
    if (args.empty() || args.front() != "compliance") {
        throw services::usage_error("name a report: cms report compliance --db PATH (see cms report --help)");
    }
    const services::cli_arguments options(arguments(args.begin() + 1, args.end()), {"db", "quarter", "as-of", "format"}, {});
    const std::string path = options.required("db");
    const std::string format = options.value("format").value_or("json");
    if (format != "json" && format != "csv") throw services::usage_error("option --format must be json or csv");
    if (options.has("quarter") && options.has("as-of")) throw services::usage_error("give --quarter or --as-of, not both");
    core::reporting_quarter quarter;
    if (const auto text = options.value("quarter")) {
        const auto parsed = core::parse_reporting_quarter(*text);
        if (!parsed) throw services::usage_error("option --quarter must be a quarter such as 2025-Q1");
        quarter = *parsed;
    } else {
        const auto as_of = options.value("as-of");
        const auto day = as_of ? core::parse_iso_date(*as_of) : std::optional(services::system_business_clock{}.today());
        if (!day) throw services::usage_error("option --as-of must be a date YYYY-MM-DD");
        quarter = services::last_quarter_ended_by(*day);
    }
    if (!std::filesystem::exists(path)) {
        std::fprintf(stderr, "cms report: no database at %s\n", path.c_str());
        return 1;
    }
    const auto store = persistence::open_sqlite_store(path);
    persistence::read_pool readers(*store, 1);
    const nlohmann::json body = services::compliance_report_body(services::read_compliance_report(readers, quarter));
    std::string text;
    if (format == "json") {
        text = body.dump(2) + "\n";
    } else {
        text = "measure,value\n";
        append_csv_rows(body, "", text);
    }
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
}

}  // namespace cms::tools

// `cms report`: a statistics report of a database, as the analysts' API routes answer it
// (services/http/report_routes.hpp), in JSON or CSV.
#include <cstdio>
#include <filesystem>
#include <optional>
#include <initializer_list>
#include <map>
#include <set>
#include <utility>
#include <string>

#include "persistence/read_pool.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "services/clock/business_clock.hpp"
#include "services/http/report_routes.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/reports/compliance_report.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "services/wire/json_fields.hpp"
#include "subcommands.hpp"

namespace cms::tools {

const char* const report_help =
    "usage: cms report compliance --db PATH [--quarter YYYY-Qn | --as-of YYYY-MM-DD]\n"
    "                             [--format json|csv]\n"
    "       cms report arrears-by-area --db PATH [--as-of YYYY-MM-DD] [--format json|csv]\n"
    "       cms report arrears-by-quarter --db PATH [--from YYYY-Qn] [--to YYYY-Qn] [--format json|csv]\n"
    "\n"
    "compliance: Collect and Pay compliance in a quarter, as the DWP's quarterly statistics\n"
    "define it: of the paying parents due to pay through Collect and Pay in the quarter\n"
    "(maintenance accrued in it), how many paid nothing, up to 90% and over 90% of that\n"
    "maintenance, with shares in basis points (hundredths of a percent, rounded half up) and\n"
    "the maintenance due and paid. Paid is what payments settled of the quarter's charges in it,\n"
    "less what reversals took back (core/statistics/README.md). The same body as\n"
    "GET /v1/reports/compliance.\n"
    "  --quarter YYYY-Qn   the quarter (e.g. 2025-Q1)\n"
    "  --as-of DATE        the last quarter ended on or before DATE (default: today's date)\n"
    "  --format FORMAT     json (default: the API's body) or csv (one 'measure,value' row per\n"
    "                      figure, nested names joined with '.')\n"
    "\n"
    "arrears-by-area: the cases in arrears on --as-of (default today), by the paying parent's\n"
    "local authority, ranked by total, and by nation. For each, the cases in arrears, the\n"
    "maintenance owed to receiving parents, the fees and charges owed to the state, the total,\n"
    "and the average a case (rounded half up). Arrears are each case's position on the date, as\n"
    "GET /v1/cases/{id}/balance gives them, under the built-in policy tables. The same body as\n"
    "GET /v1/reports/arrears-by-area. --format csv prints the local authorities' table, one row\n"
    "an area.\n"
    "\n"
    "arrears-by-quarter: total arrears at the end of each quarter from --from to --to (default:\n"
    "the four quarters ended by today; at most 40), split into maintenance owed to receiving\n"
    "parents and fees and charges owed to the state: the arrears-by-area report's 'all' row on\n"
    "each quarter's last day. The same body as GET /v1/reports/arrears-by-quarter; --format csv\n"
    "prints one row a quarter.\n"
    "\n"
    "Each reads only, each figure in one snapshot; safe while the server runs.\n"
    "Exit status: 0 when printed, 1 when the database cannot be read, 2 for bad options.\n";

namespace {

/// Each scalar of the body as a "name,value" row, nested names joined with '.', in the body's order.
void append_csv_rows(const nlohmann::json& value, const std::string& name, std::string& rows) {
    if (value.is_object()) {
        for (const auto& [key, member] : value.items()) append_csv_rows(member, name.empty() ? key : name + "." + key, rows);
        return;
    }
    rows += name + "," + (value.is_string() ? value.get<std::string>() : value.dump()) + "\n";
}

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
std::string csv_field(const nlohmann::json& value) {
    const std::string text = value.is_string() ? value.get<std::string>() : value.is_null() ? "" : value.dump();
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

/// A table of the body's rows (an array of objects) with the given columns, a header line first.
std::string table_csv(const nlohmann::json& rows, std::initializer_list<const char*> columns) {
    std::string text;
    for (const char* column : columns) text += std::string(text.empty() ? "" : ",") + column;
    text += "\n";
    for (const nlohmann::json& row : rows) {
        std::string line;
        for (const char* column : columns) line += (line.empty() ? "" : ",") + csv_field(row[column]);
        text += line + "\n";
    }
    return text;
}

std::optional<core::civil_date> as_of_option(const services::cli_arguments& options) {
    const auto as_of = options.value("as-of");
    if (!as_of) return services::system_business_clock{}.today();
    const auto day = core::parse_iso_date(*as_of);
    if (!day) throw services::usage_error("option --as-of must be a date YYYY-MM-DD");
    return day;
}

}  // namespace

int run_report(const arguments& args) {
    const std::string name = args.empty() ? "" : args.front();
    const std::map<std::string, std::set<std::string>> options_of = {
        {"compliance", {"db", "quarter", "as-of", "format"}},
        {"arrears-by-area", {"db", "as-of", "format"}},
        {"arrears-by-quarter", {"db", "from", "to", "format"}},
    };
    const auto known = options_of.find(name);
    if (known == options_of.end()) {
        throw services::usage_error("name a report: compliance, arrears-by-area or arrears-by-quarter (see cms report --help)");
    }
    const services::cli_arguments options(arguments(args.begin() + 1, args.end()), known->second, {});
    const std::string path = options.required("db");
    const std::string format = options.value("format").value_or("json");
    if (format != "json" && format != "csv") throw services::usage_error("option --format must be json or csv");
    if (options.has("quarter") && options.has("as-of")) throw services::usage_error("give --quarter or --as-of, not both");
    core::reporting_quarter quarter;
    if (const auto text = options.value("quarter")) {
        const auto parsed = core::parse_reporting_quarter(*text);
        if (!parsed) throw services::usage_error("option --quarter must be a quarter such as 2025-Q1");
        quarter = *parsed;
    }
    const core::civil_date as_of = *as_of_option(options);
    if (name == "compliance" && !options.has("quarter")) quarter = services::last_quarter_ended_by(as_of);
    std::pair<core::reporting_quarter, core::reporting_quarter> quarters;
    if (name == "arrears-by-quarter") {
        try {
            quarters = services::requested_quarters(options.value("from"), options.value("to"), as_of);
        } catch (const services::field_error& refused) {
            throw services::usage_error("option --" + refused.field() + " " + refused.what());
        }
    }
    if (!std::filesystem::exists(path)) {
        std::fprintf(stderr, "cms report: no database at %s\n", path.c_str());
        return 1;
    }
    const auto store = persistence::open_sqlite_store(path);
    persistence::read_pool readers(*store, 1);
    const auto fees = services::load_collection_fees(std::nullopt);
    const services::ageing_table ageing = services::load_arrears_ageing(std::nullopt);
    nlohmann::json body;
    std::string csv;
    if (name == "compliance") {
        body = services::compliance_report_body(services::read_compliance_report(readers, quarter));
        csv = "measure,value\n";
        append_csv_rows(body, "", csv);
    } else if (name == "arrears-by-area") {
        body = services::arrears_report_body(services::read_arrears_by_area(readers, as_of, fees, ageing.buckets));
        csv = table_csv(body["local_authorities"], {"rank", "code", "name", "cases_in_arrears", "maintenance_pence",
                                                    "owed_to_state_pence", "total_pence", "average_per_case_pence"});
    } else {
        body = services::arrears_by_quarter_body(
            services::read_arrears_by_quarter(readers, quarters.first, quarters.second, fees, ageing.buckets));
        csv = table_csv(body["quarters"], {"quarter", "as_of", "cases_in_arrears", "maintenance_pence", "owed_to_state_pence",
                                           "total_pence", "average_per_case_pence"});
    }
    const std::string text = format == "json" ? body.dump(2) + "\n" : csv;
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
}

}  // namespace cms::tools

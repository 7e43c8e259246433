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
#include "services/http/statistics_bodies.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/reports/compliance_report.hpp"
#include "services/reports/report_pages.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "services/wire/json_fields.hpp"
#include "subcommands.hpp"

namespace cms::tools {

const char* const report_help =
    "usage: cms report compliance --db PATH [--quarter YYYY-Qn | --as-of YYYY-MM-DD] [--format F]\n"
    "       cms report arrears-by-area --db PATH [--as-of YYYY-MM-DD] [--format F]\n"
    "       cms report arrears-by-quarter --db PATH [--from YYYY-Qn] [--to YYYY-Qn] [--format F]\n"
    "       cms report enforcement --db PATH [--quarter YYYY-Qn | --as-of YYYY-MM-DD] [--format F]\n"
    "       cms report nil-payers-by-method --db PATH [--quarter YYYY-Qn | --as-of YYYY-MM-DD] [--format F]\n"
    "       cms report write-offs --db PATH [--quarter YYYY-Qn | --from YYYY-Qn --to YYYY-Qn] [--format F]\n"
    "       cms report service-types --db PATH [--as-of YYYY-MM-DD] [--format F]\n"
    "       cms report unpaid-since-start --db PATH [--as-of YYYY-MM-DD] [--format F]\n"
    "F is json (default: the API's body), csv, or html (one self-contained page of tables and\n"
    "bar charts, as GET /v1/reports/NAME?format=html answers).\n"
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
    "local authority and by its region of England, each ranked by total, and by nation. For each,\n"
    "the cases in arrears, the maintenance owed to receiving parents, the fees and charges owed to\n"
    "the state, the total, and the average a case (rounded half up). Arrears are each case's\n"
    "position on the date, as GET /v1/cases/{id}/balance gives them, under the built-in policy\n"
    "tables. The same body as GET /v1/reports/arrears-by-area. --format csv prints one table, its\n"
    "'level' column saying what each row is: local_authority and region rows ranked, then nation\n"
    "rows (code england, scotland, wales or unknown), then the 'all' row.\n"
    "\n"
    "arrears-by-quarter: total arrears at the end of each quarter from --from to --to (default:\n"
    "the four quarters ended by today; at most 40), split into maintenance owed to receiving\n"
    "parents and fees and charges owed to the state: the arrears-by-area report's 'all' row on\n"
    "each quarter's last day. The same body as GET /v1/reports/arrears-by-quarter; --format csv\n"
    "prints one row a quarter.\n"
    "\n"
    "enforcement: enforcement actions by step of the ladder in a quarter (--quarter, or the last\n"
    "ended by --as-of): actions taken (applied for at a court, or made by the service), the\n"
    "outcomes recorded (granted, refused, activated, succeeded, failed, withdrawn, expired), and\n"
    "the orders granted or active on the quarter's last day. --format csv: one row a step.\n"
    "\n"
    "nil-payers-by-method: of the Collect and Pay paying parents due to pay in a quarter (the\n"
    "compliance report's), those who paid nothing, by the method of their latest payment received\n"
    "by the quarter's end (none_recorded when none), beside every paying parent due to pay.\n"
    "--format csv: one row a method.\n"
    "\n"
    "write-offs: arrears written off in --quarter, or from --from to --to (default: the four\n"
    "quarters ended by today), by reason: write-offs approved by a second person, dated by\n"
    "approval, and part payments' remainders. --format csv: one row a reason.\n"
    "\n"
    "service-types: arrangements (cases open on --as-of) and children still qualifying in them, by\n"
    "Direct Pay and Collect and Pay, and the Collect and Pay arrangements that paid some or nothing\n"
    "in the last quarter ended by the date. --format csv: one row a service type.\n"
    "\n"
    "unpaid-since-start: Collect and Pay maintenance due since the database's first posting up\n"
    "to --as-of, what was paid, and what was unpaid (still owed, or written off), with the unpaid\n"
    "share in basis points. --format csv: 'measure,value' rows.\n"
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

/// The arrears by area body's rows in one table, each marked with its level, so that one CSV holds
/// the local authorities, regions, nations and the total, and a reader picks a level by column.
nlohmann::json arrears_levels(const nlohmann::json& body) {
    nlohmann::json rows = nlohmann::json::array();
    auto add = [&rows](nlohmann::json row, const char* level) {
        row["level"] = level;
        // Nations and the total are not ranked and have no reference name: empty fields.
        for (const char* field : {"rank", "name"}) {
            if (!row.contains(field)) row[field] = nullptr;
        }
        rows.push_back(std::move(row));
    };
    for (const nlohmann::json& area : body["local_authorities"]) add(area, "local_authority");
    for (const nlohmann::json& region : body["regions"]) add(region, "region");
    for (nlohmann::json nation : body["nations"]) {
        nation["code"] = nation["nation"];
        add(std::move(nation), "nation");
    }
    nlohmann::json all = body["all"];
    all["code"] = "all";
    add(std::move(all), "all");
    return rows;
}

std::optional<core::civil_date> as_of_option(const services::cli_arguments& options) {
    const auto as_of = options.value("as-of");
    if (!as_of) return services::system_business_clock{}.today();
    const auto day = core::parse_iso_date(*as_of);
    if (!day) throw services::usage_error("option --as-of must be a date YYYY-MM-DD");
    return day;
}

}  // namespace

/// A report read and rendered each way: its JSON body, its CSV, its HTML page.
struct rendered_report {
    nlohmann::json body;
    std::string csv;
    services::report_page page;
};

/// The body's scalars as 'measure,value' rows.
std::string measures_csv(const nlohmann::json& body) {
    std::string csv = "measure,value\n";
    append_csv_rows(body, "", csv);
    return csv;
}

int run_report(const arguments& args) {
    const std::string name = args.empty() ? "" : args.front();
    const std::map<std::string, std::set<std::string>> options_of = {
        {"compliance", {"db", "quarter", "as-of", "format"}},
        {"arrears-by-area", {"db", "as-of", "format"}},
        {"arrears-by-quarter", {"db", "from", "to", "format"}},
        {"enforcement", {"db", "quarter", "as-of", "format"}},
        {"nil-payers-by-method", {"db", "quarter", "as-of", "format"}},
        {"write-offs", {"db", "quarter", "from", "to", "format"}},
        {"service-types", {"db", "as-of", "format"}},
        {"unpaid-since-start", {"db", "as-of", "format"}},
    };
    const auto known = options_of.find(name);
    if (known == options_of.end()) {
        throw services::usage_error(
            "name a report: compliance, arrears-by-area, arrears-by-quarter, enforcement, nil-payers-by-method, write-offs, "
            "service-types or unpaid-since-start (see cms report --help)");
    }
    const services::cli_arguments options(arguments(args.begin() + 1, args.end()), known->second, {});
    const std::string path = options.required("db");
    const std::string format = options.value("format").value_or("json");
    if (format != "json" && format != "csv" && format != "html") throw services::usage_error("option --format must be json, csv or html");
    if (options.has("quarter") && options.has("as-of")) throw services::usage_error("give --quarter or --as-of, not both");
    core::reporting_quarter quarter;
    if (const auto text = options.value("quarter")) {
        const auto parsed = core::parse_reporting_quarter(*text);
        if (!parsed) throw services::usage_error("option --quarter must be a quarter such as 2025-Q1");
        quarter = *parsed;
    }
    const core::civil_date as_of = *as_of_option(options);
    if (!options.has("quarter")) quarter = services::last_quarter_ended_by(as_of);
    std::pair<core::reporting_quarter, core::reporting_quarter> quarters;
    try {
        if (name == "arrears-by-quarter") {
            quarters = services::requested_quarters(options.value("from"), options.value("to"), as_of);
        } else if (name == "write-offs") {
            quarters = services::requested_write_off_quarters(options.value("quarter"), options.value("from"),
                                                               options.value("to"), as_of);
        }
    } catch (const services::field_error& refused) {
        throw services::usage_error("option --" + refused.field() + " " + refused.what());
    }
    if (!std::filesystem::exists(path)) {
        std::fprintf(stderr, "cms report: no database at %s\n", path.c_str());
        return 1;
    }
    const auto store = persistence::open_sqlite_store(path);
    persistence::read_pool readers(*store, 1);
    const auto fees = services::load_collection_fees(std::nullopt);
    const services::ageing_table ageing = services::load_arrears_ageing(std::nullopt);
    rendered_report out;
    if (name == "compliance") {
        const auto report = services::read_compliance_report(readers, quarter);
        out = {services::compliance_report_body(report), "", services::compliance_page(report)};
        out.csv = measures_csv(out.body);
    } else if (name == "arrears-by-area") {
        const auto report = services::read_arrears_by_area(readers, as_of, fees, ageing.buckets);
        out = {services::arrears_report_body(report), "", services::arrears_by_area_page(report)};
        out.csv = table_csv(arrears_levels(out.body), {"level", "rank", "code", "name", "cases_in_arrears", "maintenance_pence",
                                                       "owed_to_state_pence", "total_pence", "average_per_case_pence"});
    } else if (name == "arrears-by-quarter") {
        const auto report = services::read_arrears_by_quarter(readers, quarters.first, quarters.second, fees, ageing.buckets);
        out = {services::arrears_by_quarter_body(report), "", services::arrears_by_quarter_page(report)};
        out.csv = table_csv(out.body["quarters"], {"quarter", "as_of", "cases_in_arrears", "maintenance_pence",
                                                   "owed_to_state_pence", "total_pence", "average_per_case_pence"});
    } else if (name == "enforcement") {
        const auto report = services::read_enforcement_report(readers, quarter);
        out = {services::enforcement_report_body(report), "", services::enforcement_page(report)};
        out.csv = table_csv(out.body["steps"], {"step", "taken", "granted", "refused", "activated", "succeeded", "failed",
                                                "withdrawn", "expired", "in_force_at_end"});
    } else if (name == "nil-payers-by-method") {
        const auto report = services::read_nil_payers_report(readers, quarter);
        out = {services::nil_payers_report_body(report), "", services::nil_payers_page(report)};
        out.csv = table_csv(out.body["methods"], {"method", "paid_nothing", "paid_nothing_share_basis_points", "due_to_pay",
                                                  "due_to_pay_share_basis_points"});
    } else if (name == "write-offs") {
        const auto report = services::read_write_offs_report(readers, quarters.first, quarters.second);
        out = {services::write_offs_report_body(report), "", services::write_offs_page(report)};
        out.csv = table_csv(out.body["reasons"], {"reason", "count", "maintenance_pence"});
    } else if (name == "service-types") {
        const auto report = services::read_service_types_report(readers, as_of);
        out = {services::service_types_report_body(report), "", services::service_types_page(report)};
        out.csv = table_csv(out.body["service_types"], {"service_type", "arrangements", "children"});
    } else {
        const auto report = services::read_unpaid_report(readers, as_of);
        out = {services::unpaid_report_body(report), "", services::unpaid_page(report)};
        out.csv = measures_csv(out.body);
    }
    const std::string text = format == "json" ? out.body.dump(2) + "\n"
                             : format == "csv" ? out.csv
                                               : services::render_report_html(out.page);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
}

}  // namespace cms::tools

#include "services/reports/report_pages.hpp"

#include <string_view>

#include "core/statistics/compliance.hpp"
#include "services/reports/reference_data.hpp"

namespace cms::services {

namespace {

constexpr std::size_t areas_charted = 20;

std::string count(std::int64_t value) { return std::to_string(value); }
std::string share(std::int64_t part, std::int64_t whole) {
    return format_basis_points(core::share_basis_points(part, whole).value);
}

std::vector<std::string> area_cells(std::string label, const core::area_arrears& area) {
    return {std::move(label), count(area.cases_in_arrears), format_pounds(area.maintenance.pence()),
            format_pounds(area.owed_to_state.pence()), format_pounds(area.total.pence()),
            format_pounds(area.average_per_case.pence())};
}

/// A chart of arrears stacked as maintenance, then fees and charges; add_bar gives it a bar.
bar_chart arrears_chart(std::string title) {
    return {std::move(title), {}, {{"Maintenance", {}}, {"Fees and charges", {}}}};
}

void add_bar(bar_chart& chart, std::string category, const core::area_arrears& arrears) {
    chart.categories.push_back(std::move(category));
    chart.series[0].values.push_back(arrears.maintenance.pence());
    chart.series[1].values.push_back(arrears.owed_to_state.pence());
}

const std::vector<std::string> area_columns = {"Area",  "Cases in arrears", "Maintenance owed", "Fees and charges owed",
                                               "Total", "Average a case"};

}  // namespace

std::string quarters_period(core::reporting_quarter from, core::reporting_quarter to) {
    const std::string named = from == to ? core::format_reporting_quarter(from)
                                         : core::format_reporting_quarter(from) + " to " + core::format_reporting_quarter(to);
    return named + " (" + core::format_iso_date(from.first_day()) + " to " + core::format_iso_date(to.last_day()) + ")";
}

report_page compliance_page(const compliance_report& report) {
    const core::compliance_summary& summary = report.summary;
    const std::int64_t due = summary.paying_parents_due;
    report_page page{"Collect and Pay compliance", quarters_period(report.quarter, report.quarter),
                     core::format_iso_date(report.quarter.last_day()),
                     {"Of the paying parents due to pay through Collect and Pay in the quarter, how many paid nothing, up to "
                      "90% and over 90% of the maintenance that fell due in it."},
                     {},
                     {}};
    page.tables.push_back({"Paying parents by what they paid",
                           {"Band", "Paying parents", "Share"},
                           {{"Paid nothing", count(summary.paid_nothing), share(summary.paid_nothing, due)},
                            {"Paid up to 90%", count(summary.paid_up_to_90_percent), share(summary.paid_up_to_90_percent, due)},
                            {"Paid over 90%", count(summary.paid_over_90_percent), share(summary.paid_over_90_percent, due)},
                            {"Due to pay", count(due), share(due, due)}}});
    page.tables.push_back({"Maintenance",
                           {"Measure", "Amount"},
                           {{"Due", format_pounds(summary.maintenance_due.pence())},
                            {"Paid", format_pounds(summary.maintenance_paid.pence())},
                            {"Paid share", share(summary.maintenance_paid.pence(), summary.maintenance_due.pence())},
                            {"Cases read", count(report.cases_read)}}});
    page.charts.push_back({"Paying parents by band",
                           {"Paid nothing", "Paid up to 90%", "Paid over 90%"},
                           {{"Paying parents",
                             {summary.paid_nothing, summary.paid_up_to_90_percent, summary.paid_over_90_percent}}}});
    return page;
}

report_page arrears_by_area_page(const arrears_report& report) {
    auto name_of = [](const std::string& code) {
        const std::string_view name = reference_name(code);
        return name.empty() ? code : std::string(name) + " (" + code + ")";
    };
    const std::string as_of = core::format_iso_date(report.as_of);
    report_page page{"Arrears by area", "on " + as_of, as_of,
                     {"The cases in arrears on the date, by the paying parent's local authority, by its region (England's "
                      "nine) and by nation."},
                     {},
                     {}};
    html_table nations{"By nation", area_columns, {}};
    for (const core::area_arrears& nation : report.summary.nations) nations.rows.push_back(area_cells(nation.area_code, nation));
    nations.rows.push_back(area_cells("All", report.summary.all));
    html_table regions{"By region of England, largest total first", area_columns, {}};
    bar_chart region_chart = arrears_chart("Arrears by region of England (pence)");
    for (const core::area_arrears& region : report.summary.regions) {
        regions.rows.push_back(area_cells(name_of(region.area_code), region));
        add_bar(region_chart, name_of(region.area_code), region);
    }
    html_table areas{"By local authority, largest total first", area_columns, {}};
    bar_chart chart = arrears_chart("Arrears by local authority, the 20 largest (pence)");
    for (const core::area_arrears& area : report.summary.areas) {
        areas.rows.push_back(area_cells(name_of(area.area_code), area));
        if (chart.categories.size() < areas_charted) add_bar(chart, name_of(area.area_code), area);
    }
    page.tables = {std::move(nations), std::move(regions), std::move(areas)};
    page.charts = {std::move(region_chart), std::move(chart)};
    return page;
}

report_page arrears_by_quarter_page(const std::vector<arrears_at_quarter_end>& quarters) {
    report_page page{"Arrears by quarter", "", "", {"Total arrears on the last day of each quarter."}, {}, {}};
    if (!quarters.empty()) {
        page.period = quarters_period(quarters.front().quarter, quarters.back().quarter);
        page.as_of = core::format_iso_date(quarters.back().quarter.last_day());
    }
    html_table table{"At each quarter's end", area_columns, {}};
    table.columns.front() = "Quarter";
    bar_chart chart = arrears_chart("Arrears at each quarter's end (pence)");
    for (const arrears_at_quarter_end& quarter : quarters) {
        const std::string name = core::format_reporting_quarter(quarter.quarter);
        table.rows.push_back(area_cells(name, quarter.totals));
        add_bar(chart, name, quarter.totals);
    }
    page.tables.push_back(std::move(table));
    page.charts.push_back(std::move(chart));
    return page;
}

}  // namespace cms::services

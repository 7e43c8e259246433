// The HTML pages of the enforcement, nil payers, write-offs, service types and unpaid-since-start
// reports (report_pages.hpp); report_pages.cpp has the compliance and arrears ones.
#include <string>

#include "services/reports/report_pages.hpp"

namespace cms::services {

namespace {

std::string count(std::int64_t value) { return std::to_string(value); }
std::string share(std::int64_t part, std::int64_t whole) {
    return format_basis_points(core::share_basis_points(part, whole).value);
}


}  // namespace

report_page enforcement_page(const enforcement_report& report) {
    report_page page{"Enforcement actions", quarters_period(report.quarter, report.quarter),
                     core::format_iso_date(report.quarter.last_day()),
                     {"Actions taken (applied for at a court, or made by the service) in the quarter, the outcomes recorded "
                      "in it, and the orders granted or active on its last day, by step of the enforcement ladder."},
                     {},
                     {}};
    html_table table{"By step", {"Step", "Taken"}, {}};
    for (const std::string_view outcome : core::enforcement_outcome_names) table.columns.emplace_back(outcome);
    table.columns.emplace_back("In force at the end");
    bar_chart chart{"Actions taken and in force at the quarter's end, by step", {}, {{"Taken", {}}, {"In force at the end", {}}}};
    auto cells = [](std::string label, const core::enforcement_step_activity& row) {
        std::vector<std::string> line = {std::move(label), count(row.taken)};
        for (const std::int64_t outcome : row.outcomes) line.push_back(count(outcome));
        line.push_back(count(row.in_force_at_end));
        return line;
    };
    for (const core::enforcement_step_activity& row : report.summary.steps) {
        table.rows.push_back(cells(std::string(core::to_string(row.step)), row));
        chart.categories.emplace_back(core::to_string(row.step));
        chart.series[0].values.push_back(row.taken);
        chart.series[1].values.push_back(row.in_force_at_end);
    }
    table.rows.push_back(cells("All steps", report.summary.all));
    page.tables.push_back(std::move(table));
    page.charts.push_back(std::move(chart));
    return page;
}

report_page nil_payers_page(const nil_payers_report& report) {
    const core::nil_payer_methods_summary& summary = report.summary;
    report_page page{"Payment methods of Collect and Pay paying parents who paid nothing",
                     quarters_period(report.quarter, report.quarter), core::format_iso_date(report.quarter.last_day()),
                     {"Of the paying parents due to pay through Collect and Pay in the quarter, those who paid nothing, by "
                      "the method of their latest payment received by the quarter's end, beside every paying parent due "
                      "to pay."},
                     {},
                     {}};
    html_table table{"By method", {"Method", "Paid nothing", "Share of those who paid nothing", "Due to pay", "Share of those due"}, {}};
    bar_chart chart{"Paying parents who paid nothing, by method", {}, {{"Paid nothing", {}}}};
    for (const core::method_count& row : summary.methods) {
        const std::string name(core::method_name(row.method));
        table.rows.push_back({name, count(row.paid_nothing), share(row.paid_nothing, summary.paid_nothing),
                              count(row.due_to_pay), share(row.due_to_pay, summary.due_to_pay)});
        chart.categories.push_back(name);
        chart.series[0].values.push_back(row.paid_nothing);
    }
    table.rows.push_back({"All", count(summary.paid_nothing), share(summary.paid_nothing, summary.paid_nothing),
                          count(summary.due_to_pay), share(summary.due_to_pay, summary.due_to_pay)});
    page.tables.push_back(std::move(table));
    page.charts.push_back(std::move(chart));
    return page;
}

report_page write_offs_page(const write_offs_report& report) {
    const core::write_offs_summary& summary = report.summary;
    report_page page{"Arrears written off", quarters_period(report.from, report.to), core::format_iso_date(report.to.last_day()),
                     {"Write-offs approved by a second person in the period, by reason, dated by approval; and part "
                      "payments' remainders written off when the accepted amount was completed. Only maintenance owed "
                      "to receiving parents is ever written off."},
                     {},
                     {}};
    html_table table{"By reason", {"Reason", "Write-offs", "Maintenance written off"}, {}};
    bar_chart chart{"Maintenance written off by reason (pence)", {}, {{"Maintenance", {}}}};
    for (std::size_t index = 0; index < core::write_off_reasons.size(); ++index) {
        const std::string reason(core::to_string(core::write_off_reasons[index]));
        const core::write_off_count& row = summary.by_reason[index];
        table.rows.push_back({reason, count(row.count), format_pounds(row.maintenance.pence())});
        chart.categories.push_back(reason);
        chart.series[0].values.push_back(row.maintenance.pence());
    }
    table.rows.push_back({"All approved write-offs", count(summary.approved_write_offs.count),
                          format_pounds(summary.approved_write_offs.maintenance.pence())});
    table.rows.push_back({"Part payments' remainders", count(summary.part_payment_remainders.count),
                          format_pounds(summary.part_payment_remainders.maintenance.pence())});
    page.tables.push_back(std::move(table));
    page.charts.push_back(std::move(chart));
    return page;
}

report_page service_types_page(const service_types_report& report) {
    const core::service_types_summary& summary = report.summary;
    const std::string as_of = core::format_iso_date(report.as_of);
    report_page page{"Arrangements and children covered by service type", "on " + as_of, as_of,
                     {"Cases open on the date (opened on or before it, not closed by it) by the service in force, and "
                      "their children still qualifying."},
                     {},
                     {}};
    page.tables.push_back({"By service type",
                           {"Service", "Arrangements", "Children covered", "Share of children"},
                           {{"Direct Pay", count(summary.direct_pay.arrangements), count(summary.direct_pay.children),
                             share(summary.direct_pay.children, summary.all.children)},
                            {"Collect and Pay", count(summary.collect_and_pay.arrangements),
                             count(summary.collect_and_pay.children),
                             share(summary.collect_and_pay.children, summary.all.children)},
                            {"All", count(summary.all.arrangements), count(summary.all.children),
                             share(summary.all.children, summary.all.children)}}});
    const core::arrangements_paying& paying = report.paying;
    page.tables.push_back({"Collect and Pay arrangements due to pay in " + quarters_period(report.quarter, report.quarter),
                           {"Paying status", "Arrangements", "Share"},
                           {{"Paid some", count(paying.paid_some), share(paying.paid_some, paying.due_to_pay)},
                            {"Paid nothing", count(paying.paid_nothing), share(paying.paid_nothing, paying.due_to_pay)},
                            {"Due to pay", count(paying.due_to_pay), share(paying.due_to_pay, paying.due_to_pay)}}});
    page.charts.push_back({"Children covered by service type",
                           {"Direct Pay", "Collect and Pay"},
                           {{"Children", {summary.direct_pay.children, summary.collect_and_pay.children}}}});
    return page;
}

report_page unpaid_page(const unpaid_report& report) {
    const core::unpaid_since_start& figures = report.figures;
    const std::string as_of = core::format_iso_date(report.as_of);
    report_page page{"Collect and Pay maintenance unpaid since the service began", "from the first posting to " + as_of, as_of,
                     {"Maintenance that fell due through Collect and Pay since the service began, and how much of it had "
                      "not been paid by the date: still owed, or written off."},
                     {},
                     {}};
    page.tables.push_back({"Maintenance since the service began",
                           {"Measure", "Amount"},
                           {{"Due", format_pounds(figures.due.pence())},
                            {"Paid", format_pounds(figures.paid.pence())},
                            {"Unpaid", format_pounds(figures.unpaid.pence())},
                            {"Unpaid: still owed", format_pounds(figures.still_owed.pence())},
                            {"Unpaid: written off", format_pounds(figures.written_off.pence())},
                            {"Unpaid share", format_basis_points(figures.unpaid_share.value)}}});
    page.charts.push_back({"Maintenance due since the service began (pence)",
                           {"Due"},
                           {{"Paid", {figures.paid.pence()}},
                            {"Still owed", {figures.still_owed.pence()}},
                            {"Written off", {figures.written_off.pence()}}}});
    return page;
}

}  // namespace cms::services

#pragma once
/// What each report's HTML page holds (report_html.hpp renders it): its title, period, notes,
/// tables of every figure and bar charts. The same figures as the report's JSON body.
#include <vector>

#include "services/reports/arrears_report.hpp"
#include "services/reports/compliance_report.hpp"
#include "services/reports/enforcement_report.hpp"
#include "services/reports/nil_payers_report.hpp"
#include "services/reports/report_html.hpp"
#include "services/reports/service_types_report.hpp"
#include "services/reports/unpaid_report.hpp"
#include "services/reports/write_offs_report.hpp"

namespace cms::services {

report_page compliance_page(const compliance_report& report);
/// Nations; England's regions in a table and a chart; every area in a table, the 20 with the
/// largest totals in a chart. Areas and regions named from schemas/reference/.
report_page arrears_by_area_page(const arrears_report& report);
report_page arrears_by_quarter_page(const std::vector<arrears_at_quarter_end>& quarters);
report_page enforcement_page(const enforcement_report& report);
report_page nil_payers_page(const nil_payers_report& report);
report_page write_offs_page(const write_offs_report& report);
report_page service_types_page(const service_types_report& report);
report_page unpaid_page(const unpaid_report& report);

/// "2025-Q1 (2025-01-01 to 2025-03-31)"; the run of quarters when they differ.
std::string quarters_period(core::reporting_quarter from, core::reporting_quarter to);

}  // namespace cms::services

#pragma once
/// Every report as one self-contained HTML page (`--format html`, `?format=html`): a report says
/// what its tables and bar charts hold (report_pages.hpp) and this renders them, once for all.
/// No scripts, external styles, fonts or images: a small inline style, tables of every figure,
/// and inline SVG bar charts whose bar lengths are computed in whole numbers. All text is escaped.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cms::services {

struct html_table {
    std::string caption;
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;  ///< each as long as `columns`
};

/// One named series of a bar chart: a value for each of the chart's categories.
struct bar_series {
    std::string name;
    std::vector<std::int64_t> values;
};

/// Horizontal bars, one a category; several series are stacked in order. Negative values draw as
/// nothing (the tables give them).
struct bar_chart {
    std::string title;
    std::vector<std::string> categories;
    std::vector<bar_series> series;
};

struct report_page {
    std::string title;
    std::string period;  ///< e.g. "2025-Q1 (2025-01-01 to 2025-03-31)"
    std::string as_of;   ///< the date the figures are as of
    std::vector<std::string> notes;  ///< the definitions, a sentence or two each
    std::vector<html_table> tables;
    std::vector<bar_chart> charts;
};

/// `text` with &, <, >, " and ' replaced by their character references.
std::string escape_html(std::string_view text);

/// The page: UTF-8, every element closed.
std::string render_report_html(const report_page& page);

/// Whole pence as pounds for people: "£1,234.56", "-£0.05".
std::string format_pounds(std::int64_t pence);
/// Basis points as a percentage with two decimals: 6560 -> "65.60%".
std::string format_basis_points(std::int64_t basis_points);

}  // namespace cms::services

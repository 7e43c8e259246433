#include "services/reports/report_html.hpp"

#include <algorithm>
#include <array>

namespace cms::services {

namespace {

/// The drawing area of a chart, in SVG user units.
constexpr std::int64_t label_width = 220;
constexpr std::int64_t bar_area_width = 520;
constexpr std::int64_t value_width = 140;
constexpr std::int64_t row_height = 22;
constexpr std::int64_t bar_height = 16;

/// A fill a series, in order; colours a reader with the commonest colour blindness can tell apart.
constexpr std::array<std::string_view, 4> series_fills = {"#1f5f99", "#e08a1e", "#5d9c3f", "#8a4f9e"};

constexpr std::string_view style = R"(body{font-family:sans-serif;margin:1.5em;color:#111}
table{border-collapse:collapse;margin:0.5em 0 1.5em}
th,td{border:1px solid #999;padding:0.2em 0.5em;text-align:right}
th:first-child,td:first-child{text-align:left}
caption{font-weight:bold;text-align:left;padding-bottom:0.3em}
svg text{font-size:12px;font-family:sans-serif}
@media print{body{margin:0}table,svg{page-break-inside:avoid}}
)";

std::string number(std::int64_t value) { return std::to_string(value); }

void append_table(std::string& html, const html_table& table) {
    html += "<table>\n<caption>" + escape_html(table.caption) + "</caption>\n<thead><tr>";
    for (const std::string& column : table.columns) html += "<th scope=\"col\">" + escape_html(column) + "</th>";
    html += "</tr></thead>\n<tbody>\n";
    for (const auto& row : table.rows) {
        html += "<tr>";
        for (const std::string& cell : row) html += "<td>" + escape_html(cell) + "</td>";
        html += "</tr>\n";
    }
    html += "</tbody>\n</table>\n";
}

void append_chart(std::string& html, const bar_chart& chart) {
    const auto count = static_cast<std::int64_t>(chart.categories.size());
    std::vector<std::int64_t> totals(chart.categories.size(), 0);
    for (const bar_series& series : chart.series) {
        for (std::size_t index = 0; index < totals.size() && index < series.values.size(); ++index) {
            totals[index] += std::max<std::int64_t>(series.values[index], 0);
        }
    }
    const std::int64_t largest = std::max<std::int64_t>(1, totals.empty() ? 1 : *std::max_element(totals.begin(), totals.end()));
    const std::int64_t legend_height = chart.series.size() > 1 ? row_height : 0;
    const std::int64_t width = label_width + bar_area_width + value_width;
    const std::int64_t height = legend_height + std::max<std::int64_t>(count, 1) * row_height + 4;
    html += "<figure>\n<figcaption>" + escape_html(chart.title) + "</figcaption>\n";
    html += "<svg role=\"img\" width=\"" + number(width) + "\" height=\"" +
            number(height) + "\" viewBox=\"0 0 " + number(width) + " " + number(height) + "\">\n";
    html += "<title>" + escape_html(chart.title) + "</title>\n";
    if (legend_height > 0) {
        std::int64_t x = label_width;
        for (std::size_t index = 0; index < chart.series.size(); ++index) {
            html += "<rect x=\"" + number(x) + "\" y=\"4\" width=\"12\" height=\"12\" fill=\"" +
                    std::string(series_fills[index % series_fills.size()]) + "\"></rect>";
            html += "<text x=\"" + number(x + 16) + "\" y=\"15\">" + escape_html(chart.series[index].name) + "</text>\n";
            x += 180;
        }
    }
    for (std::int64_t row = 0; row < count; ++row) {
        const auto index = static_cast<std::size_t>(row);
        const std::int64_t y = legend_height + row * row_height;
        html += "<text x=\"0\" y=\"" + number(y + 13) + "\">" + escape_html(chart.categories[index]) + "</text>";
        std::int64_t x = label_width;
        for (std::size_t series = 0; series < chart.series.size(); ++series) {
            const auto& values = chart.series[series].values;
            const std::int64_t value = index < values.size() ? std::max<std::int64_t>(values[index], 0) : 0;
            // Whole units: the bar's share of the widest total, rounded down, so bars never overflow.
            const std::int64_t length = value * bar_area_width / largest;
            if (length > 0) {
                html += "<rect x=\"" + number(x) + "\" y=\"" + number(y + 2) + "\" width=\"" + number(length) +
                        "\" height=\"" + number(bar_height) + "\" fill=\"" +
                        std::string(series_fills[series % series_fills.size()]) + "\"></rect>";
            }
            x += length;
        }
        html += "<text x=\"" + number(x + 6) + "\" y=\"" + number(y + 13) + "\">" + number(totals[index]) + "</text>\n";
    }
    html += "</svg>\n</figure>\n";
}

}  // namespace

std::string escape_html(std::string_view text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': escaped += "&amp;"; break;
            case '<': escaped += "&lt;"; break;
            case '>': escaped += "&gt;"; break;
            case '"': escaped += "&quot;"; break;
            case '\'': escaped += "&#39;"; break;
            default: escaped += c;
        }
    }
    return escaped;
}

std::string render_report_html(const report_page& page) {
    std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                       escape_html(page.title) + " " + escape_html(page.period) + "</title>\n<style>\n" +
                       std::string(style) + "</style>\n</head>\n<body>\n";
    html += "<h1>" + escape_html(page.title) + "</h1>\n<p>Period: " + escape_html(page.period) +
            "</p>\n<p>As of: " + escape_html(page.as_of) + "</p>\n";
    for (const std::string& note : page.notes) html += "<p>" + escape_html(note) + "</p>\n";
    for (const bar_chart& chart : page.charts) append_chart(html, chart);
    for (const html_table& table : page.tables) append_table(html, table);
    html += "</body>\n</html>\n";
    return html;
}

std::string format_pounds(std::int64_t pence) {
    const bool negative = pence < 0;
    // Magnitude in unsigned arithmetic, so the most negative value has one too.
    const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(pence) : static_cast<std::uint64_t>(pence);
    std::string pounds = std::to_string(magnitude / 100);
    for (auto at = static_cast<std::int64_t>(pounds.size()) - 3; at > 0; at -= 3) {
        pounds.insert(static_cast<std::size_t>(at), ",");
    }
    const std::uint64_t rest = magnitude % 100;
    return std::string(negative ? "-" : "") + "£" + pounds + "." + (rest < 10 ? "0" : "") + std::to_string(rest);
}

std::string format_basis_points(std::int64_t basis_points) {
    const std::int64_t rest = basis_points % 100;
    return std::to_string(basis_points / 100) + "." + (rest < 10 ? "0" : "") + std::to_string(rest) + "%";
}

}  // namespace cms::services

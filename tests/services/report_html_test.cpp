// The reports' HTML pages (services/reports/report_html.hpp, report_pages.hpp): one renderer for
// every report; each page is well formed (every tag opened is closed, in order), holds the
// figures, escapes its text (area names with ampersands and apostrophes), and refers to nothing
// outside itself (no URL at all).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "services/reports/report_pages.hpp"

namespace {

/// The elements HTML never closes.
bool is_void_element(const std::string& name) { return name == "meta" || name == "br" || name == "!DOCTYPE"; }

/// Empty when every element opened is closed, innermost first; otherwise what went wrong. A small
/// checker: tags are <name ...>, </name>; text between holds no '<' (it is escaped).
std::string unbalanced_tags(const std::string& html) {
    std::vector<std::string> open;
    for (std::size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
        const std::size_t end = html.find('>', at);
        if (end == std::string::npos) return "a tag is not ended at " + std::to_string(at);
        const bool closing = html[at + 1] == '/';
        const std::size_t name_start = at + (closing ? 2 : 1);
        const std::size_t name_end = html.find_first_of(" >", name_start);
        const std::string name = html.substr(name_start, name_end - name_start);
        if (closing) {
            if (open.empty() || open.back() != name) return "</" + name + "> closes " + (open.empty() ? "nothing" : open.back());
            open.pop_back();
        } else if (!is_void_element(name)) {
            open.push_back(name);
        }
        // Text in <style> holds no '<', so the scan needs no special case for it.
    }
    return open.empty() ? "" : "<" + open.back() + "> is never closed";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("escape_html replaces the five characters HTML gives meaning") {
    CHECK(cms::services::escape_html("King's Lynn & West <Norfolk> \"x\"") ==
          "King&#39;s Lynn &amp; West &lt;Norfolk&gt; &quot;x&quot;");
}

TEST_CASE("pounds and basis points are written with whole-number arithmetic") {
    CHECK(cms::services::format_pounds(0) == "£0.00");
    CHECK(cms::services::format_pounds(5) == "£0.05");
    CHECK(cms::services::format_pounds(123456789) == "£1,234,567.89");
    CHECK(cms::services::format_pounds(-100000) == "-£1,000.00");
    CHECK(cms::services::format_basis_points(6560) == "65.60%");
    CHECK(cms::services::format_basis_points(7) == "0.07%");
}

TEST_CASE("an arrears page: balanced tags, every figure, an escaped ampersand name, and no URL") {
    cms::services::arrears_report report;
    report.as_of = *cms::core::parse_iso_date("2025-04-30");
    // E07000146 is King's Lynn and West Norfolk in the reference list; an unlisted code shows as
    // itself, so a made-up one with an ampersand shows how a name is escaped whatever its source.
    cms::core::area_arrears lynn{"E07000146", 2, cms::core::money::from_pence(15000), cms::core::money::from_pence(3000),
                                 cms::core::money::from_pence(18000), cms::core::money::from_pence(9000)};
    cms::core::area_arrears odd{"Q&A<1>", 1, cms::core::money::from_pence(500), cms::core::money::from_pence(0),
                                cms::core::money::from_pence(500), cms::core::money::from_pence(500)};
    report.summary.areas = {lynn, odd};
    // Its region, named from the reference data too, in a table and a chart of its own.
    cms::core::area_arrears east = lynn;
    east.area_code = "E12000006";
    report.summary.regions = {east};
    report.summary.all = {"all", 3, cms::core::money::from_pence(15500), cms::core::money::from_pence(3000),
                          cms::core::money::from_pence(18500), cms::core::money::from_pence(6167)};
    const std::string html = cms::services::render_report_html(cms::services::arrears_by_area_page(report));
    CHECK(unbalanced_tags(html).empty());
    CHECK(unbalanced_tags("<p><b>x</p></b>") == "</p> closes b");  // the checker can fail
    CHECK_FALSE(contains(html, "http"));
    CHECK_FALSE(contains(html, "<script"));
    CHECK(contains(html, "King&#39;s Lynn and West Norfolk (E07000146)"));
    CHECK(contains(html, "Q&amp;A&lt;1&gt;"));
    CHECK(contains(html, "By region of England, largest total first"));
    CHECK(contains(html, "<td>East of England (E12000006)</td>"));
    CHECK(contains(html, "Arrears by region of England (pence)"));
    CHECK_FALSE(contains(html, "Q&A"));
    CHECK(contains(html, "<td>£180.00</td>"));  // the total, 18000p
    CHECK(contains(html, "<td>£61.67</td>"));   // the average of all, 6167p
    CHECK(contains(html, "<svg"));
    // Bars scale to the widest total (18000p over 520 units): 15000 * 520 / 18000 = 433 and
    // 3000 * 520 / 18000 = 86 (rounded down), and 500 * 520 / 18000 = 14.
    CHECK(contains(html, "width=\"433\""));
    CHECK(contains(html, "width=\"86\""));
    CHECK(contains(html, "width=\"14\""));
    CHECK(contains(html, "Period: on 2025-04-30"));
}

TEST_CASE("every report's page is well formed, holds its figures and has a chart") {
    using namespace cms::services;
    compliance_report compliance;
    compliance.quarter = {2025, 1};
    compliance.summary = {4, 2, 1, 1, cms::core::money::from_pence(36000), cms::core::money::from_pence(14900)};
    enforcement_report enforcement;
    enforcement.quarter = {2025, 2};
    enforcement.summary.steps.push_back({cms::core::enforcement_step::liability_order, 3, {1, 1, 0, 0, 0, 0, 0}, 2});
    enforcement.summary.all = enforcement.summary.steps.back();
    write_offs_report write_offs;
    write_offs.from = {2025, 1};
    write_offs.to = {2025, 2};
    write_offs.summary.by_reason[0] = {1, cms::core::money::from_pence(4736)};
    unpaid_report unpaid;
    unpaid.as_of = *cms::core::parse_iso_date("2025-06-30");
    unpaid.figures = cms::core::summarise_unpaid({cms::core::money::from_pence(10000), cms::core::money::from_pence(9300)},
                                                 cms::core::money::from_pence(200));
    service_types_report types;
    types.as_of = unpaid.as_of;
    types.quarter = {2025, 2};
    types.summary.direct_pay = {5, 7};
    types.summary.collect_and_pay = {3, 4};
    types.summary.all = {8, 11};
    nil_payers_report nil;
    nil.quarter = {2025, 1};
    nil.summary = cms::core::summarise_nil_payer_methods(std::vector<cms::core::paying_parent_method>{
        {cms::core::compliance_band::paid_nothing, cms::core::payment_method::cheque}});
    const std::vector<std::pair<std::string, std::string>> pages = {
        {render_report_html(compliance_page(compliance)), "<td>£149.00</td>"},
        {render_report_html(arrears_by_quarter_page({{{2025, 1}, {"all", 1, cms::core::money::from_pence(700), {}, cms::core::money::from_pence(700), cms::core::money::from_pence(700)}}})),
         "<td>£7.00</td>"},
        {render_report_html(enforcement_page(enforcement)), "<td>liability_order</td><td>3</td><td>1</td><td>1</td>"},
        {render_report_html(write_offs_page(write_offs)), "<td>£47.36</td>"},
        {render_report_html(unpaid_page(unpaid)), "<td>7.00%</td>"},  // 700 of 10000
        {render_report_html(service_types_page(types)), "<td>Direct Pay</td><td>5</td><td>7</td><td>63.64%</td>"},
        {render_report_html(nil_payers_page(nil)), "<td>cheque</td><td>1</td><td>100.00%</td>"},
    };
    for (const auto& [html, figure] : pages) {
        CAPTURE(figure);
        CHECK(unbalanced_tags(html).empty());
        CHECK_FALSE(contains(html, "http"));
        CHECK(contains(html, "<svg"));
        CHECK(contains(html, "<rect"));
        CHECK(contains(html, figure));
    }
}

#include "core/statistics/arrears_by_area.hpp"

#include <algorithm>
#include <array>
#include <map>

namespace cms::core {

namespace {

void add_case(area_arrears& into, const case_arrears_in_area& in_arrears) {
    ++into.cases_in_arrears;
    into.maintenance += in_arrears.maintenance;
    into.owed_to_state += in_arrears.owed_to_state;
    into.total += in_arrears.maintenance + in_arrears.owed_to_state;
}

void set_average(area_arrears& area) {
    const std::int64_t cases = area.cases_in_arrears;
    // Half up for a non-negative total: add half the divisor before dividing.
    area.average_per_case = cases == 0 ? money{} : money::from_pence((area.total.pence() + cases / 2) / cases);
}

/// The group named `code`, made with that code on first use.
area_arrears& group(std::map<std::string, area_arrears>& groups, std::string_view code) {
    area_arrears& found = groups[std::string(code)];
    found.area_code = code;
    return found;
}

/// The groups with their averages, by total, largest first; ties stay in code order (the map's).
std::vector<area_arrears> ranked(std::map<std::string, area_arrears>& groups) {
    std::vector<area_arrears> rows;
    for (auto& [code, area] : groups) {
        set_average(area);
        rows.push_back(area);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const area_arrears& a, const area_arrears& b) { return b.total < a.total; });
    return rows;
}

}  // namespace

std::string_view nation_of(std::string_view area_code) {
    if (area_code.empty()) return "unknown";
    switch (area_code.front()) {
        case 'E': return "england";
        case 'S': return "scotland";
        case 'W': return "wales";
        default: return "unknown";
    }
}

arrears_by_area_summary summarise_arrears_by_area(std::span<const case_arrears_in_area> cases,
                                                  std::span<const area_in_region> regions) {
    std::map<std::string_view, std::string_view> region_of;
    for (const area_in_region& area : regions) region_of.emplace(area.area_code, area.region_code);
    std::map<std::string, area_arrears> by_area;
    std::map<std::string, area_arrears> by_region;
    std::map<std::string, area_arrears> by_nation;
    arrears_by_area_summary summary;
    summary.all.area_code = "all";
    for (const case_arrears_in_area& in_arrears : cases) {
        if (in_arrears.maintenance.is_zero() && in_arrears.owed_to_state.is_zero()) continue;
        add_case(group(by_area, in_arrears.area_code), in_arrears);
        const std::string_view nation = nation_of(in_arrears.area_code);
        add_case(group(by_nation, nation), in_arrears);
        if (nation == "england") {
            const auto region = region_of.find(in_arrears.area_code);
            add_case(group(by_region, region == region_of.end() ? unknown_region : region->second), in_arrears);
        }
        add_case(summary.all, in_arrears);
    }
    summary.areas = ranked(by_area);
    summary.regions = ranked(by_region);
    for (const std::string_view nation : std::array<std::string_view, 4>{"england", "scotland", "wales", "unknown"}) {
        const auto found = by_nation.find(std::string(nation));
        if (found == by_nation.end()) continue;
        set_average(found->second);
        summary.nations.push_back(found->second);
    }
    set_average(summary.all);
    return summary;
}

}  // namespace cms::core

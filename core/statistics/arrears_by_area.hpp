#pragma once
/// Arrears by area: the cases in arrears on a date, grouped by the paying parent's local authority,
/// by region (England's nine ONS regions) and by nation, with the maintenance owed to receiving parents and the fees and charges owed to
/// the state, and ranked by total. This is how the press reads the statistics ("arrears in West
/// Dorset"); README.md in this folder.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/money.hpp"

namespace cms::core {

/// One case's arrears on the report's date, and its paying parent's area (ONS GSS code).
struct case_arrears_in_area {
    std::string area_code;
    money maintenance;    ///< owed to the receiving parents
    money owed_to_state;  ///< collection fees and enforcement charges
};

/// A local authority's ONS region (a GSS E12 code), as the reference data gives it: core reads
/// no files, so the caller passes the lookup in.
struct area_in_region {
    std::string area_code;
    std::string region_code;
};

/// The region an English case is counted in when its area is not in the lookup (a code from
/// after the lookup's boundaries, or a mistyped one), so that the regions still add up to England.
inline constexpr std::string_view unknown_region = "unknown";

struct area_arrears {
    std::string area_code;  ///< a GSS code; a region's code in `regions`; a nation's name in `nations`
    std::int64_t cases_in_arrears = 0;
    money maintenance;
    money owed_to_state;
    money total;
    /// total / cases_in_arrears, rounded half up to the penny
    money average_per_case;
};

struct arrears_by_area_summary {
    std::vector<area_arrears> areas;    ///< by total, largest first; ties by code
    /// England's cases by their area's region, ranked as the areas; they add up to England's row
    std::vector<area_arrears> regions;
    std::vector<area_arrears> nations;  ///< england, scotland, wales, then unknown, those with cases
    area_arrears all;                   ///< area_code "all"
};

/// The nation of a GSS code by its first letter: "england" (E), "scotland" (S), "wales" (W);
/// "unknown" for anything else (an empty code included). The service is Great Britain's.
std::string_view nation_of(std::string_view area_code);

/// Cases not in arrears (both amounts zero) are left out. `regions` says which region each English
/// area is in; Welsh and Scottish cases count in their nation only (regions are England's).
arrears_by_area_summary summarise_arrears_by_area(std::span<const case_arrears_in_area> cases,
                                                  std::span<const area_in_region> regions);

}  // namespace cms::core

#pragma once
/// Arrears by area: the cases in arrears on a date, grouped by the paying parent's local authority
/// and by nation, with the maintenance owed to receiving parents and the fees and charges owed to
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

struct area_arrears {
    std::string area_code;  ///< a GSS code, or a nation's name in `nations`
    std::int64_t cases_in_arrears = 0;
    money maintenance;
    money owed_to_state;
    money total;
    /// total / cases_in_arrears, rounded half up to the penny
    money average_per_case;
};

struct arrears_by_area_summary {
    std::vector<area_arrears> areas;    ///< by total, largest first; ties by code
    std::vector<area_arrears> nations;  ///< england, scotland, wales, then unknown, those with cases
    area_arrears all;                   ///< area_code "all"
};

/// The nation of a GSS code by its first letter: "england" (E), "scotland" (S), "wales" (W);
/// "unknown" for anything else (an empty code included). The service is Great Britain's.
std::string_view nation_of(std::string_view area_code);

/// Cases not in arrears (both amounts zero) are left out.
arrears_by_area_summary summarise_arrears_by_area(std::span<const case_arrears_in_area> cases);

}  // namespace cms::core

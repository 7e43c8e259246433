#include "core/calculation/calculation_policy.hpp"

#include <algorithm>

namespace cms::core {

bool is_in_force(const calculation_rates& row, civil_date day) {
    const date::sys_days when{day};
    if (when < date::sys_days{row.effective_from}) return false;
    return !row.effective_to || when < date::sys_days{*row.effective_to};
}

const calculation_rates* rates_in_force(std::span<const calculation_rates> rows, civil_date day) {
    for (const calculation_rates& row : rows) {
        if (is_in_force(row, day)) return &row;
    }
    return nullptr;
}

std::size_t qualifying_children_column(int count) {
    return static_cast<std::size_t>(std::clamp(count, 1, 3) - 1);
}

const shared_care_band* shared_care_band_for(const calculation_rates& row, int nights) {
    for (const shared_care_band& band : row.shared_care_bands) {
        if (nights >= band.nights_from && (!band.nights_to || nights <= *band.nights_to)) {
            return &band;
        }
    }
    return nullptr;
}

}  // namespace cms::core

#pragma once
// Small value fixtures shared by the test suites, written once: a civil date from its parts and
// an amount of money from pence.
#include <cstdint>

#include "core/common/civil_date.hpp"
#include "core/common/money.hpp"

namespace cms::testing {

inline core::civil_date ymd(int y, unsigned m, unsigned d) {
    return core::civil_date{date::year{y}, date::month{m}, date::day{d}};
}

inline core::money pence(std::int64_t amount) { return core::money::from_pence(amount); }

}  // namespace cms::testing

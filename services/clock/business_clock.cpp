#include "services/clock/business_clock.hpp"

#include <chrono>

namespace cms::services {

core::civil_date system_business_clock::today() const {
    return core::civil_date{date::floor<date::days>(std::chrono::system_clock::now())};
}

simulated_business_clock::simulated_business_clock(core::civil_date start)
    : days_since_epoch_(date::sys_days{start}.time_since_epoch().count()) {}

core::civil_date simulated_business_clock::today() const {
    return core::civil_date{date::sys_days{date::days{days_since_epoch_.load()}}};
}

void simulated_business_clock::set(core::civil_date day) {
    days_since_epoch_.store(date::sys_days{day}.time_since_epoch().count());
}

}  // namespace cms::services

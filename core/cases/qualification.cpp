#include "core/cases/qualification.hpp"

namespace cms::core {

civil_date anniversary_of(civil_date born, int years) {
    const date::year year = born.year() + date::years{years};
    const civil_date same_day{year, born.month(), born.day()};
    if (same_day.ok()) return same_day;
    // 29 February in a common year: the age is reached the day after 28 February.
    return civil_date{date::sys_days{civil_date{year, date::March, date::day{1}}}};
}

civil_date stops_qualifying_on(civil_date born, bool full_time_non_advanced_education) {
    return anniversary_of(born, full_time_non_advanced_education ? qualifying_age_limit_in_education_years
                                                                 : qualifying_age_limit_years);
}

}  // namespace cms::core

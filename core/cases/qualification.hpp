#pragma once
/// When a child stops being a qualifying child, pure.
///
/// A qualifying child is under 16, or under 20 in full-time non-advanced education or approved
/// training (Child Support Act 1991, section 55). A child stops qualifying on the birthday that
/// ends it: the 16th, or the 20th when the case records full-time non-advanced education. From
/// that day the child no longer counts in the calculation; with no qualifying child left the
/// case ends (Schedule 1, paragraph 16).
///
/// A birthday on 29 February falls on 1 March in a common year (the day a person born then
/// reaches the age, as age_in_years counts it; SQLite's date(born, '+16 years') agrees, which
/// migration 0015 relies on).
#include "core/common/civil_date.hpp"

namespace cms::core {

inline constexpr int qualifying_age_limit_years = 16;
inline constexpr int qualifying_age_limit_in_education_years = 20;

/// The day a person born on `born` reaches `years` years of age.
civil_date anniversary_of(civil_date born, int years);

/// The first day the child no longer qualifies.
civil_date stops_qualifying_on(civil_date born, bool full_time_non_advanced_education);

}  // namespace cms::core

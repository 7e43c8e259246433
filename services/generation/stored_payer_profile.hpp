#pragma once
/// A payer profile as the store keeps it (persistence::payer_profile_row, migration 0025) and
/// back: persistence knows no services type, so the behaviour crosses by its stored name.
#include <cstdint>
#include <utility>
#include <vector>

#include "persistence/case_repository.hpp"
#include "services/generation/payer_behaviour.hpp"

namespace cms::services {

persistence::payer_profile_row payer_profile_to_row(const payer_profile& profile);

/// Throws std::runtime_error when the row's behaviour is no longer a name this program knows
/// (a file changed behind its back): a simulation must not guess how a parent pays.
payer_profile payer_profile_from_row(const persistence::payer_profile_row& row);

/// A page of generated cases' profiles in case id order after `after_case_id`, at most `limit`:
/// what `cms simulate-caseload` walks the caseload with.
std::vector<std::pair<core::case_id, payer_profile>> list_payer_profiles(persistence::case_queries& cases,
                                                                       std::int64_t after_case_id, std::int64_t limit);

}  // namespace cms::services

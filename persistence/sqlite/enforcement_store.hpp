#pragma once
/// Enforcement actions and their events (schemas/sql/sqlite/0017_enforcement_actions.sql).
#include <optional>
#include <vector>

#include "persistence/enforcement_repository.hpp"
#include "persistence/sqlite/statement_cache.hpp"

namespace cms::persistence::sqlite {

std::vector<enforcement_action_row> enforcement_actions_of_case(database_ref database, core::case_id for_case);
std::optional<enforcement_action_row> find_enforcement_action(database_ref database, std::int64_t action_id);
std::vector<enforcement_event_row> enforcement_events(database_ref database, std::int64_t action_id);
std::int64_t insert_enforcement_action(database_ref database, const enforcement_action_row& row);
void update_enforcement_action(database_ref database, const enforcement_action_row& row);
void insert_enforcement_event(database_ref database, const enforcement_event_row& row);

}  // namespace cms::persistence::sqlite

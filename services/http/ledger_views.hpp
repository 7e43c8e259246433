#pragma once
/// JSON views of a case's money: GET /v1/cases/{id}/balance and /statement.
#include <nlohmann/json.hpp>

#include <span>

#include "core/arrears/arrears.hpp"
#include "services/ledger/ledger_service.hpp"

namespace cms::services {

nlohmann::json balance_view(const case_balance& shown, std::span<const core::ageing_bucket> buckets);
nlohmann::json statement_view(const statement_page& page);

}  // namespace cms::services

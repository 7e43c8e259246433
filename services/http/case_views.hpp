#pragma once
/// JSON views of records, shared by command responses and queries so both show one shape.
#include <nlohmann/json.hpp>

#include <vector>

#include "core/cases/case_records.hpp"
#include "persistence/case_repository.hpp"

namespace cms::services {

nlohmann::json parent_view(const core::parent_record& parent);
nlohmann::json payment_view(const persistence::payment_row& payment);
nlohmann::json case_view(const core::case_record& record, const core::parent_record& paying,
                         const core::parent_record& receiving,
                         const std::vector<persistence::payment_row>& payments);

}  // namespace cms::services

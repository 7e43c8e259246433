#pragma once
/// JSON views of records, shared by command answers (answers.hpp) and reads, so both show one
/// shape.
#include <nlohmann/json.hpp>

#include <vector>

#include "core/cases/case_records.hpp"
#include "persistence/arrears_request_repository.hpp"
#include "persistence/case_repository.hpp"
#include "persistence/user_repository.hpp"

namespace cms::services {

nlohmann::json parent_view(const core::parent_record& parent);
nlohmann::json payment_view(const persistence::payment_row& payment);
nlohmann::json case_view(const core::case_record& record, const core::parent_record& paying,
                         const core::parent_record& receiving,
                         const std::vector<persistence::payment_row>& payments);
nlohmann::json arrears_request_view(const persistence::arrears_request_row& row);
nlohmann::json payment_reversal_view(const persistence::payment_reversal_row& row);
nlohmann::json case_summary_view(const persistence::case_summary& row);
nlohmann::json case_closure_view(const persistence::case_closure_row& row);
/// A ledger leg as listings show it: code, accounts (with the receiving parent's slot for the
/// per-parent ones) and amount.
nlohmann::json leg_view(const core::transfer& leg);
nlohmann::json user_view(const persistence::user_listing& listing);

}  // namespace cms::services

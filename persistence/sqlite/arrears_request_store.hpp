#pragma once
/// Rows of arrears_requests and arrears_decisions (migration 0006) and of the part-payment
/// receipts and settlements (migration 0010): write-off and part-payment
/// requests, and the one decision each may get.
#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "persistence/sqlite/statement_cache.hpp"
#include "persistence/arrears_request_repository.hpp"

namespace cms::persistence::sqlite {

std::int64_t insert_arrears_request(database_ref database, const arrears_request_row& row, core::command_id cause);
void insert_arrears_decision(database_ref database, std::int64_t request_id, const arrears_decision_row& decision,
                             core::command_id cause);
std::optional<arrears_request_row> find_arrears_request(database_ref database, std::int64_t id);
void insert_part_payment_receipt(database_ref database, std::int64_t request_id, core::command_id cause,
                                 core::civil_date received_on, core::money amount);
void insert_part_payment_settlement(database_ref database, std::int64_t request_id, core::command_id cause,
                                    const part_payment_settlement_row& settlement);
/// Approved part payments of the case with no settlement yet (migration 0010), in id order.
std::vector<arrears_request_row> open_part_payment_agreements(database_ref database, core::case_id for_case);

/// Requests in id order after `after_id`, at most `limit`; only undecided ones when `pending_only`.
std::vector<arrears_request_row> list_arrears_requests(database_ref database, bool pending_only,
                                                       std::int64_t after_id, std::int64_t limit);

}  // namespace cms::persistence::sqlite

#pragma once
/// Rows of arrears_requests and arrears_decisions (migration 0006): write-off and part-payment
/// requests, and the one decision each may get.
#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "persistence/arrears_request_repository.hpp"

namespace cms::persistence::sqlite {

std::int64_t insert_arrears_request(SQLite::Database& database, const arrears_request_row& row, core::command_id cause);
void insert_arrears_decision(SQLite::Database& database, std::int64_t request_id, const arrears_decision_row& decision,
                             core::command_id cause);
std::optional<arrears_request_row> find_arrears_request(SQLite::Database& database, std::int64_t id);

/// Requests in id order after `after_id`, at most `limit`; only undecided ones when `pending_only`.
std::vector<arrears_request_row> list_arrears_requests(SQLite::Database& database, bool pending_only,
                                                       std::int64_t after_id, std::int64_t limit);

}  // namespace cms::persistence::sqlite

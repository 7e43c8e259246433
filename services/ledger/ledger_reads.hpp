#pragma once
/// The reads of a case's money, each in one snapshot of the store: its balance and position,
/// and a page of its statement. not_found for a case that does not exist.
#include <span>

#include "persistence/read_pool.hpp"
#include "services/commands/command_outcome.hpp"
#include "services/ledger/ledger_service.hpp"

namespace cms::services {

query_result<case_balance> read_balance(persistence::read_pool& readers, core::case_id for_case, core::civil_date as_of,
                                        std::span<const core::collection_fee_row> fee_policy,
                                        std::span<const core::ageing_bucket> buckets);

query_result<statement_page> read_statement(persistence::read_pool& readers, core::case_id for_case,
                                            const statement_page_request& request);

}  // namespace cms::services

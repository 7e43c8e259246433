#include "services/ledger/ledger_reads.hpp"

namespace cms::services {

namespace {

refusal no_such_case() { return refusal{refusal_kind::not_found, "no case with this id", "case_id"}; }

}  // namespace

query_result<case_balance> read_balance(persistence::read_pool& readers, core::case_id for_case, core::civil_date as_of,
                                        std::span<const core::collection_fee_row> fee_policy,
                                        std::span<const core::ageing_bucket> buckets) {
    auto session = readers.borrow(persistence::read_consistency::snapshot);
    if (!session->cases().find_case(for_case)) return no_such_case();
    return balance_of(*session, for_case, as_of, fee_policy, buckets);
}

query_result<statement_page> read_statement(persistence::read_pool& readers, core::case_id for_case,
                                            const statement_page_request& request) {
    auto session = readers.borrow(persistence::read_consistency::snapshot);
    if (!session->cases().find_case(for_case)) return no_such_case();
    return statement_of(session->ledger(), for_case, request);
}

}  // namespace cms::services

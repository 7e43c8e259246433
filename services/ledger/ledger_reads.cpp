#include "services/ledger/ledger_reads.hpp"

#include <vector>

#include "core/enforcement/arrears_agreement.hpp"

namespace cms::services {

namespace {

refusal no_such_case() { return refusal{refusal_kind::not_found, "no case with this id", "case_id"}; }

bool in_range(core::civil_date day, const statement_page_request& request) {
    return !(day < request.from) && !(request.to < day);
}

template <typename Row, typename DateOf>
std::vector<Row> dated_in_range(std::vector<Row> rows, const statement_page_request& request, DateOf date_of) {
    std::erase_if(rows, [&](const Row& row) { return !in_range(date_of(row), request); });
    return rows;
}

statement_events events_of(persistence::enforcement_queries& enforcement, core::case_id for_case,
                           const statement_page_request& request) {
    statement_events events;
    for (const auto& action : enforcement.enforcement_actions_of_case(for_case)) {
        persistence::enforcement_action_history shown{
            action,
            dated_in_range(enforcement.enforcement_events(action.action_id), request, [](const auto& row) { return row.on; }),
            dated_in_range(enforcement.enforcement_deductions(action.action_id), request,
                           [](const auto& row) { return row.on; })};
        if (!shown.events.empty() || !shown.deductions.empty()) events.actions.push_back(std::move(shown));
    }
    events.missed_payments = dated_in_range(enforcement.missed_payments_of_case(for_case), request,
                                            [](const auto& row) { return row.detected_on; });
    events.notices =
        dated_in_range(enforcement.case_notices_of_case(for_case), request, [](const auto& row) { return row.on; });
    for (auto& agreement : enforcement.arrears_agreements_of_case(for_case)) {
        if (in_range(agreement.made_on, request) || in_range(agreement.status_on, request)) {
            events.agreements.push_back(std::move(agreement));
        }
    }
    events.penalties =
        dated_in_range(enforcement.penalties_of_case(for_case), request, [](const auto& row) { return row.imposed_on; });
    return events;
}

}  // namespace

query_result<case_balance> read_balance(persistence::read_pool& readers, core::case_id for_case, core::civil_date as_of,
                                        std::span<const core::collection_fee_row> fee_policy,
                                        std::span<const core::ageing_bucket> buckets) {
    auto session = readers.borrow(persistence::read_consistency::snapshot);
    if (!session->cases().find_case(for_case)) return no_such_case();
    case_balance balance = balance_of(*session, for_case, as_of, fee_policy, buckets);
    auto& next = balance.position.next_instalment;
    for (const auto& agreement : session->enforcement().arrears_agreements_of_case(for_case)) {
        if (!next || agreement.status != core::arrears_agreement_status::active || as_of < agreement.made_on) continue;
        // The agreement adds its instalment to each instalment of the plan (arrears_agreement.hpp).
        const core::money arrears_now = balance.position.arrears ? balance.position.arrears->total : core::money{};
        balance.next_arrears_part = core::arrears_part_of_next_instalment(agreement.arrears_instalment, arrears_now);
        next->amount += *balance.next_arrears_part;
    }
    return balance;
}

query_result<statement_page> read_statement(persistence::read_pool& readers, core::case_id for_case,
                                            const statement_page_request& request) {
    auto session = readers.borrow(persistence::read_consistency::snapshot);
    if (!session->cases().find_case(for_case)) return no_such_case();
    statement_page page = statement_of(session->ledger(), for_case, request);
    page.events = events_of(session->enforcement(), for_case, request);
    return page;
}

}  // namespace cms::services

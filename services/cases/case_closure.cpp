// The closure command of case_service (core/cases/closure.hpp has the rule): liability stops from
// the effective date by a nil weekly term appended from it (accrual then charges the last period
// by the day), the closure is recorded and the case marked closed, in one transaction. Arrears
// stay collectable: payments are still taken and allocated.
#include <algorithm>

#include "persistence/case_terms_batch.hpp"
#include "persistence/unit_of_work.hpp"
#include "services/calculation/linked_cases.hpp"
#include "services/cases/case_service.hpp"
#include "services/commands/command_refusal.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/wire/answers.hpp"

namespace cms::services {

namespace {

using detail::refuse;

/// The start of the case's latest liability term (each receiving parent's history).
core::civil_date latest_term_from(persistence::read_view& view, core::case_id for_case, core::civil_date opened_on) {
    persistence::case_terms_batch terms;
    view.accrual().load_case_terms(terms, for_case.value, for_case.value, {});
    core::civil_date latest = opened_on;
    for (const auto& item : terms.cases()) {
        for (const auto& liability : item.terms.receiving_parents) {
            for (const auto& segment : liability.weekly_history) latest = std::max(latest, segment.effective_from);
        }
        for (const auto& segment : item.terms.service_history) latest = std::max(latest, segment.effective_from);
    }
    return latest;
}

}  // namespace

std::optional<core::civil_date> charged_through(persistence::read_view& view, core::case_id for_case) {
    std::optional<date::year_month> last;
    for (const auto& posting : view.ledger().list_postings(for_case, ledger_epoch, ledger_end)) {
        if (posting.cause.kind == core::cause_kind::batch && posting.cause.job == core::batch_job::monthly_accrual) {
            last = last ? std::max(*last, posting.cause.period) : posting.cause.period;
        }
    }
    if (!last) return std::nullopt;
    return core::civil_date{date::year_month_day_last{last->year(), date::month_day_last{last->month()}}};
}

std::optional<core::rejection> closure_refusal(persistence::read_view& view, core::case_id for_case,
                                               core::civil_date effective_date, core::civil_date business_date) {
    const auto record = view.cases().find_case(for_case);
    if (!record) return core::rejection{core::rejection_code::not_found, "case_id", "does not exist"};
    const core::closure_context closing{record->opened_on, business_date,
                                        view.cases().find_case_closure(for_case).has_value(),
                                        charged_through(view, for_case),
                                        latest_term_from(view, for_case, record->opened_on)};
    return core::check_closure(effective_date, closing);
}

persistence::case_closure_row write_closure(persistence::unit_of_work& work, core::case_id for_case,
                                            core::closure_reason reason, core::civil_date effective_date,
                                            core::command_id cause) {
    // One receiving parent per case (slot 0) until apportionment between several is built.
    work.cases().append_liability_terms(for_case, 0, effective_date, core::money{}, std::nullopt, cause);
    const persistence::case_closure_row row{for_case, reason, effective_date, cause};
    work.cases().close_case(row);
    return row;
}

void case_service::close_case(close_case_command command, const command_context& context, outcome_callback done) {
    const core::civil_date business_date = clock_.today();
    std::string request_json = std::move(command.request_json);
    submit("close_case", std::move(request_json), context,
           [=, command = std::move(command), rates = calculation_rates_](persistence::unit_of_work& work,
                                                                          core::command_id cause) {
               if (auto bad = closure_refusal(work, command.for_case, command.effective_date, business_date)) refuse(*bad);
               const auto row = write_closure(work, command.for_case, command.reason, command.effective_date, cause);
               // The paying parent's other cases no longer count this case's children from that day.
               const auto record = work.cases().find_case(command.for_case);
               recalculate_linked_cases(work, record->details.paying_parent, command.for_case, std::nullopt,
                                        command.effective_date, *rates, cause);
               return answer{answer_kind::ok, case_closure_answer(row)};
           },
           std::move(done));
}

}  // namespace cms::services

#include "services/enforcement/close_day_job.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <chrono>
#include <functional>
#include <optional>
#include <unordered_map>

#include "persistence/unit_of_work.hpp"
#include "services/enforcement/case_facts.hpp"
#include "services/enforcement/employer_remittances.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/ledger/payout_job.hpp"

namespace cms::services {

namespace {

/// Ageing plays no part in these checks; one open bucket is a valid table (as for write-offs).
constexpr std::array<core::ageing_bucket, 1> one_bucket{{{"1+", 1, std::nullopt}}};

struct day_counts {
    std::int64_t missed = 0;
    std::int64_t proposed = 0;
    std::int64_t withdrawn = 0;
    std::int64_t failed = 0;
};

/// The case's position after the closing day: everything received on it counts, and everything
/// due on or before it.
core::case_position position_after(persistence::read_view& view, core::case_id for_case, core::civil_date day,
                                   std::span<const core::collection_fee_row> fees) {
    return case_position_of(view, for_case, core::add_days(day, 1), fees, one_bucket);
}

std::optional<core::civil_date> oldest_unpaid(const core::case_position& position) {
    return position.arrears ? position.arrears->oldest_unpaid_due_date : std::nullopt;
}

/// Active arrears agreements by case, read once for a step of the day (there are few beside the
/// caseload, and none in most cases' rows).
using agreements_by_case = std::unordered_map<std::int64_t, persistence::arrears_agreement_row>;

agreements_by_case active_agreements(const transaction_runner& in_transaction) {
    agreements_by_case agreements;
    in_transaction([&](persistence::unit_of_work& work) {
        for (auto& row : work.enforcement().active_arrears_agreements()) agreements.emplace(row.for_case.value, std::move(row));
    });
    return agreements;
}

/// The instalment due on `due` under an active agreement (core/enforcement/arrears_agreement.hpp):
/// true when the agreement answers for it (kept, or completed now); false when it is broken now,
/// and the instalment is then checked as any other, so a missed one escalates.
bool agreement_answers_for(persistence::unit_of_work& work, persistence::arrears_agreement_row& agreement,
                           const core::payment_schedule& schedule, core::civil_date due,
                           const core::case_position& position, core::civil_date day, std::int64_t job_id) {
    const core::money arrears_now = position.arrears ? position.arrears->total : core::money{};
    const std::int64_t instalments_due = core::count_due_dates(schedule, agreement.made_on, due);
    const core::money allowed =
        core::arrears_allowed_after(agreement.arrears_at_agreement, agreement.arrears_instalment, instalments_due);
    const core::agreement_check check = core::check_arrears_agreement(arrears_now, allowed);
    if (check == core::agreement_check::kept) return true;
    const bool completed = check == core::agreement_check::completed;
    agreement.status = completed ? core::arrears_agreement_status::completed : core::arrears_agreement_status::broken;
    agreement.status_on = day;
    agreement.ended_by_job = job_id;
    work.enforcement().update_arrears_agreement(agreement);
    const std::string which = "arrears agreement " + std::to_string(agreement.agreement_id);
    work.enforcement().insert_case_notice(
        {agreement.for_case, day,
         completed ? core::case_notice::arrears_agreement_completed : core::case_notice::arrears_agreement_broken,
         completed ? which + ": the arrears are cleared"
                   : which + " broken at the instalment due " + core::format_iso_date(due) + ": " +
                         core::format_pounds(arrears_now) + " in arrears where it allowed " + core::format_pounds(allowed),
         job_id, std::nullopt});
    return completed;
}

void detect_missed_payments(const transaction_runner& in_transaction, std::int64_t job_id, core::civil_date day,
                            const core::missed_payment_policy& policy, std::span<const core::collection_fee_row> fees,
                            std::int64_t chunk_cases, day_counts& counts) {
    agreements_by_case agreements = active_agreements(in_transaction);
    for (std::int64_t after = 0;;) {
        std::size_t seen = 0;
        in_transaction([&](persistence::unit_of_work& work) {
            const auto schedules = work.enforcement().collect_and_pay_schedules_due_on(
                after, chunk_cases, day, core::add_days(day, -policy.grace_days));
            seen = schedules.size();
            for (const auto& row : schedules) {
                after = row.for_case.value;
                const auto due = core::instalment_to_check(row.schedule, day, policy.grace_days);
                if (!due) continue;
                for_one_case(work, job_id, row.for_case, day, counts.failed, [&] {
                    const core::case_position position = position_after(work, row.for_case, day, fees);
                    const auto agreement = agreements.find(row.for_case.value);
                    if (agreement != agreements.end() && !(*due < agreement->second.made_on)) {
                        const bool answered =
                            agreement_answers_for(work, agreement->second, row.schedule, *due, position, day, job_id);
                        if (agreement->second.status != core::arrears_agreement_status::active) agreements.erase(agreement);
                        if (answered) return;
                    }
                    if (!core::is_missed(oldest_unpaid(position), *due)) return;
                    const core::money arrears = position.arrears->total;
                    if (!work.enforcement().insert_missed_payment({row.for_case, *due, day, arrears, job_id})) return;
                    const std::string owed = core::format_pounds(arrears) + " in arrears";
                    work.enforcement().insert_case_notice({row.for_case, day, core::case_notice::missed_payment_contact,
                                                           "instalment due " + core::format_iso_date(*due) +
                                                               " missed; " + owed,
                                                           job_id, std::nullopt});
                    work.enforcement().insert_case_notice(
                        {row.for_case, day, core::case_notice::arrears_notice, owed, job_id, std::nullopt});
                    ++counts.missed;
                });
            }
        });
        if (seen < static_cast<std::size_t>(chunk_cases)) return;
    }
}

std::vector<core::enforcement_action_state> history_of(persistence::read_view& view, core::case_id for_case) {
    std::vector<core::enforcement_action_state> history;
    for (const auto& row : view.enforcement().enforcement_actions_of_case(for_case)) {
        history.push_back({row.action_id, row.step, row.status, row.applied_on, row.until});
    }
    return history;
}

void propose_steps(const transaction_runner& in_transaction, std::int64_t job_id, core::civil_date day,
                   const core::missed_payment_policy& policy, std::span<const core::collection_fee_row> fees,
                   std::int64_t chunk_cases, day_counts& counts) {
    const core::civil_date found_on = core::add_days(day, -policy.proposal_after_days);
    // A case with a kept agreement waits: the agreement is the step it is on.
    const agreements_by_case agreements = active_agreements(in_transaction);
    for (std::int64_t after = 0;;) {
        std::size_t seen = 0;
        in_transaction([&](persistence::unit_of_work& work) {
            const auto missed = work.enforcement().missed_payments_detected_on(found_on, after, chunk_cases);
            seen = missed.size();
            for (const auto& row : missed) {
                if (row.for_case.value == after) continue;  // two instalments found the same day: one proposal
                after = row.for_case.value;
                if (agreements.contains(row.for_case.value)) continue;
                for_one_case(work, job_id, row.for_case, day, counts.failed, [&] {
                    const core::case_position position = position_after(work, row.for_case, day, fees);
                    if (!position.arrears || position.arrears->maintenance.pence() <= 0) return;
                    const auto step = core::step_to_propose(history_of(work, row.for_case));
                    if (!step) return;
                    persistence::enforcement_action_row action;
                    action.for_case = row.for_case;
                    action.step = *step;
                    action.status = core::action_status::proposed;
                    action.created_on = action.status_on = day;
                    action.note = "proposed by the daily close: the instalment due " + core::format_iso_date(row.due_date) +
                                  " was missed and " + core::format_pounds(position.arrears->maintenance) +
                                  " of maintenance is still owed";
                    action.created_by_job = job_id;
                    action.action_id = work.enforcement().insert_enforcement_action(action);
                    work.enforcement().insert_enforcement_event({action.action_id, 0, core::action_event::propose,
                                                                 action.status, day, std::nullopt, std::nullopt,
                                                                 action.note, std::nullopt, job_id});
                    work.enforcement().insert_case_notice({row.for_case, day, core::case_notice::enforcement_proposed,
                                                           std::string(core::to_string(*step)) + " proposed (action " +
                                                               std::to_string(action.action_id) + ")",
                                                           job_id, std::nullopt});
                    ++counts.proposed;
                });
            }
        });
        if (seen < static_cast<std::size_t>(chunk_cases)) return;
    }
}

void withdraw_when_compliant(const transaction_runner& in_transaction, std::int64_t job_id, core::civil_date day,
                             const core::missed_payment_policy& policy, std::span<const core::collection_fee_row> fees,
                             std::int64_t chunk_cases, day_counts& counts) {
    for (std::int64_t after = 0;;) {
        std::size_t seen = 0;
        in_transaction([&](persistence::unit_of_work& work) {
            const auto cases = work.enforcement().cases_with_proposals(after, chunk_cases);
            seen = cases.size();
            for (const core::case_id for_case : cases) {
                after = for_case.value;
                for_one_case(work, job_id, for_case, day, counts.failed, [&] {
                    const auto schedule = work.cases().find_payment_schedule(for_case);
                    const auto last_missed = work.enforcement().last_missed_due_date(for_case);
                    if (!schedule || !last_missed) return;
                    // Cheap first: too few instalments since the last missed one needs no ledger replay.
                    if (!core::is_compliant(*schedule, *last_missed, day, std::nullopt, policy)) return;
                    const core::case_position position = position_after(work, for_case, day, fees);
                    if (!core::is_compliant(*schedule, *last_missed, day, oldest_unpaid(position), policy)) return;
                    const std::int64_t withdrawn = withdraw_open_proposals(
                        work, for_case, day, "compliant again: escalation stopped", std::nullopt, job_id);
                    work.enforcement().insert_case_notice({for_case, day, core::case_notice::escalation_stopped,
                                                           std::to_string(policy.compliant_instalments) +
                                                               " instalments paid in full since the last one missed; " +
                                                               std::to_string(withdrawn) + " proposal(s) withdrawn",
                                                           job_id, std::nullopt});
                    counts.withdrawn += withdrawn;
                });
            }
        });
        if (seen < static_cast<std::size_t>(chunk_cases)) return;
    }
}

/// The accrual when `day` ends a month not yet posted; throws job_failure when it fails.
void accrue_if_due(const transaction_runner& in_transaction, std::span<const core::collection_fee_row> fees,
                   const close_day_options& options, core::civil_date day) {
    bool due = false;
    in_transaction([&](persistence::unit_of_work& work) { due = accrual_due(work.accrual(), day); });
    if (!due) return;
    accrual_job_options accrual;
    accrual.through = day;
    accrual.read_ahead_store = options.read_ahead_store;
    accrual.calculation_rates = options.calculation_rates;
    const accrual_job_result done = run_accrual_job(in_transaction, fees, accrual, nullptr);
    if (done.status != "succeeded") {
        throw job_failure("the accrual through " + core::format_iso_date(day) + " (job " + std::to_string(done.job_id) +
                          ") failed; the day is not closed");
    }
}

void pay_out_if_due(const transaction_runner& in_transaction, core::civil_date day) {
    bool due = false;
    in_transaction([&](persistence::unit_of_work& work) { due = scheduled_payout_has_work(work.payouts(), day); });
    if (!due) return;
    payout_job_options payout;
    payout.through = day;
    const payout_job_result done = run_payout_job(in_transaction, payout);
    if (done.status != "succeeded") {
        throw job_failure("the pay-out of " + core::format_iso_date(day) + " (job " + std::to_string(done.job_id) +
                          ") failed; the day is not closed");
    }
}

}  // namespace

std::string summary_of(const close_day_result& result) {
    return std::to_string(result.days_closed) + " day(s) closed, " + std::to_string(result.missed_payments) +
           " missed payment(s), " + std::to_string(result.proposals) + " step(s) proposed, " +
           std::to_string(result.proposals_withdrawn) + " proposal(s) withdrawn, " +
           std::to_string(result.employer_deductions_missed) + " employer deduction notice(s), " +
           std::to_string(result.cases_failed) + " case failures" + (result.detail.empty() ? "" : "; " + result.detail);
}

bool close_day_due(persistence::enforcement_queries& enforcement, core::civil_date through) {
    const auto last = enforcement.last_closed_day();
    return !last || *last < through;
}

close_day_result run_close_day_job(const transaction_runner& in_transaction,
                                   std::span<const core::collection_fee_row> fees,
                                   std::span<const core::missed_payment_policy> missed_payment_policy,
                                   const close_day_options& options) {
    close_day_result result;
    std::optional<core::civil_date> last_closed;
    in_transaction([&](persistence::unit_of_work& work) {
        result.job_id = work.jobs().start_job("close_day", options.through);
        last_closed = work.enforcement().last_closed_day();
    });
    core::civil_date day = last_closed ? core::add_days(*last_closed, 1) : options.through;
    try {
        for (std::int64_t left = options.catch_up_days_max; !(options.through < day) && left > 0;
             day = core::add_days(day, 1), --left) {
            const core::missed_payment_policy* policy = core::missed_payment_policy_on(missed_payment_policy, day);
            if (policy == nullptr) throw job_failure("no missed-payment policy is in force on " + core::format_iso_date(day));
            // Each step's time goes to the log, so a slow close says which step is slow.
            std::array<double, 6> step_seconds{};
            auto step_started = std::chrono::steady_clock::now();
            const auto lap = [&](std::size_t step) {
                const auto now = std::chrono::steady_clock::now();
                step_seconds[step] = std::chrono::duration<double>(now - step_started).count();
                step_started = now;
            };
            accrue_if_due(in_transaction, fees, options, day);
            lap(0);
            day_counts counts;
            detect_missed_payments(in_transaction, result.job_id, day, *policy, fees, options.chunk_cases, counts);
            lap(1);
            propose_steps(in_transaction, result.job_id, day, *policy, fees, options.chunk_cases, counts);
            lap(2);
            withdraw_when_compliant(in_transaction, result.job_id, day, *policy, fees, options.chunk_cases, counts);
            lap(3);
            const remittance_check_counts remittances =
                check_employer_remittances(in_transaction, result.job_id, day, options.chunk_cases);
            counts.failed += remittances.failed;
            lap(4);
            pay_out_if_due(in_transaction, day);
            lap(5);
            spdlog::debug("close of day {} (job {}): accrual {:.3f} s, detection {:.3f} s, proposals {:.3f} s,"
                          " compliance {:.3f} s, employers' remittances {:.3f} s, pay-out {:.3f} s",
                          core::format_iso_date(day), result.job_id, step_seconds[0], step_seconds[1], step_seconds[2],
                          step_seconds[3], step_seconds[4], step_seconds[5]);
            in_transaction([&](persistence::unit_of_work& work) {
                work.jobs().add_job_counts(result.job_id, 0, 0, counts.failed);
                work.enforcement().mark_day_closed(day, result.job_id);
            });
            result.missed_payments += counts.missed;
            result.proposals += counts.proposed;
            result.proposals_withdrawn += counts.withdrawn;
            result.employer_deductions_missed += remittances.notices;
            result.cases_failed += counts.failed;
            ++result.days_closed;
        }
        result.status = "succeeded";
        if (!(options.through < day)) {
            result.detail = "closed " + std::to_string(result.days_closed) +
                            " days (the most one run may); run again for the rest";
        }
    } catch (const std::exception&) {
        result.status = "failed";
        result.detail = failed_job_detail(result.job_id);
    }
    in_transaction([&](persistence::unit_of_work& work) {
        work.jobs().finish_job(result.job_id, result.status, result.detail);
    });
    return result;
}

}  // namespace cms::services

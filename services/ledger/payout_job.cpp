#include "services/ledger/payout_job.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>
#include <vector>

#include "core/payments/payout.hpp"
#include "persistence/fault_points.hpp"
#include "services/ledger/ledger_service.hpp"

namespace cms::services {

namespace {

[[noreturn]] void broken(core::case_id for_case, const char* what) {
    throw std::runtime_error("pay-out of case " + std::to_string(for_case.value) + ": " + what);
}

bool holds_nothing(const core::case_balances& balances) {
    for (std::uint8_t slot = 0; slot < core::receiving_parents_max; ++slot) {
        if (!balances.held_for_receiving_parent(slot).is_zero()) return false;
    }
    return true;
}

}  // namespace

case_payout pay_out_case(persistence::unit_of_work& work, core::case_id for_case, core::civil_date on,
                         std::int64_t job_id) {
    const auto cause = core::transfer_cause::from_batch_day(core::batch_job::payout, on);
    core::case_balances at_place(for_case);
    core::case_balances at_end(for_case);
    std::vector<std::vector<core::transfer>> later;
    std::vector<persistence::posting> postings;
    // Tonight's pay-out nearly always comes after every posting of the case: then the balances at
    // its place and at the end are the head's, nothing comes later, and no earlier run can have
    // paid this day out (its posting would come no earlier than this one).
    const auto head = work.ledger().ledger_head_of(for_case);
    if (head && head->ends_before(on, cause)) {
        if (core::check_balances(head->balances).violation != core::ledger_violation::none) {
            broken(for_case, "ledger breaks a limit");
        }
        at_place = at_end = head->balances;
    } else {
        postings = work.ledger().list_postings(for_case, ledger_epoch, ledger_end);
    }
    for (auto& stored : postings) {
        if (stored.cause == cause) return {};  // paid out by an earlier run
        if (stored.cause.kind == core::cause_kind::batch && stored.cause.job == core::batch_job::payout &&
            on < stored.business_date) {
            return {};  // pay-outs move forward: a later one has passed on what this one would
        }
        if (core::apply_transfers(at_end, stored.legs).status != core::apply_status::ok) broken(for_case, "ledger breaks a limit");
        if (core::precedes(stored.business_date, stored.cause, on, cause)) {
            if (core::apply_transfers(at_place, stored.legs).status != core::apply_status::ok) {
                broken(for_case, "ledger breaks a limit");
            }
        } else {
            later.push_back(std::move(stored.legs));
        }
    }
    const core::payout_plan plan = core::plan_payout(at_place, later);
    if (plan.count == 0) {
        if (holds_nothing(at_end)) work.payouts().mark_holding_collections(for_case, false);
        return {};
    }
    std::array<core::transfer, core::payout_transfers_max> legs{};
    const auto posting = std::span<const core::transfer>(legs).first(core::payout_transfers(for_case, plan, cause, on, legs));
    if (core::apply_transfers(at_place, posting).status != core::apply_status::ok ||
        core::apply_transfers(at_end, posting).status != core::apply_status::ok) {
        broken(for_case, "it would break a ledger limit");
    }
    if (!work.ledger().insert_posting(posting)) return {};
    const auto the_case = work.cases().find_case(for_case);
    if (!the_case) broken(for_case, "the case does not exist");
    case_payout done;
    for (const core::payout_share& share : plan.list()) {
        // One receiving parent per case until several are built (issue #12, point 9): slot 0.
        if (share.receiving_parent_slot != 0) broken(for_case, "a receiving parent slot other than 0");
        work.payouts().insert_disbursement({for_case, on, share.receiving_parent_slot, the_case->details.receiving_parent,
                                            share.paid, share.recovered, job_id});
        ++done.disbursements;
        done.paid += share.paid;
    }
    if (holds_nothing(at_end)) work.payouts().mark_holding_collections(for_case, false);
    return done;
}

bool payout_due(persistence::payout_queries& payouts, core::civil_date through) {
    const auto last = payouts.last_payout_day();
    return !last || *last < through;
}

bool scheduled_payout_has_work(persistence::payout_queries& payouts, core::civil_date through) {
    return payout_due(payouts, through) && !payouts.cases_holding_collections(0, 1).empty();
}

payout_job_result run_payout_job(const transaction_runner& in_transaction, const payout_job_options& options) {
    payout_job_result result;
    std::optional<core::civil_date> last_day;
    in_transaction([&](persistence::unit_of_work& work) {
        result.job_id = options.existing_job_id ? *options.existing_job_id
                                                : work.jobs().start_job("disburse", options.through);
        last_day = work.payouts().last_payout_day();
    });
    try {
        if (last_day && options.through < *last_day) {
            result.detail = "nothing paid: the pay-out dated " + core::format_iso_date(*last_day) +
                            " is complete, and pay-outs move forward";
        } else {
            std::int64_t after_id = 0;
            for (;;) {
                std::int64_t chunk_size = 0;
                std::int64_t last_id = after_id;
                std::int64_t paid_cases = 0;
                std::int64_t disbursements = 0;
                core::money paid_total;
                in_transaction([&](persistence::unit_of_work& work) {
                    // Counted afresh on every attempt, so a retried unit of work counts once.
                    paid_cases = disbursements = 0;
                    paid_total = {};
                    const auto cases = work.payouts().cases_holding_collections(after_id, options.chunk_cases);
                    chunk_size = static_cast<std::int64_t>(cases.size());
                    for (const core::case_id for_case : cases) {
                        const case_payout paid = pay_out_case(work, for_case, options.through, result.job_id);
                        if (paid.disbursements > 0) ++paid_cases;
                        disbursements += paid.disbursements;
                        paid_total += paid.paid;
                        last_id = for_case.value;
                    }
                    work.jobs().add_job_counts(result.job_id, chunk_size, paid_cases, 0);
                    persistence::fault_point_reached(persistence::fault_point::payout_before_chunk_commit);
                });
                after_id = last_id;
                result.cases_visited += chunk_size;
                result.cases_paid += paid_cases;
                result.disbursements += disbursements;
                result.paid_total += paid_total;
                if (chunk_size == 0) break;
                persistence::fault_point_reached(persistence::fault_point::payout_after_chunk_commit);
                if (chunk_size < options.chunk_cases) break;
            }
            persistence::fault_point_reached(persistence::fault_point::payout_before_day_complete);
            in_transaction([&](persistence::unit_of_work& work) {
                work.payouts().mark_payout_day_complete(options.through, result.job_id);
            });
        }
        result.status = "succeeded";
    } catch (const std::exception&) {
        result.status = "failed";
        result.detail = failed_job_detail(result.job_id);
        // The chunk that threw is rolled back; what earlier chunks committed stays (and is
        // counted), and a rerun pays what is left.
    }
    spdlog::info("pay-out job {} {} for {}: {} cases visited, {} paid, {} disbursements, {}p", result.job_id,
                 result.status, core::format_iso_date(options.through), result.cases_visited, result.cases_paid,
                 result.disbursements, result.paid_total.pence());
    in_transaction([&](persistence::unit_of_work& work) {
        work.jobs().finish_job(result.job_id, result.status, result.detail);
    });
    return result;
}

}  // namespace cms::services

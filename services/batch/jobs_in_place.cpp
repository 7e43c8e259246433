#include "services/batch/jobs_in_place.hpp"

#include "services/enforcement/close_day_job.hpp"
#include "services/enforcement/court_simulation.hpp"
#include "services/ledger/payout_job.hpp"

namespace cms::services {

namespace {

job_in_place_result run_payout(const jobs_in_place_context& context, core::civil_date through) {
    // As the scheduler does: a date already paid out (or an earlier one) writes nothing.
    bool due = false;
    context.in_transaction([&](persistence::unit_of_work& work) { due = payout_due(work.payouts(), through); });
    if (!due) return {true, "nothing to pay out for " + core::format_iso_date(through)};
    payout_job_options job;
    job.through = through;
    const payout_job_result done = run_payout_job(context.in_transaction, job);
    return {done.status == "succeeded",
            "job " + std::to_string(done.job_id) + " " + done.status + ": " + std::to_string(done.disbursements) +
                " disbursement(s), " + std::to_string(done.paid_total.pence()) + "p paid out" +
                (done.detail.empty() ? "" : "; " + done.detail)};
}

job_in_place_result run_close_day(const jobs_in_place_context& context, core::civil_date through) {
    // As the scheduler does: nothing to close, no job row, so a rerun writes nothing.
    bool due = false;
    context.in_transaction([&](persistence::unit_of_work& work) { due = close_day_due(work.enforcement(), through); });
    if (!due) return {true, "every day through " + core::format_iso_date(through) + " is closed"};
    close_day_options job;
    job.through = through;
    job.calculation_rates = context.calculation_rates;
    const close_day_result done = run_close_day_job(context.in_transaction, context.fees, context.missed_payments, job);
    return {done.status == "succeeded" && done.cases_failed == 0,
            "job " + std::to_string(done.job_id) + " " + done.status + ": " + summary_of(done)};
}

job_in_place_result run_court_outcomes(const jobs_in_place_context& context, core::civil_date through,
                                       std::uint64_t seed, const std::string& actor) {
    court_simulation_options simulation;
    simulation.through = through;
    simulation.seed = seed;
    simulation.actor = actor;
    const court_simulation_result done =
        simulate_court_decisions(context.enforcement, context.readers, context.court_outcomes, simulation);
    // A decision the life cycle refuses is reported, not hidden: the scenario expects none.
    return {done.failed == 0, std::to_string(done.granted) + " granted, " + std::to_string(done.refused) + " refused, " +
                                  std::to_string(done.waiting) + " still before a court, " +
                                  std::to_string(done.failed) + " refused by the life cycle" +
                                  (done.first_failure.empty() ? "" : " (" + done.first_failure + ")")};
}

job_in_place_result run_accrual(const jobs_in_place_context& context, core::civil_date through) {
    // As the scheduler does: no month due, no job row, so a rerun writes nothing.
    bool due = false;
    context.in_transaction([&](persistence::unit_of_work& work) { due = accrual_due(work.accrual(), through); });
    if (!due) return {true, "nothing to post through " + core::format_iso_date(through)};
    accrual_job_options job;
    job.through = through;
    job.read_ahead_store = context.read_ahead_store;
    job.calculation_rates = context.calculation_rates;
    const accrual_job_result done = run_accrual_job(context.in_transaction, context.fees, job, nullptr);
    return {done.status == "succeeded" && done.cases_failed == 0,
            "job " + std::to_string(done.job_id) + " " + done.status + ": " + std::to_string(done.periods_completed) +
                " period(s), " + std::to_string(done.postings_written) + " postings, " +
                std::to_string(done.cases_failed) + " case failures" + (done.detail.empty() ? "" : "; " + done.detail)};
}

}  // namespace

job_in_place_result run_job_in_place(const jobs_in_place_context& context, job_in_place_kind kind,
                                     core::civil_date through, std::uint64_t seed, const std::string& actor) {
    switch (kind) {
        case job_in_place_kind::accrue: return run_accrual(context, through);
        case job_in_place_kind::disburse: return run_payout(context, through);
        case job_in_place_kind::close_day: return run_close_day(context, through);
        case job_in_place_kind::court_outcomes: return run_court_outcomes(context, through, seed, actor);
        case job_in_place_kind::scheduled_tick: break;
    }
    return {false, "a tick is run by run_daily_tick"};
}

std::vector<scheduled_job_run> run_daily_tick(job_runner& jobs, const transaction_runner& in_transaction,
                                              core::civil_date day) {
    bool ticked = false;
    in_transaction([&](persistence::unit_of_work& work) { ticked = !close_day_due(work.enforcement(), core::add_days(day, -1)); });
    if (ticked) return {};
    return run_scheduled_jobs(jobs, day);
}

job_in_place_result describe_scheduled_job(const job_start_result& job) {
    job_in_place_result described;
    if (job.job_id) described.detail = "job " + std::to_string(*job.job_id);
    if (job.refusal) {
        described.passed = false;
        described.detail += (described.detail.empty() ? "" : " ") + std::string("not run: ") +
                            std::string(job_start_refusal_name(*job.refusal)) +
                            (job.reason.empty() ? "" : " (" + job.reason + ")");
    } else if (!job.problem.empty()) {
        described.passed = false;
        described.detail += " " + job.problem;
    }
    return described;
}

}  // namespace cms::services

#include "services/ledger/accrual_chunk.hpp"

#include <array>
#include <stdexcept>

#include "core/ledger/accrual.hpp"
#include "services/ledger/accrual_job.hpp"
#include "services/ledger/credit_application.hpp"

namespace cms::services {

void prepare_accrual_chunk(persistence::accrual_queries& accrual, const accrual_chunk_range& range,
                           std::span<const core::collection_fee_row> fee_policy,
                           persistence::case_terms_batch& scratch, prepared_accrual_chunk& out) {
    out.range = range;
    out.cases = 0;
    out.legs.clear();
    out.leg_offsets.assign(1, 0);
    out.failures.clear();
    out.terms_revision = accrual.liability_terms_revision();
    out.already_done = accrual.chunk_done(range.period, range.first_case_id, range.last_case_id);
    if (out.already_done) return;

    accrual.load_case_terms(scratch, range.first_case_id, range.last_case_id, fee_policy);
    const core::civil_date posted_on{
        date::year_month_day_last{range.period.year(), date::month_day_last{range.period.month()}}};
    const std::string period_text = persistence::format_period(range.period);
    std::array<core::transfer, core::accrual_transfers_max> legs{};
    for (const auto& item : scratch.cases()) {
        ++out.cases;
        core::monthly_accrual accrued;
        try {
            accrued = core::accrue_month(item.id, item.terms, range.period, posted_on, legs);
        } catch (const std::exception& error) {  // e.g. money_overflow on absurd stored amounts
            out.failures.push_back({item.id.value, 0, period_text, error.what(), {}});
            continue;
        }
        if (accrued.status != core::accrual_status::ok) {
            out.failures.push_back(
                {item.id.value, 0, period_text, std::string("accrual refused: ") + core::to_string(accrued.status), {}});
            continue;
        }
        if (accrued.transfer_count == 0) continue;  // nothing accrued (not yet liable, or nil)
        const auto posting = std::span<const core::transfer>(legs).first(accrued.transfer_count);
        // The ledger's invariants, asserted on every batch of legs before it is written: each leg
        // well formed, with a cause (debits equal credits by construction of a leg). A failure
        // is a bug in accrual, so it stops the job rather than post a wrong figure.
        if (const auto checked = core::validate_transfers(posting); checked.status != core::transfer_status::ok) {
            throw job_failure("accrual produced an invalid leg for case " + std::to_string(item.id.value) + ": " +
                                   core::to_string(checked.status));
        }
        out.legs.insert(out.legs.end(), posting.begin(), posting.end());
        out.leg_offsets.push_back(out.legs.size());
    }
}

void prepare_accrual_chunk_in_snapshot(persistence::read_connection& reader, const accrual_chunk_range& range,
                                       std::span<const core::collection_fee_row> fee_policy,
                                       persistence::case_terms_batch& scratch, prepared_accrual_chunk& out) {
    // One snapshot for the revision, the progress check and the terms, so they agree.
    reader.begin_snapshot();
    try {
        prepare_accrual_chunk(reader.view().accrual(), range, fee_policy, scratch, out);
    } catch (...) {
        reader.end_snapshot();
        throw;
    }
    reader.end_snapshot();
}

accrual_chunk_counts write_accrual_chunk(persistence::unit_of_work& work, std::int64_t job_id,
                                         prepared_accrual_chunk& chunk,
                                         std::span<const core::collection_fee_row> fee_policy,
                                         persistence::case_terms_batch& scratch) {
    const accrual_chunk_range range = chunk.range;
    if (work.accrual().chunk_done(range.period, range.first_case_id, range.last_case_id)) return {};
    if (chunk.already_done || chunk.terms_revision != work.accrual().liability_terms_revision()) {
        // Prepared from a snapshot that is no longer current (a term was appended, or the chunk
        // looked done then and is not now): compute it again from what this transaction sees.
        prepare_accrual_chunk(work.accrual(), range, fee_policy, scratch, chunk);
    }
    accrual_chunk_counts counts;
    counts.cases = chunk.cases;
    persistence::ledger_repository& ledger = work.ledger();
    const std::span<const core::transfer> legs(chunk.legs);
    for (std::size_t i = 0; i + 1 < chunk.leg_offsets.size(); ++i) {
        const auto posting = legs.subspan(chunk.leg_offsets[i], chunk.leg_offsets[i + 1] - chunk.leg_offsets[i]);
        if (ledger.insert_posting(posting)) ++counts.postings;
    }
    // Credit is applied in the same transaction as the month's accrual, so a crash leaves both or
    // neither; only the few cases listed as holding credit are read.
    for (const core::case_id holder : ledger.cases_holding_credit(range.first_case_id, range.last_case_id)) {
        if (apply_credit(work, holder, range.period, range.credit_applied_from, fee_policy)) ++counts.postings;
    }
    for (auto& failure : chunk.failures) {
        failure.job_id = job_id;
        work.jobs().record_case_failure(failure);
        ++counts.failed;
    }
    work.accrual().record_chunk(range.period, range.first_case_id, range.last_case_id, job_id);
    work.jobs().add_job_counts(job_id, counts.cases, counts.postings, counts.failed);
    return counts;
}

}  // namespace cms::services

#include "services/ledger/accrual_chunk.hpp"

#include <SQLiteCpp/Transaction.h>

#include <array>
#include <stdexcept>

#include "core/ledger/accrual.hpp"
#include "cms/persistence/ledger_store.hpp"

namespace cms::services {

void prepare_accrual_chunk(SQLite::Database& database, const accrual_chunk_range& range,
                           std::span<const core::collection_fee_row> fee_policy,
                           persistence::case_terms_batch& scratch, prepared_accrual_chunk& out) {
    out.range = range;
    out.cases = 0;
    out.legs.clear();
    out.leg_offsets.assign(1, 0);
    out.failures.clear();
    out.terms_revision = persistence::liability_terms_revision(database);
    out.already_done = persistence::chunk_done(database, range.period, range.first_case_id, range.last_case_id);
    if (out.already_done) return;

    scratch.load(database, range.first_case_id, range.last_case_id, fee_policy);
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
            throw std::logic_error("accrual produced an invalid leg for case " + std::to_string(item.id.value) + ": " +
                                   core::to_string(checked.status));
        }
        out.legs.insert(out.legs.end(), posting.begin(), posting.end());
        out.leg_offsets.push_back(out.legs.size());
    }
}

void prepare_accrual_chunk_in_snapshot(SQLite::Database& reader, const accrual_chunk_range& range,
                                       std::span<const core::collection_fee_row> fee_policy,
                                       persistence::case_terms_batch& scratch, prepared_accrual_chunk& out) {
    // A deferred transaction on a read-only connection: one WAL snapshot for the revision, the
    // progress check and the terms, so they agree with each other.
    SQLite::Transaction snapshot(reader, SQLite::TransactionBehavior::DEFERRED);
    prepare_accrual_chunk(reader, range, fee_policy, scratch, out);
    snapshot.commit();
}

accrual_chunk_counts write_accrual_chunk(SQLite::Database& database, std::int64_t job_id,
                                         prepared_accrual_chunk& chunk,
                                         std::span<const core::collection_fee_row> fee_policy,
                                         persistence::case_terms_batch& scratch) {
    const accrual_chunk_range range = chunk.range;
    if (persistence::chunk_done(database, range.period, range.first_case_id, range.last_case_id)) return {};
    if (chunk.already_done || chunk.terms_revision != persistence::liability_terms_revision(database)) {
        // Prepared from a snapshot that is no longer current (a term was appended, or the chunk
        // looked done then and is not now): compute it again from what this transaction sees.
        prepare_accrual_chunk(database, range, fee_policy, scratch, chunk);
    }
    accrual_chunk_counts counts;
    counts.cases = chunk.cases;
    persistence::posting_inserter inserter(database);
    const std::span<const core::transfer> legs(chunk.legs);
    for (std::size_t i = 0; i + 1 < chunk.leg_offsets.size(); ++i) {
        const auto posting = legs.subspan(chunk.leg_offsets[i], chunk.leg_offsets[i + 1] - chunk.leg_offsets[i]);
        if (inserter.insert(posting)) ++counts.postings;
    }
    for (auto& failure : chunk.failures) {
        failure.job_id = job_id;
        persistence::record_case_failure(database, failure);
        ++counts.failed;
    }
    persistence::record_chunk(database, range.period, range.first_case_id, range.last_case_id, job_id);
    persistence::add_job_counts(database, job_id, counts.cases, counts.postings, counts.failed);
    return counts;
}

}  // namespace cms::services

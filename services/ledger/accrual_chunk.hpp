#pragma once
/// One chunk of the accrual batch, split into the half that reads and computes and the half that
/// writes, so the job can prepare the next chunk on a read connection (another core) while the
/// writer commits this one. Reading terms and computing legs is about half the batch's work; the
/// writer is the one resource that cannot be shared, so it should do nothing but write.
///
/// Correctness does not depend on the overlap: `write_chunk` runs inside the write transaction,
/// re-checks that the chunk was not committed before, and compares the liability terms revision
/// the chunk was prepared from with the current one. If any term was appended in between, it
/// recomputes the chunk from the writer's own view before posting anything.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/ledger/collection_fee_policy.hpp"
#include "core/ledger/ledger.hpp"
#include "persistence/store.hpp"

namespace cms::services {

/// Cases first_case_id..last_case_id (inclusive) for one period.
struct accrual_chunk_range {
    date::year_month period;
    std::int64_t first_case_id = 0;
    std::int64_t last_case_id = 0;
    /// The run's `through` date: credit a case holds is applied no earlier (credit_application.hpp).
    core::civil_date credit_applied_from;
};

/// A chunk's postings and refusals, computed but not yet written.
struct prepared_accrual_chunk {
    accrual_chunk_range range;
    /// `liability_terms_revision` in the snapshot the terms were read from.
    std::int64_t terms_revision = 0;
    /// Seen committed already in that snapshot (re-checked when writing).
    bool already_done = false;
    std::int64_t cases = 0;
    /// Every posting's legs back to back; posting i is legs[leg_offsets[i]] .. legs[leg_offsets[i+1]].
    std::vector<core::transfer> legs;
    std::vector<std::size_t> leg_offsets;
    /// Cases the rules refused, with the reason (job id and time are added when written).
    std::vector<persistence::case_failure> failures;
};

/// What one written chunk added to the job's counts.
struct accrual_chunk_counts {
    std::int64_t cases = 0;
    std::int64_t postings = 0;
    std::int64_t failed = 0;
};

/// Reads the chunk's terms and computes its postings. `accrual` must see one snapshot (a read
/// connection's snapshot, or the writer's own unit of work), so the terms and their revision agree. `scratch` is reused from chunk to chunk to avoid reallocating.
/// Throws job_failure (accrual_job.hpp) if accrual produced an invalid leg (a bug: the job stops).
void prepare_accrual_chunk(persistence::accrual_queries& accrual, const accrual_chunk_range& range,
                           std::span<const core::collection_fee_row> fee_policy,
                           persistence::case_terms_batch& scratch, prepared_accrual_chunk& out);

/// As prepare_accrual_chunk, inside a snapshot of its own on a read connection.
void prepare_accrual_chunk_in_snapshot(persistence::read_connection& reader, const accrual_chunk_range& range,
                                       std::span<const core::collection_fee_row> fee_policy,
                                       persistence::case_terms_batch& scratch, prepared_accrual_chunk& out);

/// Inside the writer's transaction: posts the chunk's legs, applies the credit that the chunk's
/// cases listed as holding credit hold to what is now charged (credit_application.hpp), records
/// its refusals, the chunk and the job's counts. Recomputes the chunk first (using `scratch`) when the terms changed since it
/// was prepared; writes nothing when the chunk was already committed.
accrual_chunk_counts write_accrual_chunk(persistence::unit_of_work& work, std::int64_t job_id,
                                         prepared_accrual_chunk& chunk,
                                         std::span<const core::collection_fee_row> fee_policy,
                                         persistence::case_terms_batch& scratch);

}  // namespace cms::services

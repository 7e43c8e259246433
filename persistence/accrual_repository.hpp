#pragma once
/// What the accrual batch reads and records besides postings and job rows: liability terms for
/// a range of cases, packed for a tight loop; which chunks and months are done; the revision
/// that proves no term changed between two reads.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/common/civil_date.hpp"
#include "persistence/case_terms_batch.hpp"

namespace cms::persistence {

/// "YYYY-MM".
inline std::string format_period(date::year_month period) {
    return core::format_iso_date(period / date::day{1}).substr(0, 7);
}

class accrual_queries {
public:
    virtual ~accrual_queries() = default;
    /// Fills `batch` with cases first_id..last_id inclusive from one range scan (never a query
    /// per case), each charged by `fee_policy`.
    virtual void load_case_terms(case_terms_batch& batch, std::int64_t first_id, std::int64_t last_id,
                                 std::span<const core::collection_fee_row> fee_policy) = 0;
    /// Incremented by every liability term appended: equal values read in two units of work
    /// prove no term changed in between.
    virtual std::int64_t liability_terms_revision() = 0;
    /// True when exactly this (period, first..last) chunk was recorded before. Only an exact
    /// match counts: a rerun with other chunk boundaries processes the range again, and the
    /// postings' key refuses duplicates.
    virtual bool chunk_done(date::year_month period, std::int64_t first_case_id, std::int64_t last_case_id) = 0;
    virtual std::optional<date::year_month> last_completed_period() = 0;
    /// The month of the earliest liability start, or nothing when no case has one.
    virtual std::optional<date::year_month> earliest_liability_month() = 0;
};

class accrual_repository : public accrual_queries {
public:
    virtual void record_chunk(date::year_month period, std::int64_t first_case_id, std::int64_t last_case_id,
                              std::int64_t job_id) = 0;
    /// Idempotent: a month marked twice stays marked once, by its first job.
    virtual void mark_period_complete(date::year_month period, std::int64_t job_id) = 0;
};

}  // namespace cms::persistence

#pragma once
/// What the accrual batch reads and records: liability terms for a range of cases, packed for a
/// tight loop; job rows; per-chunk and per-period progress; per-case failures.
#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ledger/accrual.hpp"

namespace cms::persistence {

/// The accrual terms of every case in an id range, in packed arrays. The spans inside `cases()`
/// point into this object's vectors, so it must not be copied; reuse one for chunk after chunk.
class case_terms_batch {
public:
    case_terms_batch() = default;
    case_terms_batch(const case_terms_batch&) = delete;
    case_terms_batch& operator=(const case_terms_batch&) = delete;

    struct case_terms {
        core::case_id id;
        core::accrual_terms terms;
    };
    /// Cases in id order; only cases that have a liability history.
    const std::vector<case_terms>& cases() const { return cases_; }

    /// Loads cases first_id..last_id inclusive with two range scans (no query per case).
    void load(SQLite::Database& database, std::int64_t first_id, std::int64_t last_id,
              std::span<const core::collection_fee_row> fee_policy);

private:
    struct liability_range {
        std::int64_t case_id;
        std::uint8_t slot;
        std::size_t begin;
        std::size_t count;
    };
    struct service_range {
        std::int64_t case_id;
        std::size_t begin;
        std::size_t count;
    };
    std::vector<liability_range> ranges_;
    std::vector<service_range> service_ranges_;
    std::vector<core::weekly_amount_segment> segments_;
    std::vector<core::receiving_parent_liability> liabilities_;
    std::vector<core::service_segment> services_;
    std::vector<case_terms> cases_;
};

struct job_record {
    std::int64_t id = 0;
    std::string kind;
    std::string through_date;
    std::string status;  ///< running, succeeded, failed, interrupted (left running by a process that died)
    std::int64_t cases_processed = 0;
    std::int64_t postings_written = 0;
    std::int64_t cases_failed = 0;
    std::string started_at_utc;
    std::string finished_at_utc;
    std::string detail;
};

std::int64_t start_job(SQLite::Database& database, const std::string& kind, core::civil_date through);
void add_job_counts(SQLite::Database& database, std::int64_t job_id, std::int64_t cases_processed,
                    std::int64_t postings_written, std::int64_t cases_failed);
void finish_job(SQLite::Database& database, std::int64_t job_id, const std::string& status,
                const std::string& detail);
std::optional<job_record> find_job(SQLite::Database& database, std::int64_t job_id);
/// Marks every job still `running` as `interrupted`, with `detail` and a finish time; returns
/// their ids. Only a process that knows no live process is running a job may call it: see
/// services/batch/batch_job_lock.hpp.
std::vector<std::int64_t> mark_running_jobs_interrupted(SQLite::Database& database, const std::string& detail);

struct case_failure {
    std::int64_t case_id = 0;
    std::int64_t job_id = 0;
    std::string period;
    std::string reason;
    std::string recorded_at_utc;
};
void record_case_failure(SQLite::Database& database, const case_failure& failure);
std::vector<case_failure> failures_of_job(SQLite::Database& database, std::int64_t job_id, std::size_t limit);
std::vector<case_failure> failures_of_case(SQLite::Database& database, std::int64_t case_id);

/// "YYYY-MM".
std::string format_period(date::year_month period);

std::optional<date::year_month> last_completed_period(SQLite::Database& database);
void mark_period_complete(SQLite::Database& database, date::year_month period, std::int64_t job_id);
/// The month of the earliest liability start, or nothing when no case has one.
std::optional<date::year_month> earliest_liability_month(SQLite::Database& database);
std::int64_t highest_case_id(SQLite::Database& database);
/// Incremented by every liability segment appended (a trigger, migration 0005): equal values
/// read in two transactions prove no term changed in between.
std::int64_t liability_terms_revision(SQLite::Database& database);
/// True when exactly this (period, first..last) chunk was committed before.
bool chunk_done(SQLite::Database& database, date::year_month period, std::int64_t first_case_id,
                std::int64_t last_case_id);
void record_chunk(SQLite::Database& database, date::year_month period, std::int64_t first_case_id,
                  std::int64_t last_case_id, std::int64_t job_id);

}  // namespace cms::persistence

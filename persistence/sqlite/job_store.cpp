#include "persistence/sqlite/job_store.hpp"

#include <SQLiteCpp/Statement.h>

namespace cms::persistence::sqlite {

namespace {

const char* const now_utc = "cms_now_utc()";

}  // namespace

std::int64_t start_job(database_ref database, const std::string& kind, core::civil_date through) {
    cached_statement insert(database, std::string("INSERT INTO jobs(kind, through_date, status, started_at_utc)"
                                                   " VALUES (?, ?, 'running', ") + now_utc + ")");
    insert.bind(1, kind);
    insert.bind(2, core::format_iso_date(through));
    insert.exec();
    return database.getLastInsertRowid();
}

void add_job_counts(database_ref database, std::int64_t job_id, std::int64_t cases_processed,
                    std::int64_t postings_written, std::int64_t cases_failed) {
    cached_statement update(database,
                             "UPDATE jobs SET cases_processed = cases_processed + ?,"
                             " postings_written = postings_written + ?, cases_failed = cases_failed + ?"
                             " WHERE id = ?");
    update.bind(1, cases_processed);
    update.bind(2, postings_written);
    update.bind(3, cases_failed);
    update.bind(4, job_id);
    update.exec();
}

void finish_job(database_ref database, std::int64_t job_id, const std::string& status,
                const std::string& detail) {
    cached_statement update(database, std::string("UPDATE jobs SET status = ?, detail = ?, finished_at_utc = ") +
                                           now_utc + " WHERE id = ?");
    update.bind(1, status);
    update.bind(2, detail);
    update.bind(3, job_id);
    update.exec();
}

std::vector<std::int64_t> mark_running_jobs_interrupted(database_ref database, const std::string& detail) {
    std::vector<std::int64_t> interrupted;
    cached_statement running(database, "SELECT id FROM jobs WHERE status = 'running' ORDER BY id");
    while (running.executeStep()) interrupted.push_back(running.getColumn(0).getInt64());
    cached_statement update(database, std::string("UPDATE jobs SET status = 'interrupted', detail = ?,"
                                                   " finished_at_utc = ") + now_utc + " WHERE status = 'running'");
    update.bind(1, detail);
    update.exec();
    return interrupted;
}

std::optional<job_record> find_job(database_ref database, std::int64_t job_id) {
    cached_statement query(database,
                            "SELECT kind, through_date, status, cases_processed, postings_written, cases_failed,"
                            " started_at_utc, COALESCE(finished_at_utc, ''), detail FROM jobs WHERE id = ?");
    query.bind(1, job_id);
    if (!query.executeStep()) return std::nullopt;
    return job_record{job_id,
                      query.getColumn(0).getString(),
                      query.getColumn(1).getString(),
                      query.getColumn(2).getString(),
                      query.getColumn(3).getInt64(),
                      query.getColumn(4).getInt64(),
                      query.getColumn(5).getInt64(),
                      query.getColumn(6).getString(),
                      query.getColumn(7).getString(),
                      query.getColumn(8).getString()};
}

void record_case_failure(database_ref database, const case_failure& failure) {
    cached_statement insert(database, std::string("INSERT INTO case_failures(case_id, job_id, period, reason,"
                                                   " recorded_at_utc) VALUES (?, ?, ?, ?, ") + now_utc + ")");
    insert.bind(1, failure.case_id);
    insert.bind(2, failure.job_id);
    insert.bind(3, failure.period);
    insert.bind(4, failure.reason);
    insert.exec();
}

namespace {
std::vector<case_failure> read_failures(cached_statement& query) {
    std::vector<case_failure> failures;
    while (query.executeStep()) {
        failures.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getInt64(),
                            query.getColumn(2).getString(), query.getColumn(3).getString(),
                            query.getColumn(4).getString()});
    }
    return failures;
}
}  // namespace

std::vector<case_failure> failures_of_job(database_ref database, std::int64_t job_id, std::size_t limit) {
    cached_statement query(database,
                            "SELECT case_id, job_id, period, reason, recorded_at_utc FROM case_failures"
                            " WHERE job_id = ? ORDER BY id LIMIT ?");
    query.bind(1, job_id);
    query.bind(2, static_cast<std::int64_t>(limit));
    return read_failures(query);
}

std::vector<case_failure> failures_of_case(database_ref database, std::int64_t case_id) {
    cached_statement query(database,
                            "SELECT case_id, job_id, period, reason, recorded_at_utc FROM case_failures"
                            " WHERE case_id = ? ORDER BY id");
    query.bind(1, case_id);
    return read_failures(query);
}

}  // namespace cms::persistence::sqlite

#include "cms/persistence/accrual_store.hpp"

#include <SQLiteCpp/Statement.h>

#include "raw_statement.hpp"

#include <stdexcept>

namespace cms::persistence {

namespace {

const char* const now_utc = "cms_now_utc()";

core::civil_date parse_stored_date(const unsigned char* text) {
    const char* characters = text == nullptr ? "" : reinterpret_cast<const char*>(text);
    const auto parsed = core::parse_iso_date(characters);
    if (!parsed) throw std::runtime_error(std::string("corrupt date in liability history: ") + characters);
    return *parsed;
}

std::optional<date::year_month> parse_period(const std::string& text) {
    const auto day = core::parse_iso_date(text + "-01");
    if (!day) return std::nullopt;
    return day->year() / day->month();
}

}  // namespace

std::string format_period(date::year_month period) {
    return core::format_iso_date(period / date::day{1}).substr(0, 7);
}

void case_terms_batch::load(SQLite::Database& database, std::int64_t first_id, std::int64_t last_id,
                            std::span<const core::collection_fee_row> fee_policy) {
    ranges_.clear();
    service_ranges_.clear();
    segments_.clear();
    liabilities_.clear();
    services_.clear();
    cases_.clear();

    // One range scan: the terms history is ordered by (case, slot, date). Each (case, slot)
    // run becomes a liability; the service history is read off slot 0's rows, keeping a row
    // only where the service changes. Every vector is a member, cleared and refilled, so a batch
    // reused chunk after chunk stops allocating once it has seen its largest chunk.
    {
        raw_statement query(database,
                            "SELECT case_id, receiving_parent_slot, effective_from, weekly_amount_pence, service_type"
                            " FROM liability_segments WHERE case_id BETWEEN ? AND ?"
                            " ORDER BY case_id, receiving_parent_slot, effective_from");
        sqlite3_stmt* raw = query.get();
        sqlite3_bind_int64(raw, 1, first_id);
        sqlite3_bind_int64(raw, 2, last_id);
        int step = SQLITE_ROW;
        while ((step = sqlite3_step(raw)) == SQLITE_ROW) {
            const std::int64_t case_number = sqlite3_column_int64(raw, 0);
            const auto slot = static_cast<std::uint8_t>(sqlite3_column_int(raw, 1));
            const core::civil_date from = parse_stored_date(sqlite3_column_text(raw, 2));
            if (ranges_.empty() || ranges_.back().case_id != case_number || ranges_.back().slot != slot) {
                ranges_.push_back({case_number, slot, segments_.size(), 0});
            }
            segments_.push_back({from, core::money::from_pence(sqlite3_column_int64(raw, 3))});
            ++ranges_.back().count;
            if (slot != 0) continue;
            // Compare the stored text directly: "collect_and_pay" starts with 'c'.
            const unsigned char* service_text = sqlite3_column_text(raw, 4);
            const core::service_type service = service_text != nullptr && service_text[0] == 'c'
                                                   ? core::service_type::collect_and_pay
                                                   : core::service_type::direct_pay;
            if (service_ranges_.empty() || service_ranges_.back().case_id != case_number) {
                service_ranges_.push_back({case_number, services_.size(), 0});
            } else if (services_.back().service == service) {
                continue;  // same service carried forward: not a change
            }
            services_.push_back({from, service});
            ++service_ranges_.back().count;
        }
        query.check_done(step);
    }
    // The vectors are complete: now spans into them stay valid.
    liabilities_.reserve(ranges_.size());
    cases_.reserve(ranges_.size());
    for (const auto& range : ranges_) {
        liabilities_.push_back({range.slot, std::span(segments_).subspan(range.begin, range.count)});
    }
    std::size_t service_index = 0;
    for (std::size_t i = 0; i < ranges_.size();) {
        const std::int64_t case_number = ranges_[i].case_id;
        std::size_t j = i;
        while (j < ranges_.size() && ranges_[j].case_id == case_number) ++j;
        while (service_index < service_ranges_.size() && service_ranges_[service_index].case_id < case_number) {
            ++service_index;
        }
        std::span<const core::service_segment> service_history;
        if (service_index < service_ranges_.size() && service_ranges_[service_index].case_id == case_number) {
            service_history = std::span(services_).subspan(service_ranges_[service_index].begin,
                                                           service_ranges_[service_index].count);
        }
        cases_.push_back({core::case_id{case_number},
                          core::accrual_terms{std::span(liabilities_).subspan(i, j - i), service_history, fee_policy}});
        i = j;
    }
}

std::int64_t start_job(SQLite::Database& database, const std::string& kind, core::civil_date through) {
    SQLite::Statement insert(database, std::string("INSERT INTO jobs(kind, through_date, status, started_at_utc)"
                                                   " VALUES (?, ?, 'running', ") + now_utc + ")");
    insert.bind(1, kind);
    insert.bind(2, core::format_iso_date(through));
    insert.exec();
    return database.getLastInsertRowid();
}

void add_job_counts(SQLite::Database& database, std::int64_t job_id, std::int64_t cases_processed,
                    std::int64_t postings_written, std::int64_t cases_failed) {
    SQLite::Statement update(database,
                             "UPDATE jobs SET cases_processed = cases_processed + ?,"
                             " postings_written = postings_written + ?, cases_failed = cases_failed + ?"
                             " WHERE id = ?");
    update.bind(1, cases_processed);
    update.bind(2, postings_written);
    update.bind(3, cases_failed);
    update.bind(4, job_id);
    update.exec();
}

void finish_job(SQLite::Database& database, std::int64_t job_id, const std::string& status,
                const std::string& detail) {
    SQLite::Statement update(database, std::string("UPDATE jobs SET status = ?, detail = ?, finished_at_utc = ") +
                                           now_utc + " WHERE id = ?");
    update.bind(1, status);
    update.bind(2, detail);
    update.bind(3, job_id);
    update.exec();
}

std::vector<std::int64_t> mark_running_jobs_interrupted(SQLite::Database& database, const std::string& detail) {
    std::vector<std::int64_t> interrupted;
    SQLite::Statement running(database, "SELECT id FROM jobs WHERE status = 'running' ORDER BY id");
    while (running.executeStep()) interrupted.push_back(running.getColumn(0).getInt64());
    SQLite::Statement update(database, std::string("UPDATE jobs SET status = 'interrupted', detail = ?,"
                                                   " finished_at_utc = ") + now_utc + " WHERE status = 'running'");
    update.bind(1, detail);
    update.exec();
    return interrupted;
}

std::optional<job_record> find_job(SQLite::Database& database, std::int64_t job_id) {
    SQLite::Statement query(database,
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

void record_case_failure(SQLite::Database& database, const case_failure& failure) {
    SQLite::Statement insert(database, std::string("INSERT INTO case_failures(case_id, job_id, period, reason,"
                                                   " recorded_at_utc) VALUES (?, ?, ?, ?, ") + now_utc + ")");
    insert.bind(1, failure.case_id);
    insert.bind(2, failure.job_id);
    insert.bind(3, failure.period);
    insert.bind(4, failure.reason);
    insert.exec();
}

namespace {
std::vector<case_failure> read_failures(SQLite::Statement& query) {
    std::vector<case_failure> failures;
    while (query.executeStep()) {
        failures.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getInt64(),
                            query.getColumn(2).getString(), query.getColumn(3).getString(),
                            query.getColumn(4).getString()});
    }
    return failures;
}
}  // namespace

std::vector<case_failure> failures_of_job(SQLite::Database& database, std::int64_t job_id, std::size_t limit) {
    SQLite::Statement query(database,
                            "SELECT case_id, job_id, period, reason, recorded_at_utc FROM case_failures"
                            " WHERE job_id = ? ORDER BY id LIMIT ?");
    query.bind(1, job_id);
    query.bind(2, static_cast<std::int64_t>(limit));
    return read_failures(query);
}

std::vector<case_failure> failures_of_case(SQLite::Database& database, std::int64_t case_id) {
    SQLite::Statement query(database,
                            "SELECT case_id, job_id, period, reason, recorded_at_utc FROM case_failures"
                            " WHERE case_id = ? ORDER BY id");
    query.bind(1, case_id);
    return read_failures(query);
}

std::optional<date::year_month> last_completed_period(SQLite::Database& database) {
    SQLite::Statement query(database, "SELECT MAX(period) FROM accrual_periods");
    if (!query.executeStep() || query.getColumn(0).isNull()) return std::nullopt;
    return parse_period(query.getColumn(0).getString());
}

void mark_period_complete(SQLite::Database& database, date::year_month period, std::int64_t job_id) {
    SQLite::Statement insert(database, std::string("INSERT INTO accrual_periods(period, job_id, completed_at_utc)"
                                                   " VALUES (?, ?, ") + now_utc + ") ON CONFLICT DO NOTHING");
    insert.bind(1, format_period(period));
    insert.bind(2, job_id);
    insert.exec();
}

std::optional<date::year_month> earliest_liability_month(SQLite::Database& database) {
    SQLite::Statement query(database, "SELECT MIN(effective_from) FROM liability_segments");
    if (!query.executeStep() || query.getColumn(0).isNull()) return std::nullopt;
    const auto day = core::parse_iso_date(query.getColumn(0).getString());
    if (!day) throw std::runtime_error("corrupt date in liability_segments");
    return day->year() / day->month();
}

std::int64_t highest_case_id(SQLite::Database& database) {
    return database.execAndGet("SELECT COALESCE(MAX(id), 0) FROM cases").getInt64();
}

std::int64_t liability_terms_revision(SQLite::Database& database) {
    return database.execAndGet("SELECT revision FROM liability_terms_revision WHERE id = 1").getInt64();
}

bool chunk_done(SQLite::Database& database, date::year_month period, std::int64_t first_case_id,
                std::int64_t last_case_id) {
    // Only an exact match counts: a rerun with other chunk boundaries (another --chunk-cases, or
    // cases opened since) processes the range again, and the postings' key refuses duplicates.
    SQLite::Statement query(database,
                            "SELECT 1 FROM accrual_chunks WHERE period = ? AND first_case_id = ? AND last_case_id = ?");
    query.bind(1, format_period(period));
    query.bind(2, first_case_id);
    query.bind(3, last_case_id);
    return query.executeStep();
}

void record_chunk(SQLite::Database& database, date::year_month period, std::int64_t first_case_id,
                  std::int64_t last_case_id, std::int64_t job_id) {
    SQLite::Statement insert(database,
                             "INSERT INTO accrual_chunks(period, first_case_id, last_case_id, job_id)"
                             " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
    insert.bind(1, format_period(period));
    insert.bind(2, first_case_id);
    insert.bind(3, last_case_id);
    insert.bind(4, job_id);
    insert.exec();
}

}  // namespace cms::persistence

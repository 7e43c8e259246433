#include "persistence/sqlite/accrual_store.hpp"

#include <SQLiteCpp/Statement.h>


#include <stdexcept>

namespace cms::persistence::sqlite {

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

void load_case_terms(database_ref database, case_terms_batch& batch, std::int64_t first_id, std::int64_t last_id,
                     std::span<const core::collection_fee_row> fee_policy) {
    batch.clear();
    // One range scan: the terms history is ordered by (case, slot, date), the order the batch
    // takes them in.
    // Cached: a payment reads its case's terms this way too (the 4% fee in force), once per
    // command. The loop below steps the C handle: this is also the accrual batch's hot path.
    cached_raw_statement query(database,
                               "SELECT case_id, receiving_parent_slot, effective_from, weekly_amount_pence, service_type"
                               " FROM liability_segments WHERE case_id BETWEEN ? AND ?"
                               " ORDER BY case_id, receiving_parent_slot, effective_from");
    sqlite3_stmt* raw = query.get();
    sqlite3_bind_int64(raw, 1, first_id);
    sqlite3_bind_int64(raw, 2, last_id);
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(raw)) == SQLITE_ROW) {
        // Compare the stored text directly: "collect_and_pay" starts with 'c'.
        const unsigned char* service_text = sqlite3_column_text(raw, 4);
        const core::service_type service = service_text != nullptr && service_text[0] == 'c'
                                               ? core::service_type::collect_and_pay
                                               : core::service_type::direct_pay;
        batch.add_segment(sqlite3_column_int64(raw, 0), static_cast<std::uint8_t>(sqlite3_column_int(raw, 1)),
                          parse_stored_date(sqlite3_column_text(raw, 2)),
                          core::money::from_pence(sqlite3_column_int64(raw, 3)), service);
    }
    query.check_done(step);
    batch.finish(fee_policy);
}

std::optional<date::year_month> last_completed_period(database_ref database) {
    cached_statement query(database, "SELECT MAX(period) FROM accrual_periods");
    if (!query.executeStep() || query.getColumn(0).isNull()) return std::nullopt;
    return parse_period(query.getColumn(0).getString());
}

void mark_period_complete(database_ref database, date::year_month period, std::int64_t job_id) {
    cached_statement insert(database, std::string("INSERT INTO accrual_periods(period, job_id, completed_at_utc)"
                                                   " VALUES (?, ?, ") + now_utc + ") ON CONFLICT DO NOTHING");
    insert.bind(1, format_period(period));
    insert.bind(2, job_id);
    insert.exec();
}

std::optional<date::year_month> earliest_liability_month(database_ref database) {
    cached_statement query(database, "SELECT MIN(effective_from) FROM liability_segments");
    if (!query.executeStep() || query.getColumn(0).isNull()) return std::nullopt;
    const auto day = core::parse_iso_date(query.getColumn(0).getString());
    if (!day) throw std::runtime_error("corrupt date in liability_segments");
    return day->year() / day->month();
}

std::int64_t liability_terms_revision(database_ref database) {
    return database.database().execAndGet("SELECT revision FROM liability_terms_revision WHERE id = 1").getInt64();
}

bool chunk_done(database_ref database, date::year_month period, std::int64_t first_case_id,
                std::int64_t last_case_id) {
    // Only an exact match counts: a rerun with other chunk boundaries (another --chunk-cases, or
    // cases opened since) processes the range again, and the postings' key refuses duplicates.
    cached_statement query(database,
                            "SELECT 1 FROM accrual_chunks WHERE period = ? AND first_case_id = ? AND last_case_id = ?");
    query.bind(1, format_period(period));
    query.bind(2, first_case_id);
    query.bind(3, last_case_id);
    return query.executeStep();
}

void record_chunk(database_ref database, date::year_month period, std::int64_t first_case_id,
                  std::int64_t last_case_id, std::int64_t job_id) {
    cached_statement insert(database,
                             "INSERT INTO accrual_chunks(period, first_case_id, last_case_id, job_id)"
                             " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
    insert.bind(1, format_period(period));
    insert.bind(2, first_case_id);
    insert.bind(3, last_case_id);
    insert.bind(4, job_id);
    insert.exec();
}

}  // namespace cms::persistence::sqlite

#include "persistence/sqlite/ledger_store.hpp"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <cstring>
#include <stdexcept>

namespace cms::persistence::sqlite {

namespace {

constexpr std::int64_t batch_job_multiplier = 1'000'000;      // monthly: job, yyyymm
constexpr std::int64_t daily_job_multiplier = 100'000'000;     // daily: job, yyyymmdd
// cause_kind in storage, chosen so "ORDER BY cause_kind DESC" is the ledger's order within a day
// (core::precedes): batch steps that open the day, commands, batch steps that close it.
constexpr std::int64_t stored_opening_batch = 2;
constexpr std::int64_t stored_command = 1;
constexpr std::int64_t stored_closing_batch = 0;

void put_int64(std::uint8_t* at, std::int64_t value) {
    auto bits = static_cast<std::uint64_t>(value);
    for (int i = 0; i < 8; ++i) {
        at[i] = static_cast<std::uint8_t>(bits & 0xffU);
        bits >>= 8;
    }
}

std::int64_t get_int64(const std::uint8_t* at) {
    std::uint64_t bits = 0;
    for (int i = 7; i >= 0; --i) bits = (bits << 8) | at[i];
    return static_cast<std::int64_t>(bits);
}

[[noreturn]] void corrupt(const std::string& what) {
    // A posting that does not decode means the file was altered outside the program: stop rather
    // than show or build on a wrong balance.
    throw std::runtime_error("corrupt ledger posting: " + what);
}

}  // namespace

cause_columns to_columns(const core::transfer_cause& cause) {
    if (cause.kind == core::cause_kind::command) return {stored_command, cause.command.value};
    if (cause.kind == core::cause_kind::batch) {
        const auto year = static_cast<std::int64_t>(static_cast<int>(cause.period.year()));
        const auto month = static_cast<std::int64_t>(static_cast<unsigned>(cause.period.month()));
        const auto job = static_cast<std::int64_t>(cause.job);
        if (core::closes_the_day(cause.job)) {
            return {stored_closing_batch,
                    job * daily_job_multiplier + year * 10'000 + month * 100 + static_cast<std::int64_t>(cause.day)};
        }
        return {stored_opening_batch, job * batch_job_multiplier + year * 100 + month};
    }
    throw std::invalid_argument("a posting needs a cause");
}

core::transfer_cause from_columns(cause_columns columns) {
    if (columns.kind == stored_command) return core::transfer_cause::from_command(core::command_id{columns.ref});
    if (columns.kind == stored_opening_batch) {
        const auto job = static_cast<core::batch_job>(columns.ref / batch_job_multiplier);
        const auto year_month = columns.ref % batch_job_multiplier;
        return core::transfer_cause::from_batch(
            job, date::year{static_cast<int>(year_month / 100)} / date::month{static_cast<unsigned>(year_month % 100)});
    }
    if (columns.kind == stored_closing_batch) {
        const auto job = static_cast<core::batch_job>(columns.ref / daily_job_multiplier);
        const auto ymd = columns.ref % daily_job_multiplier;
        const core::civil_date day{date::year{static_cast<int>(ymd / 10'000)},
                                   date::month{static_cast<unsigned>(ymd / 100 % 100)},
                                   date::day{static_cast<unsigned>(ymd % 100)}};
        if (!day.ok() || !core::closes_the_day(job)) corrupt("daily batch cause " + std::to_string(columns.ref));
        return core::transfer_cause::from_batch_day(job, day);
    }
    corrupt("unknown cause kind " + std::to_string(columns.kind));
}

std::size_t pack_legs(std::span<const core::transfer> legs, std::span<std::uint8_t> out) {
    if (legs.empty() || legs.size() > posting_legs_max || out.size() < legs.size() * leg_bytes) {
        throw std::invalid_argument("a posting has 1 to 32 legs");
    }
    for (std::size_t i = 0; i < legs.size(); ++i) {
        const core::transfer& leg = legs[i];
        if (leg.for_case != legs[0].for_case || !(leg.cause == legs[0].cause) ||
            leg.business_date != legs[0].business_date) {
            throw std::invalid_argument("legs of one posting share case, cause and date");
        }
        std::uint8_t* at = out.data() + i * leg_bytes;
        at[0] = static_cast<std::uint8_t>(leg.debit.kind);
        at[1] = leg.debit.receiving_parent_slot;
        at[2] = static_cast<std::uint8_t>(leg.credit.kind);
        at[3] = leg.credit.receiving_parent_slot;
        at[4] = static_cast<std::uint8_t>(leg.code);
        at[5] = at[6] = at[7] = 0;
        put_int64(at + 8, leg.amount.pence());
    }
    return legs.size() * leg_bytes;
}

// A plain INSERT, not INSERT ... ON CONFLICT DO NOTHING: the upsert form costs a separate
// uniqueness probe on every row (about a third of the batch's time), while a conflict is rare
// (a rerun with different chunk boundaries). The primary key still refuses the duplicate; we
// read that refusal as "already posted".
posting_inserter::posting_inserter(SQLite::Database& database) : database_(database) {
    const char* sql =
        "INSERT INTO ledger_postings(case_id, cause_kind, cause_ref, business_date, legs) VALUES (?, ?, ?, ?, ?)";
    const int result = sqlite3_prepare_v2(database.getHandle(), sql, -1, &statement_, nullptr);
    if (result != SQLITE_OK) throw SQLite::Exception(database.getHandle(), result);
}

posting_inserter::~posting_inserter() { sqlite3_finalize(statement_); }

bool posting_inserter::insert(std::span<const core::transfer> legs) {
    const std::size_t bytes = pack_legs(legs, buffer_);
    const cause_columns cause = to_columns(legs[0].cause);
    if (date_text_.empty() || date_cached_ != legs[0].business_date) {
        date_cached_ = legs[0].business_date;
        date_text_ = core::format_iso_date(date_cached_);
    }
    // The raw C API on the hot path: SQLiteCpp's exec() adds checks and bookkeeping per row
    // that cost about as much as the insert itself over a million postings.
    sqlite3_stmt* raw = statement_;
    sqlite3_bind_int64(raw, 1, legs[0].for_case.value);
    sqlite3_bind_int64(raw, 2, cause.kind);
    sqlite3_bind_int64(raw, 3, cause.ref);
    sqlite3_bind_text(raw, 4, date_text_.data(), static_cast<int>(date_text_.size()), SQLITE_STATIC);
    sqlite3_bind_blob(raw, 5, buffer_.data(), static_cast<int>(bytes), SQLITE_STATIC);
    const int step = sqlite3_step(raw);
    const int extended = sqlite3_extended_errcode(database_.getHandle());
    sqlite3_reset(raw);
    if (step == SQLITE_DONE) return true;
    if (step == SQLITE_CONSTRAINT && extended == SQLITE_CONSTRAINT_PRIMARYKEY) return false;
    throw SQLite::Exception(database_.getHandle(), step);
}

std::vector<core::transfer> decode_legs(core::case_id for_case, const core::transfer_cause& cause,
                                       core::civil_date business_date, std::span<const std::uint8_t> bytes) {
    if (bytes.empty() || bytes.size() % leg_bytes != 0) corrupt("legs size");
    std::vector<core::transfer> legs;
    legs.reserve(bytes.size() / leg_bytes);
    for (std::size_t i = 0; i < bytes.size() / leg_bytes; ++i) {
        const std::uint8_t* at = bytes.data() + i * leg_bytes;
        core::transfer leg;
        leg.for_case = for_case;
        leg.debit = {static_cast<core::account_kind>(at[0]), at[1]};
        leg.credit = {static_cast<core::account_kind>(at[2]), at[3]};
        leg.code = static_cast<core::transfer_code>(at[4]);
        leg.amount = core::money::from_pence(get_int64(at + 8));
        leg.leg = static_cast<std::uint16_t>(i);
        leg.cause = cause;
        leg.business_date = business_date;
        if (const auto status = core::validate_transfer(leg); status != core::transfer_status::ok) {
            corrupt(std::string("leg: ") + core::to_string(status));
        }
        legs.push_back(leg);
    }
    return legs;
}

std::vector<core::case_id> cases_posted_by_command(database_ref database, core::command_id command) {
    cached_statement query(database,
                            "SELECT DISTINCT case_id FROM ledger_postings WHERE cause_kind = 1 AND cause_ref = ?"
                            " ORDER BY case_id");
    query.bind(1, command.value);
    std::vector<core::case_id> cases;
    while (query.executeStep()) cases.push_back(core::case_id{query.getColumn(0).getInt64()});
    return cases;
}

std::vector<core::case_id> cases_holding_credit(database_ref database, std::int64_t first_id,
                                               std::int64_t last_id) {
    cached_statement query(database,
                            "SELECT case_id FROM cases_holding_credit WHERE case_id BETWEEN ? AND ? ORDER BY case_id");
    query.bind(1, first_id);
    query.bind(2, last_id);
    std::vector<core::case_id> cases;
    while (query.executeStep()) cases.push_back(core::case_id{query.getColumn(0).getInt64()});
    return cases;
}

void mark_holding_credit(database_ref database, core::case_id for_case, bool holding) {
    cached_statement statement(database, holding ? "INSERT OR IGNORE INTO cases_holding_credit(case_id) VALUES (?)"
                                                  : "DELETE FROM cases_holding_credit WHERE case_id = ?");
    statement.bind(1, for_case.value);
    statement.exec();
}

/// A posting of `for_case` from a row whose first columns are cause_kind, cause_ref, business_date
/// and legs. Throws on a date or legs that do not decode.
posting posting_of_row(cached_statement& query, core::case_id for_case) {
    posting row;
    row.for_case = for_case;
    row.cause = from_columns({query.getColumn(0).getInt64(), query.getColumn(1).getInt64()});
    const auto day = core::parse_iso_date(query.getColumn(2).getString());
    if (!day) corrupt("business date");
    row.business_date = *day;
    const SQLite::Column blob = query.getColumn(3);
    row.legs = decode_legs(for_case, row.cause, row.business_date,
                           std::span(static_cast<const std::uint8_t*>(blob.getBlob()), static_cast<std::size_t>(blob.getBytes())));
    return row;
}

std::optional<posting> find_posting(database_ref database, core::case_id for_case, const core::transfer_cause& cause) {
    const cause_columns columns = to_columns(cause);
    cached_statement query(database,
                           "SELECT cause_kind, cause_ref, business_date, legs FROM ledger_postings"
                           " WHERE case_id = ? AND cause_kind = ? AND cause_ref = ?");
    query.bind(1, for_case.value);
    query.bind(2, columns.kind);
    query.bind(3, columns.ref);
    if (!query.executeStep()) return std::nullopt;
    return posting_of_row(query, for_case);
}

std::vector<posting> list_postings(database_ref database, core::case_id for_case,
                                   core::civil_date from, core::civil_date to) {
    cached_statement query(database,
                            "SELECT cause_kind, cause_ref, business_date, legs FROM ledger_postings"
                            " WHERE case_id = ? AND business_date BETWEEN ? AND ?"
                            // Batch steps (2) before commands (1) on the same date: see ledger_repository.hpp.
                            " ORDER BY business_date, cause_kind DESC, cause_ref");
    query.bind(1, for_case.value);
    query.bind(2, core::format_iso_date(from));
    query.bind(3, core::format_iso_date(to));
    std::vector<posting> postings;
    while (query.executeStep()) postings.push_back(posting_of_row(query, for_case));
    return postings;
}

std::vector<posting> list_postings_of_cases(database_ref database, std::int64_t first_id, std::int64_t last_id,
                                            core::civil_date from, core::civil_date to) {
    cached_statement query(database,
                           "SELECT cause_kind, cause_ref, business_date, legs, case_id FROM ledger_postings"
                           " WHERE case_id BETWEEN ? AND ? AND business_date BETWEEN ? AND ?"
                           " ORDER BY case_id, business_date, cause_kind DESC, cause_ref");
    query.bind(1, first_id);
    query.bind(2, last_id);
    query.bind(3, core::format_iso_date(from));
    query.bind(4, core::format_iso_date(to));
    std::vector<posting> postings;
    while (query.executeStep()) postings.push_back(posting_of_row(query, core::case_id{query.getColumn(4).getInt64()}));
    return postings;
}

}  // namespace cms::persistence::sqlite

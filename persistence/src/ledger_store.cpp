#include "cms/persistence/ledger_store.hpp"

#include <cstring>
#include <stdexcept>

namespace cms::persistence {

namespace {

constexpr std::int64_t batch_job_multiplier = 1'000'000;

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
    if (cause.kind == core::cause_kind::command) return {1, cause.command.value};
    if (cause.kind == core::cause_kind::batch) {
        const auto year = static_cast<std::int64_t>(static_cast<int>(cause.period.year()));
        const auto month = static_cast<std::int64_t>(static_cast<unsigned>(cause.period.month()));
        return {2, static_cast<std::int64_t>(cause.job) * batch_job_multiplier + year * 100 + month};
    }
    throw std::invalid_argument("a posting needs a cause");
}

core::transfer_cause from_columns(cause_columns columns) {
    if (columns.kind == 1) return core::transfer_cause::from_command(core::command_id{columns.ref});
    if (columns.kind == 2) {
        const auto job = static_cast<core::batch_job>(columns.ref / batch_job_multiplier);
        const auto year_month = columns.ref % batch_job_multiplier;
        return core::transfer_cause::from_batch(
            job, date::year{static_cast<int>(year_month / 100)} / date::month{static_cast<unsigned>(year_month % 100)});
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

posting_inserter::posting_inserter(SQLite::Database& database)
    : statement_(database,
                 "INSERT INTO ledger_postings(case_id, cause_kind, cause_ref, business_date, legs)"
                 " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING") {}

bool posting_inserter::insert(std::span<const core::transfer> legs) {
    const std::size_t bytes = pack_legs(legs, buffer_);
    const cause_columns cause = to_columns(legs[0].cause);
    if (date_text_.empty() || date_cached_ != legs[0].business_date) {
        date_cached_ = legs[0].business_date;
        date_text_ = core::format_iso_date(date_cached_);
    }
    statement_.bind(1, legs[0].for_case.value);
    statement_.bind(2, cause.kind);
    statement_.bind(3, cause.ref);
    statement_.bindNoCopy(4, date_text_);
    statement_.bindNoCopy(5, buffer_.data(), static_cast<int>(bytes));
    const int changed = statement_.exec();
    statement_.reset();
    return changed == 1;
}

std::vector<posting> list_postings(SQLite::Database& database, core::case_id for_case,
                                   core::civil_date from, core::civil_date to) {
    SQLite::Statement query(database,
                            "SELECT cause_kind, cause_ref, business_date, legs FROM ledger_postings"
                            " WHERE case_id = ? AND business_date BETWEEN ? AND ?"
                            " ORDER BY business_date, cause_kind, cause_ref");
    query.bind(1, for_case.value);
    query.bind(2, core::format_iso_date(from));
    query.bind(3, core::format_iso_date(to));
    std::vector<posting> postings;
    while (query.executeStep()) {
        posting row;
        row.for_case = for_case;
        row.cause = from_columns({query.getColumn(0).getInt64(), query.getColumn(1).getInt64()});
        const auto day = core::parse_iso_date(query.getColumn(2).getString());
        if (!day) corrupt("business date");
        row.business_date = *day;
        const SQLite::Column blob = query.getColumn(3);
        const auto* bytes = static_cast<const std::uint8_t*>(blob.getBlob());
        const auto size = static_cast<std::size_t>(blob.getBytes());
        if (size == 0 || size % leg_bytes != 0) corrupt("legs size");
        for (std::size_t i = 0; i < size / leg_bytes; ++i) {
            const std::uint8_t* at = bytes + i * leg_bytes;
            core::transfer leg;
            leg.for_case = for_case;
            leg.debit = {static_cast<core::account_kind>(at[0]), at[1]};
            leg.credit = {static_cast<core::account_kind>(at[2]), at[3]};
            leg.code = static_cast<core::transfer_code>(at[4]);
            leg.amount = core::money::from_pence(get_int64(at + 8));
            leg.leg = static_cast<std::uint16_t>(i);
            leg.cause = row.cause;
            leg.business_date = row.business_date;
            if (core::validate_transfer(leg) != core::transfer_status::ok) {
                corrupt(std::string("leg: ") + core::to_string(core::validate_transfer(leg)));
            }
            row.legs.push_back(leg);
        }
        postings.push_back(std::move(row));
    }
    return postings;
}

}  // namespace cms::persistence

#pragma once
/// Ledger postings as rows: all legs of one cause (a command, or a batch step for one case and
/// period) in one immutable row keyed by (case, cause). See schemas/sql/sqlite/0003_ledger.sql for the
/// packed leg format and why legs share a row.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

struct sqlite3_stmt;

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "persistence/sqlite/statement_cache.hpp"
#include "persistence/ledger_repository.hpp"

namespace cms::persistence::sqlite {

/// Bytes one leg takes in the `legs` blob.
inline constexpr std::size_t leg_bytes = 16;
/// Most legs one posting may carry (a payment allocated across every account of a case).
inline constexpr std::size_t posting_legs_max = 32;

/// The stored form of a cause: (kind, ref). Batch refs are job * 1,000,000 + year * 100 + month.
struct cause_columns {
    std::int64_t kind = 0;
    std::int64_t ref = 0;
};
cause_columns to_columns(const core::transfer_cause& cause);
core::transfer_cause from_columns(cause_columns columns);

/// Packs the legs of one posting; every transfer must share case, cause and business date.
/// Returns the bytes written to `out`.
std::size_t pack_legs(std::span<const core::transfer> legs, std::span<std::uint8_t> out);

/// Inserts postings with one prepared statement, reused: the batch's hot path.
class posting_inserter {
public:
    explicit posting_inserter(SQLite::Database& database);
    /// Inserts the legs as one posting; false (and nothing written) when a posting with the same
    /// (case, cause) already exists, which is how a rerun posts nothing twice.
    bool insert(std::span<const core::transfer> legs);

    ~posting_inserter();
    posting_inserter(const posting_inserter&) = delete;
    posting_inserter& operator=(const posting_inserter&) = delete;

private:
    SQLite::Database& database_;
    sqlite3_stmt* statement_ = nullptr;  ///< C API: this is the batch's hot path
    std::array<std::uint8_t, leg_bytes * posting_legs_max> buffer_{};
    std::string date_text_;
    core::civil_date date_cached_{};
};

/// Unpacks and validates the legs of one stored posting; throws on a malformed one (the file was
/// altered outside the program).
std::vector<core::transfer> decode_legs(core::case_id for_case, const core::transfer_cause& cause,
                                       core::civil_date business_date, std::span<const std::uint8_t> bytes);

/// Every posting of a case with a business date in [from, to], oldest first (date, then cause).
/// Uses the partial index of command postings (migration 0009).
std::vector<core::case_id> cases_posted_by_command(database_ref database, core::command_id command);
/// Rows of cases_holding_credit (migration 0011).
std::vector<core::case_id> cases_holding_credit(database_ref database, std::int64_t first_id,
                                               std::int64_t last_id);
void mark_holding_credit(database_ref database, core::case_id for_case, bool holding);
std::optional<posting> find_posting(database_ref database, core::case_id for_case, const core::transfer_cause& cause);
std::vector<posting> list_postings(database_ref database, core::case_id for_case,
                                   core::civil_date from, core::civil_date to);
std::vector<posting> list_postings_of_cases(database_ref database, std::int64_t first_id, std::int64_t last_id,
                                            core::civil_date from, core::civil_date to);

}  // namespace cms::persistence::sqlite

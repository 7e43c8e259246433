#include "persistence/sqlite/payout_store.hpp"

#include <SQLiteCpp/Statement.h>

#include <stdexcept>

namespace cms::persistence::sqlite {

namespace {

core::civil_date stored_date(const SQLite::Column& column) {
    const auto day = core::parse_iso_date(column.getString());
    // Written only by this file from a valid date: anything else was altered outside the program.
    if (!day) throw std::runtime_error("corrupt date in the pay-out tables: " + column.getString());
    return *day;
}

}  // namespace

std::vector<core::case_id> cases_holding_collections(database_ref database, std::int64_t after_id,
                                                    std::int64_t limit) {
    cached_statement query(database,
                            "SELECT case_id FROM cases_holding_collections WHERE case_id > ? ORDER BY case_id LIMIT ?");
    query.bind(1, after_id);
    query.bind(2, limit);
    std::vector<core::case_id> cases;
    while (query.executeStep()) cases.push_back(core::case_id{query.getColumn(0).getInt64()});
    return cases;
}

void mark_holding_collections(database_ref database, core::case_id for_case, bool holding) {
    cached_statement statement(database, holding
                                              ? "INSERT OR IGNORE INTO cases_holding_collections(case_id) VALUES (?)"
                                              : "DELETE FROM cases_holding_collections WHERE case_id = ?");
    statement.bind(1, for_case.value);
    statement.exec();
}

std::vector<disbursement_row> disbursements_of_case(database_ref database, core::case_id for_case,
                                                    std::optional<disbursement_cursor> after, std::int64_t limit) {
    cached_statement query(database,
                            "SELECT paid_on, receiving_parent_slot, receiving_parent_id, paid_pence, recovered_pence,"
                            " job_id FROM disbursements WHERE case_id = ? AND (paid_on, receiving_parent_slot) > (?, ?)"
                            " ORDER BY paid_on, receiving_parent_slot LIMIT ?");
    query.bind(1, for_case.value);
    query.bind(2, after ? core::format_iso_date(after->paid_on) : std::string());
    query.bind(3, after ? static_cast<int>(after->receiving_parent_slot) : -1);
    query.bind(4, limit);
    std::vector<disbursement_row> rows;
    while (query.executeStep()) {
        disbursement_row row;
        row.for_case = for_case;
        row.paid_on = stored_date(query.getColumn(0));
        row.receiving_parent_slot = static_cast<std::uint8_t>(query.getColumn(1).getInt());
        row.receiving_parent = core::parent_id{query.getColumn(2).getInt64()};
        row.paid = core::money::from_pence(query.getColumn(3).getInt64());
        row.recovered = core::money::from_pence(query.getColumn(4).getInt64());
        row.job_id = query.getColumn(5).getInt64();
        rows.push_back(row);
    }
    return rows;
}

void insert_disbursement(database_ref database, const disbursement_row& row) {
    cached_statement statement(database,
                                "INSERT INTO disbursements(case_id, paid_on, receiving_parent_slot, receiving_parent_id,"
                                " paid_pence, recovered_pence, job_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
    statement.bind(1, row.for_case.value);
    statement.bind(2, core::format_iso_date(row.paid_on));
    statement.bind(3, static_cast<int>(row.receiving_parent_slot));
    statement.bind(4, row.receiving_parent.value);
    statement.bind(5, row.paid.pence());
    statement.bind(6, row.recovered.pence());
    statement.bind(7, row.job_id);
    statement.exec();
}

std::optional<core::civil_date> last_payout_day(database_ref database) {
    cached_statement query(database, "SELECT max(paid_on) FROM payout_days");
    if (!query.executeStep() || query.getColumn(0).isNull()) return std::nullopt;
    return stored_date(query.getColumn(0));
}

void mark_payout_day_complete(database_ref database, core::civil_date paid_on, std::int64_t job_id) {
    cached_statement statement(database,
                                "INSERT INTO payout_days(paid_on, job_id, completed_at_utc) VALUES (?, ?, cms_now_utc())"
                                " ON CONFLICT DO NOTHING");
    statement.bind(1, core::format_iso_date(paid_on));
    statement.bind(2, job_id);
    statement.exec();
}

}  // namespace cms::persistence::sqlite

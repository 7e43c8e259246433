#include "persistence/sqlite/payment_store.hpp"

#include <SQLiteCpp/Statement.h>

#include <stdexcept>

namespace cms::persistence::sqlite {

namespace {

core::civil_date stored_date(const SQLite::Column& column, const char* table) {
    const auto parsed = core::parse_iso_date(column.getString());
    if (!parsed) throw std::runtime_error(std::string("corrupt date in ") + table + ": " + column.getString());
    return *parsed;
}

}  // namespace

std::optional<payment_reversal_row> find_payment_reversal(database_ref database, core::payment_id id) {
    cached_statement query(database,
                            "SELECT case_id, reason, note, reversed_on, amount_pence, command_id FROM payment_reversals"
                            " WHERE payment_id = ?");
    query.bind(1, id.value);
    if (!query.executeStep()) return std::nullopt;
    payment_reversal_row row;
    row.payment = id;
    row.for_case = core::case_id{query.getColumn(0).getInt64()};
    const auto reason = core::parse_reversal_reason(query.getColumn(1).getString());
    if (!reason) throw std::runtime_error("corrupt reason in payment_reversals: " + query.getColumn(1).getString());
    row.reason = *reason;
    row.note = query.getColumn(2).getString();
    row.reversed_on = stored_date(query.getColumn(3), "payment_reversals");
    row.amount = core::money::from_pence(query.getColumn(4).getInt64());
    row.reversed_by = core::command_id{query.getColumn(5).getInt64()};
    return row;
}

bool counted_towards_part_payment(database_ref database, core::command_id recorded_by) {
    cached_statement query(database, "SELECT 1 FROM part_payment_receipts WHERE command_id = ? LIMIT 1");
    query.bind(1, recorded_by.value);
    return query.executeStep();
}

void insert_payment_reversal(database_ref database, const payment_reversal_row& reversal) {
    cached_statement insert(database,
                             "INSERT INTO payment_reversals(payment_id, case_id, reason, note, reversed_on, amount_pence,"
                             " command_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, reversal.payment.value);
    insert.bind(2, reversal.for_case.value);
    insert.bind(3, std::string(core::to_string(reversal.reason)));
    insert.bind(4, reversal.note);
    insert.bind(5, core::format_iso_date(reversal.reversed_on));
    insert.bind(6, reversal.amount.pence());
    insert.bind(7, reversal.reversed_by.value);
    insert.exec();
}

}  // namespace cms::persistence::sqlite

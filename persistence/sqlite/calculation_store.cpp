#include "persistence/sqlite/calculation_store.hpp"

#include "persistence/sqlite/case_store.hpp"

#include "persistence/sqlite/case_store.hpp"

#include <SQLiteCpp/Statement.h>

#include <stdexcept>

namespace cms::persistence::sqlite {

std::int64_t insert_calculation_row(database_ref database, const calculation_row& row) {
    cached_statement insert(database,
                             "INSERT INTO calculations(case_id, effective_from, reason, rate,"
                             " weekly_amount_pence, input_json, result_json, command_id)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, row.for_case.value);
    insert.bind(2, core::format_iso_date(row.effective_from));
    insert.bind(3, row.reason);
    insert.bind(4, row.rate);
    insert.bind(5, row.weekly_amount.pence());
    insert.bind(6, row.input_json);
    insert.bind(7, row.result_json);
    insert.bind(8, row.cause.value);
    insert.exec();
    return database.getLastInsertRowid();
}

std::int64_t append_calculation(database_ref database, const calculation_row& row) {
    const std::int64_t id = insert_calculation_row(database, row);
    // One receiving parent per case (slot 0); the service type carries forward unchanged.
    append_liability_terms(database, row.for_case, 0, row.effective_from, row.weekly_amount, std::nullopt, row.cause);
    return id;
}

void amend_calculation(database_ref database, const calculation_row& row) {
    cached_statement calculation(database,
                                  "UPDATE calculations SET reason = ?, rate = ?, weekly_amount_pence = ?, input_json = ?,"
                                  " result_json = ?, command_id = ? WHERE case_id = ? AND effective_from = ?");
    calculation.bind(1, row.reason);
    calculation.bind(2, row.rate);
    calculation.bind(3, row.weekly_amount.pence());
    calculation.bind(4, row.input_json);
    calculation.bind(5, row.result_json);
    calculation.bind(6, row.cause.value);
    calculation.bind(7, row.for_case.value);
    calculation.bind(8, core::format_iso_date(row.effective_from));
    cached_statement term(database,
                           "UPDATE liability_segments SET weekly_amount_pence = ?, command_id = ?"
                           " WHERE case_id = ? AND receiving_parent_slot = 0 AND effective_from = ?");
    term.bind(1, row.weekly_amount.pence());
    term.bind(2, row.cause.value);
    term.bind(3, row.for_case.value);
    term.bind(4, core::format_iso_date(row.effective_from));
    if (calculation.exec() != 1 || term.exec() != 1) {
        throw std::runtime_error("no calculation and term of case " + std::to_string(row.for_case.value) +
                                 " start on " + core::format_iso_date(row.effective_from) + " to amend");
    }
}

std::vector<calculation_row> list_calculations(database_ref database, core::case_id id) {
    cached_statement query(database,
                            "SELECT id, effective_from, reason, rate, weekly_amount_pence, input_json,"
                            " result_json, command_id FROM calculations WHERE case_id = ?"
                            " ORDER BY effective_from, id");
    query.bind(1, id.value);
    std::vector<calculation_row> rows;
    while (query.executeStep()) {
        calculation_row row;
        row.id = query.getColumn(0).getInt64();
        row.for_case = id;
        const auto day = core::parse_iso_date(query.getColumn(1).getString());
        // Written by this program from a parsed date; anything else means the file was edited.
        if (!day) throw std::runtime_error("corrupt date in calculations.effective_from");
        row.effective_from = *day;
        row.reason = query.getColumn(2).getString();
        row.rate = query.getColumn(3).getString();
        row.weekly_amount = core::money::from_pence(query.getColumn(4).getInt64());
        row.input_json = query.getColumn(5).getString();
        row.result_json = query.getColumn(6).getString();
        row.cause = core::command_id{query.getColumn(7).getInt64()};
        rows.push_back(std::move(row));
    }
    return rows;
}

std::optional<core::money> weekly_amount_in_force(database_ref database, core::case_id id,
                                                  core::civil_date day) {
    cached_statement query(database,
                            "SELECT weekly_amount_pence FROM liability_segments"
                            " WHERE case_id = ? AND receiving_parent_slot = 0 AND effective_from <= ?"
                            " ORDER BY effective_from DESC LIMIT 1");
    query.bind(1, id.value);
    query.bind(2, core::format_iso_date(day));
    if (!query.executeStep()) return std::nullopt;
    return core::money::from_pence(query.getColumn(0).getInt64());
}

}  // namespace cms::persistence::sqlite

#include "persistence/sqlite/penalty_store.hpp"

#include <SQLiteCpp/Statement.h>

#include <string>

#include "persistence/sqlite/column_reading.hpp"

namespace cms::persistence::sqlite {

std::vector<penalty_row> penalties_of_case(database_ref database, core::case_id for_case) {
    cached_statement query(database,
                           "SELECT p.id, p.kind, p.payer, p.action_id, coalesce(a.employer_name, ''), p.amount_pence,"
                           " p.imposed_on, p.note, p.command_id FROM penalties p"
                           " LEFT JOIN enforcement_actions a ON a.id = p.action_id WHERE p.case_id = ? ORDER BY p.id");
    query.bind(1, for_case.value);
    std::vector<penalty_row> rows;
    while (query.executeStep()) {
        penalty_row row;
        row.penalty_id = query.getColumn(0).getInt64();
        row.for_case = for_case;
        row.kind = enum_column(query.getColumn(1), &core::parse_penalty_kind);
        row.payer = enum_column(query.getColumn(2), &core::parse_penalty_payer);
        if (!query.getColumn(3).isNull()) row.action_id = query.getColumn(3).getInt64();
        row.employer_name = query.getColumn(4).getString();
        row.amount = core::money::from_pence(query.getColumn(5).getInt64());
        row.imposed_on = date_column(query.getColumn(6));
        row.note = query.getColumn(7).getString();
        row.imposed_by = core::command_id{query.getColumn(8).getInt64()};
        rows.push_back(std::move(row));
    }
    return rows;
}

std::int64_t insert_penalty(database_ref database, const penalty_row& row) {
    cached_statement insert(database,
                            "INSERT INTO penalties(case_id, kind, payer, action_id, amount_pence, imposed_on, note, command_id)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, row.for_case.value);
    insert.bind(2, std::string(core::to_string(row.kind)));
    insert.bind(3, std::string(core::to_string(row.payer)));
    if (row.action_id) insert.bind(4, *row.action_id); else insert.bind(4);
    insert.bind(5, row.amount.pence());
    insert.bind(6, core::format_iso_date(row.imposed_on));
    insert.bind(7, row.note);
    insert.bind(8, row.imposed_by.value);
    insert.exec();
    return database.getLastInsertRowid();
}

}  // namespace cms::persistence::sqlite

#include "persistence/sqlite/arrears_agreement_store.hpp"

#include <SQLiteCpp/Statement.h>

#include <stdexcept>
#include <string>

#include "persistence/sqlite/column_reading.hpp"

namespace cms::persistence::sqlite {

namespace {

const std::string agreement_columns =
    "SELECT id, case_id, made_on, frequency, net_income_per_period_pence, ongoing_per_instalment_pence,"
    " arrears_at_agreement_pence, arrears_instalment_pence, instalments, status, status_on, note, command_id,"
    " ended_by_job FROM arrears_agreements";

std::vector<arrears_agreement_row> agreements_from(cached_statement& query) {
    std::vector<arrears_agreement_row> rows;
    while (query.executeStep()) {
        arrears_agreement_row row;
        row.agreement_id = query.getColumn(0).getInt64();
        row.for_case = core::case_id{query.getColumn(1).getInt64()};
        row.made_on = date_column(query.getColumn(2));
        row.frequency = enum_column(query.getColumn(3), &core::parse_payment_frequency);
        row.net_income_per_period = core::money::from_pence(query.getColumn(4).getInt64());
        row.ongoing_per_instalment = core::money::from_pence(query.getColumn(5).getInt64());
        row.arrears_at_agreement = core::money::from_pence(query.getColumn(6).getInt64());
        row.arrears_instalment = core::money::from_pence(query.getColumn(7).getInt64());
        row.instalments = query.getColumn(8).getInt64();
        row.status = enum_column(query.getColumn(9), &core::parse_arrears_agreement_status);
        row.status_on = date_column(query.getColumn(10));
        row.note = query.getColumn(11).getString();
        row.made_by = core::command_id{query.getColumn(12).getInt64()};
        if (!query.getColumn(13).isNull()) row.ended_by_job = query.getColumn(13).getInt64();
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

std::vector<arrears_agreement_row> arrears_agreements_of_case(database_ref database, core::case_id for_case) {
    cached_statement query(database, agreement_columns + " WHERE case_id = ? ORDER BY id");
    query.bind(1, for_case.value);
    return agreements_from(query);
}

std::vector<arrears_agreement_row> active_arrears_agreements(database_ref database) {
    cached_statement query(database, agreement_columns + " WHERE status = 'active' ORDER BY case_id");
    return agreements_from(query);
}

std::int64_t insert_arrears_agreement(database_ref database, const arrears_agreement_row& row) {
    cached_statement insert(database,
                            "INSERT INTO arrears_agreements(case_id, made_on, frequency, net_income_per_period_pence,"
                            " ongoing_per_instalment_pence, arrears_at_agreement_pence, arrears_instalment_pence,"
                            " instalments, status, status_on, note, command_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, row.for_case.value);
    insert.bind(2, core::format_iso_date(row.made_on));
    insert.bind(3, std::string(core::to_string(row.frequency)));
    insert.bind(4, row.net_income_per_period.pence());
    insert.bind(5, row.ongoing_per_instalment.pence());
    insert.bind(6, row.arrears_at_agreement.pence());
    insert.bind(7, row.arrears_instalment.pence());
    insert.bind(8, row.instalments);
    insert.bind(9, std::string(core::to_string(row.status)));
    insert.bind(10, core::format_iso_date(row.status_on));
    insert.bind(11, row.note);
    insert.bind(12, row.made_by.value);
    insert.exec();
    return database.getLastInsertRowid();
}

void update_arrears_agreement(database_ref database, const arrears_agreement_row& row) {
    cached_statement update(database, "UPDATE arrears_agreements SET status = ?, status_on = ?, ended_by_job = ? WHERE id = ?");
    update.bind(1, std::string(core::to_string(row.status)));
    update.bind(2, core::format_iso_date(row.status_on));
    if (row.ended_by_job) update.bind(3, *row.ended_by_job); else update.bind(3);
    update.bind(4, row.agreement_id);
    if (update.exec() != 1) throw std::runtime_error("no arrears agreement " + std::to_string(row.agreement_id));
}

}  // namespace cms::persistence::sqlite

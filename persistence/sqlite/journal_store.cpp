#include "persistence/sqlite/journal_store.hpp"

#include <SQLiteCpp/Statement.h>

namespace cms::persistence::sqlite {

std::optional<recorded_command> find_command_by_key(database_ref database,
                                                    const std::string& idempotency_key) {
    cached_statement query(database,
                            "SELECT j.id, j.command_type, j.actor, j.business_date, j.request_json,"
                            " o.status_code, o.response_json"
                            " FROM command_journal j JOIN command_outcomes o ON o.command_id = j.id"
                            " WHERE j.idempotency_key = ?");
    query.bind(1, idempotency_key);
    if (!query.executeStep()) return std::nullopt;
    recorded_command found;
    found.id = core::command_id{query.getColumn(0).getInt64()};
    found.entry.idempotency_key = idempotency_key;
    found.entry.command_type = query.getColumn(1).getString();
    found.entry.actor = query.getColumn(2).getString();
    found.entry.business_date = query.getColumn(3).getString();
    found.entry.request_json = query.getColumn(4).getString();
    found.status_code = query.getColumn(5).getInt();
    found.response_json = query.getColumn(6).getString();
    return found;
}

core::command_id append_command(database_ref database, const journal_entry& entry) {
    cached_statement insert(database,
                             "INSERT INTO command_journal(idempotency_key, command_type, actor,"
                             " business_date, request_json, recorded_at_utc)"
                             " VALUES (?, ?, ?, ?, ?, cms_now_utc())");
    insert.bind(1, entry.idempotency_key);
    insert.bind(2, entry.command_type);
    insert.bind(3, entry.actor);
    insert.bind(4, entry.business_date);
    insert.bind(5, entry.request_json);
    insert.exec();
    return core::command_id{database.getLastInsertRowid()};
}

void record_command_outcome(database_ref database, core::command_id id, int status_code,
                            const std::string& response_json) {
    cached_statement insert(database,
                             "INSERT INTO command_outcomes(command_id, status_code, response_json)"
                             " VALUES (?, ?, ?)");
    insert.bind(1, id.value);
    insert.bind(2, status_code);
    insert.bind(3, response_json);
    insert.exec();
}

}  // namespace cms::persistence::sqlite

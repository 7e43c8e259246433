#include "persistence/sqlite/audit_store.hpp"

#include <SQLiteCpp/Statement.h>

namespace cms::persistence::sqlite {

std::vector<audit_entry> list_audit_entries(database_ref database, const audit_filter& filter) {
    // Absent filters bind NULL and match everything. The case filter is a lookup list driving the
    // query by journal id (the expression index of migration 0007, the case's own opening
    // command, and every command that posted to its ledger: a reversal or an approval names a
    // payment or a request, a paying parent's payment names the parent, not the case), written
    // only when asked for so an unfiltered page stays a plain range scan.
    const std::string case_clause =
        filter.case_id ? " AND j.id IN (SELECT id FROM command_journal WHERE json_extract(request_json, '$.case_id') = :case"
                         "              UNION ALL SELECT command_id FROM cases WHERE id = :case"
                         "              UNION ALL SELECT cause_ref FROM ledger_postings WHERE case_id = :case AND cause_kind = 1)"
                       : "";
    cached_statement query(
        database,
        "SELECT j.id, j.idempotency_key, j.command_type, j.actor, j.business_date, j.recorded_at_utc,"
        " j.request_json, o.status_code, o.response_json"
        " FROM command_journal j JOIN command_outcomes o ON o.command_id = j.id"
        " WHERE j.id > :after"
        " AND (:actor IS NULL OR j.actor = :actor)"
        " AND (:from IS NULL OR j.business_date >= :from)"
        " AND (:to IS NULL OR j.business_date <= :to)" +
            case_clause + " ORDER BY j.id LIMIT :limit");
    query.bind(":after", filter.after_id);
    if (filter.actor) query.bind(":actor", *filter.actor);
    if (filter.business_date_from) query.bind(":from", *filter.business_date_from);
    if (filter.business_date_to) query.bind(":to", *filter.business_date_to);
    if (filter.case_id) query.bind(":case", *filter.case_id);
    query.bind(":limit", static_cast<std::int64_t>(filter.entries_max));
    std::vector<audit_entry> entries;
    while (query.executeStep()) {
        audit_entry entry;
        entry.id = query.getColumn(0).getInt64();
        entry.idempotency_key = query.getColumn(1).getString();
        entry.command_type = query.getColumn(2).getString();
        entry.actor = query.getColumn(3).getString();
        entry.business_date = query.getColumn(4).getString();
        entry.recorded_at_utc = query.getColumn(5).getString();
        entry.request_json = query.getColumn(6).getString();
        entry.status_code = query.getColumn(7).getInt();
        entry.response_json = query.getColumn(8).getString();
        entries.push_back(std::move(entry));
    }
    return entries;
}

}  // namespace cms::persistence::sqlite

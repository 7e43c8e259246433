#include "persistence/sqlite/generated_case_inserter.hpp"

#include "core/cases/qualification.hpp"

namespace cms::persistence::sqlite {

generated_case_inserter::generated_case_inserter(SQLite::Database& database)
    : database_(database),
      parent_(database,
              "INSERT INTO parents(role, full_name, date_of_birth, local_authority_code, command_id)"
              " VALUES (?, ?, ?, ?, ?)"),
      case_(database,
            "INSERT INTO cases(paying_parent_id, receiving_parent_id, service_type, weekly_amount_pence,"
            " opened_on, status, command_id) VALUES (?, ?, ?, ?, ?, 'open', ?)"),
      child_(database,
             "INSERT INTO case_children(case_id, child_number, full_name, date_of_birth) VALUES (?, 1, ?, ?)"),
      qualification_(database, "INSERT INTO qualification_ends(case_id, child_number, ends_on) VALUES (?, 1, ?)"),
      segment_(database,
               "INSERT INTO liability_segments(case_id, receiving_parent_slot, effective_from,"
               " weekly_amount_pence, service_type, command_id) VALUES (?, 0, ?, ?, ?, ?)"),
      schedule_(database,
                "INSERT INTO payment_schedules(case_id, effective_from, frequency, first_due_date, anchor_day,"
                " command_id) VALUES (?, ?, 'monthly', ?, ?, ?)") {}

std::int64_t generated_case_inserter::insert_parent(const char* role, const std::string& name, core::civil_date born,
                                                    const generated_case& generated) {
    parent_.bind(1, role);
    parent_.bind(2, name);
    parent_.bind(3, core::format_iso_date(born));
    parent_.bind(4, generated.local_authority_code);
    parent_.bind(5, generated.cause.value);
    parent_.exec();
    parent_.reset();
    return database_.getLastInsertRowid();
}

core::case_id generated_case_inserter::insert(const generated_case& generated) {
    const std::int64_t paying = insert_parent("paying", generated.paying_name, generated.paying_born, generated);
    const std::int64_t receiving =
        insert_parent("receiving", generated.receiving_name, generated.receiving_born, generated);
    const std::string opened_text = core::format_iso_date(generated.opened_on);
    const std::string service(core::to_string(generated.service));
    case_.bind(1, paying);
    case_.bind(2, receiving);
    case_.bind(3, service);
    case_.bind(4, generated.weekly_amount.pence());
    case_.bind(5, opened_text);
    case_.bind(6, generated.cause.value);
    case_.exec();
    case_.reset();
    const std::int64_t case_number = database_.getLastInsertRowid();

    child_.bind(1, case_number);
    child_.bind(2, generated.child_name);
    child_.bind(3, core::format_iso_date(generated.child_born));
    child_.exec();
    child_.reset();
    // The generator records no education: the child qualifies until 16.
    qualification_.bind(1, case_number);
    qualification_.bind(2, core::format_iso_date(core::stops_qualifying_on(generated.child_born, false)));
    qualification_.exec();
    qualification_.reset();
    segment_.bind(1, case_number);
    segment_.bind(2, opened_text);
    segment_.bind(3, generated.weekly_amount.pence());
    segment_.bind(4, service);
    segment_.bind(5, generated.cause.value);
    segment_.exec();
    segment_.reset();
    schedule_.bind(1, case_number);
    schedule_.bind(2, opened_text);
    schedule_.bind(3, core::format_iso_date(generated.first_due_date));
    schedule_.bind(4, static_cast<int>(static_cast<unsigned>(generated.first_due_date.day())));
    schedule_.bind(5, generated.cause.value);
    schedule_.exec();
    schedule_.reset();
    return core::case_id{case_number};
}

}  // namespace cms::persistence::sqlite

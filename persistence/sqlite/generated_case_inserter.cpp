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
             "INSERT INTO case_children(case_id, child_number, full_name, date_of_birth) VALUES (?, ?, ?, ?)"),
      qualification_(database, "INSERT INTO qualification_ends(case_id, child_number, ends_on) VALUES (?, ?, ?)"),
      segment_(database,
               "INSERT INTO liability_segments(case_id, receiving_parent_slot, effective_from,"
               " weekly_amount_pence, service_type, command_id) VALUES (?, 0, ?, ?, ?, ?)"),
      schedule_(database,
                "INSERT INTO payment_schedules(case_id, effective_from, frequency, first_due_date, anchor_day,"
                " command_id) VALUES (?, ?, ?, ?, ?, ?)"),
      calculation_(database,
                   "INSERT INTO calculations(case_id, effective_from, reason, rate, weekly_amount_pence, input_json,"
                   " result_json, command_id) VALUES (?, ?, 'case_opened', ?, ?, ?, ?, ?)"),
      profile_(database,
               "INSERT INTO payer_profiles(case_id, behaviour, days_late, paid_share_bp, instalments_before_stopping,"
               " method, employed, net_weekly_earnings_pence, has_bank_account, command_id)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") {}

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

generated_parents generated_case_inserter::insert_parents(const generated_case& generated) {
    const std::int64_t paying = insert_parent("paying", generated.paying_name, generated.paying_born, generated);
    const std::int64_t receiving =
        insert_parent("receiving", generated.receiving_name, generated.receiving_born, generated);
    return {core::parent_id{paying}, core::parent_id{receiving}};
}

void generated_case_inserter::insert_children(std::int64_t case_number, const generated_case& generated) {
    for (std::size_t i = 0; i < generated.children.size(); ++i) {
        const auto child_number = static_cast<std::int64_t>(i + 1);
        child_.bind(1, case_number);
        child_.bind(2, child_number);
        child_.bind(3, generated.children[i].name);
        child_.bind(4, core::format_iso_date(generated.children[i].born));
        child_.exec();
        child_.reset();
        // The generator records no education: each child qualifies until 16.
        qualification_.bind(1, case_number);
        qualification_.bind(2, child_number);
        qualification_.bind(3, core::format_iso_date(core::stops_qualifying_on(generated.children[i].born, false)));
        qualification_.exec();
        qualification_.reset();
    }
}

void generated_case_inserter::insert_profile(std::int64_t case_number, const generated_case& generated) {
    const payer_profile_row& profile = generated.profile;
    profile_.bind(1, case_number);
    profile_.bind(2, profile.behaviour);
    profile_.bind(3, profile.days_late);
    profile_.bind(4, profile.paid_share_bp);
    profile_.bind(5, profile.instalments_before_stopping);
    profile_.bind(6, core::to_string(profile.method));
    profile_.bind(7, profile.employed ? 1 : 0);
    profile_.bind(8, profile.net_weekly_earnings.pence());
    profile_.bind(9, profile.has_bank_account ? 1 : 0);
    profile_.bind(10, generated.cause.value);
    profile_.exec();
    profile_.reset();
}

core::case_id generated_case_inserter::insert_case(const generated_case& generated, generated_parents parents) {
    const std::string opened_text = core::format_iso_date(generated.opened_on);
    const char* const service = core::to_string(generated.service);
    case_.bind(1, parents.paying.value);
    case_.bind(2, parents.receiving.value);
    case_.bind(3, service);
    case_.bind(4, generated.weekly_amount.pence());
    case_.bind(5, opened_text);
    case_.bind(6, generated.cause.value);
    case_.exec();
    case_.reset();
    const std::int64_t case_number = database_.getLastInsertRowid();

    insert_children(case_number, generated);
    segment_.bind(1, case_number);
    segment_.bind(2, opened_text);
    segment_.bind(3, generated.weekly_amount.pence());
    segment_.bind(4, service);
    segment_.bind(5, generated.cause.value);
    segment_.exec();
    segment_.reset();
    // As insert_case writes a schedule: a monthly one keeps its anchor day, the others none.
    const bool monthly = generated.frequency == core::payment_frequency::monthly;
    schedule_.bind(1, case_number);
    schedule_.bind(2, opened_text);
    schedule_.bind(3, core::to_string(generated.frequency));
    schedule_.bind(4, core::format_iso_date(generated.first_due_date));
    schedule_.bind(5, monthly ? static_cast<int>(static_cast<unsigned>(generated.first_due_date.day())) : 0);
    schedule_.bind(6, generated.cause.value);
    schedule_.exec();
    schedule_.reset();
    calculation_.bind(1, case_number);
    calculation_.bind(2, opened_text);
    calculation_.bind(3, generated.calculation_rate);
    calculation_.bind(4, generated.weekly_amount.pence());
    calculation_.bind(5, generated.calculation_input_json);
    calculation_.bind(6, generated.calculation_result_json);
    calculation_.bind(7, generated.cause.value);
    calculation_.exec();
    calculation_.reset();
    insert_profile(case_number, generated);
    return core::case_id{case_number};
}

}  // namespace cms::persistence::sqlite

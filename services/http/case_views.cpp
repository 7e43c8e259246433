#include "services/http/case_views.hpp"

namespace cms::services {

nlohmann::json parent_view(const core::parent_record& parent) {
    return {
        {"id", parent.id.value},
        {"role", core::to_string(parent.details.role)},
        {"full_name", parent.details.full_name},
        {"date_of_birth", core::format_iso_date(parent.details.date_of_birth)},
        {"local_authority_code", parent.details.local_authority_code},
    };
}

nlohmann::json payment_view(const persistence::payment_row& payment) {
    return {
        {"id", payment.id.value},
        {"case_id", payment.details.for_case.value},
        {"amount_pence", payment.details.amount.pence()},
        {"received_on", core::format_iso_date(payment.details.received_on)},
        {"method", core::to_string(payment.details.method)},
        {"reference", payment.details.reference},
    };
}

nlohmann::json case_view(const core::case_record& record, const core::parent_record& paying,
                         const core::parent_record& receiving,
                         const std::vector<persistence::payment_row>& payments) {
    nlohmann::json children = nlohmann::json::array();
    for (const auto& child : record.details.children) {
        children.push_back({{"full_name", child.full_name},
                            {"date_of_birth", core::format_iso_date(child.date_of_birth)}});
    }
    nlohmann::json payment_list = nlohmann::json::array();
    core::money total_paid;
    for (const auto& payment : payments) {
        payment_list.push_back(payment_view(payment));
        total_paid += payment.details.amount;
    }
    return {
        {"id", record.id.value},
        {"service_type", core::to_string(record.details.service)},
        {"opened_on", core::format_iso_date(record.opened_on)},
        {"weekly_amount_pence", record.details.weekly_amount.pence()},
        {"payment_schedule",
         {{"frequency", core::to_string(record.details.frequency)},
          {"first_due_date", record.details.first_due_date
                                 ? nlohmann::json(core::format_iso_date(*record.details.first_due_date))
                                 : nlohmann::json(nullptr)}}},
        {"paying_parent", parent_view(paying)},
        {"receiving_parent", parent_view(receiving)},
        {"children", std::move(children)},
        {"payments", std::move(payment_list)},
        {"total_paid_pence", total_paid.pence()},
    };
}

}  // namespace cms::services

#include "services/wire/case_views.hpp"

#include "core/cases/qualification.hpp"

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
    nlohmann::json view = {
        {"id", payment.id.value},
        {"case_id", payment.details.for_case.value},
        {"amount_pence", payment.details.amount.pence()},
        {"received_on", core::format_iso_date(payment.details.received_on)},
        {"method", core::to_string(payment.details.method)},
        {"reference", payment.details.reference},
    };
    if (payment.reversed_on) view["reversed_on"] = core::format_iso_date(*payment.reversed_on);
    return view;
}

nlohmann::json payment_reversal_view(const persistence::payment_reversal_row& row) {
    return {{"payment_id", row.payment.value},
            {"case_id", row.for_case.value},
            {"reason", core::to_string(row.reason)},
            {"note", row.note},
            {"reversed_on", core::format_iso_date(row.reversed_on)},
            {"amount_pence", row.amount.pence()}};
}

nlohmann::json case_summary_view(const persistence::case_summary& row) {
    return {{"id", row.id.value},
            {"paying_parent_id", row.paying_parent.value},
            {"receiving_parent_id", row.receiving_parent.value},
            {"service_type", core::to_string(row.service)},
            {"status", row.status},
            {"opened_on", core::format_iso_date(row.opened_on)}};
}

nlohmann::json case_closure_view(const persistence::case_closure_row& row) {
    return {{"case_id", row.for_case.value},
            {"reason", core::to_string(row.reason)},
            {"effective_date", core::format_iso_date(row.effective_date)}};
}

nlohmann::json leg_view(const core::transfer& leg) {
    const auto account = [](core::account_ref ref) {
        nlohmann::json shown = {{"account", core::to_string(ref.kind)}};
        if (core::is_per_receiving_parent(ref.kind)) shown["receiving_parent_slot"] = ref.receiving_parent_slot;
        return shown;
    };
    return {{"leg", leg.leg},
            {"code", core::to_string(leg.code)},
            {"debit", account(leg.debit)},
            {"credit", account(leg.credit)},
            {"amount_pence", leg.amount.pence()}};
}

nlohmann::json case_view(const core::case_record& record, const core::parent_record& paying,
                         const core::parent_record& receiving,
                         const std::vector<persistence::payment_row>& payments) {
    nlohmann::json children = nlohmann::json::array();
    for (const auto& child : record.details.children) {
        children.push_back(
            {{"full_name", child.full_name},
             {"date_of_birth", core::format_iso_date(child.date_of_birth)},
             {"full_time_non_advanced_education", child.full_time_non_advanced_education},
             {"qualifies_until",
              core::format_iso_date(core::add_days(
                  core::stops_qualifying_on(child.date_of_birth, child.full_time_non_advanced_education), -1))}});
    }
    nlohmann::json payment_list = nlohmann::json::array();
    core::money total_paid;
    for (const auto& payment : payments) {
        payment_list.push_back(payment_view(payment));
        if (!payment.reversed_on) total_paid += payment.details.amount;  // a reversed payment was never paid
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
        // A case is open until its closure; GET /v1/cases/{id} replaces these once it is closed.
        {"status", "open"},
        {"closure", nullptr},
    };
}

}  // namespace cms::services

namespace cms::services {

nlohmann::json arrears_request_view(const persistence::arrears_request_row& row) {
    nlohmann::json view = {{"id", row.id},
                           {"case_id", row.for_case.value},
                           {"kind", core::to_string(row.request.kind)},
                           {"receiving_parent_slot", row.request.receiving_parent_slot},
                           {"requested_by", row.requested_by},
                           {"requested_on", core::format_iso_date(row.requested_on)},
                           {"approvable_from", core::format_iso_date(row.approvable_from)},
                           {"status", !row.decision ? "pending" : row.decision->approved ? "approved" : "rejected"}};
    if (row.request.kind == core::approval_kind::write_off) {
        view["amount_pence"] = row.request.amount.pence();
        view["reason"] = core::to_string(*row.request.reason);
    } else {
        view["accepted_pence"] = row.request.amount.pence();
        view["consent_reference"] = row.consent_reference;
    }
    if (row.decision) {
        view["decision"] = {{"decided_by", row.decision->decided_by},
                            {"decided_on", core::format_iso_date(row.decision->decided_on)},
                            {"note", row.decision->note},
                            {"written_off_pence", row.decision->written_off.pence()}};
        if (row.decision->agreement) {
            const core::part_payment_agreement& agreement = *row.decision->agreement;
            nlohmann::json shown = {{"pay_by", core::format_iso_date(agreement.pay_by)},
                                    {"remainder_pence", agreement.remainder.pence()},
                                    {"received_pence", row.received_towards.pence()},
                                    {"settled_on", nullptr},
                                    {"written_off_pence", 0}};
            if (row.agreement_state) shown["state"] = core::to_string(*row.agreement_state);
            if (row.settlement) {
                shown["settled_on"] = core::format_iso_date(row.settlement->settled_on);
                shown["written_off_pence"] = row.settlement->written_off.pence();
            }
            view["decision"]["agreement"] = std::move(shown);
        }
    }
    return view;
}

nlohmann::json user_view(const persistence::user_listing& listing) {
    return {{"id", listing.user.id},
            {"name", listing.user.name},
            {"role", core::role_name(listing.user.role)},
            {"created_at_utc", listing.created_at_utc},
            {"revoked_at_utc", listing.revoked_at_utc ? nlohmann::json(*listing.revoked_at_utc) : nlohmann::json()}};
}

}  // namespace cms::services

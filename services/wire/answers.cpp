#include "services/wire/answers.hpp"

#include "services/wire/calculation_json.hpp"
#include "services/wire/case_views.hpp"
#include "services/wire/json_text.hpp"

namespace cms::services {

std::string parent_answer(const core::parent_record& parent) { return write_json_text(parent_view(parent)); }

std::string opened_case_answer(const core::case_record& record, const core::parent_record& paying,
                               const core::parent_record& receiving) {
    return write_json_text(case_view(record, paying, receiving, {}));
}

std::string payment_answer(const persistence::payment_row& payment) { return write_json_text(payment_view(payment)); }

std::string circumstance_change_answer(core::case_id for_case, const core::supersession_decision& decision,
                                       core::civil_date effective, core::money weekly_amount) {
    nlohmann::json view = {{"case_id", for_case.value},
                           {"effective_date", core::format_iso_date(effective)},
                           {"superseded", decision.outcome == core::supersession_outcome::superseded},
                           {"outcome", core::to_string(decision.outcome)},
                           {"detail", decision.detail},
                           {"weekly_amount_pence", weekly_amount.pence()}};
    if (decision.outcome == core::supersession_outcome::superseded) {
        view["calculation"] = calculation_to_json(decision.history.back().result);
    }
    return write_json_text(view);
}

std::string arrears_request_answer(const persistence::arrears_request_row& row) {
    return write_json_text(arrears_request_view(row));
}

std::string case_closure_answer(const persistence::case_closure_row& row) {
    nlohmann::json view = case_closure_view(row);
    view["status"] = "closed";
    return write_json_text(view);
}

std::string payment_reversal_answer(const persistence::payment_reversal_row& row, core::money reallocated,
                                    core::money recoverable) {
    nlohmann::json view = payment_reversal_view(row);
    view["credit_reallocated_pence"] = reallocated.pence();
    view["recoverable_from_receiving_parent_pence"] = recoverable.pence();
    return write_json_text(view);
}

std::string user_answer(const persistence::user_listing& listing) { return write_json_text(user_view(listing)); }

std::string user_answer_with_token(const persistence::user_listing& listing, const std::string& token) {
    nlohmann::json view = user_view(listing);
    view["token"] = token;
    return write_json_text(view);
}

std::string job_started_answer(std::int64_t job_id) {
    return write_json_text(
        {{"id", job_id}, {"status", "running"}, {"location", "/v1/jobs/" + std::to_string(job_id)}});
}

std::string business_date_answer(core::civil_date business_date) {
    return write_json_text({{"business_date", core::format_iso_date(business_date)}});
}

}  // namespace cms::services

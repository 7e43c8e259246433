#pragma once
/// The bodies of accepted commands, as JSON text: what a service records in the journal and
/// answers, so a repeated key gets the same bytes back. The shapes are those of the matching
/// reads (case_views.hpp), so a created record looks as it will when read.
#include <cstdint>
#include <string>

#include "core/calculation/supersession.hpp"
#include "core/cases/case_records.hpp"
#include "core/common/civil_date.hpp"
#include "persistence/arrears_request_repository.hpp"
#include "persistence/case_repository.hpp"
#include "persistence/user_repository.hpp"

namespace cms::services {

std::string parent_answer(const core::parent_record& parent);
/// A case as opened: no payments yet.
std::string opened_case_answer(const core::case_record& record, const core::parent_record& paying,
                               const core::parent_record& receiving);
std::string payment_answer(const persistence::payment_row& payment);
/// A change of circumstances: whether it superseded the calculation, and the weekly amount in
/// force from its effective date (with the new calculation's steps when it superseded).
std::string circumstance_change_answer(core::case_id for_case, const core::supersession_decision& decision,
                                       core::civil_date effective, core::money weekly_amount);
std::string arrears_request_answer(const persistence::arrears_request_row& row);
/// A case closed: its closure, and its status.
std::string case_closure_answer(const persistence::case_closure_row& row);
/// A payment taken back, and how much other credit was allocated again.
/// `recoverable`: what the receiving parent(s) had already been paid out of it.
std::string payment_reversal_answer(const persistence::payment_reversal_row& row, core::money reallocated,
                                    core::money recoverable);
std::string user_answer(const persistence::user_listing& listing);
/// A new user's first answer: user_answer with its bearer token (never journaled).
std::string user_answer_with_token(const persistence::user_listing& listing, const std::string& token);
/// A started job: its id, "running", and where to follow it.
std::string job_started_answer(std::int64_t job_id);
std::string business_date_answer(core::civil_date business_date);

}  // namespace cms::services

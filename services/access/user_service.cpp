#include "services/access/user_service.hpp"

#include <memory>
#include <stdexcept>

#include "persistence/unit_of_work.hpp"
#include "services/access/token.hpp"
#include "services/commands/command_refusal.hpp"
#include "services/commands/command_submission.hpp"
#include "services/wire/answers.hpp"

namespace cms::services {

using detail::refuse;

user_service::user_service(persistence::writer& writer, persistence::read_pool& readers, const business_clock& clock)
    : writer_(writer), readers_(readers), clock_(clock) {}

void user_service::add_user(add_user_command command, const command_context& context, outcome_callback done) {
    // Made before the writer runs; used only if this key is new. Only its hash is written.
    const auto token = std::make_shared<std::string>(generate_token());
    // The first answer, with the token; the journal records the same answer without it.
    const auto first_answer = std::make_shared<std::string>();
    const std::string name = command.name;
    const core::role held = command.role;
    submit_command(writer_, clock_.today(), "add_user", std::move(command.request_json), context,
                   [=](persistence::unit_of_work& work, core::command_id) {
                       if (work.users().find_active_user_by_token_hash(sha256_hex(*token))) {
                           throw std::runtime_error("generated token collides");  // 2^-256: a broken generator
                       }
                       if (work.users().user_name_taken(name)) {
                           refuse({core::rejection_code::conflicting_state, "name", "a user with this name exists"});
                       }
                       const std::int64_t id = work.users().insert_user(name, held, sha256_hex(*token));
                       const auto created = work.users().find_user(id);
                       *first_answer = user_answer_with_token(*created, *token);
                       return answer{answer_kind::created, user_answer(*created)};
                   },
                   [first_answer, done = std::move(done)](command_outcome outcome) {
                       auto* accepted = std::get_if<answer>(&outcome);
                       if (accepted != nullptr && !first_answer->empty()) accepted->body_json = *first_answer;
                       done(std::move(outcome));
                   });
}

void user_service::revoke_user(revoke_user_command command, const command_context& context, outcome_callback done) {
    const std::int64_t user_id = command.user_id;
    const std::string actor = context.actor;
    submit_command(writer_, clock_.today(), "revoke_user", std::move(command.request_json), context,
                   [=](persistence::unit_of_work& work, core::command_id) {
                       const auto found = work.users().find_user(user_id);
                       if (!found) refuse({core::rejection_code::not_found, "user_id", "does not exist"});
                       if (found->user.name == actor) {
                           refuse({core::rejection_code::conflicting_state, "user_id",
                                   "an administrator cannot revoke themself; ask another administrator"});
                       }
                       if (!work.users().revoke_user(found->user.name)) {
                           refuse({core::rejection_code::conflicting_state, "user_id", "is already revoked"});
                       }
                       return answer{answer_kind::ok, user_answer(*work.users().find_user(user_id))};
                   },
                   std::move(done));
}

std::vector<persistence::user_listing> user_service::list_users(std::int64_t after_id, std::int64_t limit) {
    auto session = readers_.borrow();
    return session->users().list_users(after_id, limit);
}

}  // namespace cms::services

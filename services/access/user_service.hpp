#pragma once
/// User administration: adding a user with a role (and a bearer token shown once), revoking
/// one, listing them. Each change is a journaled command like any other, so the audit trail
/// shows who made or revoked whom.
#include <cstdint>
#include <vector>

#include "persistence/read_pool.hpp"
#include "persistence/user_repository.hpp"
#include "persistence/writer.hpp"
#include "services/clock/business_clock.hpp"
#include "services/commands/commands.hpp"

namespace cms::services {

class user_service {
public:
    user_service(persistence::writer& writer, persistence::read_pool& readers, const business_clock& clock);

    /// Created with the new bearer token in the answer. Only this first answer has it: the
    /// journal and the users table keep no token (only its hash), so a repeat of the key
    /// answers without it. conflicting_state when the name is taken.
    void add_user(add_user_command command, const command_context& context, outcome_callback done);
    /// Stops the user's token at once. An administrator cannot revoke themself.
    void revoke_user(revoke_user_command command, const command_context& context, outcome_callback done);
    /// Users in id order after `after_id`, at most `limit`; never token hashes.
    std::vector<persistence::user_listing> list_users(std::int64_t after_id, std::int64_t limit);

private:
    persistence::writer& writer_;
    persistence::read_pool& readers_;
    const business_clock& clock_;
};

}  // namespace cms::services

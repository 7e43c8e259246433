#include "services/commands/command_submission.hpp"

#include <spdlog/spdlog.h>

#include "persistence/journal_repository.hpp"
#include "services/commands/idempotency.hpp"
#include "services/commands/command_refusal.hpp"
#include "services/ledger/ledger_invariants.hpp"

namespace cms::services {

namespace {

using detail::refused_command;

command_outcome outcome_of_failure(std::exception_ptr failure, const std::string& command_type) {
    try {
        std::rethrow_exception(failure);
    } catch (const refused_command& refused) {
        return refused.outcome;
    } catch (const ledger_invariant_violation& broken) {
        spdlog::error("command {} rolled back: it would break a ledger invariant: {}", command_type, broken.what());
    } catch (const std::exception& error) {
        // Log the cause for operators; never send internal detail (paths, SQL) to the client.
        spdlog::error("command {} failed: {}", command_type, error.what());
    } catch (...) {
        spdlog::error("command {} failed with a non-standard exception", command_type);
    }
    return make_problem(500, "internal", "Internal error",
                        "the command was not recorded; it is safe to retry with the same key");
}

command_outcome replay_or_conflict(const persistence::recorded_command& recorded,
                                   const std::string& command_type,
                                   const nlohmann::json& canonical_request, const command_context& context) {
    // Checked first, and answered without a word about the other command: who used the key,
    // for what and with which result is that user's business.
    if (recorded.entry.actor != context.actor) {
        return make_problem(409, "idempotency-key-reused", "Idempotency key reused",
                            "another user has already used this key; choose a key of your own",
                            "Idempotency-Key");
    }
    if (recorded.entry.command_type != command_type) {
        return make_problem(409, "idempotency-key-reused", "Idempotency key reused",
                            "this key was already used for a " + recorded.entry.command_type +
                                " command",
                            "Idempotency-Key");
    }
    const auto differing = first_differing_field(nlohmann::json::parse(recorded.entry.request_json),
                                                 canonical_request);
    if (differing) {
        return make_problem(409, "idempotency-key-reused", "Idempotency key reused",
                            "this key was already used with a different value of " + *differing,
                            *differing);
    }
    return command_outcome{recorded.status_code, nlohmann::json::parse(recorded.response_json)};
}

}  // namespace

std::optional<command_outcome> answer_for_recorded_key(persistence::journal_queries& journal,
                                                       const std::string& command_type,
                                                       const nlohmann::json& canonical_request,
                                                       const command_context& context) {
    const auto recorded = journal.find_command_by_key(context.idempotency_key);
    if (!recorded) return std::nullopt;
    return replay_or_conflict(*recorded, command_type, canonical_request, context);
}

command_outcome apply_journaled(persistence::unit_of_work& unit, core::civil_date business_date,
                                const std::string& command_type, const nlohmann::json& canonical_request,
                                const command_context& context, const command_apply& apply) {
    persistence::journal_entry entry{context.idempotency_key, command_type, context.actor,
                                     core::format_iso_date(business_date), canonical_request.dump()};
    const core::command_id id = unit.journal().append_command(entry);
    command_outcome outcome = apply(unit, id);
    // Before the savepoint is released: a command that would break the ledger throws here and
    // is rolled back with everything it wrote (ledger_invariants.hpp).
    check_ledger_after_command(unit.ledger(), id);
    unit.journal().record_command_outcome(id, outcome.status, outcome.body.dump());
    return outcome;
}

void submit_command(persistence::writer& writer, core::civil_date business_date, const std::string& command_type,
                    nlohmann::json canonical_request, const command_context& context, command_apply apply,
                    outcome_callback done) {
    auto result = std::make_shared<command_outcome>();
    auto work = [=, request = std::move(canonical_request)](persistence::unit_of_work& unit) {
        if (auto answer = answer_for_recorded_key(unit.journal(), command_type, request, context)) {
            *result = std::move(*answer);
            return;
        }
        *result = apply_journaled(unit, business_date, command_type, request, context, apply);
    };
    auto finish = [result, done, command_type](std::exception_ptr failure) {
        done(failure ? outcome_of_failure(failure, command_type) : std::move(*result));
    };
    if (!writer.submit(std::move(work), std::move(finish))) {
        done(make_problem(503, "overloaded", "Service overloaded",
                          "too many commands are waiting to be written; retry with the same key"));
    }
}

}  // namespace cms::services

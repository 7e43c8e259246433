#include "services/commands/command_submission.hpp"

#include <spdlog/spdlog.h>

#include <future>

#include "persistence/journal_repository.hpp"
#include "services/commands/command_refusal.hpp"
#include "services/ledger/ledger_invariants.hpp"
#include "services/wire/idempotency.hpp"

namespace cms::services {

namespace {

using detail::refused_command;

/// The journal keeps an answer's kind as the code it was first answered with (its stored form
/// since the first schema): 200, 201 or 202.
int journal_code(answer_kind kind) {
    switch (kind) {
        case answer_kind::ok: return 200;
        case answer_kind::created: return 201;
        case answer_kind::accepted: return 202;
    }
    return 200;
}

answer_kind kind_of_journal_code(int code) {
    if (code == 201) return answer_kind::created;
    if (code == 202) return answer_kind::accepted;
    return answer_kind::ok;
}

refusal refusal_of_failure(std::exception_ptr failure, const std::string& command_type) {
    try {
        std::rethrow_exception(failure);
    } catch (const refused_command& refused) {
        return refused.why;
    } catch (const ledger_invariant_violation& broken) {
        spdlog::error("command {} rolled back: it would break a ledger invariant: {}", command_type, broken.what());
    } catch (const std::exception& error) {
        // Log the cause for operators; never send internal detail (paths, SQL) to the client.
        spdlog::error("command {} failed: {}", command_type, error.what());
    } catch (...) {
        spdlog::error("command {} failed with a non-standard exception", command_type);
    }
    return refusal{refusal_kind::internal, "the command was not recorded; it is safe to retry with the same key", {}};
}

command_outcome replay_or_conflict(const persistence::recorded_command& recorded, const std::string& command_type,
                                   const std::string& request_json, const command_context& context) {
    // Checked first, and answered without a word about the other command: who used the key,
    // for what and with which result is that user's business.
    if (recorded.entry.actor != context.actor) {
        return refusal{refusal_kind::key_reused, "another user has already used this key; choose a key of your own",
                       "Idempotency-Key"};
    }
    if (recorded.entry.command_type != command_type) {
        return refusal{refusal_kind::key_reused,
                       "this key was already used for a " + recorded.entry.command_type + " command",
                       "Idempotency-Key"};
    }
    if (const auto differing = first_differing_field(recorded.entry.request_json, request_json)) {
        return refusal{refusal_kind::key_reused, "this key was already used with a different value of " + *differing,
                       *differing};
    }
    return answer{kind_of_journal_code(recorded.status_code), recorded.response_json};
}

}  // namespace

std::optional<command_outcome> answer_for_recorded_key(persistence::journal_queries& journal,
                                                       const std::string& command_type,
                                                       const std::string& request_json,
                                                       const command_context& context) {
    const auto recorded = journal.find_command_by_key(context.idempotency_key);
    if (!recorded) return std::nullopt;
    return replay_or_conflict(*recorded, command_type, request_json, context);
}

answer apply_journaled(persistence::unit_of_work& unit, core::civil_date business_date, const std::string& command_type,
                       const std::string& request_json, const command_context& context, const command_apply& apply) {
    persistence::journal_entry entry{context.idempotency_key, command_type, context.actor,
                                     core::format_iso_date(business_date), request_json};
    const core::command_id id = unit.journal().append_command(entry);
    answer accepted = apply(unit, id);
    // Before the savepoint is released: a command that would break the ledger throws here and
    // is rolled back with everything it wrote (ledger_invariants.hpp).
    check_ledger_after_command(unit.ledger(), id);
    unit.journal().record_command_outcome(id, journal_code(accepted.kind), accepted.body_json);
    return accepted;
}

void submit_command(persistence::writer& writer, core::civil_date business_date, const std::string& command_type,
                    std::string request_json, const command_context& context, command_apply apply,
                    outcome_callback done) {
    auto result = std::make_shared<command_outcome>();
    auto work = [=, request = std::move(request_json)](persistence::unit_of_work& unit) {
        if (auto recorded = answer_for_recorded_key(unit.journal(), command_type, request, context)) {
            *result = std::move(*recorded);
            return;
        }
        *result = apply_journaled(unit, business_date, command_type, request, context, apply);
    };
    auto finish = [result, done, command_type](std::exception_ptr failure) {
        if (failure) return done(refusal_of_failure(failure, command_type));
        done(std::move(*result));
    };
    if (!writer.submit(std::move(work), std::move(finish))) {
        done(refusal{refusal_kind::overloaded,
                     "too many commands are waiting to be written; retry with the same key", {}});
    }
}

command_outcome wait_for_outcome(const std::function<void(outcome_callback)>& submit) {
    std::promise<command_outcome> answered;
    auto future = answered.get_future();
    submit([&answered](command_outcome outcome) { answered.set_value(std::move(outcome)); });
    return future.get();
}

}  // namespace cms::services

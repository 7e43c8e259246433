#pragma once
/// What the ledger guarantees, checked after every command before its transaction commits: the
/// case's postings, replayed from empty over all dates, keep every account within its limits
/// (core/ledger: no normal-side balance below zero, no more cash paid out than received) and
/// every leg valid. Legs summing to zero holds by construction (each transfer is one debit and
/// one credit of one amount), so it is the limits and the legs that can break. A command whose
/// postings would break them is a bug, never a refusal: the writer rolls it back, it is answered
/// 500 and logged with the rule, and the service goes on.
#include <stdexcept>
#include <string>

#include "core/common/ids.hpp"
#include "persistence/ledger_repository.hpp"

namespace cms::services {

class ledger_invariant_violation : public std::runtime_error {
public:
    ledger_invariant_violation(core::case_id for_case, const std::string& rule);
    core::case_id for_case() const { return for_case_; }

private:
    core::case_id for_case_;
};

/// Replays every posting of the case; throws ledger_invariant_violation naming the rule broken
/// and the posting that breaks it.
void check_case_ledger(persistence::ledger_queries& ledger, core::case_id for_case);

/// check_case_ledger for every case `command` posted to.
void check_ledger_after_command(persistence::ledger_queries& ledger, core::command_id command);

}  // namespace cms::services

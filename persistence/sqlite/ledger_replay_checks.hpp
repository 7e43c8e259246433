#pragma once
/// The checks `cms check` makes by replaying every case's ledger, in one pass over the postings
/// (the ledger's order, persistence/ledger_repository.hpp), each reported under its own name:
///
/// - ledger_replays_within_limits: every posting decodes into valid legs, and no balance ever
///   crosses a limit (issue #12 defect 1 broke this).
/// - credit_holders_listed: every case whose ledger ends holding credit is in
///   cases_holding_credit, so the next accrual finds and applies it (defect 2: credit sat
///   unapplied). Whether an application should have used more cannot be decided from the ledger
///   alone: a payment backdated after the accrual ran takes a place before it, and postings keep
///   no order of recording; the services tests and the property test check the behaviour.
/// - write_offs_match_their_records: the write-off legs each command posted are exactly what its
///   approved write-off decision or settled part payment records, and every such record was
///   posted (defects 3 and 4: write-offs the records do not explain).
/// - receiving_parent_fee_only_on_collect_and_pay: no 4% receiving-parent fee on a day the case
///   was on Direct Pay (defect 5).
/// - collection_holders_listed: every case whose ledger ends holding money for a receiving parent
///   is in cases_holding_collections, so the next pay-out passes it on (nobody is forgotten).
/// - disbursements_match_payouts: each pay-out posting's paid_out and overpayment_recovered legs,
///   per receiving parent, are exactly its disbursement row, and every row has its posting.
///   That no receiving parent is paid more than was collected for them is a ledger limit, checked
///   by ledger_replays_within_limits.
/// - charges_and_penalties_match_their_records: each case's enforcement_charge legs add up to
///   the charges its enforcement actions record, and its penalty_imposed legs to its penalties.
///
/// Within one run of the checks (replay_sharing) the replay runs once and the checks share it.
#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>

namespace cms::persistence::sqlite {

enum class replay_rule {
    within_limits,
    credit_holders_listed,
    write_offs_match_their_records,
    receiving_parent_fee_only_on_collect_and_pay,
    collection_holders_listed,
    disbursements_match_payouts,
    charges_and_penalties_match_their_records,
};

/// While one is alive on this thread, the replay checks share one replay: for one run of every
/// check over a database that does not change meanwhile (run_database_checks).
class replay_sharing {
public:
    replay_sharing();
    ~replay_sharing();
    replay_sharing(const replay_sharing&) = delete;
    replay_sharing& operator=(const replay_sharing&) = delete;
};

/// The first violation of `rule` in words, or nothing.
std::optional<std::string> ledger_replay_violation(SQLite::Database& database, replay_rule rule);

}  // namespace cms::persistence::sqlite

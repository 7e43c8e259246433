#include "persistence/sqlite/ledger_replay_checks.hpp"

#include <SQLiteCpp/Statement.h>

#include <array>
#include <map>
#include <set>
#include <tuple>
#include <vector>

#include "core/ledger/accrual.hpp"
#include "core/ledger/ledger_balances.hpp"
#include "persistence/accrual_repository.hpp"
#include "persistence/ledger_repository.hpp"
#include "persistence/sqlite/ledger_store.hpp"

namespace cms::persistence::sqlite {

namespace {

constexpr std::size_t rule_count = 7;
using violations = std::array<std::optional<std::string>, rule_count>;

std::string case_text(std::int64_t case_number) { return "case " + std::to_string(case_number); }

/// Each case's service history, read alongside the postings (both in case order), so the check
/// holds one case's history at a time however large the caseload.
class service_histories {
public:
    explicit service_histories(SQLite::Database& database)
        : query_(database,
                 "SELECT case_id, effective_from, service_type FROM liability_segments"
                 " ORDER BY case_id, effective_from") {
        has_row_ = query_.executeStep();
    }
    std::vector<core::service_segment> of(std::int64_t case_number) {
        std::vector<core::service_segment> history;
        while (has_row_ && query_.getColumn(0).getInt64() < case_number) has_row_ = query_.executeStep();
        while (has_row_ && query_.getColumn(0).getInt64() == case_number) {
            const auto from = core::parse_iso_date(query_.getColumn(1).getString());
            const auto service = query_.getColumn(2).getString() == "collect_and_pay" ? core::service_type::collect_and_pay
                                                                                      : core::service_type::direct_pay;
            if (from && (history.empty() || history.back().service != service)) history.push_back({*from, service});
            has_row_ = query_.executeStep();
        }
        return history;
    }

private:
    SQLite::Statement query_;
    bool has_row_ = false;
};

/// One case's replay state.
struct case_replay {
    std::int64_t case_number = 0;
    core::case_balances balances;
    std::vector<core::service_segment> services;
    std::int64_t charged_pence = 0;    ///< enforcement_charge legs
    std::int64_t penalised_pence = 0;  ///< penalty_imposed legs
};

class replayer {
public:
    explicit replayer(SQLite::Database& database) : database_(database), services_(database) {
        SQLite::Statement holders(database, "SELECT case_id FROM cases_holding_credit");
        while (holders.executeStep()) credit_holders_.insert(holders.getColumn(0).getInt64());
        SQLite::Statement collections(database, "SELECT case_id FROM cases_holding_collections");
        while (collections.executeStep()) collection_holders_.insert(collections.getColumn(0).getInt64());
        // What each pay-out posting must move, per receiving parent.
        SQLite::Statement disbursed(database,
                                    "SELECT case_id, paid_on, receiving_parent_slot, paid_pence, recovered_pence"
                                    " FROM disbursements");
        while (disbursed.executeStep()) {
            expected_disbursements_[{disbursed.getColumn(0).getInt64(), disbursed.getColumn(1).getString(),
                                     disbursed.getColumn(2).getInt()}] = {disbursed.getColumn(3).getInt64(),
                                                                          disbursed.getColumn(4).getInt64()};
        }
        // What each command's write-off legs must add up to.
        SQLite::Statement recorded(database,
                                   "SELECT command_id, written_off_pence FROM arrears_decisions WHERE written_off_pence > 0"
                                   " UNION ALL SELECT command_id, written_off_pence FROM part_payment_settlements"
                                   " WHERE written_off_pence > 0");
        while (recorded.executeStep()) {
            expected_write_offs_[recorded.getColumn(0).getInt64()] += recorded.getColumn(1).getInt64();
        }
        // What each case's charge and penalty legs must add up to: its actions' charges and its
        // penalties.
        SQLite::Statement charged(database,
                                  "SELECT case_id, SUM(charge_pence), 0 FROM enforcement_actions WHERE charge_pence > 0"
                                  " GROUP BY case_id UNION ALL SELECT case_id, 0, SUM(amount_pence) FROM penalties"
                                  " GROUP BY case_id");
        while (charged.executeStep()) {
            auto& expected = expected_charges_[charged.getColumn(0).getInt64()];
            expected.first += charged.getColumn(1).getInt64();
            expected.second += charged.getColumn(2).getInt64();
        }
    }

    violations run() {
        SQLite::Statement query(database_,
                                "SELECT case_id, cause_kind, cause_ref, business_date, legs FROM ledger_postings"
                                " ORDER BY case_id, business_date, cause_kind DESC, cause_ref");
        while (query.executeStep()) {
            const std::int64_t case_number = query.getColumn(0).getInt64();
            if (case_number != current_.case_number) {
                finish_case();
                current_ = case_replay{case_number, core::case_balances(core::case_id{case_number}),
                                       services_.of(case_number)};
            }
            if (!replay_posting(query)) return found_;  // a broken ledger: nothing after it can be trusted
        }
        finish_case();
        for (const auto& [command, pence] : expected_write_offs_) {
            note(replay_rule::write_offs_match_their_records,
                 "journal entry " + std::to_string(command) + " records " + std::to_string(pence) +
                     "p written off, but no write-off leg of it is in the ledger");
            break;
        }
        for (const auto& [case_number, amounts] : expected_charges_) {
            note(replay_rule::charges_and_penalties_match_their_records,
                 case_text(case_number) + " records " + std::to_string(amounts.first) + "p of enforcement charges and " +
                     std::to_string(amounts.second) + "p of penalties, but has no postings");
            break;
        }
        for (const auto& [key, amounts] : expected_disbursements_) {
            note(replay_rule::disbursements_match_payouts,
                 "the disbursement of " + case_text(std::get<0>(key)) + " on " + std::get<1>(key) +
                     " has no pay-out posting in the ledger");
            break;
        }
        return found_;
    }

private:
    void note(replay_rule rule, std::string violation) {
        auto& slot = found_[static_cast<std::size_t>(rule)];
        if (!slot) slot = std::move(violation);
    }

    bool replay_posting(SQLite::Statement& query) {
        const std::string where = "posting (" + case_text(current_.case_number) + ", cause " +
                                  query.getColumn(1).getString() + ":" + query.getColumn(2).getString() + ")";
        std::vector<core::transfer> legs;
        try {
            const auto day = core::parse_iso_date(query.getColumn(3).getString());
            if (!day) {
                note(replay_rule::within_limits, where + " has a malformed business date");
                return false;
            }
            const auto cause = from_columns({query.getColumn(1).getInt64(), query.getColumn(2).getInt64()});
            const SQLite::Column blob = query.getColumn(4);
            legs = decode_legs(core::case_id{current_.case_number}, cause, *day,
                               std::span(static_cast<const std::uint8_t*>(blob.getBlob()),
                                         static_cast<std::size_t>(blob.getBytes())));
        } catch (const std::exception& error) {
            note(replay_rule::within_limits, where + ": " + error.what());
            return false;
        }
        const auto applied = core::apply_transfers(current_.balances, legs);
        if (applied.status != core::apply_status::ok) {
            note(replay_rule::within_limits, where + " breaks a ledger limit at leg " + std::to_string(applied.index));
            return false;
        }
        const core::transfer& first = legs.front();
        std::int64_t written_off_pence = 0;
        for (const auto& leg : legs) {
            if (leg.code == core::transfer_code::write_off) written_off_pence += leg.amount.pence();
            if (leg.code == core::transfer_code::enforcement_charge) current_.charged_pence += leg.amount.pence();
            if (leg.code == core::transfer_code::penalty_imposed) current_.penalised_pence += leg.amount.pence();
            if (leg.code == core::transfer_code::receiving_parent_fee &&
                core::service_in_force(current_.services, leg.business_date) != core::service_type::collect_and_pay) {
                note(replay_rule::receiving_parent_fee_only_on_collect_and_pay,
                     where + " takes a receiving-parent fee on " + core::format_iso_date(leg.business_date) +
                         ", a day the case was on Direct Pay");
            }
        }
        if (written_off_pence > 0) check_write_off(first.cause, written_off_pence, where);
        if (first.cause.kind == core::cause_kind::batch && first.cause.job == core::batch_job::payout) {
            check_payout(legs, where);
        }
        return true;
    }

    /// A pay-out posting's legs, per receiving parent, are what its disbursement rows record.
    void check_payout(const std::vector<core::transfer>& legs, const std::string& where) {
        std::map<int, std::pair<std::int64_t, std::int64_t>> moved;  // slot -> (paid, recovered)
        for (const auto& leg : legs) {
            const int slot = leg.debit.receiving_parent_slot;
            if (leg.code == core::transfer_code::paid_out) moved[slot].first += leg.amount.pence();
            if (leg.code == core::transfer_code::overpayment_recovered) moved[slot].second += leg.amount.pence();
        }
        const std::string on = core::format_iso_date(legs.front().business_date);
        for (const auto& [slot, amounts] : moved) {
            const auto expected = expected_disbursements_.find({current_.case_number, on, slot});
            if (expected == expected_disbursements_.end() || expected->second != amounts) {
                note(replay_rule::disbursements_match_payouts,
                     where + " pays out " + std::to_string(amounts.first) + "p and recovers " +
                         std::to_string(amounts.second) + "p for receiving parent slot " + std::to_string(slot) +
                         ", which no disbursement row records");
                return;
            }
            expected_disbursements_.erase(expected);
        }
    }

    void check_write_off(const core::transfer_cause& cause, std::int64_t pence, const std::string& where) {
        const auto expected = cause.kind == core::cause_kind::command ? expected_write_offs_.find(cause.command.value)
                                                                      : expected_write_offs_.end();
        if (expected == expected_write_offs_.end() || expected->second != pence) {
            note(replay_rule::write_offs_match_their_records,
                 where + " writes off " + std::to_string(pence) +
                     "p, which no approved write-off or settled part payment records");
            return;
        }
        expected_write_offs_.erase(expected);
    }

    void finish_case() {
        if (current_.case_number == 0) return;
        const auto expected = expected_charges_.find(current_.case_number);
        const std::pair<std::int64_t, std::int64_t> recorded =
            expected == expected_charges_.end() ? std::pair<std::int64_t, std::int64_t>{0, 0} : expected->second;
        if (recorded != std::pair{current_.charged_pence, current_.penalised_pence}) {
            note(replay_rule::charges_and_penalties_match_their_records,
                 case_text(current_.case_number) + " posts " + std::to_string(current_.charged_pence) +
                     "p of enforcement charges and " + std::to_string(current_.penalised_pence) +
                     "p of penalties, but its actions record " + std::to_string(recorded.first) +
                     "p and its penalties " + std::to_string(recorded.second) + "p");
        }
        if (expected != expected_charges_.end()) expected_charges_.erase(expected);
        if (core::check_balances(current_.balances).violation != core::ledger_violation::none) {
            note(replay_rule::within_limits, case_text(current_.case_number) + " balances fail the ledger check");
        }
        if (!current_.balances.balance({core::account_kind::payments_unallocated, 0}).is_zero() &&
            credit_holders_.count(current_.case_number) == 0) {
            note(replay_rule::credit_holders_listed,
                 case_text(current_.case_number) + " holds credit but is not listed in cases_holding_credit");
        }
        for (std::uint8_t slot = 0; slot < core::receiving_parents_max; ++slot) {
            if (current_.balances.held_for_receiving_parent(slot) > core::money{} &&
                collection_holders_.count(current_.case_number) == 0) {
                note(replay_rule::collection_holders_listed,
                     case_text(current_.case_number) +
                         " holds money for a receiving parent but is not listed in cases_holding_collections");
                break;
            }
        }
    }

    SQLite::Database& database_;
    service_histories services_;
    std::set<std::int64_t> credit_holders_;
    std::set<std::int64_t> collection_holders_;
    /// (case, date, slot) -> (paid, recovered), erased as each pay-out posting is met.
    std::map<std::tuple<std::int64_t, std::string, int>, std::pair<std::int64_t, std::int64_t>> expected_disbursements_;
    std::map<std::int64_t, std::int64_t> expected_write_offs_;
    /// case -> (enforcement charges, penalties) its records say were posted, erased as each case is met.
    std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> expected_charges_;
    case_replay current_;
    violations found_;
};

/// The replay shared by the checks of one run (see replay_sharing); empty outside one.
thread_local std::optional<violations> shared_replay;
thread_local bool sharing = false;

}  // namespace

replay_sharing::replay_sharing() { sharing = true; }
replay_sharing::~replay_sharing() {
    sharing = false;
    shared_replay.reset();
}

std::optional<std::string> ledger_replay_violation(SQLite::Database& database, replay_rule rule) {
    if (!sharing) return replayer(database).run()[static_cast<std::size_t>(rule)];
    if (!shared_replay) shared_replay = replayer(database).run();
    return (*shared_replay)[static_cast<std::size_t>(rule)];
}

}  // namespace cms::persistence::sqlite

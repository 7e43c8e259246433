#pragma once
/// Write-offs and part payments of arrears (core/arrears/README.md): a caseworker asks, a second
/// person approves (four eyes, authorisation.hpp), and only then does the ledger move.
///
/// - A write-off needs one of the statutory reasons (1991 Act s41E; 2009 Regs Part 4B). The
///   parents get a notice and `representation_days` to respond before it may be approved
///   (reg. 13H: 30 days); arrears under `small_balance_max` in ended cases may be written off
///   without notice (SI 2024/87, from 26 Feb 2024).
/// - A part payment in full and final satisfaction (s41D; 2009 Regs Part 4A) accepts less than
///   the arrears owed to one receiving parent, only with that parent's written consent. Approval
///   makes an agreement: the paying parent pays the accepted amount by a date, and only once it
///   has been received and allocated to that parent is the rest of the arrears written off. An
///   agreement whose payment does not come in time lapses and writes nothing off.
/// Each receiving parent's arrears are treated separately, so every request names one slot.
#include <optional>
#include <string_view>

#include "core/common/civil_date.hpp"
#include "core/common/ids.hpp"
#include "core/ledger/ledger.hpp"
#include "core/common/money.hpp"
#include "core/common/rejection.hpp"

namespace cms::core {

enum class write_off_reason {
    receiving_parent_asked_to_stop,       ///< the receiving parent asks CMS to stop acting on them
    receiving_parent_died,
    paying_parent_died_nothing_recoverable,
    paying_parent_told_no_further_action,
    small_balance_case_ended,             ///< under the small-balance limit, case ended (SI 2024/87)
};
std::string_view to_string(write_off_reason reason);
std::optional<write_off_reason> parse_write_off_reason(std::string_view text);

enum class approval_kind { write_off, part_payment };
std::string_view to_string(approval_kind kind);
std::optional<approval_kind> parse_approval_kind(std::string_view text);

/// The rule's numbers, as data (defaults from the regulations cited above).
struct write_off_policy {
    std::int64_t representation_days = 30;                 ///< notice before approval (reg. 13H)
    money small_balance_max = money::from_pence(700);      ///< exclusive: "under £7"
    civil_date small_balance_from{date::year{2024}, date::February, date::day{26}};
    /// How long after approval the paying parent has to pay an accepted part payment. No public
    /// source gives a period (UNCONFIRMED); 28 days matches a four-weekly payment cycle.
    std::int64_t part_payment_pay_within_days = 28;
};

/// What a caseworker asks for. `amount` is what is written off (write-off) or what the
/// receiving parent accepts in full and final satisfaction (part payment).
struct arrears_request {
    approval_kind kind = approval_kind::write_off;
    std::uint8_t receiving_parent_slot = 0;
    money amount;
    std::optional<write_off_reason> reason;   ///< write-offs only
    bool receiving_parent_consented = false;  ///< part payments only: written consent recorded
};

/// Checks a request against the arrears owed to its receiving parent on `requested_on`.
std::optional<rejection> check_arrears_request(const arrears_request& request, money arrears_owed,
                                               civil_date requested_on, const write_off_policy& policy);

/// The first business date an approval may take effect: after the representations window,
/// or at once for a small balance.
civil_date earliest_approval_date(const arrears_request& request, civil_date requested_on,
                                  const write_off_policy& policy);

/// What the ledger writes off on approval, given the arrears owed then; a rejection when the
/// arrears have fallen so far that the request no longer fits (e.g. paid since).
struct approved_write_off {
    std::optional<rejection> refused;
    money written_off;
};
approved_write_off amount_to_write_off(const arrears_request& request, money arrears_owed_now);

/// An approved part payment: `accepted` to be paid from `agreed_on` to `pay_by` inclusive; then
/// `remainder` (the arrears at approval less the accepted amount) is written off.
struct part_payment_agreement {
    civil_date agreed_on{};
    civil_date pay_by{};
    money accepted;
    money remainder;
};

enum class agreement_state : std::uint8_t { awaiting_payment, settled, lapsed };
std::string_view to_string(agreement_state state);

/// The agreement approved on `approved_on` for a request the arrears then owed allow.
part_payment_agreement make_agreement(const arrears_request& request, money remainder, civil_date approved_on,
                                      const write_off_policy& policy);
/// Settled once the remainder was written off; lapsed from the day after pay_by without that.
agreement_state agreement_state_on(const part_payment_agreement& agreement, bool settled, civil_date today);
/// Whether a payment received on `received_on` counts towards the agreement.
bool counts_towards(const part_payment_agreement& agreement, civil_date received_on);

/// What settling the agreement writes off when a payment brings what was received towards it to
/// the accepted amount: the remainder, no more than the ledger still holds due to that receiving
/// parent (`settleable`); nothing yet when the accepted amount is not reached.
struct agreement_settlement {
    bool settles = false;
    money written_off;
};
agreement_settlement settle_agreement(const part_payment_agreement& agreement, money received_towards,
                                      money settleable);

/// The write-off leg: owed_to_receiving_parent[slot] <- maintenance_due[slot].
transfer write_off_transfer(case_id for_case, std::uint8_t receiving_parent_slot, money amount,
                            command_id cause, civil_date business_date, std::uint16_t leg = 0);

}  // namespace cms::core

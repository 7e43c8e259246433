#pragma once
/// The case ledger: immutable double-entry transfers between a case's accounts.
///
/// Why double entry: every penny that a paying parent owes, pays, or that is passed on or kept as
/// a fee moves from one account to another, so "total debits = total credits" is a checkable
/// invariant and every balance is derived by replaying transfers (core/ledger/README.md).
///
/// Chart of accounts (all belong to one case; two are kept per receiving parent):
///
/// | account                   | per RP | normal side | balance means                            |
/// |---------------------------|--------|-------------|------------------------------------------|
/// | maintenance_due           | yes    | debit       | maintenance the paying parent still owes |
/// | collection_fee_due        | no     | debit       | 20% collection fee still owed            |
/// | enforcement_charges_due   | no     | debit       | enforcement charges still owed           |
/// | cash_received             | no     | debit       | all cash ever received from the PP       |
/// | payments_unallocated      | no     | credit      | cash received but not yet applied        |
/// | owed_to_receiving_parent  | yes    | credit      | what the receiving parent is owed        |
/// | fee_income                | no     | credit      | fees earned by the state                 |
/// | cash_paid_out             | no     | credit      | all cash ever paid out of the case       |
/// | recoverable_from_receiving_parent | yes | debit   | paid out to the RP and since taken back  |
/// | penalties_due             | no     | debit       | financial penalties imposed, owed to the state |
/// | penalty_income            | no     | credit      | financial penalties imposed (the state's)|
///
/// Sign convention: a debit-normal balance is debits - credits, a credit-normal balance is
/// credits - debits; on a sound ledger every normal-side balance is >= 0. Cash is split into a
/// receipts account and a payments account so the two totals the statistics need are balances;
/// cash held for the case is cash_received - cash_paid_out. It goes below zero only when a payment
/// already paid out is taken back (a bounced direct debit): the shortfall is then recoverable from
/// the receiving parent, so cash held + recoverable is never negative.
///
/// Money held for a receiving parent (collected, not yet paid out) is not an account of its own:
/// it is owed_to_receiving_parent[rp] - maintenance_due[rp] (what was charged for them less what
/// is still unpaid, less what was kept as fee or paid out, plus what was made recoverable). It is
/// never negative: nobody is paid out money that was not collected for them.
///
/// What each code moves (debit <- credit):
///
/// | code                    | debit                      | credit                                 |
/// |-------------------------|----------------------------|----------------------------------------|
/// | maintenance_accrued     | maintenance_due[rp]        | owed_to_receiving_parent[rp]           |
/// | collection_fee_accrued  | collection_fee_due         | fee_income                             |
/// | enforcement_charge      | enforcement_charges_due    | fee_income                             |
/// | payment_received        | cash_received              | payments_unallocated                   |
/// | payment_allocated       | payments_unallocated       | maintenance_due[rp], collection_fee_due |
/// |                         |                            | or enforcement_charges_due             |
/// | receiving_parent_fee    | owed_to_receiving_parent[rp]| fee_income (the 4% kept from pass-on) |
/// | paid_out                | owed_to_receiving_parent[rp]| cash_paid_out                         |
/// | refunded                | payments_unallocated       | cash_paid_out (overpayment returned)   |
/// | write_off               | owed_to_receiving_parent[rp]| maintenance_due[rp] (arrears)         |
/// |                         | fee_income                 | collection_fee_due or enforcement_charges_due |
/// | correction              | the original's credit      | the original's debit (names `corrects`)|
/// | payment_reversed        | payments_unallocated       | cash_received (a payment taken back)   |
/// | allocation_reversed     | the due account            | payments_unallocated (money taken back |
/// |                         |                            | from what it settled)                  |
/// | receiving_parent_fee_reversed | fee_income           | owed_to_receiving_parent[rp]           |
/// | overpayment_recoverable | recoverable_from_rp[rp]    | owed_to_receiving_parent[rp] (money    |
/// |                         |                            | paid out, then taken back by a reversal)|
/// | overpayment_recovered   | owed_to_receiving_parent[rp]| recoverable_from_rp[rp] (kept back from|
/// |                         |                            | a later pay-out)                       |
/// | penalty_imposed         | penalties_due              | penalty_income (a court's fine or a    |
/// |                         |                            | penalty payable to the state)          |
///
/// Penalties are their own pair of accounts so they are never mixed with what the receiving
/// parents are owed or with the fees: no payment is allocated to them (a penalty is owed by the
/// person fined, who may be an employer, and is collected outside the case's allocation).
///
/// A reversed payment is undone by a posting of its reversal command with the last three codes:
/// the reversal names the payment (payment_reversals), so the legs need no leg-level reference.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/common/civil_date.hpp"
#include "core/common/ids.hpp"
#include "core/common/money.hpp"

namespace cms::core {

using transfer_id = strong_id<struct transfer_id_tag>;

/// Most receiving parents one paying parent's case can have; per-RP accounts are a fixed array,
/// so balances and allocations need no heap.
inline constexpr std::size_t receiving_parents_max = 8;

/// The kinds of account a case has; see the chart of accounts above.
enum class account_kind : std::uint8_t {
    maintenance_due = 1,
    collection_fee_due,
    enforcement_charges_due,
    cash_received,
    payments_unallocated,
    owed_to_receiving_parent,
    fee_income,
    cash_paid_out,
    recoverable_from_receiving_parent,
    penalties_due,
    penalty_income,
};
inline constexpr std::size_t account_kind_count = 11;

/// Which side of the ledger an account's balance normally sits on.
enum class normal_side : std::uint8_t { debit, credit };

normal_side normal_side_of(account_kind kind);
/// True for the three accounts kept once per receiving parent.
bool is_per_receiving_parent(account_kind kind);
const char* to_string(account_kind kind);

/// One account of a case. `receiving_parent_slot` (0-based, < receiving_parents_max) picks the
/// receiving parent for per-RP accounts and must be 0 for the others.
struct account_ref {
    account_kind kind = account_kind::maintenance_due;
    std::uint8_t receiving_parent_slot = 0;
    friend constexpr bool operator==(account_ref, account_ref) = default;
};

/// Why money moved. Stored as a number; never renumber an existing value.
enum class transfer_code : std::uint8_t {
    maintenance_accrued = 1,
    collection_fee_accrued,
    enforcement_charge,
    payment_received,
    payment_allocated,
    receiving_parent_fee,
    paid_out,
    refunded,
    write_off,
    correction,
    payment_reversed,
    allocation_reversed,
    receiving_parent_fee_reversed,
    overpayment_recoverable,
    overpayment_recovered,
    penalty_imposed,  ///< the last: parse_transfer_code reads up to it
};
const char* to_string(transfer_code code);
/// The code `to_string` names so; nothing for any other text.
std::optional<transfer_code> parse_transfer_code(std::string_view text);

/// The batch jobs that post transfers; part of their idempotency key.
enum class batch_job : std::uint8_t {
    none = 0,
    monthly_accrual = 1,
    enforcement_charges,
    payout,        ///< a day's pay-out to receiving parents (daily: keyed by date)
    apply_credit,  ///< credit held applied to what a month's accrual charged (services/ledger)
};
/// The key prefix of a job, e.g. "accrue" for monthly_accrual.
const char* key_prefix(batch_job job);
/// True for a job keyed by day rather than month, whose step closes its day: it comes after the
/// day's commands in the ledger's order (a pay-out passes on what was collected that day).
bool closes_the_day(batch_job job);

/// What caused a transfer: exactly one command, or one (job, case, period) batch step.
/// Every transfer must have one: no money moves without a command or batch step to answer for it.
enum class cause_kind : std::uint8_t { none = 0, command = 1, batch = 2 };

struct transfer_cause {
    cause_kind kind = cause_kind::none;
    batch_job job = batch_job::none;  ///< batch causes only
    date::year_month period{};        ///< batch causes only: the period the step is for
    command_id command{};             ///< command causes only (positive)
    unsigned day = 0;                 ///< daily batch steps only: the day of `period` (1..31)

    static transfer_cause from_command(command_id id) {
        return transfer_cause{cause_kind::command, batch_job::none, {}, id, 0};
    }
    static transfer_cause from_batch(batch_job job, date::year_month period) {
        return transfer_cause{cause_kind::batch, job, period, {}, 0};
    }
    /// A daily job's step (closes_the_day(job)) for one date.
    static transfer_cause from_batch_day(batch_job job, civil_date on) {
        return transfer_cause{cause_kind::batch, job, on.year() / on.month(), {},
                              static_cast<unsigned>(on.day())};
    }
    friend constexpr bool operator==(const transfer_cause&, const transfer_cause&) = default;
};

/// The ledger's one order (core/ledger/README.md): by business date; on one date, batch steps
/// before commands, and steps that close the day (the pay-out) after them; batch steps by job,
/// then period; commands by id. Every replay of a case uses
/// it; true when (a_date, a) comes strictly before (b_date, b).
/// Before and after any business date the service accepts: a list over [ledger_epoch, ledger_end]
/// is a case's whole ledger.
inline const civil_date ledger_epoch{date::year{1990}, date::January, date::day{1}};
inline const civil_date ledger_end{date::year{9999}, date::December, date::day{31}};

bool precedes(civil_date a_date, const transfer_cause& a, civil_date b_date, const transfer_cause& b);

/// One immutable movement of money. Never updated or deleted; a mistake is fixed by a new
/// transfer with code `correction` that names the original in `corrects`.
///
/// `(case, cause, leg)` is the row's deterministic idempotency key: a batch step that reruns
/// produces the same legs, so a UNIQUE constraint on it means nothing posts twice.
struct transfer {
    transfer_id id{};                      ///< assigned when stored; 0 until then
    case_id for_case{};
    account_ref debit{};
    account_ref credit{};
    money amount;                          ///< always positive
    transfer_code code = transfer_code::correction;
    std::uint16_t leg = 0;                 ///< position within its cause, 0-based
    transfer_cause cause{};
    civil_date business_date{};
    std::optional<transfer_id> corrects;   ///< the transfer this one corrects, if any
};

/// One leg as every producer of transfers builds it (accrual, allocation, payments), so the
/// fields are filled in one place.
transfer make_transfer(case_id for_case, account_ref debit, account_ref credit, money amount, transfer_code code,
                       std::uint16_t leg, transfer_cause cause, civil_date business_date);

/// Named reasons a transfer is malformed.
enum class transfer_status : std::uint8_t {
    ok = 0,
    amount_not_positive,
    unknown_code,
    unknown_account_kind,
    slot_out_of_range,             ///< per-RP slot >= receiving_parents_max
    slot_on_case_level_account,    ///< a case-level account with a non-zero slot
    debit_equals_credit,
    accounts_do_not_match_code,    ///< the pair is not one the code's row above allows
    missing_cause,
    invalid_business_date,
    correction_without_original,   ///< code correction but `corrects` is empty
    corrects_itself,
    missing_case,
};
const char* to_string(transfer_status status);

/// Checks one transfer on its own (no balances needed).
transfer_status validate_transfer(const transfer& candidate);

/// The first malformed transfer of a batch, or ok with index == size.
struct batch_validation {
    transfer_status status = transfer_status::ok;
    std::size_t index = 0;
};
batch_validation validate_transfers(std::span<const transfer> batch);

/// The transfer that undoes `original`: same amount, debit and credit swapped, code correction.
transfer make_correction(const transfer& original, transfer_cause cause, std::uint16_t leg,
                         civil_date business_date);

/// A batch step's idempotency key: (job, case, period), e.g. "accrue:42:2024-03", or for a daily
/// job (job, case, date), e.g. "payout:42:2024-03-05".
struct batch_key {
    batch_job job = batch_job::none;
    case_id for_case{};
    date::year_month period{};
    unsigned day = 0;  ///< daily jobs only
    friend constexpr bool operator==(const batch_key&, const batch_key&) = default;
};

/// Long enough for any job prefix, an int64 case id and a yyyy-mm period.
inline constexpr std::size_t batch_key_chars_max = 48;

/// Writes the key text without allocating; returns the number of characters written
/// (never more than batch_key_chars_max).
std::size_t write_batch_key(const batch_key& key, std::span<char, batch_key_chars_max> out);
/// The same text as a string, for persistence and logs.
std::string format_batch_key(const batch_key& key);

}  // namespace cms::core

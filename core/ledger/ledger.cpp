#include "core/ledger/ledger.hpp"

#include <charconv>

namespace cms::core {

namespace {

bool is_known_kind(account_kind kind) {
    const auto value = static_cast<std::uint8_t>(kind);
    return value >= 1 && value <= account_kind_count;
}

bool is_known_code(transfer_code code) {
    const auto value = static_cast<std::uint8_t>(code);
    return value >= static_cast<std::uint8_t>(transfer_code::maintenance_accrued) &&
           value <= static_cast<std::uint8_t>(transfer_code::penalty_imposed);
}

bool is_due_account(account_kind kind) {
    return kind == account_kind::maintenance_due || kind == account_kind::collection_fee_due ||
           kind == account_kind::enforcement_charges_due;
}

/// Both sides of a maintenance movement must be the same receiving parent's accounts.
bool same_receiving_parent(account_ref debit, account_ref credit) {
    return debit.receiving_parent_slot == credit.receiving_parent_slot;
}

/// The debit/credit pairs each code may move (the table in ledger.hpp).
bool accounts_match_code(transfer_code code, account_ref debit, account_ref credit) {
    using k = account_kind;
    switch (code) {
        case transfer_code::maintenance_accrued:
            return debit.kind == k::maintenance_due && credit.kind == k::owed_to_receiving_parent &&
                   same_receiving_parent(debit, credit);
        case transfer_code::collection_fee_accrued:
            return debit.kind == k::collection_fee_due && credit.kind == k::fee_income;
        case transfer_code::enforcement_charge:
            return debit.kind == k::enforcement_charges_due && credit.kind == k::fee_income;
        case transfer_code::payment_received:
            return debit.kind == k::cash_received && credit.kind == k::payments_unallocated;
        case transfer_code::payment_allocated:
            return debit.kind == k::payments_unallocated && is_due_account(credit.kind);
        case transfer_code::receiving_parent_fee:
            return debit.kind == k::owed_to_receiving_parent && credit.kind == k::fee_income;
        case transfer_code::paid_out:
            return debit.kind == k::owed_to_receiving_parent && credit.kind == k::cash_paid_out;
        case transfer_code::refunded:
            return debit.kind == k::payments_unallocated && credit.kind == k::cash_paid_out;
        case transfer_code::write_off:
            return (debit.kind == k::owed_to_receiving_parent && credit.kind == k::maintenance_due &&
                    same_receiving_parent(debit, credit)) ||
                   (debit.kind == k::fee_income && (credit.kind == k::collection_fee_due ||
                                                    credit.kind == k::enforcement_charges_due));
        case transfer_code::correction:
            return true;  // the reverse of whatever it corrects; checked against the original
        case transfer_code::payment_reversed:
            return debit.kind == k::payments_unallocated && credit.kind == k::cash_received;
        case transfer_code::allocation_reversed:
            return is_due_account(debit.kind) && credit.kind == k::payments_unallocated;
        case transfer_code::receiving_parent_fee_reversed:
            return debit.kind == k::fee_income && credit.kind == k::owed_to_receiving_parent;
        case transfer_code::overpayment_recoverable:
            return debit.kind == k::recoverable_from_receiving_parent && credit.kind == k::owed_to_receiving_parent &&
                   same_receiving_parent(debit, credit);
        case transfer_code::overpayment_recovered:
            return debit.kind == k::owed_to_receiving_parent && credit.kind == k::recoverable_from_receiving_parent &&
                   same_receiving_parent(debit, credit);
        case transfer_code::penalty_imposed:
            return debit.kind == k::penalties_due && credit.kind == k::penalty_income;
    }
    return false;
}

transfer_status validate_account(account_ref account) {
    if (!is_known_kind(account.kind)) return transfer_status::unknown_account_kind;
    if (is_per_receiving_parent(account.kind)) {
        if (account.receiving_parent_slot >= receiving_parents_max) {
            return transfer_status::slot_out_of_range;
        }
    } else if (account.receiving_parent_slot != 0) {
        return transfer_status::slot_on_case_level_account;
    }
    return transfer_status::ok;
}

bool has_cause(const transfer_cause& cause) {
    switch (cause.kind) {
        case cause_kind::command:
            return cause.command.value > 0 && cause.job == batch_job::none;
        case cause_kind::batch:
            if (cause.job == batch_job::none || !cause.period.ok()) return false;
            // A daily job names a real day of its month; a monthly one names none.
            return closes_the_day(cause.job) ? (cause.period / date::day{cause.day}).ok() && cause.day != 0
                                             : cause.day == 0;
        case cause_kind::none:
            return false;
    }
    return false;
}

}  // namespace

normal_side normal_side_of(account_kind kind) {
    switch (kind) {
        case account_kind::maintenance_due:
        case account_kind::collection_fee_due:
        case account_kind::enforcement_charges_due:
        case account_kind::cash_received:
        case account_kind::recoverable_from_receiving_parent:
        case account_kind::penalties_due:
            return normal_side::debit;
        case account_kind::payments_unallocated:
        case account_kind::owed_to_receiving_parent:
        case account_kind::fee_income:
        case account_kind::cash_paid_out:
        case account_kind::penalty_income:
            return normal_side::credit;
    }
    return normal_side::debit;
}

bool is_per_receiving_parent(account_kind kind) {
    return kind == account_kind::maintenance_due || kind == account_kind::owed_to_receiving_parent ||
           kind == account_kind::recoverable_from_receiving_parent;
}

const char* to_string(account_kind kind) {
    switch (kind) {
        case account_kind::maintenance_due: return "maintenance_due";
        case account_kind::collection_fee_due: return "collection_fee_due";
        case account_kind::enforcement_charges_due: return "enforcement_charges_due";
        case account_kind::cash_received: return "cash_received";
        case account_kind::payments_unallocated: return "payments_unallocated";
        case account_kind::owed_to_receiving_parent: return "owed_to_receiving_parent";
        case account_kind::fee_income: return "fee_income";
        case account_kind::cash_paid_out: return "cash_paid_out";
        case account_kind::recoverable_from_receiving_parent: return "recoverable_from_receiving_parent";
        case account_kind::penalties_due: return "penalties_due";
        case account_kind::penalty_income: return "penalty_income";
    }
    return "unknown";
}

const char* to_string(transfer_code code) {
    switch (code) {
        case transfer_code::maintenance_accrued: return "maintenance_accrued";
        case transfer_code::collection_fee_accrued: return "collection_fee_accrued";
        case transfer_code::enforcement_charge: return "enforcement_charge";
        case transfer_code::payment_received: return "payment_received";
        case transfer_code::payment_allocated: return "payment_allocated";
        case transfer_code::receiving_parent_fee: return "receiving_parent_fee";
        case transfer_code::paid_out: return "paid_out";
        case transfer_code::refunded: return "refunded";
        case transfer_code::write_off: return "write_off";
        case transfer_code::correction: return "correction";
        case transfer_code::payment_reversed: return "payment_reversed";
        case transfer_code::allocation_reversed: return "allocation_reversed";
        case transfer_code::receiving_parent_fee_reversed: return "receiving_parent_fee_reversed";
        case transfer_code::overpayment_recoverable: return "overpayment_recoverable";
        case transfer_code::overpayment_recovered: return "overpayment_recovered";
        case transfer_code::penalty_imposed: return "penalty_imposed";
    }
    return "unknown";
}

std::optional<transfer_code> parse_transfer_code(std::string_view text) {
    for (auto value = static_cast<std::uint8_t>(transfer_code::maintenance_accrued);
         value <= static_cast<std::uint8_t>(transfer_code::penalty_imposed); ++value) {
        const auto code = static_cast<transfer_code>(value);
        if (text == to_string(code)) return code;
    }
    return std::nullopt;
}

namespace {

/// Where a cause sits within its day: batch steps that open it, then commands, then those that
/// close it.
int place_in_day(const transfer_cause& cause) {
    if (cause.kind == cause_kind::command) return 1;
    return closes_the_day(cause.job) ? 2 : 0;
}

}  // namespace

bool precedes(civil_date a_date, const transfer_cause& a, civil_date b_date, const transfer_cause& b) {
    if (a_date != b_date) return a_date < b_date;
    if (place_in_day(a) != place_in_day(b)) return place_in_day(a) < place_in_day(b);
    if (a.kind == cause_kind::batch) {
        if (a.job != b.job) return a.job < b.job;
        if (a.period != b.period) return a.period < b.period;
        return a.day < b.day;
    }
    return a.command.value < b.command.value;
}

bool closes_the_day(batch_job job) { return job == batch_job::payout; }

const char* key_prefix(batch_job job) {
    switch (job) {
        case batch_job::monthly_accrual: return "accrue";
        case batch_job::enforcement_charges: return "charge";
        case batch_job::payout: return "payout";
        case batch_job::apply_credit: return "apply-credit";
        case batch_job::none: return "none";
    }
    return "unknown";
}

const char* to_string(transfer_status status) {
    switch (status) {
        case transfer_status::ok: return "ok";
        case transfer_status::amount_not_positive: return "amount_not_positive";
        case transfer_status::unknown_code: return "unknown_code";
        case transfer_status::unknown_account_kind: return "unknown_account_kind";
        case transfer_status::slot_out_of_range: return "slot_out_of_range";
        case transfer_status::slot_on_case_level_account: return "slot_on_case_level_account";
        case transfer_status::debit_equals_credit: return "debit_equals_credit";
        case transfer_status::accounts_do_not_match_code: return "accounts_do_not_match_code";
        case transfer_status::missing_cause: return "missing_cause";
        case transfer_status::invalid_business_date: return "invalid_business_date";
        case transfer_status::correction_without_original: return "correction_without_original";
        case transfer_status::corrects_itself: return "corrects_itself";
        case transfer_status::missing_case: return "missing_case";
    }
    return "unknown";
}

transfer_status validate_transfer(const transfer& candidate) {
    if (candidate.amount.pence() <= 0) return transfer_status::amount_not_positive;
    if (!has_cause(candidate.cause)) return transfer_status::missing_cause;
    if (candidate.for_case.value <= 0) return transfer_status::missing_case;
    if (!candidate.business_date.ok()) return transfer_status::invalid_business_date;
    if (!is_known_code(candidate.code)) return transfer_status::unknown_code;
    if (const auto status = validate_account(candidate.debit); status != transfer_status::ok) {
        return status;
    }
    if (const auto status = validate_account(candidate.credit); status != transfer_status::ok) {
        return status;
    }
    if (candidate.debit == candidate.credit) return transfer_status::debit_equals_credit;
    if (!accounts_match_code(candidate.code, candidate.debit, candidate.credit)) {
        return transfer_status::accounts_do_not_match_code;
    }
    if (candidate.code == transfer_code::correction && !candidate.corrects) {
        return transfer_status::correction_without_original;
    }
    if (candidate.corrects && candidate.id.value != 0 && *candidate.corrects == candidate.id) {
        return transfer_status::corrects_itself;
    }
    return transfer_status::ok;
}

batch_validation validate_transfers(std::span<const transfer> batch) {
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const auto status = validate_transfer(batch[i]);
        if (status != transfer_status::ok) return {status, i};
    }
    return {transfer_status::ok, batch.size()};
}

transfer make_correction(const transfer& original, transfer_cause cause, std::uint16_t leg,
                         civil_date business_date) {
    transfer reversal;
    reversal.for_case = original.for_case;
    reversal.debit = original.credit;
    reversal.credit = original.debit;
    reversal.amount = original.amount;
    reversal.code = transfer_code::correction;
    reversal.leg = leg;
    reversal.cause = cause;
    reversal.business_date = business_date;
    reversal.corrects = original.id;
    return reversal;
}

std::size_t write_batch_key(const batch_key& key, std::span<char, batch_key_chars_max> out) {
    char* cursor = out.data();
    char* const end = out.data() + out.size();
    for (const char* p = key_prefix(key.job); *p != '\0'; ++p) *cursor++ = *p;
    *cursor++ = ':';
    cursor = std::to_chars(cursor, end, key.for_case.value).ptr;
    *cursor++ = ':';
    const int year = static_cast<int>(key.period.year());
    const unsigned month = static_cast<unsigned>(key.period.month());
    // Four-digit years (1900..9999 by civil_date's parsing rule), then a two-digit month.
    cursor = std::to_chars(cursor, end, year).ptr;
    *cursor++ = '-';
    *cursor++ = static_cast<char>('0' + month / 10 % 10);
    *cursor++ = static_cast<char>('0' + month % 10);
    if (key.day != 0) {
        *cursor++ = '-';
        *cursor++ = static_cast<char>('0' + key.day / 10 % 10);
        *cursor++ = static_cast<char>('0' + key.day % 10);
    }
    return static_cast<std::size_t>(cursor - out.data());
}

std::string format_batch_key(const batch_key& key) {
    std::array<char, batch_key_chars_max> buffer{};
    const std::size_t length = write_batch_key(key, buffer);
    return std::string(buffer.data(), length);
}

transfer make_transfer(case_id for_case, account_ref debit, account_ref credit, money amount, transfer_code code,
                       std::uint16_t leg, transfer_cause cause, civil_date business_date) {
    transfer made;
    made.for_case = for_case;
    made.debit = debit;
    made.credit = credit;
    made.amount = amount;
    made.code = code;
    made.leg = leg;
    made.cause = cause;
    made.business_date = business_date;
    return made;
}

}  // namespace cms::core

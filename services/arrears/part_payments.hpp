#pragma once
/// Part payments in full and final satisfaction, after approval (core/arrears/write_off.hpp): a
/// payment received while an agreement awaits it counts towards it, and the payment that brings
/// the receipts to the accepted amount writes the remainder off in its own posting, so the
/// write-off can never happen without the money, nor the money arrive without the write-off.
#include "core/arrears/write_off.hpp"
#include "persistence/arrears_request_repository.hpp"
#include "persistence/unit_of_work.hpp"
#include "services/ledger/ledger_service.hpp"

namespace cms::services {

/// Inside the payment's command, before its posting is written: records what the payment
/// allocated to each open agreement's receiving parent as a receipt, and settles every agreement
/// it completes (the write-off leg is added to `posting`).
void count_towards_agreements(persistence::unit_of_work& work, core::case_id for_case, payment_posting& posting,
                              core::command_id cause);

/// Sets `agreement_state` of an approved part payment as of `today` (awaiting payment, settled,
/// or lapsed once its pay-by date has passed without the payment).
void derive_agreement_state(persistence::arrears_request_row& row, core::civil_date today);

}  // namespace cms::services

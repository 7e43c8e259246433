#include "services/payments/payment_intake.hpp"

#include "services/arrears/part_payments.hpp"
#include "services/ledger/ledger_service.hpp"

namespace cms::services {

core::payment_id take_in_payment(persistence::unit_of_work& work, const core::new_payment& payment,
                                 core::command_id cause, std::span<const core::collection_fee_row> fee_policy) {
    const core::payment_id id = work.cases().insert_payment(payment, cause);
    payment_posting posting = prepare_payment(work, payment.for_case, payment.amount, payment.received_on, cause, fee_policy);
    count_towards_agreements(work, payment.for_case, posting, cause);
    write_payment(work, posting);
    return id;
}

}  // namespace cms::services

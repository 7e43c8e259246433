#pragma once
/// The cases `cms simulate-caseload` follows (caseload_simulation.hpp), and how each stands on
/// the day being lived: open or closed, on Collect and Pay (the simulation makes its payments,
/// from the schedule and terms kept here) or on Direct Pay (money passes between the parents,
/// so only events are drawn for it: simulated_case_events.hpp).
///
/// Loaded once from the store when a run starts, then kept as the store says by `refresh` after
/// anything changes a case (a closure, a move between services, a child's qualification ending),
/// so a run that goes on from a stopped one, loading afresh, follows exactly what one run follows.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "core/common/civil_date.hpp"
#include "core/common/ids.hpp"
#include "core/ledger/collection_fee_policy.hpp"
#include "core/payments/schedule.hpp"
#include "persistence/case_terms_batch.hpp"
#include "persistence/read_pool.hpp"
#include "services/generation/payer_behaviour.hpp"

namespace cms::services {

/// A page of generated profiles: cases with ids above `after_case_id`, in id order, at most `limit`.
using payer_profile_page =
    std::function<std::vector<std::pair<core::case_id, payer_profile>>(std::int64_t after_case_id, std::int64_t limit)>;

/// One followed case.
struct followed_case {
    core::case_id id;
    payer_profile profile;
    core::service_type service = core::service_type::collect_and_pay;
    /// False once closed, or once on Collect and Pay without a schedule the payment step can ask
    /// from: nothing more is paid or drawn for it.
    bool open = true;
    // On Collect and Pay, what its instalments are worked out from:
    core::payment_schedule schedule;
    const persistence::case_terms_batch* terms_batch = nullptr;
    std::size_t terms_position = 0;
    core::civil_date accrual_start;  ///< the first day a liability runs from: instalment 0 covers the days from it
    /// The day its current spell on Collect and Pay began (its opening, or a move from Direct Pay).
    core::civil_date service_since;
    /// The first due date the payment step pays: an instalment due before it fell due on Direct
    /// Pay, between the parents, so the service does not collect it. After a move, the day after
    /// it: the day of the move was lived on Direct Pay (its payments made before the move), and a
    /// run that lives that day again must pay no more than the first did.
    core::civil_date collected_from;

    bool paid_by_simulation() const { return open && service == core::service_type::collect_and_pay; }
    const core::accrual_terms& terms() const { return terms_batch->cases()[terms_position].terms; }
};

class followed_caseload {
public:
    /// The open cases with a generated profile: on Collect and Pay those with a schedule in force on
    /// `through` and a liability from before their first due date (a case opening during the run
    /// is followed from its first due date), and those on Direct Pay. `fees` must outlive it.
    static followed_caseload load(persistence::read_pool& readers, std::span<const core::collection_fee_row> fees,
                                  core::civil_date through, const payer_profile_page& profile_pages);

    /// In id order.
    const std::vector<followed_case>& cases() const { return cases_; }
    /// The case when it is followed, open or not.
    const followed_case* find(core::case_id id) const;
    /// Cases on Collect and Pay when the run began.
    std::int64_t collect_and_pay_at_load() const { return collect_and_pay_at_load_; }

    /// Reads the case again after a command changed it: closed, moved between services (from
    /// Collect and Pay's first due date in force on `through`), or its terms superseded. A case
    /// not followed is left alone.
    void refresh(persistence::read_view& view, core::case_id id);

private:
    /// Fills the payment step's part of `into` from a schedule and the case's loaded terms; false
    /// when the payment step could ask nothing of it (no liability, or one starting after its
    /// first due date).
    static bool make_payable(followed_case& into, const core::payment_schedule& schedule,
                             const persistence::case_terms_batch& batch, std::size_t position);

    std::span<const core::collection_fee_row> fees_;
    core::civil_date through_;
    std::vector<std::unique_ptr<persistence::case_terms_batch>> terms_batches_;
    std::vector<followed_case> cases_;
    std::int64_t collect_and_pay_at_load_ = 0;
};

}  // namespace cms::services

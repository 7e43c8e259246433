#pragma once
/// The accrual terms of every case in an id range, in packed arrays, for the batch's tight loop.
/// A back end fills it from one ordered range scan (clear, add_segment per stored term, finish);
/// the accrual reads `cases()`.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/ledger/accrual.hpp"

namespace cms::persistence {

/// The spans inside `cases()` point into this object's vectors, so it must not be copied; reuse
/// one for chunk after chunk: every vector is cleared and refilled, so a batch reused this way
/// stops allocating once it has seen its largest chunk.
class case_terms_batch {
public:
    case_terms_batch() = default;
    case_terms_batch(const case_terms_batch&) = delete;
    case_terms_batch& operator=(const case_terms_batch&) = delete;

    struct case_terms {
        core::case_id id;
        core::accrual_terms terms;
    };
    /// Cases in id order; only cases that have a liability history. Valid after finish().
    const std::vector<case_terms>& cases() const { return cases_; }

    /// Starts a new fill.
    void clear();
    /// One stored liability term, in (case, receiving parent slot, effective date) order. Each
    /// (case, slot) run becomes a liability; the service history is read off slot 0's terms,
    /// keeping a term only where the service changes. Inline: called once per stored term.
    void add_segment(std::int64_t case_number, std::uint8_t slot, core::civil_date from, core::money weekly_amount,
                     core::service_type service) {
        if (ranges_.empty() || ranges_.back().case_id != case_number || ranges_.back().slot != slot) {
            ranges_.push_back({case_number, slot, segments_.size(), 0});
        }
        segments_.push_back({from, weekly_amount});
        ++ranges_.back().count;
        if (slot != 0) return;
        if (service_ranges_.empty() || service_ranges_.back().case_id != case_number) {
            service_ranges_.push_back({case_number, services_.size(), 0});
        } else if (services_.back().service == service) {
            return;  // same service carried forward: not a change
        }
        services_.push_back({from, service});
        ++service_ranges_.back().count;
    }
    /// Every term is added: builds `cases()`, each charged by `fee_policy` (which must outlive
    /// the batch's use).
    void finish(std::span<const core::collection_fee_row> fee_policy);

private:
    struct liability_range {
        std::int64_t case_id;
        std::uint8_t slot;
        std::size_t begin;
        std::size_t count;
    };
    struct service_range {
        std::int64_t case_id;
        std::size_t begin;
        std::size_t count;
    };
    std::vector<liability_range> ranges_;
    std::vector<service_range> service_ranges_;
    std::vector<core::weekly_amount_segment> segments_;
    std::vector<core::receiving_parent_liability> liabilities_;
    std::vector<core::service_segment> services_;
    std::vector<case_terms> cases_;
};

}  // namespace cms::persistence

#include "persistence/case_terms_batch.hpp"

namespace cms::persistence {

void case_terms_batch::clear() {
    ranges_.clear();
    service_ranges_.clear();
    segments_.clear();
    liabilities_.clear();
    services_.clear();
    cases_.clear();
}

void case_terms_batch::finish(std::span<const core::collection_fee_row> fee_policy) {
    // The vectors are complete: now spans into them stay valid.
    liabilities_.reserve(ranges_.size());
    cases_.reserve(ranges_.size());
    for (const auto& range : ranges_) {
        liabilities_.push_back({range.slot, std::span(segments_).subspan(range.begin, range.count)});
    }
    std::size_t service_index = 0;
    for (std::size_t i = 0; i < ranges_.size();) {
        const std::int64_t case_number = ranges_[i].case_id;
        std::size_t j = i;
        while (j < ranges_.size() && ranges_[j].case_id == case_number) ++j;
        while (service_index < service_ranges_.size() && service_ranges_[service_index].case_id < case_number) {
            ++service_index;
        }
        std::span<const core::service_segment> service_history;
        if (service_index < service_ranges_.size() && service_ranges_[service_index].case_id == case_number) {
            service_history = std::span(services_).subspan(service_ranges_[service_index].begin,
                                                           service_ranges_[service_index].count);
        }
        cases_.push_back({core::case_id{case_number},
                          core::accrual_terms{std::span(liabilities_).subspan(i, j - i), service_history, fee_policy}});
        i = j;
    }
}

}  // namespace cms::persistence

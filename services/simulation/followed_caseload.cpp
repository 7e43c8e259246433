#include "services/simulation/followed_caseload.hpp"

#include <algorithm>

#include "persistence/case_repository.hpp"
#include "persistence/enforcement_repository.hpp"

namespace cms::services {

namespace {

/// Cases read a page at a time when the followed cases are loaded.
constexpr std::int64_t follow_page_cases = 20'000;

/// The first day a liability of the case runs from: instalment 0 covers the days from it.
std::optional<core::civil_date> accrual_start_of(const core::accrual_terms& terms) {
    std::optional<core::civil_date> start;
    for (const core::receiving_parent_liability& liability : terms.receiving_parents) {
        if (liability.weekly_history.empty()) continue;
        const core::civil_date from = liability.weekly_history.front().effective_from;
        if (!start || from < *start) start = from;
    }
    return start;
}

}  // namespace

bool followed_caseload::make_payable(followed_case& into, const core::payment_schedule& schedule,
                                     const persistence::case_terms_batch& batch, std::size_t position) {
    const core::accrual_terms& terms = batch.cases()[position].terms;
    const auto start = accrual_start_of(terms);
    if (!start || schedule.first_due_date < *start) return false;
    into.schedule = schedule;
    into.terms_batch = &batch;
    into.terms_position = position;
    into.accrual_start = *start;
    // The service history keeps a segment only where the service changes, so the last one is
    // the start of the spell on Collect and Pay the case is in, and a second one means a move.
    const auto& history = terms.service_history;
    into.service_since = history.empty() ? *start : history.back().effective_from;
    into.collected_from = history.size() > 1 ? core::add_days(into.service_since, 1) : into.service_since;
    return true;
}

followed_caseload followed_caseload::load(persistence::read_pool& readers, std::span<const core::collection_fee_row> fees,
                                          core::civil_date through, const payer_profile_page& profile_pages) {
    std::vector<std::pair<core::case_id, payer_profile>> profiles;
    for (std::int64_t after = 0;;) {
        auto page = profile_pages(after, follow_page_cases);
        if (page.empty()) break;
        after = page.back().first.value;
        profiles.insert(profiles.end(), page.begin(), page.end());
    }
    const auto profile_of = [&profiles](core::case_id id) -> const payer_profile* {
        const auto found = std::lower_bound(profiles.begin(), profiles.end(), id,
                                            [](const auto& entry, core::case_id wanted) { return entry.first.value < wanted.value; });
        return found == profiles.end() || found->first != id ? nullptr : &found->second;
    };
    followed_caseload followed;
    followed.fees_ = fees;
    followed.through_ = through;
    auto session = readers.borrow(persistence::read_consistency::snapshot);
    for (std::int64_t after = 0;;) {
        const auto schedules = session->enforcement().collect_and_pay_schedules(after, follow_page_cases, through);
        if (schedules.empty()) break;
        after = schedules.back().for_case.value;
        auto& batch = *followed.terms_batches_.emplace_back(std::make_unique<persistence::case_terms_batch>());
        batch.clear();
        session->accrual().load_case_terms(batch, schedules.front().for_case.value, after, fees);
        const auto& terms = batch.cases();
        std::size_t position = 0;
        for (const persistence::case_schedule_row& row : schedules) {
            const payer_profile* profile = profile_of(row.for_case);
            if (!profile) continue;
            while (position < terms.size() && terms[position].id.value < row.for_case.value) ++position;
            if (position == terms.size() || terms[position].id != row.for_case) continue;
            followed_case entry;
            entry.id = row.for_case;
            entry.profile = *profile;
            if (make_payable(entry, row.schedule, batch, position)) followed.cases_.push_back(entry);
        }
    }
    followed.collect_and_pay_at_load_ = static_cast<std::int64_t>(followed.cases_.size());
    persistence::case_filter direct_pay;
    direct_pay.status = "open";
    direct_pay.service = core::service_type::direct_pay;
    for (std::int64_t after = 0;;) {
        const auto cases = session->cases().list_cases(direct_pay, after, follow_page_cases);
        if (cases.empty()) break;
        after = cases.back().id.value;
        for (const persistence::case_summary& summary : cases) {
            const payer_profile* profile = profile_of(summary.id);
            if (!profile) continue;
            followed_case entry;
            entry.id = summary.id;
            entry.profile = *profile;
            entry.service = core::service_type::direct_pay;
            followed.cases_.push_back(entry);
        }
    }
    std::sort(followed.cases_.begin(), followed.cases_.end(),
              [](const followed_case& a, const followed_case& b) { return a.id.value < b.id.value; });
    return followed;
}

const followed_case* followed_caseload::find(core::case_id id) const {
    const auto found = std::lower_bound(cases_.begin(), cases_.end(), id,
                                        [](const followed_case& entry, core::case_id wanted) { return entry.id.value < wanted.value; });
    return found == cases_.end() || found->id != id ? nullptr : &*found;
}

void followed_caseload::refresh(persistence::read_view& view, core::case_id id) {
    const followed_case* found = find(id);
    if (!found || !found->open) return;
    followed_case& entry = cases_[static_cast<std::size_t>(found - cases_.data())];
    const auto record = view.cases().find_case(id);
    if (!record || view.cases().find_case_closure(id)) {
        entry.open = false;
        return;
    }
    entry.service = record->details.service;
    if (entry.service == core::service_type::direct_pay) return;
    // Read as a run starting now would read it, so one run and a resumed one follow it alike.
    const auto schedules = view.enforcement().collect_and_pay_schedules(id.value - 1, 1, through_);
    auto& batch = *terms_batches_.emplace_back(std::make_unique<persistence::case_terms_batch>());
    batch.clear();
    view.accrual().load_case_terms(batch, id.value, id.value, fees_);
    entry.open = !schedules.empty() && schedules.front().for_case == id && batch.cases().size() == 1 &&
                 make_payable(entry, schedules.front().schedule, batch, 0);
}

}  // namespace cms::services

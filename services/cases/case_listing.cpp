// Listing and search for case_service: a case's payments, one payment with its ledger legs and
// any reversal, a case's disbursements, and cases by status, service type, parent and arrears
// above an amount. Cursor pages by id (disbursements by date), so a page is stable while new rows
// are added behind it; every read is one snapshot.
#include <algorithm>
#include <array>

#include "persistence/read_pool.hpp"
#include "services/cases/case_service.hpp"
#include "services/commands/command_refusal.hpp"
#include "services/ledger/ledger_service.hpp"

namespace cms::services {

namespace {

using detail::no_such;

/// The id to ask after for the next page: the last one of a full page.
template <typename Row, typename Id>
std::optional<std::int64_t> next_after(const std::vector<Row>& rows, std::int64_t limit, Id id_of) {
    if (static_cast<std::int64_t>(rows.size()) < limit) return std::nullopt;
    return id_of(rows.back());
}

std::vector<core::transfer> legs_caused_by(persistence::read_view& view, core::case_id for_case, core::command_id cause) {
    for (auto& posting : view.ledger().list_postings(for_case, ledger_epoch, ledger_end)) {
        if (posting.cause == core::transfer_cause::from_command(cause)) return std::move(posting.legs);
    }
    return {};
}

}  // namespace

query_result<payment_page> case_service::list_payments(core::case_id id, std::int64_t after_id, std::int64_t limit) {
    auto session = readers_.borrow(persistence::read_consistency::snapshot);
    if (!session->cases().find_case(id)) return no_such("case_id", "no case with this id");
    payment_page page{id, session->cases().list_payments_page(id, after_id, limit), {}};
    page.next_after_id = next_after(page.payments, limit, [](const persistence::payment_row& row) { return row.id.value; });
    return page;
}

query_result<disbursement_page> case_service::list_disbursements(core::case_id id,
                                                                 std::optional<core::civil_date> after_date,
                                                                 std::int64_t limit) {
    auto session = readers_.borrow(persistence::read_consistency::snapshot);
    if (!session->cases().find_case(id)) return no_such("case_id", "no case with this id");
    std::optional<persistence::disbursement_cursor> after;
    // Past every slot of that date.
    if (after_date) after = persistence::disbursement_cursor{*after_date, core::receiving_parents_max};
    disbursement_page page{id, session->payouts().disbursements_of_case(id, after, limit + core::receiving_parents_max), {}};
    auto& rows = page.disbursements;
    if (static_cast<std::int64_t>(rows.size()) > limit) {
        // Cut after the date of the limit-th row, keeping the rest of that date's rows (all
        // fetched: a date has at most receiving_parents_max rows). A next page exists only when
        // rows of a later date were fetched.
        const core::civil_date last = rows[static_cast<std::size_t>(limit - 1)].paid_on;
        std::size_t keep = static_cast<std::size_t>(limit);
        while (keep < rows.size() && rows[keep].paid_on == last) ++keep;
        if (keep < rows.size()) page.next_after_date = last;
        rows.resize(keep);
    }
    return page;
}

query_result<payment_details> case_service::get_payment(core::payment_id id) {
    auto session = readers_.borrow(persistence::read_consistency::snapshot);
    auto payment = session->cases().find_payment(id);
    if (!payment) return no_such("payment_id", "no payment with this id");
    payment_details details{*payment, legs_caused_by(*session, payment->details.for_case, payment->recorded_by), {}, {}};
    details.reversal = session->cases().find_payment_reversal(id);
    if (details.reversal) {
        details.reversal_legs = legs_caused_by(*session, payment->details.for_case, details.reversal->reversed_by);
    }
    return details;
}

query_result<case_page> case_service::list_cases(const case_search& search, std::int64_t after_id, std::int64_t limit) {
    auto session = readers_.borrow(persistence::read_consistency::snapshot);
    const persistence::case_filter& filter = search.filter;
    if (filter.parent && !session->cases().find_parent(*filter.parent)) {
        return no_such("parent_id", "no parent with this id");
    }
    if (!search.arrears_above) {
        case_page page{session->cases().list_cases(filter, after_id, limit), {}, {}};
        page.next_after_id = next_after(page.cases, limit, [](const persistence::case_summary& row) { return row.id.value; });
        return page;
    }
    // Arrears do not depend on ageing; one open bucket is a valid table.
    static constexpr std::array<core::ageing_bucket, 1> one_bucket{{{"1+", 1, std::nullopt}}};
    const core::civil_date today = clock_.today();
    case_page page;
    std::int64_t scanned = 0;
    std::int64_t cursor = after_id;
    bool store_exhausted = false;
    const auto page_full = [&] { return static_cast<std::int64_t>(page.cases.size()) == limit; };
    while (!page_full() && !store_exhausted && scanned < arrears_search_scanned_max) {
        const std::int64_t chunk = std::min<std::int64_t>(listing_page_size_max, arrears_search_scanned_max - scanned);
        const auto candidates = session->cases().list_cases(filter, cursor, chunk);
        store_exhausted = static_cast<std::int64_t>(candidates.size()) < chunk;
        for (const auto& row : candidates) {
            ++scanned;
            cursor = row.id.value;
            const auto position = case_position_of(*session, row.id, today, *collection_fees_, one_bucket);
            if (position.arrears && *search.arrears_above < position.arrears->total) {
                page.cases.push_back(row);
                page.arrears.push_back(position.arrears->total);
                if (page_full()) break;
            }
        }
        // A full page may have stopped mid-chunk: candidates after the cursor remain.
        if (page_full() && !candidates.empty() && cursor != candidates.back().id.value) store_exhausted = false;
    }
    if (!store_exhausted) page.next_after_id = cursor;
    return page;
}

}  // namespace cms::services

// Within one writer item the SQLite back end answers a case's whole ledger from memory after the
// first read, kept in step with the item's own inserts (persistence/sqlite/item_ledger_memo.hpp).
// What must hold: every list equals what the table holds, an inserted posting takes its place
// in the ledger's order, a rolled-back item leaves nothing remembered, and the invariant check
// still sees a broken posting a command wrote after reading the ledger.
#include <doctest/doctest.h>

#include <future>

#include "persistence/ledger_repository.hpp"
#include "persistence/unit_of_work.hpp"
#include "services/commands/command_submission.hpp"
#include "services/ledger/ledger_invariants.hpp"
#include "services/ledger/ledger_service.hpp"
#include "support/broken_postings.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

std::vector<core::transfer> payment_legs(core::case_id for_case, std::int64_t command, const char* on_text,
                                         std::int64_t amount_pence) {
    const auto cause = core::transfer_cause::from_command(core::command_id{command});
    const core::civil_date on = *core::parse_iso_date(on_text);
    return {core::make_transfer(for_case, {core::account_kind::cash_received, 0},
                                {core::account_kind::payments_unallocated, 0}, core::money::from_pence(amount_pence),
                                core::transfer_code::payment_received, 0, cause, on)};
}

/// Postings compared as the ledger uses them: cause, date and every leg's accounts, amount, code
/// and number.
bool same_postings(const std::vector<persistence::posting>& a, const std::vector<persistence::posting>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!(a[i].cause == b[i].cause) || a[i].business_date != b[i].business_date || a[i].legs.size() != b[i].legs.size()) {
            return false;
        }
        for (std::size_t j = 0; j < a[i].legs.size(); ++j) {
            const core::transfer& x = a[i].legs[j];
            const core::transfer& y = b[i].legs[j];
            if (!(x.debit == y.debit) || !(x.credit == y.credit) || x.amount != y.amount || x.code != y.code ||
                x.leg != y.leg || !(x.cause == y.cause) || x.business_date != y.business_date) {
                return false;
            }
        }
    }
    return true;
}

}  // namespace

TEST_CASE("within an item, a remembered ledger equals the table after inserts in and out of date order") {
    testing::service_fixture fixture;
    const core::case_id for_case{fixture.open_family()};
    fixture.writer.execute([&](persistence::unit_of_work& work) {
        REQUIRE(work.ledger().insert_posting(payment_legs(for_case, 900'001, "2025-02-10", 100)));
    });
    std::vector<persistence::posting> seen_in_item;
    fixture.writer.execute([&](persistence::unit_of_work& work) {
        const auto before = work.ledger().list_postings(for_case, services::ledger_epoch, services::ledger_end);
        // Later, earlier, and the same day with a lower command id than one already there.
        REQUIRE(work.ledger().insert_posting(payment_legs(for_case, 900'003, "2025-03-01", 300)));
        REQUIRE(work.ledger().insert_posting(payment_legs(for_case, 900'004, "2025-01-20", 400)));
        REQUIRE(work.ledger().insert_posting(payment_legs(for_case, 900'000, "2025-02-10", 50)));
        // A duplicate (same case and cause) is refused and changes nothing.
        CHECK_FALSE(work.ledger().insert_posting(payment_legs(for_case, 900'003, "2025-03-01", 999)));
        seen_in_item = work.ledger().list_postings(for_case, services::ledger_epoch, services::ledger_end);
        CHECK(seen_in_item.size() == before.size() + 3);
        // A part of the range is served from the same memory.
        const auto february = work.ledger().list_postings(for_case, *core::parse_iso_date("2025-02-01"),
                                                          *core::parse_iso_date("2025-02-28"));
        CHECK(february.size() == 2);
    });
    auto session = fixture.readers.borrow();
    const auto stored = session->ledger().list_postings(for_case, services::ledger_epoch, services::ledger_end);
    CHECK(same_postings(seen_in_item, stored));
}

TEST_CASE("a rolled-back item leaves nothing remembered for the next") {
    testing::service_fixture fixture;
    const core::case_id for_case{fixture.open_family()};
    CHECK_THROWS(fixture.writer.execute([&](persistence::unit_of_work& work) {
        work.ledger().list_postings(for_case, services::ledger_epoch, services::ledger_end);
        REQUIRE(work.ledger().insert_posting(payment_legs(for_case, 900'010, "2025-02-10", 100)));
        throw std::runtime_error("refused");
    }));
    fixture.writer.execute([&](persistence::unit_of_work& work) {
        const auto listed = work.ledger().list_postings(for_case, services::ledger_epoch, services::ledger_end);
        for (const auto& entry : listed) CHECK_FALSE(entry.cause == core::transfer_cause::from_command(core::command_id{900'010}));
    });
}

TEST_CASE("a command that reads its ledger and then writes a broken posting is still rolled back") {
    testing::service_fixture fixture;
    const core::case_id for_case{fixture.open_family()};
    const int commands_before = fixture.count("command_journal");
    const core::civil_date on = fixture.clock.today();
    const auto read_then_break = [for_case, on](persistence::unit_of_work& work, core::command_id cause) {
        // The read fills the memory the check will be answered from.
        work.ledger().list_postings(for_case, services::ledger_epoch, services::ledger_end);
        work.ledger().insert_posting(
            testing::over_settling_payment_legs(for_case, cause, on, core::money::from_pence(2'000'000)));
        return services::answer{services::answer_kind::created, "{}"};
    };
    std::promise<services::command_outcome> answered;
    services::submit_command(fixture.writer, on, "test_broken_posting", "{}", {"broken-after-read", "tester"},
                             read_then_break,
                             [&answered](services::command_outcome outcome) { answered.set_value(std::move(outcome)); });
    CHECK(testing::render(answered.get_future().get()).status == 500);
    CHECK(fixture.count("command_journal") == commands_before);
    auto session = fixture.readers.borrow();
    CHECK_NOTHROW(services::check_case_ledger(session->ledger(), for_case));
}

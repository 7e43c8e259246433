// The write connection remembers each case's ledger head (persistence/sqlite/ledger_head_cache.hpp)
// and payments, the pay-out and the after-command check trust it instead of replaying the case's
// postings. A remembered head that drifted from the postings would be a wrong balance, so: it is
// the replay of the postings after the accrual, a payment at the end of the ledger, one backdated
// into it and a pay-out; a rolled-back work item and a duplicate leave it as committed; and a
// posting another connection commits is seen. (The whole suite also runs with
// CMS_VERIFY_LEDGER_HEADS=1, which compares every head used with a replay.)
#include <doctest/doctest.h>

#include <stdexcept>

#include "persistence/store.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/ledger/payout_job.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

/// The case's head computed from its postings on a read connection (which remembers nothing).
persistence::ledger_head replayed_head(testing::service_fixture& fixture, core::case_id for_case) {
    auto session = fixture.readers.borrow();
    const auto postings = session->ledger().list_postings(for_case, core::ledger_epoch, core::ledger_end);
    REQUIRE_FALSE(postings.empty());
    persistence::ledger_head head{core::case_balances(for_case), postings.back().business_date, postings.back().cause,
                                  {}, 0};
    core::case_balances within_limits(for_case);
    for (const auto& posting : postings) {
        REQUIRE(core::apply_transfers(within_limits, posting.legs).status == core::apply_status::ok);
        head.add(posting.legs);
    }
    return head;
}

/// The head the writer answers, inside a transaction (where it remembers).
persistence::ledger_head writer_head(testing::service_fixture& fixture, core::case_id for_case) {
    std::optional<persistence::ledger_head> head;
    fixture.writer.execute([&](persistence::unit_of_work& work) { head = work.ledger().ledger_head_of(for_case); });
    REQUIRE(head);
    return *head;
}

bool same(const persistence::ledger_head& a, const persistence::ledger_head& b) { return a == b; }

void check_remembered_head(testing::service_fixture& fixture, core::case_id for_case) {
    // Twice: the first read may replay and remember, the second answers from memory.
    CHECK(same(writer_head(fixture, for_case), replayed_head(fixture, for_case)));
    CHECK(same(writer_head(fixture, for_case), replayed_head(fixture, for_case)));
}

testing::rendered_outcome pay(testing::service_fixture& fixture, std::int64_t case_number, const std::string& key,
                              std::int64_t amount_pence, const char* received_on) {
    auto body = testing::payment_body(amount_pence);
    body["received_on"] = received_on;
    return fixture.record_payment(key, case_number, body);
}

}  // namespace

TEST_CASE("the writer's remembered ledger head is the replay of the case's postings, whatever order they came in") {
    testing::service_fixture fixture;
    const std::int64_t case_number = fixture.open_family();  // opened 2025-01-15
    const core::case_id for_case{case_number};
    std::optional<persistence::ledger_head> none;
    fixture.writer.execute([&](persistence::unit_of_work& work) { none = work.ledger().ledger_head_of(for_case); });
    CHECK_FALSE(none);  // no postings, no head

    fixture.accrue_through("2025-02-28");
    fixture.clock.set(day("2025-03-03"));
    check_remembered_head(fixture, for_case);

    REQUIRE(pay(fixture, case_number, "at-the-end", 2'000, "2025-03-03").status == 201);
    check_remembered_head(fixture, for_case);
    const persistence::ledger_head after_payment = writer_head(fixture, for_case);
    CHECK(after_payment.last_business_date == day("2025-03-03"));

    // Backdated behind the last posting: the head takes its money but still names the latest one.
    REQUIRE(pay(fixture, case_number, "backdated", 3'000, "2025-02-10").status == 201);
    check_remembered_head(fixture, for_case);
    const persistence::ledger_head after_backdated = writer_head(fixture, for_case);
    CHECK(after_backdated.last_cause == after_payment.last_cause);
    CHECK(after_backdated.balances.balance({core::account_kind::cash_received, 0}) ==
          after_payment.balances.balance({core::account_kind::cash_received, 0}) + core::money::from_pence(3'000));

    // Tonight's pay-out comes after every posting: it is paid from the head, and the head follows.
    services::payout_job_options payout;
    payout.through = day("2025-03-03");
    const auto paid = services::run_payout_job(services::writer_transactions(fixture.writer), payout);
    REQUIRE(paid.status == "succeeded");
    CHECK(paid.disbursements == 1);
    check_remembered_head(fixture, for_case);
    CHECK(writer_head(fixture, for_case).last_business_date == day("2025-03-03"));
    CHECK_FALSE(fixture.store->check().has_value());
}

TEST_CASE("a posting rolled back or refused as a duplicate leaves the remembered head as committed") {
    testing::service_fixture fixture;
    const std::int64_t case_number = fixture.open_family();
    const core::case_id for_case{case_number};
    fixture.accrue_through("2025-01-31");
    const persistence::ledger_head before = writer_head(fixture, for_case);  // now remembered

    const auto cause = core::transfer_cause::from_command(core::command_id{999});
    const core::transfer received[] = {core::make_transfer(
        for_case, core::account_ref{core::account_kind::cash_received, 0},
        core::account_ref{core::account_kind::payments_unallocated, 0}, core::money::from_pence(700),
        core::transfer_code::payment_received, 0, cause, day("2025-02-03"))};
    CHECK_THROWS_AS(fixture.writer.execute([&](persistence::unit_of_work& work) {
        REQUIRE(work.ledger().insert_posting(received));
        const auto inside = work.ledger().ledger_head_of(for_case);  // the item sees its own posting
        REQUIRE(inside);
        CHECK(inside->balances.balance({core::account_kind::cash_received, 0}) == core::money::from_pence(700));
        throw std::runtime_error("the command fails after posting");
    }),
                    std::runtime_error);
    CHECK(same(writer_head(fixture, for_case), before));
    check_remembered_head(fixture, for_case);

    fixture.writer.execute([&](persistence::unit_of_work& work) {
        REQUIRE(work.ledger().insert_posting(received));
        CHECK_FALSE(work.ledger().insert_posting(received));  // the same cause again: refused
    });
    check_remembered_head(fixture, for_case);
    const persistence::ledger_head after = writer_head(fixture, for_case);
    CHECK(after.balances.balance({core::account_kind::cash_received, 0}) == core::money::from_pence(700));
    CHECK(after.last_cause == cause);
}

TEST_CASE("a posting another connection commits is in the writer's head at its next transaction") {
    testing::service_fixture fixture;
    const std::int64_t case_number = fixture.open_family();
    const core::case_id for_case{case_number};
    fixture.accrue_through("2025-01-31");
    writer_head(fixture, for_case);  // remembered

    // A second write connection (another process, a batch tool) posts to the case.
    const auto cause = core::transfer_cause::from_command(core::command_id{998});
    const core::transfer received[] = {core::make_transfer(
        for_case, core::account_ref{core::account_kind::cash_received, 0},
        core::account_ref{core::account_kind::payments_unallocated, 0}, core::money::from_pence(1'234),
        core::transfer_code::payment_received, 0, cause, day("2025-02-04"))};
    const auto other = fixture.store->open_write_connection();
    persistence::in_transaction(*other, [&](persistence::unit_of_work& work) {
        REQUIRE(work.ledger().insert_posting(received));
    });
    const persistence::ledger_head seen = writer_head(fixture, for_case);
    CHECK(seen.balances.balance({core::account_kind::cash_received, 0}) == core::money::from_pence(1'234));
    CHECK(seen.last_cause == cause);
    check_remembered_head(fixture, for_case);
}

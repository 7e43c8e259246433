// The write connection's remembered ledger heads on their own: what an item or a transaction
// remembered or changed is forgotten when it rolls back, what committed stays, and another
// connection's commit (a new data_version) forgets everything.
#include <doctest/doctest.h>

#include "persistence/sqlite/ledger_head_cache.hpp"

using namespace cms;
using persistence::sqlite::ledger_head_cache;

namespace {

const core::case_id case_one{1};
const core::civil_date first_day{date::year{2025}, date::January, date::day{31}};

core::transfer received(core::money amount, core::command_id command, core::civil_date on) {
    return core::make_transfer(case_one, core::account_ref{core::account_kind::cash_received, 0},
                               core::account_ref{core::account_kind::payments_unallocated, 0}, amount,
                               core::transfer_code::payment_received, 0, core::transfer_cause::from_command(command), on);
}

persistence::ledger_head head_of(core::money received_so_far) {
    persistence::ledger_head head{core::case_balances(case_one), first_day,
                                  core::transfer_cause::from_command(core::command_id{1}), {}, 0};
    const core::transfer leg = received(received_so_far, core::command_id{1}, first_day);
    head.add(std::span(&leg, 1));
    return head;
}

core::money cash_received(const ledger_head_cache& cache) {
    return cache.find(case_one)->balances.balance({core::account_kind::cash_received, 0});
}

}  // namespace

TEST_CASE("remembered heads follow postings, and forget what a rolled-back item or transaction did") {
    ledger_head_cache cache(1 << 20);
    cache.transaction_began(7);
    cache.remember(head_of(core::money::from_pence(100)));
    cache.transaction_committed();
    CHECK_FALSE(cache.find(case_one));  // only answered inside a transaction

    cache.transaction_began(7);
    REQUIRE(cache.find(case_one));
    CHECK(cash_received(cache) == core::money::from_pence(100));
    // An item posts 50p later in the ledger, then rolls back: the head is forgotten, not guessed.
    cache.item_began();
    const core::transfer later = received(core::money::from_pence(50), core::command_id{2}, core::add_days(first_day, 1));
    cache.note_inserted(std::span(&later, 1));
    CHECK(cash_received(cache) == core::money::from_pence(150));
    CHECK(cache.find(case_one)->last_business_date == core::add_days(first_day, 1));
    cache.item_rolled_back();
    CHECK_FALSE(cache.find(case_one));

    // Remembered again, then a released item's backdated posting: added, the last posting kept.
    cache.remember(head_of(core::money::from_pence(100)));
    cache.item_began();
    const core::transfer backdated = received(core::money::from_pence(25), core::command_id{3}, core::add_days(first_day, -9));
    cache.note_inserted(std::span(&backdated, 1));
    cache.item_released();
    cache.transaction_committed();
    cache.transaction_began(7);
    CHECK(cash_received(cache) == core::money::from_pence(125));
    CHECK(cache.find(case_one)->last_business_date == first_day);

    // What a position needs besides balances follows too: a charge is counted.
    const core::transfer charge = core::make_transfer(
        case_one, core::account_ref{core::account_kind::enforcement_charges_due, 0},
        core::account_ref{core::account_kind::fee_income, 0}, core::money::from_pence(5'000),
        core::transfer_code::enforcement_charge, 0, core::transfer_cause::from_command(core::command_id{4}), first_day);
    cache.note_inserted(std::span(&charge, 1));
    CHECK(cache.find(case_one)->charge_legs == 1);
    cache.transaction_committed();
    cache.transaction_began(7);

    // A transaction that changed it rolls back: forgotten.
    cache.note_inserted(std::span(&later, 1));
    cache.transaction_rolled_back();
    cache.transaction_began(7);
    CHECK_FALSE(cache.find(case_one));
    cache.transaction_committed();
}

TEST_CASE("another connection's commit, or the size bound, forgets every remembered head") {
    ledger_head_cache cache(1 << 20);
    cache.transaction_began(3);
    cache.remember(head_of(core::money::from_pence(100)));
    cache.transaction_committed();
    cache.transaction_began(4);  // data_version moved: someone else wrote
    CHECK_FALSE(cache.find(case_one));
    CHECK(cache.cases_remembered() == 0);
    cache.transaction_committed();

    ledger_head_cache tiny(10);  // smaller than one head
    tiny.transaction_began(1);
    tiny.remember(head_of(core::money::from_pence(100)));
    CHECK(tiny.cases_remembered() == 1);  // the newest is kept, everything before it forgotten
    tiny.transaction_committed();
}

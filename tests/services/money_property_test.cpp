// The money model under random sequences of what really happens to a case (issue #12): monthly
// accruals, payments (same day, backdated into accrued months, ahead of anything charged, larger
// than everything owed), reversals (before and after pay-out), write-offs and part payments with
// four-eyes approval, daily pay-outs, and closures, on three cases: two of one paying parent (one
// calculation apportioned between them, and payments by the parent split between them) and one of
// another.
// After every step: every penny received is allocated or held as credit; every penny collected for
// a receiving parent, less their 4%, is held for them, paid out to them, or kept back to recover
// an overpayment, and the disbursement records say so; no balance crosses a limit and every
// `cms check` rule holds; the position's parts add up. The same seed twice gives the same
// ledger, byte for byte.
#include <doctest/doctest.h>

#include <array>
#include <random>
#include <string>

#include "services/ledger/accrual_job.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/ledger/payout_job.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

constexpr std::array<core::ageing_bucket, 2> buckets{{{"1-30", 1, 30}, {"31+", 31, std::nullopt}}};
constexpr int steps_per_run = 200;

struct money_model_run : testing::service_fixture {
    std::mt19937_64 random;
    std::vector<core::collection_fee_row> fees = services::load_collection_fees(std::nullopt);
    std::array<std::int64_t, 3> case_numbers{open_family("a-"), open_family("b-"), open_sibling_case()};
    std::int64_t keys = 0;
    std::vector<std::int64_t> pending_requests;

    explicit money_model_run(std::uint64_t seed) : random(seed) {}

    /// A second case of family a's paying parent, with another receiving parent: the two share
    /// one calculation, and the parent's payments are split between them.
    std::int64_t open_sibling_case() {
        const auto receiving = register_parent("c-r", {{"role", "receiving"}, {"full_name", "E Receiver"},
                                                       {"date_of_birth", "1990-02-02"}, {"local_authority_code", "E06000059"}});
        const auto opened = open_case("c-c", {{"paying_parent_id", paying_parent_of_first()},
                                              {"receiving_parent_id", receiving.body["id"]},
                                              {"service_type", "collect_and_pay"},
                                              {"paying_parent_circumstances", family_circumstances()},
                                              {"children", {{{"full_name", "F Child"}, {"date_of_birth", "2016-06-06"}}}}});
        if (opened.status != 201) throw std::runtime_error("sibling case refused: " + opened.body.dump());
        return opened.body["id"].get<std::int64_t>();
    }
    std::int64_t paying_parent_of_first() { return testing::sql_integer(path, "SELECT paying_parent_id FROM cases WHERE id = 1"); }

    std::int64_t uniform(std::int64_t low, std::int64_t high) {
        return std::uniform_int_distribution<std::int64_t>(low, high)(random);
    }
    std::string key() { return "k" + std::to_string(++keys); }
    core::civil_date today() const { return clock.today(); }

    void advance() { clock.set(core::add_days(today(), uniform(1, 12))); }

    void accrue() {
        // Through the last day of the previous month: what the daily scheduler would run.
        const core::civil_date first_of_month{today().year() / today().month() / date::day{1}};
        services::accrual_job_options options;
        options.through = core::add_days(first_of_month, -1);
        const auto result = services::run_accrual_job(services::writer_transactions(writer), fees, options, nullptr);
        REQUIRE(result.status == "succeeded");
    }

    void pay(std::int64_t case_number) {
        // Same day, backdated up to 70 days (into accrued months), small or far larger than owed.
        const core::civil_date opened{date::year{2025}, date::January, date::day{15}};
        core::civil_date received = core::add_days(today(), -uniform(0, 70));
        if (received < opened) received = opened;
        const std::int64_t amount = uniform(0, 7) == 0 ? uniform(20'000, 60'000) : uniform(1, 6'000);
        const auto paid = record_payment(key(), case_number,
                                         {{"amount_pence", amount}, {"received_on", core::format_iso_date(received)},
                                          {"method", "debit_card"}, {"reference", "r"}});
        INFO(paid.body.dump());
        REQUIRE(paid.status == 201);
    }

    /// One payment by family a's paying parent, split between their two cases.
    void pay_parent() {
        const core::civil_date opened{date::year{2025}, date::January, date::day{15}};
        core::civil_date received = core::add_days(today(), -uniform(0, 70));
        if (received < opened) received = opened;
        const std::int64_t amount = uniform(0, 5) == 0 ? uniform(20'000, 60'000) : uniform(1, 8'000);
        const auto paid = run([&](services::outcome_callback done) {
            cases.record_parent_payment(
                services::parse_record_parent_payment({{"amount_pence", amount}, {"received_on", core::format_iso_date(received)},
                                                       {"method", "bank_transfer"}, {"reference", "p"}},
                                                      core::parent_id{paying_parent_of_first()}, cases.limits()),
                {key(), "carol"}, std::move(done));
        });
        INFO(paid.body.dump());
        REQUIRE(paid.status == 201);
        std::int64_t parts = 0;
        for (const auto& part : paid.body["payments"]) parts += part["amount_pence"].get<std::int64_t>();
        CHECK(parts == amount);
    }

    core::case_position position(std::int64_t case_number) {
        return services::case_position_of(*readers.borrow(), core::case_id{case_number}, today(), fees, buckets);
    }

    void ask(std::int64_t case_number, bool part_payment) {
        const auto position_now = position(case_number);
        const core::money settleable = position_now.arrears_settleable[0];
        // Sometimes more than is owed, or anything when nothing is: those must be refused.
        const std::int64_t amount = uniform(0, 4) == 0 ? settleable.pence() + uniform(1, 5'000)
                                                       : uniform(1, std::max<std::int64_t>(1, settleable.pence()));
        const nlohmann::json body = part_payment
                                        ? nlohmann::json{{"accepted_pence", amount}, {"consent_reference", "letter"}}
                                        : nlohmann::json{{"amount_pence", amount}, {"reason", "receiving_parent_asked_to_stop"}};
        const auto asked = run([&](services::outcome_callback done) {
            cases.request_arrears_action(
                services::parse_arrears_request(body, core::case_id{case_number},
                                                part_payment ? core::approval_kind::part_payment : core::approval_kind::write_off),
                {key(), "alice"}, std::move(done));
        });
        const bool fits = part_payment ? amount < settleable.pence() : amount <= settleable.pence();
        INFO(asked.body.dump());
        if (!fits || settleable.is_zero()) {
            CHECK(asked.status == 409);
            return;
        }
        // One part payment awaits payment per receiving parent at a time.
        if (part_payment && asked.status == 409 && asked.body["field"] == "receiving_parent_slot") return;
        REQUIRE(asked.status == 201);
        pending_requests.push_back(asked.body["id"].get<std::int64_t>());
    }

    void decide() {
        if (pending_requests.empty()) return;
        const std::int64_t request_id = pending_requests.front();
        const auto decided = run([&](services::outcome_callback done) {
            cases.decide_arrears_request(services::parse_arrears_decision({{"note", "n"}}, request_id, true),
                                         core::role::supervisor, {key(), "bob"}, std::move(done));
        });
        INFO(decided.body.dump());
        // Approved, or refused because the window is still open or the arrears fell meanwhile.
        CHECK((decided.status == 200 || decided.status == 409));
        if (decided.status == 200 || decided.body["detail"].get<std::string>().find("now") != std::string::npos) {
            pending_requests.erase(pending_requests.begin());
        }
    }

    void reverse(std::int64_t case_number) {
        const auto payments = testing::sql_rows(
            path, "SELECT p.id FROM payments p LEFT JOIN payment_reversals r ON r.payment_id = p.id"
                  " WHERE r.payment_id IS NULL AND p.case_id = " + std::to_string(case_number));
        if (payments.empty()) return;
        const std::string payment_id = payments[static_cast<std::size_t>(uniform(0, std::ssize(payments) - 1))];
        const bool counted = testing::sql_integer(path, "SELECT COUNT(*) FROM part_payment_receipts r JOIN payments p"
                                                        " ON p.command_id = r.command_id WHERE p.id = " + payment_id) > 0;
        const auto reversed = run([&](services::outcome_callback done) {
            cases.reverse_payment(services::parse_reverse_payment({{"reason", "bounced_direct_debit"}, {"note", "n"}},
                                                                  core::payment_id{std::stoll(payment_id)}),
                                  {key(), "carol"}, std::move(done));
        });
        INFO(reversed.body.dump());
        // A payment an agreement counted is not reversed; any other is.
        CHECK(reversed.status == (counted ? 409 : 201));
    }

    void pay_out() {
        // What the daily scheduler runs: the day before the business date, unless paid out already.
        const core::civil_date through = core::add_days(today(), -1);
        bool due = false;
        writer.execute([&](persistence::unit_of_work& work) { due = services::payout_due(work.payouts(), through); });
        if (!due) return;
        services::payout_job_options options;
        options.through = through;
        options.chunk_cases = 1;  // a chunk per case: the chunking is exercised too
        const auto result = services::run_payout_job(services::writer_transactions(writer), options);
        INFO(result.detail);
        REQUIRE(result.status == "succeeded");
    }

    void close(std::int64_t case_number) {
        const auto closed = run([&](services::outcome_callback done) {
            cases.close_case(services::parse_close_case({{"reason", "receiving_parent_asked"},
                                                         {"effective_date", core::format_iso_date(today())}},
                                                        core::case_id{case_number}),
                             {key(), "alice"}, std::move(done));
        });
        INFO(closed.body.dump());
        // Closed, or refused: already closed, today already charged, or the terms changed today.
        CHECK((closed.status == 200 || closed.status == 409));
    }

    void step() {
        const std::int64_t choice = uniform(0, 120);
        if (choice == 120) {
            close(case_numbers[static_cast<std::size_t>(uniform(0, 2))]);
            return;
        }
        step_among(choice / 12);
    }

    void step_among(std::int64_t choice) {
        const std::int64_t case_number = case_numbers[static_cast<std::size_t>(uniform(0, 2))];
        if (choice <= 2) advance();
        else if (choice <= 3) accrue();
        else if (choice <= 4) pay(case_number);
        else if (choice <= 5) uniform(0, 1) == 0 ? pay(case_number) : pay_parent();
        else if (choice <= 7) ask(case_number, uniform(0, 1) == 1);
        else if (choice <= 8) reverse(case_number);
        else if (uniform(0, 1) == 0) decide();
        else pay_out();
    }

    /// The legs of every posting of the case, replayed: what the sums below are read from.
    void check_conserved(std::int64_t case_number) {
        const core::case_id id{case_number};
        core::money received, reversed, allocated, to_maintenance, receiving_parent_fees, paid_out, recovered,
            made_recoverable, to_collection_fee;
        const auto postings = readers.borrow()->ledger().list_postings(id, services::ledger_epoch, services::ledger_end);
        core::case_balances balances(id);
        for (const auto& posting : postings) {
            REQUIRE(core::apply_transfers(balances, posting.legs).status == core::apply_status::ok);
            for (const auto& leg : posting.legs) {
                if (leg.code == core::transfer_code::payment_received) received += leg.amount;
                if (leg.code == core::transfer_code::payment_reversed) reversed += leg.amount;
                if (leg.code == core::transfer_code::payment_allocated) {
                    allocated += leg.amount;
                    if (leg.credit.kind == core::account_kind::maintenance_due) to_maintenance += leg.amount;
                    if (leg.credit.kind == core::account_kind::collection_fee_due) to_collection_fee += leg.amount;
                }
                if (leg.code == core::transfer_code::allocation_reversed) {
                    allocated -= leg.amount;
                    if (leg.debit.kind == core::account_kind::maintenance_due) to_maintenance -= leg.amount;
                    if (leg.debit.kind == core::account_kind::collection_fee_due) to_collection_fee -= leg.amount;
                }
                if (leg.code == core::transfer_code::receiving_parent_fee) receiving_parent_fees += leg.amount;
                if (leg.code == core::transfer_code::receiving_parent_fee_reversed) receiving_parent_fees -= leg.amount;
                if (leg.code == core::transfer_code::paid_out) paid_out += leg.amount;
                if (leg.code == core::transfer_code::overpayment_recovered) recovered += leg.amount;
                if (leg.code == core::transfer_code::overpayment_recoverable) made_recoverable += leg.amount;
            }
        }
        CHECK(core::check_balances(balances).violation == core::ledger_violation::none);
        // Every payment the API accepted is in the ledger, once; every reversal takes back one.
        const std::string of_case = " WHERE case_id = " + std::to_string(case_number);
        CHECK(received.pence() == testing::sql_integer(path, "SELECT COALESCE(SUM(amount_pence), 0) FROM payments" + of_case));
        CHECK(reversed.pence() ==
              testing::sql_integer(path, "SELECT COALESCE(SUM(amount_pence), 0) FROM payment_reversals" + of_case));
        // Every penny received and not taken back is allocated or held as credit (nothing is
        // refunded yet).
        CHECK(received - reversed == allocated + balances.balance({core::account_kind::payments_unallocated, 0}));
        // What was collected for the receiving parent, less their 4%, is held for them, paid out,
        // or kept back against what a reversal after pay-out made recoverable.
        CHECK(!(to_maintenance < receiving_parent_fees));
        // Nothing is taken back that was never paid: the fee collected is never below zero, so the
        // paying parent is never charged again for fee they were never asked twice for.
        CHECK(!to_collection_fee.is_negative());
        // Cash held plus what is recoverable is exactly credit, fees collected and money held.
        CHECK(balances.cash_held() + balances.recoverable_total() ==
              balances.balance({core::account_kind::payments_unallocated, 0}) + to_collection_fee +
                  receiving_parent_fees + balances.held_for_receiving_parent(0));
        CHECK(balances.held_for_receiving_parent(0) ==
              to_maintenance - receiving_parent_fees - paid_out - recovered + made_recoverable);
        CHECK(balances.balance({core::account_kind::recoverable_from_receiving_parent, 0}) == made_recoverable - recovered);
        CHECK(balances.cash_held() == received - reversed - paid_out);
        // The disbursement records are the pay-outs' legs.
        CHECK(paid_out.pence() ==
              testing::sql_integer(path, "SELECT COALESCE(SUM(paid_pence), 0) FROM disbursements" + of_case));
        CHECK(recovered.pence() ==
              testing::sql_integer(path, "SELECT COALESCE(SUM(recovered_pence), 0) FROM disbursements" + of_case));
        // The position's parts add up.
        const auto shown = position(case_number);
        CHECK(shown.paid == received - reversed);
        if (shown.arrears) {
            core::money buckets_total, by_parent;
            for (std::size_t i = 0; i < shown.arrears->bucket_count; ++i) buckets_total += shown.arrears->bucket_amounts[i];
            for (const core::money part : shown.arrears->maintenance_by_receiving_parent) by_parent += part;
            CHECK(buckets_total == shown.arrears->total);
            CHECK(by_parent == shown.arrears->maintenance);
            CHECK(shown.arrears->total ==
                  shown.arrears->maintenance + shown.arrears->collection_fee + shown.arrears->enforcement_charges);
            CHECK(!(shown.due < shown.arrears->total));
        }
    }

    void check_everything(int step_number) {
        INFO("after step ", step_number, " on ", core::format_iso_date(today()));
        const auto failure = store->check();
        const std::string failed = failure ? failure->check_name + ": " + failure->violation : "";
        CHECK(failed == "");
        for (const std::int64_t case_number : case_numbers) check_conserved(case_number);
    }

    std::string ledger_dump() {
        return testing::sql_text(path, "SELECT COALESCE(group_concat(row, ';'), '') FROM (SELECT case_id || ',' ||"
                                       " cause_kind || ',' || cause_ref || ',' || business_date || ',' || hex(legs) AS row"
                                       " FROM ledger_postings ORDER BY case_id, cause_kind, cause_ref)");
    }
};

std::string run_sequence(std::uint64_t seed) {
    money_model_run run(seed);
    for (int step = 0; step < steps_per_run; ++step) {
        run.step();
        run.check_everything(step);
    }
    MESSAGE("postings ", run.count("ledger_postings"), ", payments ", run.count("payments"), ", decisions ",
            run.count("arrears_decisions"), ", receipts ", run.count("part_payment_receipts"), ", settlements ",
            run.count("part_payment_settlements"), ", reversals ", run.count("payment_reversals"), ", closures ", run.count("case_closures"), ", disbursements ", run.count("disbursements"),
            ", recovered ", testing::sql_integer(run.path, "SELECT COUNT(*) FROM disbursements WHERE recovered_pence > 0"),
            ", credit applications ",
            testing::sql_integer(run.path, "SELECT COUNT(*) FROM ledger_postings WHERE cause_ref / 1000000 = 4 AND cause_kind = 2"),
            ", final date ", core::format_iso_date(run.today()));
    return run.ledger_dump();
}

}  // namespace

TEST_CASE("random sequences of accruals, payments, reversals, write-offs, part payments and pay-outs keep the money model whole") {
    const std::uint64_t seed = testing::test_seed();
    INFO(testing::seed_message(seed));
    const std::string first = run_sequence(seed);
    CHECK(first.find("2025-") != std::string::npos);
    // The same sequence again gives the same ledger.
    CHECK(run_sequence(seed) == first);
}

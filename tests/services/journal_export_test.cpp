// The journal round trip (README, "Scenario replay"): a history made by commands on a simulated
// clock (services/generation/command_history.hpp), exported as a scenario
// (services/replay/journal_export.hpp) and replayed on an empty database, leaves every ledger
// transfer and every case's position as the original did. The two databases are compared through
// the persistence read interfaces by content: a case by the key of the command that opened it, a
// posting by the key of its command (or its batch job and period), never by ids, which need not
// agree (the original's journal also holds its clock moves).
#include <doctest/doctest.h>

#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "persistence/sqlite/sqlite_store.hpp"
#include "services/generation/caseload_generator.hpp"
#include "services/generation/command_history.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/replay/journal_export.hpp"
#include "services/replay/scenario.hpp"
#include "support/service_fixture.hpp"
#include "support/test_support.hpp"

namespace {

using namespace cms;

/// What the journal says: each entry's key by id, and each case's opening command's key.
struct journal_index {
    std::map<std::int64_t, std::string> key_of_command;
    std::map<std::int64_t, std::string> key_of_case;
};

journal_index index_journal(persistence::read_view& view) {
    journal_index index;
    persistence::audit_filter page;
    page.entries_max = 500;
    for (;;) {
        const auto entries = view.audit().list_audit_entries(page);
        for (const auto& entry : entries) {
            index.key_of_command[entry.id] = entry.idempotency_key;
            if (entry.command_type == "open_case") {
                index.key_of_case[nlohmann::json::parse(entry.response_json).at("id").get<std::int64_t>()] =
                    entry.idempotency_key;
            }
        }
        if (entries.size() < page.entries_max) return index;
        page.after_id = entries.back().id;
    }
}

std::string account_text(core::account_ref account) {
    return std::string(core::to_string(account.kind)) + "/" + std::to_string(account.receiving_parent_slot);
}

/// Every case of the database at `path` by its opening command's key: its terms, payments, every
/// posting with every leg, each account's balance and its position on `as_of`.
std::map<std::string, std::string> describe_cases(const std::string& path, core::civil_date as_of) {
    const auto store = persistence::open_sqlite_store(path);
    const auto connection = store->open_read_connection();
    connection->begin_snapshot();
    persistence::read_view& view = connection->view();
    const journal_index index = index_journal(view);
    const auto fees = services::load_collection_fees(std::nullopt);
    const auto ageing = services::load_arrears_ageing(std::nullopt);
    const core::civil_date first_day{date::year{1900} / 1 / 1};
    std::map<std::string, std::string> described;
    for (std::int64_t id = 1; id <= view.cases().highest_case_id(); ++id) {
        const core::case_id for_case{id};
        const auto record = view.cases().find_case(for_case);
        if (!record) continue;
        std::ostringstream text;
        text << core::to_string(record->details.service) << " opened " << core::format_iso_date(record->opened_on)
             << " weekly " << view.calculations().weekly_amount_in_force(for_case, as_of).value_or(core::money{}).pence()
             << "\n";
        for (const auto& payment : view.cases().list_payments(for_case)) {
            text << "payment " << payment.details.amount.pence() << " " << core::format_iso_date(payment.details.received_on)
                 << " " << core::to_string(payment.details.method) << " " << payment.details.reference
                 << (payment.reversed_on ? " reversed " + core::format_iso_date(*payment.reversed_on) : "") << "\n";
        }
        const auto postings = view.ledger().list_postings(for_case, first_day, as_of);
        for (const auto& posting : postings) {
            const core::transfer_cause& cause = posting.cause;
            const std::string named = cause.kind == core::cause_kind::command
                                    ? "command " + index.key_of_command.at(cause.command.value)
                                    : "batch " + std::to_string(static_cast<int>(cause.job)) + " " +
                                          std::to_string(static_cast<int>(cause.period.year())) + "-" +
                                          std::to_string(static_cast<unsigned>(cause.period.month())) + " day " +
                                          std::to_string(cause.day);
            text << "posting " << core::format_iso_date(posting.business_date) << " " << named << "\n";
            for (const auto& leg : posting.legs) {
                text << "  leg " << leg.leg << " " << core::to_string(leg.code) << " " << account_text(leg.debit)
                     << " -> " << account_text(leg.credit) << " " << leg.amount.pence() << "\n";
            }
        }
        const services::case_balance balance = services::balance_of(view, for_case, as_of, fees, ageing.buckets);
        for (std::size_t kind = 1; kind <= core::account_kind_count; ++kind) {
            const core::account_ref account{static_cast<core::account_kind>(kind), 0};
            text << "balance " << account_text(account) << " " << balance.balances.balance(account).pence() << "\n";
        }
        const core::case_position& position = balance.position;
        text << "position due " << position.due.pence() << " today " << position.due_today.pence() << " paid "
             << position.paid.pence() << " credit " << position.credit.pence() << " ledger " << position.balance.pence();
        if (position.arrears) {
            text << " arrears " << position.arrears->total.pence() << " maintenance "
                 << position.arrears->maintenance.pence() << " state " << position.arrears->owed_to_state().pence()
                 << " days " << position.arrears->days_overdue;
        }
        if (position.next_instalment) {
            text << " next " << core::format_iso_date(position.next_instalment->due_date) << " "
                 << position.next_instalment->amount.pence();
        }
        described[index.key_of_case.at(id)] = text.str() + "\n";
    }
    connection->end_snapshot();
    return described;
}

std::string failed_steps(const services::replay_result& result) {
    std::string text;
    for (const auto& step : result.steps) {
        if (!step.passed) text += std::to_string(step.index) + " " + step.action + ": " + step.detail + "\n";
    }
    for (const auto& job : result.scheduled_jobs) {
        if (!job.passed) text += core::format_iso_date(job.on) + " scheduled " + job.job + ": " + job.detail + "\n";
    }
    return text;
}

services::journal_export export_of(const std::string& path, services::scenario_jobs jobs = services::scenario_jobs::daily) {
    const auto store = persistence::open_sqlite_store(path);
    const auto connection = store->open_read_connection();
    services::journal_export_options options;
    options.scenario_name = "round trip";
    options.jobs = jobs;
    options.page_entries = 64;  // several pages, so paging is part of what is tested
    return services::export_journal(connection->view(), options);
}

}  // namespace

TEST_CASE("a generated history, exported and replayed on an empty database, leaves every transfer and position as it was") {
    const std::uint64_t seed = testing::test_seed();
    INFO(testing::seed_message(seed));
    testing::temporary_directory directory;
    services::command_history_options options;
    options.cases_count = 30;
    options.days = 100;  // 2025-01-06 to 2025-04-15: three month ends, their accruals and closes
    options.seed = seed;
    const auto made =
        services::generate_command_history(*persistence::open_sqlite_store(directory.file("original.db")), options);
    INFO("first refusal: " << made.first_refusal << "; first job failure: " << made.first_job_failure);
    REQUIRE(made.commands_refused == 0);
    REQUIRE(made.scheduled_jobs_failed == 0);
    REQUIRE(made.cases_opened == options.cases_count);
    REQUIRE(made.payments > 0);

    const services::journal_export exported = export_of(directory.file("original.db"));
    CHECK(exported.clock_moves == static_cast<std::size_t>(options.days - 1));
    CHECK(exported.left_out.empty());
    CHECK(exported.refused_steps == 0);
    const services::scenario played = services::parse_scenario(exported.scenario_text);
    // The daily schedule runs to the day the original's clock reached, whether or not it had commands.
    CHECK(played.jobs == services::scenario_jobs::daily);
    CHECK(played.steps.back().on == made.last_day);
    const services::replay_result replayed = services::replay_scenario(played, directory.file("replayed.db"));
    INFO(failed_steps(replayed));
    REQUIRE(replayed.all_passed());

    const auto original = describe_cases(directory.file("original.db"), made.last_day);
    const auto replayed_cases = describe_cases(directory.file("replayed.db"), made.last_day);
    REQUIRE(original.size() == static_cast<std::size_t>(options.cases_count));
    REQUIRE(replayed_cases.size() == original.size());
    for (const auto& [key, description] : original) {
        INFO("case opened by " << key);
        REQUIRE(replayed_cases.count(key) == 1);
        CHECK(replayed_cases.at(key) == description);
    }
}

TEST_CASE("the same seed makes the same journal, and a second run on the same database writes nothing") {
    testing::temporary_directory directory;
    services::command_history_options options;
    options.cases_count = 6;
    options.days = 40;
    options.seed = 7;
    services::generate_command_history(*persistence::open_sqlite_store(directory.file("first.db")), options);
    services::generate_command_history(*persistence::open_sqlite_store(directory.file("second.db")), options);
    const auto first = export_of(directory.file("first.db"));
    CHECK(first.scenario_text == export_of(directory.file("second.db")).scenario_text);
    // The history journals no accrual of its own (the scheduler's run each day): as written, no job.
    const auto as_written = export_of(directory.file("first.db"), services::scenario_jobs::as_written);
    CHECK(as_written.job_steps == 0);
    CHECK(as_written.scenario_text.find("\"run_job\"") == std::string::npos);
    CHECK(as_written.scenario_text.find("\"jobs\": \"as_written\"") != std::string::npos);

    const auto rerun =
        services::generate_command_history(*persistence::open_sqlite_store(directory.file("first.db")), options);
    CHECK(rerun.commands_refused == 0);
    CHECK(export_of(directory.file("first.db")).entries_read == first.entries_read);
}

TEST_CASE("a refused command in the journal is exported with its status, names replace ids, and the replay passes") {
    testing::service_fixture fixture;
    const std::int64_t case_id = fixture.open_family("f-");
    const auto paid = fixture.record_payment("f-pay", case_id, testing::payment_body(1'950));
    REQUIRE(paid.status == 201);
    const std::int64_t payment_id = paid.body["id"].get<std::int64_t>();
    const auto reversed = fixture.run([&](services::outcome_callback done) {
        fixture.cases.reverse_payment(
            services::parse_reverse_payment({{"reason", "duplicate"}, {"note", "sent twice"}}, core::payment_id{payment_id}),
            {"f-reverse", "tester"}, std::move(done));
    });
    REQUIRE(reversed.status == 201);
    fixture.clock.set(*core::parse_iso_date("2025-01-20"));
    const auto closed = fixture.run([&](services::outcome_callback done) {
        fixture.cases.close_case(services::parse_close_case({{"reason", "receiving_parent_asked"},
                                                             {"effective_date", "2025-01-20"}},
                                                            core::case_id{case_id}),
                                 {"f-close", "tester"}, std::move(done));
    });
    REQUIRE(closed.status == 200);
    // The service journals accepted commands only (a refusal rolls back with what it wrote), so a
    // journal holding a refusal is written here as another system's would be: a second reversal
    // of the payment, answered 409 as the service answers one.
    fixture.writer.stop();
    persistence::in_transaction(*fixture.store->open_write_connection(), [&](persistence::unit_of_work& work) {
        const core::command_id refused = work.journal().append_command(
            {"f-reverse-again", "reverse_payment", "tester", "2025-01-20",
             nlohmann::json{{"note", "sent twice"}, {"payment_id", payment_id}, {"reason", "duplicate"}}.dump()});
        work.journal().record_command_outcome(refused, 409, R"({"status": 409, "field": "payment_id"})");
        // And a user added, which no scenario step expresses.
        const core::command_id added = work.journal().append_command(
            {"f-user", "add_user", "admin", "2025-01-20", R"({"name":"amy","role":"caseworker"})"});
        work.journal().record_command_outcome(added, 201, R"({"id":1,"name":"amy","role":"caseworker"})");
    });

    const services::journal_export exported = export_of(fixture.path);
    CHECK(exported.command_steps == 7);
    CHECK(exported.refused_steps == 1);
    CHECK(exported.references_by_id == 0);
    CHECK(exported.left_out == std::map<std::string, std::size_t>{{"add_user", 1}});
    const std::string& text = exported.scenario_text;
    CHECK(text.find(R"("command":"open_case","key":"f-c","actor":"tester","as":"case_1","body":{"children")") !=
          std::string::npos);
    CHECK(text.find(R"("paying_parent":"parent_1","receiving_parent":"parent_2")") != std::string::npos);
    CHECK(text.find(R"("key":"f-pay","actor":"tester","case":"case_1","as":"payment_1","body":{"amount_pence":1950)") !=
          std::string::npos);
    CHECK(text.find(R"("command":"close_case","key":"f-close","actor":"tester","case":"case_1","body":{)") !=
          std::string::npos);
    CHECK(text.find(R"("key":"f-reverse-again","actor":"tester","payment":"payment_1","expect_status":409,"body":{"note")") !=
          std::string::npos);

    testing::temporary_directory directory;
    const services::replay_result replayed =
        services::replay_scenario(services::parse_scenario(text), directory.file("replayed.db"));
    INFO(failed_steps(replayed));
    CHECK(replayed.all_passed());
    CHECK(replayed.steps.back().status == 409);
}

TEST_CASE("a database filled by cms generate is refused: its cases were not made by commands") {
    testing::temporary_directory directory;
    const auto store = persistence::open_sqlite_store(directory.file("generated.db"));
    services::caseload_options options;
    options.cases_count = 2;
    options.start = *core::parse_iso_date("2025-01-16");
    services::generate_caseload(*store->open_write_connection(), options, [](std::int64_t) {});
    CHECK_THROWS_WITH_AS(export_of(directory.file("generated.db")),
                         doctest::Contains("cms generate wrote straight to the store"), services::journal_export_error);
}

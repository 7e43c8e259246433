// The events of a simulated caseload (services/simulation/simulated_case_events.hpp): closures,
// moves between Direct Pay and Collect and Pay, and write-offs asked for by one simulated user
// and decided by another, each journaled; a closed case followed no more; the reports seeing
// them; and a run stopped and resumed recording what one run records.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "persistence/read_pool.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "services/generation/caseload_generator.hpp"
#include "services/reports/service_types_report.hpp"
#include "services/reports/write_offs_report.hpp"
#include "services/simulation/caseload_simulation.hpp"
#include "support/simulated_families.hpp"

using namespace cms;
using testing::behaving;
using testing::five_families;
using testing::iso_day;
using testing::simulated_families;

namespace {

/// A yearly chance that is certain every day.
constexpr std::int64_t every_day = 365 * 10'000;

std::vector<std::string> rows(const testing::simulated_families& families, const std::string& query) {
    return testing::sql_rows(families.fixture.path, query);
}

std::string id_text(std::int64_t id) { return std::to_string(id); }

/// The write-off requests with their decisions: "case reason requested_on requester decision decided_on decider".
std::vector<std::string> write_offs(const testing::simulated_families& families) {
    return rows(families,
                "SELECT r.case_id || ' ' || r.reason || ' ' || r.requested_on || ' ' || r.requested_by || ' ' ||"
                " COALESCE(d.decision || ' ' || d.decided_on || ' ' || d.decided_by, 'waiting')"
                " FROM arrears_requests r LEFT JOIN arrears_decisions d ON d.request_id = r.id ORDER BY r.case_id");
}

}  // namespace

TEST_CASE("a case the simulation closes is paid no more, and a paying parent's death writes off the arrears after notice") {
    five_families families;
    families.simulate("2025-01-15", "2025-04-20");
    families.events.closure_per_year_bp = every_day;
    families.events.closure_causes = {{services::closure_cause::paying_parent_died, 10'000}};
    const auto result = families.simulate(std::nullopt, "2025-06-30");
    INFO(result.events.first_refusal);
    CHECK(result.events.refused == 0);
    CHECK(result.events.closures == 5);
    // A Collect and Pay case closes on a due date, after its payment: the first after the first
    // run's last day is 15 May.
    CHECK(rows(families, "SELECT reason || ' ' || effective_date FROM case_closures ORDER BY case_id") ==
          std::vector<std::string>(5, "parent_died 2025-05-15"));
    CHECK(rows(families, "SELECT DISTINCT actor FROM command_journal WHERE command_type = 'close_case'") ==
          std::vector<std::string>{"caseworker.simulation"});
    // The on-time payer paid February to May, the last instalment covering the days to the
    // closure, and nothing after; nor did anyone else, nor was anything found missed after.
    CHECK(families.payments_of(families.on_time).size() == 4);
    CHECK(testing::sql_integer(families.fixture.path, "SELECT COUNT(*) FROM payments WHERE received_on > '2025-05-15'") == 0);
    CHECK(testing::sql_integer(families.fixture.path,
                               "SELECT COUNT(*) FROM missed_payments WHERE due_date > '2025-05-15'") == 0);

    // The three in arrears have them written off, nothing recoverable from the estate: asked for
    // on the day of the death, approved by another user once the 30 days have run.
    std::vector<std::string> expected;
    // The late payer paid April's instalment on 25 April and owes nothing fallen due by 15 May.
    for (const std::int64_t id : {families.never, families.part, families.stops}) {
        expected.push_back(id_text(id) +
                           " paying_parent_died_nothing_recoverable 2025-05-15 caseworker.simulation approved 2025-06-14 "
                           "supervisor.simulation");
    }
    CHECK(write_offs(families) == expected);
    CHECK(result.events.write_offs_approved == 3);
    CHECK(result.events.written_off_pence ==
          testing::sql_integer(families.fixture.path, "SELECT SUM(written_off_pence) FROM arrears_decisions"));
    CHECK_FALSE(families.fixture.store->check().has_value());

    persistence::read_pool readers(*families.fixture.store, 1);
    const auto written_off = services::read_write_offs_report(readers, {2025, 2}, {2025, 2});
    const auto died = static_cast<std::size_t>(std::find(core::write_off_reasons.begin(), core::write_off_reasons.end(),
                                                         core::write_off_reason::paying_parent_died_nothing_recoverable) -
                                               core::write_off_reasons.begin());
    CHECK(written_off.summary.by_reason[died].count == 3);
    CHECK(written_off.summary.by_reason[died].maintenance.pence() == result.events.written_off_pence);
    const auto covered = services::read_service_types_report(readers, iso_day("2025-05-31"));
    CHECK(covered.summary.all.arrangements == 0);
}

TEST_CASE("a case whose last child stops qualifying is closed by the daily jobs and paid no more") {
    simulated_families families;
    const auto paying = families.fixture.register_parent(
        "p", {{"role", "paying"}, {"full_name", "A Payer"}, {"date_of_birth", "1980-01-01"},
              {"local_authority_code", "E06000059"}});
    const auto receiving = families.fixture.register_parent(
        "r", {{"role", "receiving"}, {"full_name", "B Receiver"}, {"date_of_birth", "1981-01-01"},
              {"local_authority_code", "E06000059"}});
    const auto opened = families.fixture.open_case(
        "c", {{"paying_parent_id", paying.body["id"]},
              {"receiving_parent_id", receiving.body["id"]},
              {"service_type", "collect_and_pay"},
              {"paying_parent_circumstances", testing::service_fixture::family_circumstances()},
              {"children", {{{"full_name", "C Child"}, {"date_of_birth", "2009-04-01"}}}}});
    REQUIRE(opened.status == 201);
    const std::int64_t id = opened.body["id"].get<std::int64_t>();
    families.profiles[id] = behaving(services::payer_behaviour::pays_on_time);
    families.rest_writer();

    const auto result = families.simulate("2025-01-15", "2025-06-30");
    CHECK(result.payments_refused == 0);
    // Sixteen on 1 April 2025: the jobs close the case that day, and the simulation follows it no
    // more: nothing is paid from April.
    CHECK(rows(families, "SELECT reason || ' ' || effective_date FROM case_closures") ==
          std::vector<std::string>{"no_qualifying_child 2025-04-01"});
    const auto paid = families.payments_of(id);
    REQUIRE(paid.size() == 2);
    CHECK(paid[1].substr(0, 10) == "2025-03-15");
}

TEST_CASE("write-offs of an open case: asked for by the caseworker, decided by the supervisor after the notice") {
    five_families families;
    families.simulate("2025-01-15", "2025-04-20");
    families.events.write_off_per_year_bp = every_day;
    families.events.write_off_reasons = {{core::write_off_reason::receiving_parent_asked_to_stop, 10'000}};
    const auto asked = families.simulate(std::nullopt, "2025-04-21");
    CHECK(asked.events.write_offs_requested == 4);  // all but the on-time payer are in arrears
    // The decisions come in a later run, which finds the requests waiting.
    families.events = {};
    const auto decided = families.simulate(std::nullopt, "2025-06-30");
    INFO(decided.events.first_refusal);
    CHECK(decided.events.refused == 0);
    // Asked for on the first day of the second run (the first run's last, lived again).
    const auto requests = write_offs(families);
    REQUIRE(requests.size() == 4);
    for (const std::string& request : requests) {
        CAPTURE(request);
        CHECK(request.find(" receiving_parent_asked_to_stop 2025-04-20 caseworker.simulation ") != std::string::npos);
        // The late payer paid April's instalment on 25 April, so less was owed when the notice
        // ran than was asked for: the supervisor rejects it. The others owed at least as much.
        const bool late = request.starts_with(id_text(families.late) + " ");
        CHECK(request.ends_with(late ? "rejected 2025-05-20 supervisor.simulation" : "approved 2025-05-20 supervisor.simulation"));
    }
    CHECK(decided.events.write_offs_approved == 3);
    CHECK(decided.events.write_offs_rejected == 1);
    // The cases stay open and their parents go on paying.
    CHECK(families.fixture.count("case_closures") == 0);
    CHECK(families.payments_of(families.part).size() == 5);
    CHECK_FALSE(families.fixture.store->check().has_value());

    persistence::read_pool readers(*families.fixture.store, 1);
    const auto report = services::read_write_offs_report(readers, {2025, 2}, {2025, 2});
    CHECK(report.summary.approved_write_offs.count == 3);
    CHECK(report.summary.approved_write_offs.maintenance.pence() == decided.events.written_off_pence);
    CHECK(report.summary.by_reason[0].count == 3);  // receiving_parent_asked_to_stop
}

TEST_CASE("arrears under £7 of a case the simulation closes are written off without notice") {
    simulated_families families;
    // Pays 64% of each instalment. A payment settles maintenance before the collection fee, so
    // on 15 May, its payment made, what is left unpaid of the maintenance due is £3.46 (the rest
    // of the shortfall is fee, owed to the state).
    services::payer_profile short_by_a_little = behaving(services::payer_behaviour::pays_part);
    short_by_a_little.paid_share_bp = 6'400;
    const std::int64_t id = families.open("a", short_by_a_little);
    families.rest_writer();
    families.simulate("2025-01-15", "2025-05-10");
    families.events.closure_per_year_bp = every_day;
    families.events.closure_causes = {{services::closure_cause::receiving_parent_asked, 10'000}};
    const auto result = families.simulate(std::nullopt, "2025-05-16");
    INFO(result.events.first_refusal);
    CHECK(result.events.refused == 0);
    CHECK(rows(families, "SELECT reason || ' ' || effective_date FROM case_closures") ==
          std::vector<std::string>{"receiving_parent_asked 2025-05-15"});
    // No notice (SI 2024/87): asked for on the day it closed, approved the next.
    CHECK(write_offs(families) == std::vector<std::string>{id_text(id) +
                                                           " small_balance_case_ended 2025-05-15 caseworker.simulation "
                                                           "approved 2025-05-16 supervisor.simulation"});
    const std::int64_t written_off = testing::sql_integer(families.fixture.path, "SELECT written_off_pence FROM arrears_decisions");
    CHECK(written_off == 346);
    CHECK_FALSE(families.fixture.store->check().has_value());
}

TEST_CASE("cases move between the services: a complying payer to Direct Pay, a reported non-payer to Collect and Pay") {
    simulated_families families;
    const std::int64_t complying = families.open("a", behaving(services::payer_behaviour::pays_on_time));
    const std::int64_t arrears = families.open("b", behaving(services::payer_behaviour::never_pays));
    services::payer_profile half = behaving(services::payer_behaviour::pays_part);
    half.paid_share_bp = 5'000;
    const std::int64_t reported = families.open("c", half, "direct_pay");
    const std::int64_t paying_direct = families.open("d", behaving(services::payer_behaviour::pays_on_time), "direct_pay");
    families.rest_writer();
    families.events.to_direct_pay_per_year_bp = every_day;
    families.events.to_direct_pay_paying_days_min = 30;
    families.events.non_payment_reported_per_year_bp = every_day;
    const auto result = families.simulate("2025-01-15", "2025-05-31");
    INFO(result.events.first_refusal);
    CHECK(result.events.refused == 0);
    const auto services_of = [&]() {
        return rows(families, "SELECT id || ' ' || service_type FROM cases ORDER BY id");
    };
    CHECK(services_of() == std::vector<std::string>{id_text(complying) + " direct_pay", id_text(arrears) + " collect_and_pay",
                                                    id_text(reported) + " collect_and_pay",
                                                    id_text(paying_direct) + " direct_pay"});
    const auto notices = [&](std::int64_t id) {
        return rows(families, "SELECT on_date || ' ' || kind FROM case_notices WHERE case_id = " + id_text(id) +
                                  " AND kind IN ('direct_pay_warning', 'service_switched') ORDER BY on_date, kind");
    };
    // Paid in full from 15 February; 30 days of it, and nothing owed, on 17 March: both parents agree.
    CHECK(notices(complying) == std::vector<std::string>{"2025-03-17 service_switched"});
    // Reported on 15 February, the first instalment it did not pay in full: the warning; reported
    // again the next day, within 12 months of it: Collect and Pay from 16 February.
    CHECK(notices(reported) == std::vector<std::string>{"2025-02-15 direct_pay_warning", "2025-02-16 service_switched"});
    CHECK(notices(paying_direct).empty());
    CHECK(result.events.to_direct_pay == 1);
    CHECK(result.events.warning_notices == 1);
    CHECK(result.events.to_collect_and_pay == 1);
    CHECK(rows(families, "SELECT DISTINCT actor FROM command_journal WHERE command_type IN ('switch_service',"
                         " 'record_warning_notice')") == std::vector<std::string>{"caseworker.simulation"});

    // On Direct Pay from 17 March, the service takes nothing more from the complying parent; the
    // reported one pays half of each instalment through it from March (February's fell due on
    // Direct Pay).
    const auto complied = families.payments_of(complying);
    REQUIRE(complied.size() == 2);
    CHECK(complied[1].substr(0, 10) == "2025-03-15");
    const auto halves = families.payments_of(reported);
    REQUIRE(halves.size() == 3);
    CHECK(halves[0].substr(0, 10) == "2025-03-15");
    CHECK(families.payments_of(paying_direct).empty());
    CHECK_FALSE(families.fixture.store->check().has_value());

    persistence::read_pool readers(*families.fixture.store, 1);
    const auto covered = services::read_service_types_report(readers, iso_day("2025-03-31"));
    CHECK(covered.summary.direct_pay.arrangements == 2);
    CHECK(covered.summary.collect_and_pay.arrangements == 2);
    const auto before = services::read_service_types_report(readers, iso_day("2025-02-14"));
    CHECK(before.summary.direct_pay.arrangements == 2);  // the reported case and the one paying directly
    CHECK(before.summary.collect_and_pay.arrangements == 2);
}

namespace {

/// A generated caseload lived with every event's chance raised, in one run or stopped at `stops`.
struct generated_run {
    testing::temporary_directory directory;
    std::string path = directory.file("cms.db");
    std::unique_ptr<persistence::store> store;
    services::caseload_simulation_result last;
    services::simulated_case_event_counts events;  ///< summed over the runs

    explicit generated_run(const std::vector<const char*>& stops) {
        store = persistence::open_sqlite_store(path, persistence::system_wall_clock(), persistence::commit_durability::unsynced);
        services::caseload_options generating;
        generating.cases_count = 300;
        generating.seed = 7;
        generating.start = iso_day("2025-01-01");
        generating.opened_span_days = 120;
        services::generate_caseload(*store->open_write_connection(), generating, nullptr);
        services::caseload_simulation_options options;
        services::use_parameters(options, services::embedded_caseload_parameters());
        options.events.closure_per_year_bp = 2'000;
        options.events.write_off_per_year_bp = 3'000;
        options.events.to_direct_pay_per_year_bp = 3'000;
        options.events.to_direct_pay_paying_days_min = 60;
        options.events.non_payment_reported_per_year_bp = 6'000;
        options.seed = 5;
        for (const char* through : stops) {
            options.through = iso_day(through);
            last = services::simulate_caseload(*store, options);
            events.closures += last.events.closures;
            events.to_direct_pay += last.events.to_direct_pay;
            events.to_collect_and_pay += last.events.to_collect_and_pay;
            events.warning_notices += last.events.warning_notices;
            events.write_offs_approved += last.events.write_offs_approved;
            events.written_off_pence += last.events.written_off_pence;
            events.refused += last.events.refused;
        }
    }

    /// What the events and payments left, table by table.
    std::vector<std::string> state() const {
        std::vector<std::string> all;
        for (const char* query :
             {"SELECT id || ' ' || service_type || ' ' || status FROM cases ORDER BY id",
              "SELECT case_id || ' ' || reason || ' ' || effective_date FROM case_closures ORDER BY case_id",
              "SELECT case_id || ' ' || received_on || ' ' || amount_pence || ' ' || method FROM payments"
              " ORDER BY case_id, received_on, amount_pence",
              "SELECT r.case_id || ' ' || r.reason || ' ' || r.amount_pence || ' ' || r.requested_on || ' ' ||"
              " COALESCE(d.decision || ' ' || d.decided_on || ' ' || d.written_off_pence, '-')"
              " FROM arrears_requests r LEFT JOIN arrears_decisions d ON d.request_id = r.id ORDER BY r.case_id, r.id",
              "SELECT case_id || ' ' || on_date || ' ' || kind FROM case_notices ORDER BY case_id, on_date, kind",
              "SELECT case_id || ' ' || step || ' ' || status || ' ' || status_on FROM enforcement_actions"
              " ORDER BY case_id, id"}) {
            for (std::string& row : testing::sql_rows(path, query)) all.push_back(std::move(row));
            all.emplace_back("--");
        }
        return all;
    }
};

}  // namespace

TEST_CASE("a generated caseload develops closures, moves and write-offs; the checks hold; a resumed run is one run") {
    const generated_run once({"2025-09-30"});
    INFO(once.last.events.first_refusal);
    CHECK(once.events.refused == 0);
    CHECK(once.last.payments_refused == 0);
    CHECK(once.last.enforcement.refused == 0);
    CHECK(once.last.scheduled_jobs_failed == 0);
    CHECK(once.events.closures > 0);
    CHECK(once.events.to_direct_pay > 0);
    CHECK(once.events.warning_notices > 0);
    CHECK(once.events.to_collect_and_pay > 0);
    CHECK(once.events.write_offs_approved > 0);
    const auto failed = once.store->check();
    CHECK_MESSAGE(!failed.has_value(), (failed ? failed->check_name + ": " + failed->violation : std::string{}));

    // The reports see what the events did.
    persistence::read_pool readers(*once.store, 1);
    const auto written_off = services::read_write_offs_report(readers, {2024, 1}, {2025, 3});
    CHECK(written_off.summary.approved_write_offs.count == once.events.write_offs_approved);
    CHECK(written_off.summary.approved_write_offs.maintenance.pence() == once.events.written_off_pence);
    const auto covered = services::read_service_types_report(readers, iso_day("2025-09-30"));
    CHECK(covered.summary.direct_pay.arrangements ==
          testing::sql_integer(once.path, "SELECT COUNT(*) FROM cases c WHERE service_type = 'direct_pay' AND NOT EXISTS"
                                          " (SELECT 1 FROM case_closures x WHERE x.case_id = c.id)"));
    CHECK(covered.summary.all.arrangements == testing::sql_integer(once.path, "SELECT COUNT(*) FROM cases") -
                                                  testing::sql_integer(once.path, "SELECT COUNT(*) FROM case_closures"));

    // Stopped twice on the way (once on a month end), then gone on with: the same rows.
    const generated_run resumed({"2025-02-10", "2025-05-31", "2025-09-30"});
    CHECK(resumed.events.refused == 0);
    CHECK(resumed.state() == once.state());
    CHECK_FALSE(resumed.store->check().has_value());
}

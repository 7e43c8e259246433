// The accrual batch's read-ahead: a chunk prepared on a read connection is written only if the
// liability terms it was computed from are still current, and reading ahead changes no figure.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include "cms/persistence/accrual_store.hpp"
#include "cms/persistence/case_store.hpp"
#include "cms/persistence/connection.hpp"
#include "cms/persistence/journal_store.hpp"
#include "cms/persistence/ledger_store.hpp"
#include "services/ledger/accrual_chunk.hpp"
#include "services/ledger/accrual_job.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

const std::vector<core::collection_fee_row> fees = services::load_collection_fees(std::nullopt);

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

void supersede(testing::service_fixture& fixture, std::int64_t case_number, const char* from, std::int64_t weekly_pence) {
    fixture.writer.execute([&](SQLite::Database& database) {
        const auto command = persistence::append_command(
            database, {"supersede-" + std::to_string(case_number) + "-" + from, "test_supersession", "tester", from, "{}"});
        persistence::record_command_outcome(database, command, 201, "{}");
        persistence::append_liability_terms(database, core::case_id{case_number}, 0, day(from),
                                            core::money::from_pence(weekly_pence), std::nullopt, command);
    });
}

std::int64_t maintenance_posted(const std::string& path, std::int64_t case_number) {
    SQLite::Database database(path, SQLite::OPEN_READONLY);
    std::int64_t pence = 0;
    for (const auto& posting :
         persistence::list_postings(database, core::case_id{case_number}, day("2025-01-01"), day("2025-12-31"))) {
        for (const auto& leg : posting.legs) {
            if (leg.code == core::transfer_code::maintenance_accrued) pence += leg.amount.pence();
        }
    }
    return pence;
}

/// Every posting's key and legs, in key order: what two runs must agree on exactly.
std::vector<std::string> all_postings(const std::string& path) {
    SQLite::Database database(path, SQLite::OPEN_READONLY);
    SQLite::Statement query(database,
                            "SELECT case_id, cause_kind, cause_ref, business_date, hex(legs) FROM ledger_postings"
                            " ORDER BY case_id, cause_kind, cause_ref");
    std::vector<std::string> rows;
    while (query.executeStep()) {
        rows.push_back(query.getColumn(0).getString() + "/" + query.getColumn(1).getString() + "/" +
                       query.getColumn(2).getString() + "/" + query.getColumn(3).getString() + "/" +
                       query.getColumn(4).getString());
    }
    return rows;
}

}  // namespace

TEST_CASE("a chunk prepared before its terms changed is recomputed when written") {
    testing::service_fixture fixture;  // the case opens on 2025-01-15 at £19.50 a week
    const std::int64_t case_number = fixture.open_family();
    const services::accrual_chunk_range range{date::year{2025} / 1, 1, case_number};

    SQLite::Database reader = persistence::open_read_connection(fixture.path);
    persistence::case_terms_batch reader_scratch;
    services::prepared_accrual_chunk chunk;
    services::prepare_accrual_chunk_in_snapshot(reader, range, fees, reader_scratch, chunk);
    REQUIRE(chunk.leg_offsets.size() == 2);  // one posting, prepared at the old amount

    // A supersession from 20 January commits between the read and the write.
    supersede(fixture, case_number, "2025-01-20", 7'000);

    std::int64_t job_id = 0;
    services::accrual_chunk_counts counts;
    persistence::case_terms_batch writer_scratch;
    fixture.writer.execute([&](SQLite::Database& database) {
        job_id = persistence::start_job(database, "accrue", day("2025-01-31"));
        counts = services::write_accrual_chunk(database, job_id, chunk, fees, writer_scratch);
    });
    CHECK(counts.postings == 1);
    // 5 days (15..19 Jan) at 1950 and 12 days (20..31 Jan) at 7000: (9750 + 84000) / 7 = 13392.86
    // -> 13393p, not the 4736p the stale preparation computed from £19.50 alone.
    CHECK(maintenance_posted(fixture.path, case_number) == 13'393);
}

TEST_CASE("liability terms are append-only and every append moves the revision") {
    testing::service_fixture fixture;
    const std::int64_t case_number = fixture.open_family();
    SQLite::Database database = persistence::open_write_connection(fixture.path);
    const std::int64_t before = persistence::liability_terms_revision(database);
    supersede(fixture, case_number, "2025-02-01", 5'000);
    CHECK(persistence::liability_terms_revision(database) == before + 1);
    CHECK_THROWS_WITH_AS(database.exec("UPDATE liability_segments SET weekly_amount_pence = 1"),
                         doctest::Contains("append-only"), SQLite::Exception);
    CHECK_THROWS_WITH_AS(database.exec("DELETE FROM liability_segments"), doctest::Contains("append-only"),
                         SQLite::Exception);
    CHECK(persistence::liability_terms_revision(database) == before + 1);
}

TEST_CASE("reading ahead on a second connection posts exactly what a single connection posts") {
    testing::service_fixture ahead;
    testing::service_fixture inline_only;
    for (auto* fixture : {&ahead, &inline_only}) {
        for (int family = 0; family < 7; ++family) {
            const std::int64_t case_number = fixture->open_family("family-" + std::to_string(family) + "-");
            if (family % 3 == 0) supersede(*fixture, case_number, "2025-02-11", 3'000 + family * 100);
        }
    }
    services::accrual_job_options options;
    options.through = day("2025-04-30");
    options.chunk_cases = 3;  // chunks that end inside the caseload, and a short last one
    options.read_database_path = ahead.path;
    const auto with_read_ahead = services::run_accrual_job(services::writer_transactions(ahead.writer), fees, options, nullptr);
    options.read_database_path.clear();
    const auto without = services::run_accrual_job(services::writer_transactions(inline_only.writer), fees, options, nullptr);

    CHECK(with_read_ahead.status == "succeeded");
    CHECK(with_read_ahead.periods_completed == 4);
    CHECK(with_read_ahead.postings_written == without.postings_written);
    CHECK(with_read_ahead.cases_processed == without.cases_processed);
    const auto postings = all_postings(ahead.path);
    CHECK(postings.size() == 7 * 4);
    CHECK(postings == all_postings(inline_only.path));
}

// The accrual batch's read-ahead: a chunk prepared on a read connection is written only if the
// liability terms it was computed from are still current, and reading ahead changes no figure.
#include <doctest/doctest.h>

#include "persistence/unit_of_work.hpp"
#include "services/ledger/accrual_chunk.hpp"
#include "services/ledger/accrual_job.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "support/database_probe.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

const std::vector<core::collection_fee_row> fees = services::load_collection_fees(std::nullopt);

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

void supersede(testing::service_fixture& fixture, std::int64_t case_number, const char* from, std::int64_t weekly_pence) {
    fixture.writer.execute([&](persistence::unit_of_work& work) {
        const auto command = work.journal().append_command(
            {"supersede-" + std::to_string(case_number) + "-" + from, "test_supersession", "tester", from, "{}"});
        work.journal().record_command_outcome(command, 201, "{}");
        work.cases().append_liability_terms(core::case_id{case_number}, 0, day(from),
                                            core::money::from_pence(weekly_pence), std::nullopt, command);
    });
}

std::int64_t maintenance_posted(testing::service_fixture& fixture, std::int64_t case_number) {
    std::int64_t pence = 0;
    auto session = fixture.readers.borrow();
    for (const auto& posting :
         session->ledger().list_postings(core::case_id{case_number}, day("2025-01-01"), day("2025-12-31"))) {
        for (const auto& leg : posting.legs) {
            if (leg.code == core::transfer_code::maintenance_accrued) pence += leg.amount.pence();
        }
    }
    return pence;
}

/// Every posting's key and legs, in key order: what two runs must agree on exactly.
std::vector<std::string> all_postings(const std::string& path) {
    return testing::sql_rows(path, "SELECT case_id, cause_kind, cause_ref, business_date, hex(legs) FROM ledger_postings"
                                   " ORDER BY case_id, cause_kind, cause_ref");
}

}  // namespace

TEST_CASE("a chunk prepared before its terms changed is recomputed when written") {
    testing::service_fixture fixture;  // the case opens on 2025-01-15 at £19.50 a week
    const std::int64_t case_number = fixture.open_family();
    const services::accrual_chunk_range range{date::year{2025} / 1, 1, case_number, *core::parse_iso_date("2025-01-31")};

    const auto reader = fixture.store->open_read_connection();
    persistence::case_terms_batch reader_scratch;
    services::prepared_accrual_chunk chunk;
    services::prepare_accrual_chunk_in_snapshot(*reader, range, fees, reader_scratch, chunk);
    REQUIRE(chunk.leg_offsets.size() == 2);  // one posting, prepared at the old amount

    // A supersession from 20 January commits between the read and the write.
    supersede(fixture, case_number, "2025-01-20", 7'000);

    std::int64_t job_id = 0;
    services::accrual_chunk_counts counts;
    persistence::case_terms_batch writer_scratch;
    fixture.writer.execute([&](persistence::unit_of_work& work) {
        job_id = work.jobs().start_job("accrue", day("2025-01-31"));
        counts = services::write_accrual_chunk(work, job_id, chunk, fees, writer_scratch);
    });
    CHECK(counts.postings == 1);
    // 5 days (15..19 Jan) at 1950 and 12 days (20..31 Jan) at 7000: (9750 + 84000) / 7 = 13392.86
    // -> 13393p, not the 4736p the stale preparation computed from £19.50 alone.
    CHECK(maintenance_posted(fixture, case_number) == 13'393);
}

TEST_CASE("liability terms are append-only and every append moves the revision") {
    testing::service_fixture fixture;
    const std::int64_t case_number = fixture.open_family();
    const auto revision = [&fixture] { return fixture.readers.borrow()->accrual().liability_terms_revision(); };
    const std::int64_t before = revision();
    supersede(fixture, case_number, "2025-02-01", 5'000);
    CHECK(revision() == before + 1);
    CHECK_THROWS_WITH(testing::sql_exec(fixture.path, "UPDATE liability_segments SET weekly_amount_pence = 1"),
                      doctest::Contains("append-only"));
    CHECK_THROWS_WITH(testing::sql_exec(fixture.path, "DELETE FROM liability_segments"),
                      doctest::Contains("append-only"));
    CHECK(revision() == before + 1);
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
    options.read_ahead_store = ahead.store.get();
    const auto with_read_ahead = services::run_accrual_job(services::writer_transactions(ahead.writer), fees, options, nullptr);
    options.read_ahead_store = nullptr;
    const auto without = services::run_accrual_job(services::writer_transactions(inline_only.writer), fees, options, nullptr);

    CHECK(with_read_ahead.status == "succeeded");
    CHECK(with_read_ahead.periods_completed == 4);
    CHECK(with_read_ahead.postings_written == without.postings_written);
    CHECK(with_read_ahead.cases_processed == without.cases_processed);
    const auto postings = all_postings(ahead.path);
    CHECK(postings.size() == 7 * 4);
    CHECK(postings == all_postings(inline_only.path));
}

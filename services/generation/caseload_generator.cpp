#include "services/generation/caseload_generator.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <nlohmann/json.hpp>

#include <array>
#include <random>
#include <stdexcept>
#include <string>

#include "core/cases/case_records.hpp"
#include "cms/persistence/journal_store.hpp"

namespace cms::services {

namespace {

// Real ONS codes of English districts, so area reports read naturally. Weighting by population
// belongs to the statistics work.
constexpr std::array<const char*, 12> area_codes = {
    "E06000059", "E07000052", "E07000053", "E09000021", "E08000003", "E08000025",
    "E06000023", "E08000035", "E06000018", "E07000178", "E09000033", "E08000012",
};

// Weekly amounts drawn from a spread that resembles the real mix: many flat-rate £7 cases and a
// long tail of basic-rate amounts (domain.md 1.2). Pence.
std::int64_t draw_weekly_amount_pence(std::mt19937_64& random) {
    const std::uint64_t roll = random() % 100;
    if (roll < 25) return 700;
    if (roll < 35) return 700 + static_cast<std::int64_t>(random() % 1'700);  // reduced rate
    return 2'400 + static_cast<std::int64_t>(random() % 17'600);             // basic rate, £24..£200
}

struct statements {
    explicit statements(SQLite::Database& database)
        : parent(database,
                 "INSERT INTO parents(role, full_name, date_of_birth, local_authority_code, command_id)"
                 " VALUES (?, ?, ?, ?, ?)"),
          opened(database,
                 "INSERT INTO cases(paying_parent_id, receiving_parent_id, service_type, weekly_amount_pence,"
                 " opened_on, status, command_id) VALUES (?, ?, ?, ?, ?, 'open', ?)"),
          child(database,
                "INSERT INTO case_children(case_id, child_number, full_name, date_of_birth) VALUES (?, 1, ?, ?)"),
          segment(database,
                  "INSERT INTO liability_segments(case_id, receiving_parent_slot, effective_from,"
                  " weekly_amount_pence, service_type, command_id) VALUES (?, 0, ?, ?, ?, ?)"),
          schedule(database,
                   "INSERT INTO payment_schedules(case_id, effective_from, frequency, first_due_date, anchor_day,"
                   " command_id) VALUES (?, ?, 'monthly', ?, ?, ?)") {}
    SQLite::Statement parent, opened, child, segment, schedule;
};

std::int64_t insert_parent(SQLite::Database& database, SQLite::Statement& insert, const char* role,
                           const std::string& name, const std::string& born, const char* area,
                           std::int64_t command) {
    insert.bind(1, role);
    insert.bind(2, name);
    insert.bind(3, born);
    insert.bind(4, area);
    insert.bind(5, command);
    insert.exec();
    insert.reset();
    return database.getLastInsertRowid();
}

}  // namespace

caseload_result generate_caseload(SQLite::Database& database, const caseload_options& options,
                                  const std::function<void(std::int64_t)>& on_progress) {
    if (options.cases_count < 1) throw std::invalid_argument("cases_count must be at least 1");
    std::mt19937_64 random(options.seed);
    caseload_result result;
    std::int64_t command = 0;
    {
        SQLite::Transaction transaction(database, SQLite::TransactionBehavior::IMMEDIATE);
        // One journal entry names the whole generated caseload; its key makes the run's identity
        // visible and refuses an accidental second run with the same seed and size.
        const std::string key = "generate:" + std::to_string(options.seed) + ":" + std::to_string(options.cases_count) +
                                ":" + std::to_string(database.execAndGet("SELECT COALESCE(MAX(id), 0) FROM cases").getInt64());
        const nlohmann::json request = {{"cases", options.cases_count}, {"seed", options.seed}};
        command = persistence::append_command(database, {key, "generate_caseload", "generator",
                                                         core::format_iso_date(options.opened_by), request.dump()})
                      .value;
        persistence::record_command_outcome(database, core::command_id{command}, 201, request.dump());
        transaction.commit();
    }
    std::int64_t written = 0;
    while (written < options.cases_count) {
        SQLite::Transaction transaction(database, SQLite::TransactionBehavior::IMMEDIATE);
        statements insert(database);
        const std::int64_t chunk_end = std::min(options.cases_count, written + options.chunk_cases);
        for (; written < chunk_end; ++written) {
            const std::string number = std::to_string(written + 1);
            const char* area = area_codes[random() % area_codes.size()];
            const auto opened_on = core::add_days(
                options.opened_by, -static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(options.opened_span_days)));
            const std::string opened_text = core::format_iso_date(opened_on);
            const std::string paying_born = core::format_iso_date(core::add_days(opened_on, -(20 * 365 + static_cast<std::int64_t>(random() % (25 * 365)))));
            const std::string receiving_born = core::format_iso_date(core::add_days(opened_on, -(20 * 365 + static_cast<std::int64_t>(random() % (25 * 365)))));
            const std::string child_born = core::format_iso_date(core::add_days(opened_on, -static_cast<std::int64_t>(random() % (15 * 365))));
            const std::int64_t paying = insert_parent(database, insert.parent, "paying", "Paying Parent " + number,
                                                      paying_born, area, command);
            const std::int64_t receiving = insert_parent(database, insert.parent, "receiving",
                                                         "Receiving Parent " + number, receiving_born, area, command);
            const bool collect = static_cast<std::int64_t>(random() % 10'000) < options.collect_and_pay_bp;
            const char* service = collect ? "collect_and_pay" : "direct_pay";
            const std::int64_t weekly = draw_weekly_amount_pence(random);

            insert.opened.bind(1, paying);
            insert.opened.bind(2, receiving);
            insert.opened.bind(3, service);
            insert.opened.bind(4, weekly);
            insert.opened.bind(5, opened_text);
            insert.opened.bind(6, command);
            insert.opened.exec();
            insert.opened.reset();
            const std::int64_t case_number = database.getLastInsertRowid();
            if (result.first_case_id == 0) result.first_case_id = case_number;
            result.last_case_id = case_number;

            insert.child.bind(1, case_number);
            insert.child.bind(2, "Child " + number);
            insert.child.bind(3, child_born);
            insert.child.exec();
            insert.child.reset();
            insert.segment.bind(1, case_number);
            insert.segment.bind(2, opened_text);
            insert.segment.bind(3, weekly);
            insert.segment.bind(4, service);
            insert.segment.bind(5, command);
            insert.segment.exec();
            insert.segment.reset();
            const core::civil_date first_due = core::default_first_due_date(core::payment_frequency::monthly, opened_on);
            insert.schedule.bind(1, case_number);
            insert.schedule.bind(2, opened_text);
            insert.schedule.bind(3, core::format_iso_date(first_due));
            insert.schedule.bind(4, static_cast<int>(static_cast<unsigned>(first_due.day())));
            insert.schedule.bind(5, command);
            insert.schedule.exec();
            insert.schedule.reset();
        }
        transaction.commit();
        if (on_progress) on_progress(written);
    }
    return result;
}

}  // namespace cms::services

#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "services/enforcement/close_day_job.hpp"
#include "services/ledger/accrual_job.hpp"
#include "services/policy/enforcement_policy_loader.hpp"
#include "services/ledger/payout_job.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/policy/policy_tables.hpp"
#include "services/batch/batch_job_lock.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "services/runtime/damaged_store.hpp"
#include "subcommands.hpp"

namespace cms::tools {

const char* const run_job_help =
    "usage: cms run-job accrue --db PATH --through YYYY-MM-DD [--chunk-cases N]\n"
    "                          [--policy-dir DIR] [--fee-policy FILE]\n"
    "       cms run-job disburse --db PATH --through YYYY-MM-DD [--chunk-cases N]\n"
    "       cms run-job close-day --db PATH --through YYYY-MM-DD [--chunk-cases N] [--policy-dir DIR]\n"
    "\n"
    "accrue:\n"
    "Posts each case's maintenance and collection fee for every calendar month that has ended\n"
    "by --through and was not yet posted, oldest month first. Safe to rerun and to restart\n"
    "after a crash: nothing is posted twice. Cases the rules refuse are recorded as failures\n"
    "(see GET /v1/jobs/{id}) and the rest go on. Exit code 0 when the job succeeded, even with\n"
    "case failures (it prints how many); 1 when the job itself failed.\n"
    "A job a killed or crashed process left running is marked interrupted first (a rerun posts\n"
    "what it left); refused while a server or another run-job runs jobs on the same database.\n"
    "A damaged database (SQLite's quick check, run first) is refused with exit code 1 and\n"
    "nothing written; 'cms check' reports the damage.\n"
    "  --fee-policy FILE   a collection_fees table to use instead of the built-in one\n"
    "                      (e.g. schemas/policy/collection_fees_reform_2027.json)\n"
    "\n"
    "disburse:\n"
    "Pays out to each receiving parent what was collected for them on or before --through\n"
    "(less the collection fee already kept), first keeping back what they were overpaid; one\n"
    "disbursement per receiving parent and date (GET /v1/cases/{id}/disbursements). Safe to\n"
    "rerun and to restart after a crash: nobody is paid twice. Pay-outs move forward: a date\n"
    "before the last completed pay-out pays nothing. The server's scheduler runs it daily for\n"
    "the day before the business date.\n"
    "\n"
    "close-day:\n"
    "Closes each day after the last closed one up to --through (the first run closes --through\n"
    "alone), in order: the monthly accrual when the day ends a month, missed-payment detection\n"
    "(an instalment still unpaid when its grace period ends: a missed payment, a contact and an\n"
    "arrears notice), escalation (the next step of the enforcement ladder proposed once a missed\n"
    "payment is a week old and still owed; proposals withdrawn when the parent is compliant\n"
    "again), and the day's pay-out. Periods are schemas/policy/missed_payments.json. Safe to rerun\n"
    "and to restart after a crash; a case that fails is recorded against it and the rest go on.\n";

namespace {

/// A one-line progress bar on a terminal; nothing when standard error is not a terminal.
class progress_bar {
public:
    progress_bar() : terminal_(isatty(STDERR_FILENO) == 1), started_(std::chrono::steady_clock::now()) {}
    void show(const services::accrual_progress& progress) {
        cases_total_seen_ += progress.cases_done - last_done_;
        last_done_ = progress.cases_done == progress.cases_total ? 0 : progress.cases_done;
        if (!terminal_) return;
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
        const auto rate = static_cast<long long>(seconds > 0 ? static_cast<double>(cases_total_seen_) / seconds : 0);
        const int width = 30;
        const int filled = progress.cases_total > 0 ? static_cast<int>(width * progress.cases_done / progress.cases_total) : width;
        std::fprintf(stderr, "\r%s [%.*s%*s] %lld/%lld cases  %lld cases/s ", progress.period.c_str(), filled,
                     "==============================", width - filled, "",
                     static_cast<long long>(progress.cases_done), static_cast<long long>(progress.cases_total), rate);
        if (progress.cases_done == progress.cases_total) std::fputc('\n', stderr);
        std::fflush(stderr);
    }

private:
    bool terminal_;
    std::chrono::steady_clock::time_point started_;
    std::int64_t last_done_ = 0;
    std::int64_t cases_total_seen_ = 0;
};

}  // namespace

namespace {

std::unique_ptr<persistence::store> open_undamaged_store(const std::string& path) {
    auto store = persistence::open_sqlite_store(path);
    services::refuse_damaged_store(*store);  // before it is migrated or the job's row written
    return store;
}

/// The database a job runs on: refused when damaged, before anything is written; the jobs lock
/// taken.
struct job_database {
    explicit job_database(const std::string& path)
        : store(open_undamaged_store(path)), connection(store->open_write_connection()), jobs_lock(path) {
        jobs_lock.mark_interrupted_jobs(services::direct_transactions(*connection));
    }
    std::unique_ptr<persistence::store> store;
    std::unique_ptr<persistence::write_connection> connection;
    // Before this job's row exists: rows a dead process left running are marked interrupted, and
    // a server or another run-job running jobs on this database refuses this one
    // (batch_job_lock.hpp).
    services::batch_job_lock jobs_lock;
};

core::civil_date through_date(const services::cli_arguments& options) {
    const auto through = core::parse_iso_date(options.required("through"));
    if (!through) throw services::usage_error("--through must be a real date YYYY-MM-DD");
    return *through;
}

int run_disburse(const arguments& args) {
    const services::cli_arguments options(args, {"db", "through", "chunk-cases"}, {});
    services::payout_job_options job;
    job.through = through_date(options);
    job.chunk_cases = options.integer("chunk-cases", 1, 1'000'000).value_or(job.chunk_cases);
    job_database database(options.required("db"));
    const auto started = std::chrono::steady_clock::now();
    const services::payout_job_result result =
        services::run_payout_job(services::direct_transactions(*database.connection), job);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("cms run-job disburse: job %lld %s: %lld cases visited, %lld paid, %lld disbursements, %lldp paid out"
                " in %.2f s%s%s\n",
                static_cast<long long>(result.job_id), result.status.c_str(),
                static_cast<long long>(result.cases_visited), static_cast<long long>(result.cases_paid),
                static_cast<long long>(result.disbursements), static_cast<long long>(result.paid_total.pence()),
                seconds, result.detail.empty() ? "" : "; ", result.detail.c_str());
    return result.status == "succeeded" ? 0 : 1;
}

int run_close_day(const arguments& args) {
    const services::cli_arguments options(args, {"db", "through", "chunk-cases", "policy-dir"}, {});
    services::close_day_options job;
    job.through = through_date(options);
    job.chunk_cases = options.integer("chunk-cases", 1, 1'000'000).value_or(job.chunk_cases);
    std::optional<std::filesystem::path> policy_dir;
    if (auto dir = options.value("policy-dir")) {
        policy_dir = *dir;
        services::check_policy_directory(*policy_dir);
    }
    const auto fees = services::load_collection_fees(policy_dir);
    const auto calculation_rates = services::load_calculation_rates(policy_dir);
    const auto missed_payment_policy = services::load_missed_payment_policy(policy_dir);
    job.calculation_rates = calculation_rates;
    job_database database(options.required("db"));
    job.read_ahead_store = database.store.get();
    const auto started = std::chrono::steady_clock::now();
    const services::close_day_result result = services::run_close_day_job(
        services::direct_transactions(*database.connection), fees, missed_payment_policy, job);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("cms run-job close-day: job %lld %s in %.2f s: %s\n", static_cast<long long>(result.job_id),
                result.status.c_str(), seconds, services::summary_of(result).c_str());
    return result.status == "succeeded" ? 0 : 1;
}

}  // namespace

int run_run_job(const arguments& args) {
    if (!args.empty() && args[0] == "disburse") return run_disburse(arguments(args.begin() + 1, args.end()));
    if (!args.empty() && args[0] == "close-day") return run_close_day(arguments(args.begin() + 1, args.end()));
    if (args.empty() || args[0] != "accrue") {
        throw services::usage_error("the jobs are 'accrue', 'disburse' and 'close-day' (cms run-job accrue|disburse|close-day ...)");
    }
    const services::cli_arguments options(arguments(args.begin() + 1, args.end()),
                                          {"db", "through", "chunk-cases", "policy-dir", "fee-policy"}, {});
    services::accrual_job_options job;
    job.through = through_date(options);
    job.chunk_cases = options.integer("chunk-cases", 1, 1'000'000).value_or(job.chunk_cases);
    std::optional<std::filesystem::path> policy_dir;
    if (auto dir = options.value("policy-dir")) {
        policy_dir = *dir;
        services::check_policy_directory(*policy_dir);
    }
    std::optional<std::filesystem::path> fee_file;
    if (auto file = options.value("fee-policy")) fee_file = *file;
    const auto fees = services::load_collection_fees(policy_dir, fee_file);
    const auto calculation_rates = services::load_calculation_rates(policy_dir);
    job.calculation_rates = calculation_rates;

    job_database database(options.required("db"));
    const auto& connection = database.connection;
    job.read_ahead_store = database.store.get();
    // The job posts only for case ids it has just read in the same transaction, so the per-row
    // foreign-key probe into `cases` cannot fail and costs a tenth of the batch; `cms check`
    // verifies every reference in bulk.
    connection->set_reference_checks(false);
    progress_bar bar;
    const auto started = std::chrono::steady_clock::now();
    const services::accrual_job_result result = services::run_accrual_job(
        services::direct_transactions(*connection), fees, job,
        [&bar](const services::accrual_progress& progress) { bar.show(progress); });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("cms run-job accrue: job %lld %s: %lld period(s), %lld case-periods, %lld postings, %lld case failures"
                " in %.2f s%s%s\n",
                static_cast<long long>(result.job_id), result.status.c_str(),
                static_cast<long long>(result.periods_completed), static_cast<long long>(result.cases_processed),
                static_cast<long long>(result.postings_written), static_cast<long long>(result.cases_failed), seconds,
                result.detail.empty() ? "" : "; ", result.detail.c_str());
    return result.status == "succeeded" ? 0 : 1;
}

}  // namespace cms::tools

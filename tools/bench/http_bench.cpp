// cms-bench-http: the HTTP hot path against the ceiling of its own stack, side by side in one run.
//
//   cms-bench-http [--smoke] [--cms PATH] [--ceiling PATH] [--cases N] [--seconds S]
//                  [--connections C] [--repeats K] [--only payments|reads]
//
// It starts the ceiling (cms-bench-ceiling: a minimal Beast + SQLite program doing the same
// durable work, one writer with group commit under synchronous=FULL) and the real `cms serve` on
// a generated caseload whose past days are closed, and drives each with the same load: a closed
// loop for throughput (median of K runs after a warm-up run, the two servers' runs taken in turn
// so both see the same stretch of the machine's drifting speed), then a paced open loop at 50%,
// 80% and 100% of that maximum whose latency counts from each request's scheduled send time, so
// a server that falls behind shows it in the tail. Servers run on CPU 0 and this client on
// CPU 1. Absolute figures drift between runs and machines; the ratios measured in the same run
// are the result (performance figures are never asserted by tests). It fails only when a
// request fails or `cms check` finds the database broken.
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "bench/load_client.hpp"
#include "support/child_process.hpp"
#include "support/program_options.hpp"

namespace {

using cms::bench::load_result;
using std::chrono::milliseconds;

struct options {
    std::string cms_path;
    std::string ceiling_path;
    std::int64_t cases_count = 100'000;
    std::int64_t seconds_per_phase = 10;
    std::int64_t connections_count = 64;
    std::int64_t repeats_count = 3;
    bool payments = true;  ///< --only reads turns this off
    bool reads = true;     ///< --only payments turns this off
};

/// One kind of request on one server: its closed-loop maximum and its open-loop latency.
struct measured {
    double max_per_second = 0;
    load_result closed;                   ///< the median run
    double server_cpu_us_per_request = 0; ///< the server's CPU time (all threads) over the median run
    std::vector<load_result> open_loops;  ///< at 50%, 80% and 100% of max_per_second
};

constexpr double open_loop_shares[] = {0.5, 0.8, 1.0};

void pin_to_cpu(int cpu) {
    if (sysconf(_SC_NPROCESSORS_ONLN) < 2) return;  // one CPU: nothing to separate
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) throw std::runtime_error("sched_setaffinity failed");
}

std::string payment_request(std::int64_t cases_count, const std::string& token, const std::string& run,
                            std::uint64_t sequence) {
    // Spread over the caseload as real payments are (one a month per case), never piled on a few.
    const auto case_id = 1 + static_cast<std::int64_t>((sequence * 7919) % static_cast<std::uint64_t>(cases_count));
    const std::string body = "{\"amount_pence\":" + std::to_string(100 + sequence % 5000) +
                             ",\"received_on\":\"2025-01-15\",\"method\":\"standing_order\",\"reference\":\"BENCH\"}";
    return "POST /v1/cases/" + std::to_string(case_id) + "/payments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\nIdempotency-Key: bench-" + run +
           "-" + std::to_string(sequence) + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string case_read_request(std::int64_t cases_count, const std::string& token, std::uint64_t sequence) {
    const auto case_id = 1 + static_cast<std::int64_t>((sequence * 104729) % static_cast<std::uint64_t>(cases_count));
    return "GET /v1/cases/" + std::to_string(case_id) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
           token + "\r\n\r\n";
}

void check_no_failures(const load_result& result, const std::string& what) {
    if (result.failed == 0) return;
    throw std::runtime_error(what + ": " + std::to_string(result.failed) + " requests failed; first: " +
                             result.first_failure);
}

/// CPU time the process has used so far, all threads, user and system (proc(5): utime, stime).
/// Why beside the rates: on a shared VM the rate moves with the neighbours' load, while the CPU
/// a request costs the server barely does, so it shows what a change of code did.
double process_cpu_us(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto after_name = text.rfind(')');
    if (after_name == std::string::npos) throw std::runtime_error("cannot read /proc/" + std::to_string(pid) + "/stat");
    std::istringstream fields(text.substr(after_name + 2));
    std::string field;
    unsigned long long user_ticks = 0;
    unsigned long long system_ticks = 0;
    // After the name: state is field 3; utime and stime are fields 14 and 15.
    for (int index = 3; index <= 15 && fields >> field; ++index) {
        if (index == 14) user_ticks = std::stoull(field);
        if (index == 15) system_ticks = std::stoull(field);
    }
    return static_cast<double>(user_ticks + system_ticks) * 1e6 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

/// One server under load: where it listens, whose CPU to count, and the label its runs' keys
/// carry (each run's payments have keys of their own, so none is answered from the idempotency
/// record).
struct server_under_test {
    pid_t pid = 0;
    unsigned short port = 0;
    std::string token;
    std::string label;
    int runs_count = 0;  ///< numbers each run's keys
};

class side_by_side {
public:
    side_by_side(const options& chosen, bool payments) : chosen_(chosen), payments_(payments) {}

    /// A warm-up run first, not counted: a server just started reads its pages from the OS for
    /// a while, and that first run's tail measured the cold cache, not the server.
    void warm_up(server_under_test& server) const {
        check_no_failures(cms::bench::run_closed_loop(server.port, connections(), phase(), maker(server, "-warm-up")),
                          server.label + " warm-up");
    }

    /// One closed-loop run with the server's CPU µs per request over it.
    std::pair<load_result, double> closed_run(server_under_test& server) const {
        const double cpu_before_us = process_cpu_us(server.pid);
        load_result run = cms::bench::run_closed_loop(server.port, connections(), phase(),
                                                      maker(server, std::to_string(++server.runs_count)));
        check_no_failures(run, server.label + " closed loop");
        const double cpu_us = process_cpu_us(server.pid) - cpu_before_us;
        return {run, run.completed == 0 ? 0 : cpu_us / static_cast<double>(run.completed)};
    }

    /// The median closed-loop run, then latency at the paced rates of its maximum.
    measured finish(server_under_test& server, std::vector<std::pair<load_result, double>> closed_runs) const {
        std::sort(closed_runs.begin(), closed_runs.end(), [](const auto& a, const auto& b) {
            return a.first.requests_per_second() < b.first.requests_per_second();
        });
        measured result;
        result.closed = closed_runs[closed_runs.size() / 2].first;
        result.server_cpu_us_per_request = closed_runs[closed_runs.size() / 2].second;
        result.max_per_second = result.closed.requests_per_second();
        for (const double share : open_loop_shares) {
            result.open_loops.push_back(cms::bench::run_open_loop(server.port, connections(),
                                                                  result.max_per_second * share, phase(),
                                                                  maker(server, std::to_string(++server.runs_count))));
            check_no_failures(result.open_loops.back(), server.label + " open loop");
        }
        return result;
    }

private:
    milliseconds phase() const { return milliseconds(chosen_.seconds_per_phase * 1000); }
    std::size_t connections() const { return static_cast<std::size_t>(chosen_.connections_count); }

    cms::bench::request_text_maker maker(const server_under_test& server, const std::string& run_suffix) const {
        const std::int64_t cases_count = chosen_.cases_count;
        if (payments_) {
            return [cases_count, token = server.token, run = server.label + run_suffix](std::uint64_t sequence) {
                return payment_request(cases_count, token, run, sequence);
            };
        }
        return [cases_count, token = server.token](std::uint64_t sequence) {
            return case_read_request(cases_count, token, sequence);
        };
    }

    const options& chosen_;
    bool payments_;
};

/// Both servers under the same load, their closed-loop runs taken in turn (ceiling, cms,
/// ceiling, cms, ...). Why in turn: a shared virtual machine's speed drifts by half within a
/// run, and measuring all of one server before the other put that drift into the ratio; taken
/// in turn, both medians come from the same stretch of time.
std::pair<measured, measured> measure(const options& chosen, bool payments, server_under_test& ceiling,
                                      server_under_test& real) {
    const side_by_side load(chosen, payments);
    load.warm_up(ceiling);
    load.warm_up(real);
    std::vector<std::pair<load_result, double>> ceiling_runs;
    std::vector<std::pair<load_result, double>> real_runs;
    for (std::int64_t i = 0; i < chosen.repeats_count; ++i) {
        ceiling_runs.push_back(load.closed_run(ceiling));
        real_runs.push_back(load.closed_run(real));
    }
    measured ceiling_figures = load.finish(ceiling, std::move(ceiling_runs));
    measured real_figures = load.finish(real, std::move(real_runs));
    return {std::move(ceiling_figures), std::move(real_figures)};
}

double ms(std::uint32_t microseconds) { return microseconds / 1000.0; }

void print_measured(const char* server, const char* request, const measured& figures) {
    const load_result& closed = figures.closed;
    std::printf("%-8s %-9s closed loop  %9.0f req/s                 p50 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms"
                "  server CPU %4.0f us/request\n",
                server, request, figures.max_per_second, ms(closed.latency_percentile_us(50)),
                ms(closed.latency_percentile_us(99)), ms(closed.latency_percentile_us(99.9)),
                figures.server_cpu_us_per_request);
    for (std::size_t i = 0; i < figures.open_loops.size(); ++i) {
        const load_result& open = figures.open_loops[i];
        std::printf("%-8s %-9s paced %3.0f%%   %9.0f req/s (asked %7.0f) p50 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms\n",
                    server, request, open_loop_shares[i] * 100, open.requests_per_second(),
                    figures.max_per_second * open_loop_shares[i], ms(open.latency_percentile_us(50)),
                    ms(open.latency_percentile_us(99)), ms(open.latency_percentile_us(99.9)));
    }
}

options parse_options(int argc, char** argv) {
    options parsed;
    const auto here = std::filesystem::path(argv[0]).parent_path();
    parsed.cms_path = (here / "cms").string();
    parsed.ceiling_path = (here / "cms-bench-ceiling").string();
    const std::vector<std::string> args(argv + 1, argv + argc);
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--smoke") {  // CI: every path exercised in seconds; its figures mean little
            parsed.cases_count = 2'000;
            parsed.seconds_per_phase = 1;
            parsed.repeats_count = 1;
        } else if (args[i] == "--cms" && i + 1 < args.size()) {
            parsed.cms_path = args[++i];
        } else if (args[i] == "--ceiling" && i + 1 < args.size()) {
            parsed.ceiling_path = args[++i];
        } else if (args[i] == "--cases") {
            parsed.cases_count = cms::support::number_option(args, i, 1);
        } else if (args[i] == "--seconds") {
            parsed.seconds_per_phase = cms::support::number_option(args, i, 1);
        } else if (args[i] == "--connections") {
            parsed.connections_count = cms::support::number_option(args, i, 1);
        } else if (args[i] == "--only" && i + 1 < args.size() && (args[i + 1] == "payments" || args[i + 1] == "reads")) {
            parsed.payments = args[++i] == "payments";
            parsed.reads = !parsed.payments;
        } else if (args[i] == "--repeats") {
            parsed.repeats_count = cms::support::number_option(args, i, 1);
        } else {
            throw std::runtime_error("usage: cms-bench-http [--smoke] [--cms PATH] [--ceiling PATH] [--cases N] "
                                     "[--seconds S] [--connections C] [--repeats K] [--only payments|reads]");
        }
    }
    return parsed;
}

/// Starts a server on CPU 0 (it inherits this process's affinity at fork), then moves this
/// process, the load client, to CPU 1.
cms::support::served_cms start_pinned(const std::string& program, const std::vector<std::string>& arguments,
                                      const std::string& log_path) {
    pin_to_cpu(0);
    const auto server = cms::support::start_announcing_server(program, arguments, log_path, {}, std::chrono::seconds(120));
    pin_to_cpu(1);
    return server;
}

void run_or_throw(const std::string& command, const std::string& what) {
    std::fflush(stdout);
    if (std::system(command.c_str()) != 0) throw std::runtime_error(what + " failed: " + command);
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const options chosen = parse_options(argc, argv);
        char directory_template[] = "/tmp/cms-bench-http-XXXXXX";
        if (mkdtemp(directory_template) == nullptr) throw std::runtime_error("mkdtemp failed");
        const std::filesystem::path directory = directory_template;
        const std::string cases = std::to_string(chosen.cases_count);
        std::printf("cms-bench-http: %lld cases, %lld connections, %lld s per phase, closed loop median of %lld; "
                    "servers on CPU 0, client on CPU 1; files in %s\n",
                    static_cast<long long>(chosen.cases_count), static_cast<long long>(chosen.connections_count),
                    static_cast<long long>(chosen.seconds_per_phase), static_cast<long long>(chosen.repeats_count),
                    directory.c_str());

        const std::string database = (directory / "cms.db").string();
        // Every case open before the business date, so every payment is accepted; the days
        // before it closed beforehand, so the server starts with no catch-up to run under load.
        run_or_throw("'" + chosen.cms_path + "' generate --db '" + database + "' --cases " + cases +
                         " --seed 1 --opened-by 2025-01-01 >/dev/null",
                     "cms generate");
        run_or_throw("'" + chosen.cms_path + "' run-job close-day --db '" + database +
                         "' --through 2025-01-14 >/dev/null",
                     "cms run-job close-day");
        const auto ceiling_process = start_pinned(
            chosen.ceiling_path,
            {"--db", (directory / "ceiling.db").string(), "--cases", cases, "--host", "127.0.0.1", "--port", "0"},
            (directory / "ceiling.log").string());
        const auto real_process =
            start_pinned(chosen.cms_path,
                         // All the load comes from one address, and the next phase's connections
                         // may arrive before the server has torn down the last phase's: room for
                         // both, so the per-address limit (64 by default) never refuses the bench.
                         {"serve", "--db", database, "--host", "127.0.0.1", "--port", "0", "--demo-users",
                          "--business-date", "2025-01-15", "--log-level", "warn",
                          "--connections-per-address-max", std::to_string(2 * chosen.connections_count)},
                         (directory / "cms.log").string());
        server_under_test ceiling{ceiling_process.pid, ceiling_process.port,
                                  ceiling_process.tokens.at("caseworker"), "ceiling", 0};
        server_under_test real{real_process.pid, real_process.port, real_process.tokens.at("caseworker"), "cms", 0};
        measured ceiling_payments, real_payments, ceiling_reads, real_reads;
        if (chosen.payments) std::tie(ceiling_payments, real_payments) = measure(chosen, true, ceiling, real);
        if (chosen.reads) std::tie(ceiling_reads, real_reads) = measure(chosen, false, ceiling, real);
        cms::support::end_process(ceiling.pid, SIGTERM);
        cms::support::end_process(real.pid, SIGTERM);

        if (chosen.payments) {
            print_measured("ceiling", "payments", ceiling_payments);
            print_measured("cms", "payments", real_payments);
        }
        if (chosen.reads) {
            print_measured("ceiling", "reads", ceiling_reads);
            print_measured("cms", "reads", real_reads);
        }
        // Every acknowledged payment must have left the database whole.
        run_or_throw("'" + chosen.cms_path + "' check --db '" + database + "' >/dev/null", "cms check");
        // The summary line needs both kinds; a run of one kind ends with its table.
        if (chosen.payments && chosen.reads) {
            std::printf("http bench: payments %.0f req/s = %.2f of ceiling, p99 at 80%% %.1f ms; case reads %.0f req/s "
                        "= %.2f of ceiling\n",
                        real_payments.max_per_second, real_payments.max_per_second / ceiling_payments.max_per_second,
                        ms(real_payments.open_loops[1].latency_percentile_us(99)), real_reads.max_per_second,
                        real_reads.max_per_second / ceiling_reads.max_per_second);
        }
        std::filesystem::remove_all(directory);
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "cms-bench-http: %s\n", error.what());
        return 1;
    }
}

// cms-soak: holds a mixed read and write load on a real `cms serve` over loopback for a while and
// reports errors (which must be zero), throughput, latency percentiles and the server's memory.
// A program, not a test: it prints figures and fails only on errors, never on speed.
//
//   cms-soak [--cms PATH] [--duration-seconds N] [--connections N] [--requests-max N] [--cases N]
//
// It generates a caseload (`cms generate`, 10,000 cases by default) in a temporary database and
// starts its own server on it (127.0.0.1, port 0, demo users), so it never touches another
// database and never leaves loopback.
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/child_process.hpp"
#include "support/program_options.hpp"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using steady = std::chrono::steady_clock;

struct options {
    std::string cms_path;
    std::int64_t duration_seconds = 600;
    std::int64_t connections_count = 4;
    std::int64_t requests_max = 20'000'000;  // a bound on the whole run, whatever the duration
    /// Cases generated before the run, reads and payments spread evenly over them: a real case
    /// gets a payment a month, so piling ten thousand payments onto three demo cases would
    /// measure a caseload that does not exist (and grow every case read with it).
    std::int64_t cases_count = 10'000;
};

/// One memory figure of a process in KiB from /proc/PID/status (0 when unreadable): `VmRSS:`,
/// everything resident, or `RssAnon:`, its private memory. Why both: the server maps the
/// database file (persistence/sqlite/connection.cpp), and the file pages it touches count in
/// its RSS though they are the OS's page cache, shared and reclaimable; a leak shows in the
/// private part.
long status_kib(pid_t pid, const std::string& field) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field, 0) == 0) return std::stol(line.substr(field.size()));
    }
    return 0;
}

long rss_kib(pid_t pid) { return status_kib(pid, "VmRSS:"); }
long private_kib(pid_t pid) { return status_kib(pid, "RssAnon:"); }

struct worker_result {
    std::vector<std::uint32_t> latencies_us;
    std::int64_t reads = 0;
    std::int64_t writes = 0;
    std::int64_t errors = 0;
    std::string first_error;
};

/// One connection's closed loop: 3 case reads, 1 payment, and now and then an audit page.
void run_worker(int index, unsigned short port, const cms::support::served_cms& server, std::int64_t cases_count,
                steady::time_point until, std::atomic<std::int64_t>& budget, worker_result& result) {
    asio::io_context io;
    beast::tcp_stream stream(io);
    beast::flat_buffer buffer;
    stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    std::mt19937 random(static_cast<unsigned>(index));
    std::uniform_int_distribution<std::int64_t> any_case(1, cases_count);
    const std::string caseworker = "Bearer " + server.tokens.at("caseworker");
    const std::string auditor = "Bearer " + server.tokens.at("auditor");
    for (std::int64_t n = 0; steady::now() < until && budget.fetch_sub(1) > 0; ++n) {
        http::request<http::string_body> request;
        request.version(11);
        request.set(http::field::host, "127.0.0.1");
        request.keep_alive(true);
        const bool write = n % 4 == 3;
        if (write) {
            request.method(http::verb::post);
            request.target("/v1/cases/" + std::to_string(any_case(random)) + "/payments");
            request.set(http::field::authorization, caseworker);
            request.set(http::field::content_type, "application/json");
            request.set("Idempotency-Key", "soak-" + std::to_string(index) + "-" + std::to_string(n));
            request.body() = nlohmann::json{{"amount_pence", 100 + random() % 5000}, {"received_on", "2025-01-15"},
                                             {"method", "standing_order"}, {"reference", "SOAK"}}
                                 .dump();
        } else if (n % 100 == 50) {
            request.method(http::verb::get);
            request.target("/v1/audit?limit=50&case_id=" + std::to_string(any_case(random)));
            request.set(http::field::authorization, auditor);
        } else {
            request.method(http::verb::get);
            request.target("/v1/cases/" + std::to_string(any_case(random)));
            request.set(http::field::authorization, caseworker);
        }
        request.prepare_payload();
        const auto started = steady::now();
        int status = 0;
        try {
            http::write(stream, request);
            http::response_parser<http::string_body> parser;
            parser.body_limit(64 * 1024 * 1024);
            http::read(stream, buffer, parser);
            status = static_cast<int>(parser.get().result_int());
            if (!parser.get().keep_alive()) {  // e.g. the per-connection request limit: reconnect
                stream.close();
                buffer.clear();
                stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
            }
        } catch (const std::exception& error) {
            if (result.first_error.empty()) result.first_error = error.what();
            ++result.errors;
            return;
        }
        const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(steady::now() - started);
        result.latencies_us.push_back(static_cast<std::uint32_t>(elapsed.count()));
        (write ? result.writes : result.reads) += 1;
        if (status < 200 || status > 299) {
            if (result.first_error.empty()) result.first_error = "HTTP " + std::to_string(status);
            ++result.errors;
        }
    }
}

options parse_options(int argc, char** argv) {
    options parsed;
    parsed.cms_path = (std::filesystem::path(argv[0]).parent_path() / "cms").string();
    const std::vector<std::string> args(argv + 1, argv + argc);
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--cms" && i + 1 < args.size()) {
            parsed.cms_path = args[++i];
        } else if (args[i] == "--duration-seconds") {
            parsed.duration_seconds = cms::support::number_option(args, i, 1);
        } else if (args[i] == "--connections") {
            parsed.connections_count = cms::support::number_option(args, i, 1);
        } else if (args[i] == "--requests-max") {
            parsed.requests_max = cms::support::number_option(args, i, 1);
        } else if (args[i] == "--cases") {
            parsed.cases_count = cms::support::number_option(args, i, 1);
        } else {
            throw std::runtime_error("usage: cms-soak [--cms PATH] [--duration-seconds N] [--connections N] "
                                     "[--requests-max N] [--cases N]");
        }
    }
    return parsed;
}

std::uint32_t percentile(const std::vector<std::uint32_t>& sorted, int per_mille) {
    if (sorted.empty()) return 0;
    const std::size_t index = std::min(sorted.size() - 1, sorted.size() * static_cast<std::size_t>(per_mille) / 1000);
    return sorted[index];
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const options chosen = parse_options(argc, argv);
        char directory_template[] = "/tmp/cms-soak-XXXXXX";
        if (mkdtemp(directory_template) == nullptr) throw std::runtime_error("mkdtemp failed");
        const std::filesystem::path directory = directory_template;
        const std::string database = (directory / "soak.db").string();
        // Every case open before the business date, so every payment is accepted.
        const std::string generate = "'" + chosen.cms_path + "' generate --db '" + database + "' --cases " +
                                     std::to_string(chosen.cases_count) + " --seed 1 --opened-by 2025-01-01 >/dev/null";
        if (std::system(generate.c_str()) != 0) throw std::runtime_error("cms generate failed");
        const cms::support::served_cms server = cms::support::start_cms_serve(
            chosen.cms_path,
            {"--db", database, "--host", "127.0.0.1", "--port", "0", "--demo-users", "--business-date", "2025-01-15",
             "--threads", "2", "--log-level", "warn"},
            (directory / "server.log").string(), {}, std::chrono::seconds(60));
        std::printf("cms-soak: server pid %d on 127.0.0.1:%u; %lld connections for %lld s (at most %lld requests)\n",
                    server.pid, server.port, static_cast<long long>(chosen.connections_count),
                    static_cast<long long>(chosen.duration_seconds), static_cast<long long>(chosen.requests_max));
        const long rss_start_kib = rss_kib(server.pid);
        std::atomic<std::int64_t> budget{chosen.requests_max};
        std::vector<worker_result> results(static_cast<std::size_t>(chosen.connections_count));
        std::vector<std::thread> workers;
        const auto started = steady::now();
        const auto until = started + std::chrono::seconds(chosen.duration_seconds);
        for (std::size_t i = 0; i < results.size(); ++i) {
            workers.emplace_back(run_worker, static_cast<int>(i), server.port, std::cref(server), chosen.cases_count,
                                 until, std::ref(budget), std::ref(results[i]));
        }
        // Memory "must not grow": caches and pools fill during the first minute (SQLite's page
        // cache per connection, allocator arenas), so growth is judged from the end of warm-up.
        const auto warm_up = std::chrono::seconds(std::min<std::int64_t>(60, chosen.duration_seconds / 5));
        long rss_warm_kib = 0;
        long rss_peak_after_warm_kib = 0;
        long private_warm_kib = 0;
        long private_peak_after_warm_kib = 0;
        std::string rss_each_minute;      // the curve, so a plateau can be told from steady growth
        std::string private_each_minute;
        for (int second = 1; steady::now() < until && budget.load() > 0; ++second) {
            std::this_thread::sleep_for(std::chrono::seconds(1));
            const long now_kib = rss_kib(server.pid);
            const long private_now_kib = private_kib(server.pid);
            if (second % 60 == 0) {
                rss_each_minute += (rss_each_minute.empty() ? "" : " ") + std::to_string(now_kib);
                private_each_minute += (private_each_minute.empty() ? "" : " ") + std::to_string(private_now_kib);
            }
            if (steady::now() - started < warm_up) continue;
            if (rss_warm_kib == 0) rss_warm_kib = now_kib;
            if (private_warm_kib == 0) private_warm_kib = private_now_kib;
            rss_peak_after_warm_kib = std::max(rss_peak_after_warm_kib, now_kib);
            private_peak_after_warm_kib = std::max(private_peak_after_warm_kib, private_now_kib);
        }
        for (auto& worker : workers) worker.join();
        const double elapsed_seconds = std::chrono::duration<double>(steady::now() - started).count();
        const long rss_end_kib = rss_kib(server.pid);
        const long private_end_kib = private_kib(server.pid);
        const cms::support::process_end server_end = cms::support::end_process(server.pid, SIGTERM);

        std::vector<std::uint32_t> latencies;
        std::int64_t reads = 0, writes = 0, errors = 0;
        std::string first_error;
        for (auto& result : results) {
            latencies.insert(latencies.end(), result.latencies_us.begin(), result.latencies_us.end());
            reads += result.reads;
            writes += result.writes;
            errors += result.errors;
            if (first_error.empty()) first_error = result.first_error;
        }
        std::sort(latencies.begin(), latencies.end());
        const auto total = static_cast<double>(reads + writes);
        std::printf("requests:   %lld (%lld reads, %lld writes) in %.1f s = %.0f requests/s\n",
                    static_cast<long long>(reads + writes), static_cast<long long>(reads),
                    static_cast<long long>(writes), elapsed_seconds, total / elapsed_seconds);
        std::printf("errors:     %lld%s%s\n", static_cast<long long>(errors), first_error.empty() ? "" : " first: ",
                    first_error.c_str());
        std::printf("latency us: p50 %u  p90 %u  p99 %u  p99.9 %u  max %u\n", percentile(latencies, 500),
                    percentile(latencies, 900), percentile(latencies, 990), percentile(latencies, 999),
                    latencies.empty() ? 0u : latencies.back());
        std::printf("server RSS: %ld KiB at start, %ld KiB after %lld s of warm-up, peak %ld KiB after it, %ld KiB at "
                    "end (%+ld KiB from warm-up to end)\n",
                    rss_start_kib, rss_warm_kib, static_cast<long long>(warm_up.count()), rss_peak_after_warm_kib,
                    rss_end_kib, rss_warm_kib > 0 ? rss_end_kib - rss_warm_kib : 0L);
        std::printf("server RSS each minute (KiB): %s\n", rss_each_minute.c_str());
        std::printf("server private memory (RssAnon): %ld KiB after warm-up, peak %ld KiB after it, %ld KiB at end "
                    "(%+ld KiB from warm-up to end)\n",
                    private_warm_kib, private_peak_after_warm_kib, private_end_kib,
                    private_warm_kib > 0 ? private_end_kib - private_warm_kib : 0L);
        std::printf("server private memory each minute (KiB): %s\n", private_each_minute.c_str());
        std::printf("server exit status %d; database and log in %s\n", server_end.exit_status,
                    directory.c_str());
        // The database after the load must still hold every invariant.
        const std::string check = "'" + chosen.cms_path + "' check --db '" + database + "'";
        std::fflush(stdout);  // the figures above before the check's own line
        const int check_status = std::system(check.c_str());
        return errors == 0 && check_status == 0 ? 0 : 1;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "cms-soak: %s\n", error.what());
        return 1;
    }
}

#pragma once
// A small HTTP/1.1 load generator for the benchmarks: keep-alive connections to 127.0.0.1, driven
// by one thread with epoll (Linux only, POSIX sockets, no other library). Two ways of driving:
//
//  - closed loop: each connection sends its next request as soon as the previous response is
//    complete (throughput: how fast can the server go with N clients);
//  - open loop: requests are scheduled at a fixed rate and latency is counted from the scheduled
//    time, so a server that falls behind shows it in the tail (no coordinated omission, as wrk2).
//
// One request in flight per connection (no pipelining). Responses are read by Content-Length
// (chunked responses count as failed). A connection the server closes (`Connection: close`, an
// HTTP/1.0 answer without keep-alive, or a close after a complete response) is reopened without
// counting a failure; a reused connection closed before any byte of its response was received
// sends that request once more on a new connection. Network errors during a run are counted,
// never thrown; std::runtime_error is thrown only when the run cannot start (e.g. no connection).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace cms::bench {

/// Builds the full text of request number `sequence` (request line, headers incl. Host and
/// Content-Length where there is a body, blank line, body). Called once per request sent.
using request_text_maker = std::function<std::string(std::uint64_t sequence)>;

struct load_result {
    std::uint64_t completed = 0;       ///< responses received with status 2xx
    std::uint64_t failed = 0;          ///< responses with any other status, or a connection error
    std::string first_failure;         ///< e.g. "HTTP 500: <first 200 bytes of body>" or "connect: ..."
    double elapsed_seconds = 0;        ///< from the first send to the end of the run
    std::vector<std::uint32_t> latencies_us;  ///< one per HTTP response (any status), sorted ascending
    double requests_per_second() const;        ///< (completed + failed) / elapsed_seconds
    std::uint32_t latency_percentile_us(double percentile) const;  ///< e.g. 50, 99, 99.9; 0 when none
};

/// Closed loop: `connections` keep-alive connections to 127.0.0.1:port, each sending its next
/// request as soon as the previous response is complete, for `duration`. Latency = response
/// complete − that request's send time. Requests in flight when `duration` ends are waited for
/// (at most 5 s, then counted failed); the run ends with the last of them.
load_result run_closed_loop(unsigned short port, std::size_t connections, std::chrono::milliseconds duration,
                            const request_text_maker& make_request);

/// Open loop (paced, without coordinated omission): request i is *scheduled* at
/// start + i / rate_per_second, for `duration`. Each scheduled request is sent on a free
/// connection as soon as it is due; if no connection is free it waits in a FIFO queue. Latency
/// is counted from the *scheduled* time, not from the actual send, so a server that falls
/// behind shows it in the tail (as wrk2 does). At the end, stop scheduling and wait up to 5 s
/// for outstanding responses (count any that do not arrive as failed).
load_result run_open_loop(unsigned short port, std::size_t connections, double rate_per_second,
                          std::chrono::milliseconds duration, const request_text_maker& make_request);

}  // namespace cms::bench

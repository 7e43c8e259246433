#include "persistence/fault_points.hpp"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <charconv>
#include <cstdlib>

namespace cms::persistence {

namespace {

constexpr std::array points = {
    fault_point::writer_before_commit,        fault_point::writer_after_commit,
    fault_point::http_before_send,            fault_point::accrual_before_chunk_commit,
    fault_point::accrual_after_chunk_commit,  fault_point::accrual_before_period_complete,
    fault_point::accrual_before_job_finish,   fault_point::payout_before_chunk_commit,
    fault_point::payout_after_chunk_commit,   fault_point::payout_before_day_complete,
};

constexpr int disarmed = -1;
// Process-wide by nature: the environment arms the process, not an object. Written once at start
// (before any thread that reaches a point exists), then only read and counted.
std::atomic<int> armed_point{disarmed};
std::atomic<std::uint64_t> armed_occurrence{0};
std::atomic<std::uint64_t> times_reached{0};

[[noreturn]] void die_at(fault_point point, std::uint64_t occurrence) {
    // write(2), not stdio: nothing buffered, nothing flushed, as under a real kill. The line lets a
    // test tell a death at the point from any other death.
    std::string line = "cms: fault point ";
    line += fault_point_name(point);
    line += " reached (occurrence " + std::to_string(occurrence) + "): killing the process\n";
    [[maybe_unused]] const auto written = write(STDERR_FILENO, line.data(), line.size());
    raise(SIGKILL);
    _exit(137);  // not reached: SIGKILL cannot be caught
}

}  // namespace

std::span<const fault_point> all_fault_points() { return points; }

std::string_view fault_point_name(fault_point point) {
    switch (point) {
        case fault_point::writer_before_commit: return "writer.before_commit";
        case fault_point::writer_after_commit: return "writer.after_commit";
        case fault_point::http_before_send: return "http.before_send";
        case fault_point::accrual_before_chunk_commit: return "accrual.before_chunk_commit";
        case fault_point::accrual_after_chunk_commit: return "accrual.after_chunk_commit";
        case fault_point::accrual_before_period_complete: return "accrual.before_period_complete";
        case fault_point::accrual_before_job_finish: return "accrual.before_job_finish";
        case fault_point::payout_before_chunk_commit: return "payout.before_chunk_commit";
        case fault_point::payout_after_chunk_commit: return "payout.after_chunk_commit";
        case fault_point::payout_before_day_complete: return "payout.before_day_complete";
    }
    return "unknown";
}

void arm_fault(std::string_view spec) {
    armed_point = disarmed;
    times_reached = 0;
    if (spec.empty()) return;
    const auto colon = spec.rfind(':');
    const std::string_view name = spec.substr(0, colon);
    fault_point found{};
    bool known = false;
    for (const fault_point point : points) {
        if (fault_point_name(point) == name) {
            found = point;
            known = true;
        }
    }
    if (!known) {
        std::string message = "CMS_FAULT names no fault point '" + std::string(name) + "'; the points are:";
        for (const fault_point point : points) message += " " + std::string(fault_point_name(point));
        throw fault_spec_error(message);
    }
    std::uint64_t occurrence = 0;
    const std::string_view count = colon == std::string_view::npos ? std::string_view{} : spec.substr(colon + 1);
    const auto parsed = std::from_chars(count.data(), count.data() + count.size(), occurrence);
    if (count.empty() || parsed.ec != std::errc{} || parsed.ptr != count.data() + count.size() || occurrence == 0) {
        throw fault_spec_error("CMS_FAULT must be NAME:N with N a whole number from 1 (the Nth time the point is "
                               "reached), not '" + std::string(spec) + "'");
    }
    armed_occurrence = occurrence;
    armed_point = static_cast<int>(found);
}

void arm_fault_from_environment() {
    const char* spec = std::getenv("CMS_FAULT");
    arm_fault(spec == nullptr ? std::string_view{} : std::string_view{spec});
}

namespace detail {

bool any_fault_armed() { return armed_point.load(std::memory_order_relaxed) != disarmed; }

void reach_armed(fault_point point) {
    if (armed_point.load(std::memory_order_relaxed) != static_cast<int>(point)) return;
    const std::uint64_t occurrence = times_reached.fetch_add(1) + 1;
    if (occurrence == armed_occurrence.load()) die_at(point, occurrence);
}

}  // namespace detail

}  // namespace cms::persistence

#pragma once
/// Named fault points: places in the writer, the batch jobs and the HTTP layer where a test can
/// make the process die as if it were killed (SIGKILL, no cleanup, no flush) on the Nth time the
/// point is reached, so a crash test interrupts a run at a chosen step instead of after a delay
/// that a faster or slower machine outruns.
///
/// Armed only from outside the process, by the environment: `CMS_FAULT=NAME:N` (N >= 1). Compiled
/// into every build, so the tests exercise the binary that ships; unset, a point costs one relaxed
/// atomic load. An unknown name or a bad count is refused when the process starts.
///
/// It lives in persistence, the lowest layer that does I/O, so that the writer, the services'
/// jobs and the HTTP server share one catalogue.
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace cms::persistence {

enum class fault_point : int {
    writer_before_commit,            ///< a group's work is done, its COMMIT not yet issued
    writer_after_commit,             ///< a group is durable, no caller has been told
    http_before_send,                ///< a response is ready on its connection, not yet written
    accrual_before_chunk_commit,     ///< a chunk's postings and progress row written, not committed
    accrual_after_chunk_commit,      ///< a chunk committed, the next not begun
    accrual_before_period_complete,  ///< every chunk of a month committed, the month not marked done
    accrual_before_job_finish,       ///< the run is over, its job row not yet given its final status
    payout_before_chunk_commit,      ///< a chunk's pay-out postings and disbursements written, not committed
    payout_after_chunk_commit,       ///< a chunk of pay-outs committed, the next not begun
    payout_before_day_complete,      ///< every listed case paid out, the date not marked complete
};

/// Every point, in declaration order (for help text, tests and the README).
std::span<const fault_point> all_fault_points();
/// The point's name as `CMS_FAULT` spells it, e.g. "accrual.after_chunk_commit".
std::string_view fault_point_name(fault_point point);

class fault_spec_error : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// Arms one point from a `NAME:N` text; throws fault_spec_error naming what is wrong (and listing
/// the known names when the name is unknown). An empty text disarms.
void arm_fault(std::string_view spec);
/// Arms from the CMS_FAULT environment variable, if set; throws as arm_fault does.
void arm_fault_from_environment();

namespace detail {
void reach_armed(fault_point point);
bool any_fault_armed();
}  // namespace detail

/// Marks that execution reached `point`; dies there if this is the armed occurrence.
inline void fault_point_reached(fault_point point) {
    if (detail::any_fault_armed()) detail::reach_armed(point);
}

}  // namespace cms::persistence

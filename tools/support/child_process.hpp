#pragma once
// Starting and ending child processes, for the programs and tests that drive a real `cms`:
// the end-to-end tests and the soak (and benchmarks) start `cms serve` the same way, read the
// port and demo tokens it announces, and wait for it to end. POSIX only; no cms library needed.
#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cms::support {

/// Variables set for the child only, e.g. {"CMS_FAULT", "writer.after_commit:40"}.
using environment_variables = std::map<std::string, std::string>;

/// How a child process ended.
struct process_end {
    int exit_status = -1;  ///< when it exited; -1 when a signal ended it
    int signal = 0;        ///< the signal that ended it; 0 when it exited
};
process_end process_end_of(int wait_status);

/// Forks and execs `program arguments...` with `environment` added, its standard output and
/// error on the given descriptors (the caller closes its copies).
pid_t spawn_program(const std::string& program, const std::vector<std::string>& arguments,
                    const environment_variables& environment, int output_fd, int error_fd);

/// A `cms serve` child as it announced itself on standard output.
struct served_cms {
    pid_t pid = -1;
    unsigned short port = 0;
    std::map<std::string, std::string> tokens;  ///< role -> demo bearer token (--demo-users)
    unsigned short admin_port = 0;               ///< the admin listener's port (--admin-port), or 0
};

/// Starts `cms_path serve serve_arguments...` (the caller passes --db, --host 127.0.0.1, --port 0
/// and the rest) with standard error appended to `log_path`, and waits for its "listening on
/// http://127.0.0.1:PORT" line, at most `deadline`. Throws with what the server said if it ended
/// or stayed silent (and then kills it).
served_cms start_cms_serve(const std::string& cms_path, const std::vector<std::string>& serve_arguments,
                           const std::string& log_path, const environment_variables& environment,
                           std::chrono::milliseconds deadline);

/// The same for any program that announces itself as `cms serve` does ("demo token for ROLE:
/// TOKEN" lines, then a line with http://127.0.0.1:PORT), e.g. the HTTP benchmark's ceiling.
served_cms start_announcing_server(const std::string& program, const std::vector<std::string>& arguments,
                                   const std::string& log_path, const environment_variables& environment,
                                   std::chrono::milliseconds deadline);

/// Waits for the process to end by itself, at most `deadline` (the wait is for the event: a
/// pidfd becomes readable); how it ended (reaped), or nothing when it is still running.
std::optional<process_end> wait_for_end(pid_t pid, std::chrono::milliseconds deadline);

/// Sends `signal` and reaps the process.
process_end end_process(pid_t pid, int signal);

}  // namespace cms::support

#pragma once
// Starts the real `cms serve` binary as a child process on a free loopback port, and stops it.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

#include "support/child_process.hpp"

namespace cms::testing {

using support::environment_variables;
using support::process_end;

class server_process {
public:
    /// Starts `cms serve --db PATH --port 0 ...extra` and waits for its "listening on" line.
    server_process(const std::string& database_path, const std::vector<std::string>& extra_arguments,
                   const std::string& log_path, const environment_variables& environment = {});
    ~server_process();
    server_process(const server_process&) = delete;
    server_process& operator=(const server_process&) = delete;

    unsigned short port() const { return port_; }
    /// The admin listener's port when started with --admin-port, else 0.
    unsigned short admin_port() const { return admin_port_; }
    pid_t pid() const { return pid_; }
    /// The demo token the server printed for a role ("caseworker", "auditor", ...): every
    /// server is started with --demo-users so tests authenticate like real clients.
    std::string token(const std::string& role) const;
    /// SIGTERM and wait; returns the exit status (or -1 if it did not exit normally).
    int stop();
    /// SIGKILL and wait: a crash, for durability tests.
    void kill_hard();
    /// Waits for the server to end by itself (e.g. at an armed fault point), for at most
    /// `deadline`; how it ended, or nothing (and it is still running) when the deadline passed.
    std::optional<process_end> wait_for_end(std::chrono::milliseconds deadline);

private:
    pid_t pid_ = -1;
    unsigned short port_ = 0;
    unsigned short admin_port_ = 0;
    std::map<std::string, std::string> tokens_;
};

/// The cms binary under test (from the CMS_BINARY environment variable set by CTest).
std::string cms_binary();

/// Runs `cms ARGUMENTS...` to completion; how it ended, its standard output and standard error.
struct cms_run_result {
    int exit_status = -1;  ///< -1 when a signal ended it
    int signal = 0;        ///< the signal that ended it, 0 when it exited
    std::string output;
    std::string errors;
};
cms_run_result run_cms(const std::vector<std::string>& arguments, const environment_variables& environment = {});

}  // namespace cms::testing

#pragma once
// Starts the real `cms serve` binary as a child process on a free loopback port, and stops it.
#include <map>
#include <string>
#include <vector>

#include <sys/types.h>

namespace cms::testing {

class server_process {
public:
    /// Starts `cms serve --db PATH --port 0 ...extra` and waits for its "listening on" line.
    server_process(const std::string& database_path, const std::vector<std::string>& extra_arguments,
                   const std::string& log_path);
    ~server_process();
    server_process(const server_process&) = delete;
    server_process& operator=(const server_process&) = delete;

    unsigned short port() const { return port_; }
    pid_t pid() const { return pid_; }
    /// The demo token the server printed for a role ("caseworker", "auditor", ...): every
    /// server is started with --demo-users so tests authenticate like real clients.
    std::string token(const std::string& role) const;
    /// SIGTERM and wait; returns the exit status (or -1 if it did not exit normally).
    int stop();
    /// SIGKILL and wait: a crash, for durability tests.
    void kill_hard();

private:
    pid_t pid_ = -1;
    unsigned short port_ = 0;
    std::map<std::string, std::string> tokens_;
};

/// The cms binary under test (from the CMS_BINARY environment variable set by CTest).
std::string cms_binary();

/// Runs `cms ARGUMENTS...` to completion; its exit status and standard output.
struct cms_run_result {
    int exit_status = -1;
    std::string output;
};
cms_run_result run_cms(const std::vector<std::string>& arguments);

}  // namespace cms::testing

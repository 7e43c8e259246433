#include "server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace cms::testing {

namespace {

/// Forks and execs `cms ARGUMENTS...` with `environment` added, its standard output and error on
/// the given descriptors (closed in the parent by the caller).
pid_t spawn_cms(const std::vector<std::string>& arguments, const environment_variables& environment, int output_fd,
                int error_fd) {
    std::vector<std::string> argv_text = {cms_binary()};
    argv_text.insert(argv_text.end(), arguments.begin(), arguments.end());
    const pid_t child = fork();
    if (child < 0) throw std::runtime_error("fork failed");
    if (child == 0) {
        dup2(output_fd, STDOUT_FILENO);
        dup2(error_fd, STDERR_FILENO);
        for (const auto& [name, value] : environment) setenv(name.c_str(), value.c_str(), 1);
        std::vector<char*> argv;
        for (auto& argument : argv_text) argv.push_back(argument.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    return child;
}

process_end ended_by(int status) {
    if (WIFSIGNALED(status)) return {-1, WTERMSIG(status)};
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0};
}

std::string read_all(int fd) {
    std::string text;
    char buffer[4096];
    for (ssize_t got = read(fd, buffer, sizeof buffer); got > 0; got = read(fd, buffer, sizeof buffer)) {
        text.append(buffer, static_cast<std::size_t>(got));
    }
    return text;
}

}  // namespace

std::string cms_binary() {
    const char* path = std::getenv("CMS_BINARY");
    if (path == nullptr || *path == '\0') throw std::runtime_error("CMS_BINARY is not set (run through ctest)");
    return path;
}

server_process::server_process(const std::string& database_path, const std::vector<std::string>& extra_arguments,
                               const std::string& log_path, const environment_variables& environment) {
    int output[2];
    if (pipe2(output, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> arguments = {"serve", "--db", database_path, "--host", "127.0.0.1", "--port", "0",
                                          "--demo-users"};
    arguments.insert(arguments.end(), extra_arguments.begin(), extra_arguments.end());
    const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log < 0) throw std::runtime_error("cannot open the server log " + log_path);
    pid_ = spawn_cms(arguments, environment, output[1], log);
    close(log);
    close(output[1]);
    // Read up to the line "cms: listening on http://127.0.0.1:PORT ..."; the demo token lines
    // come before it. The pipe's end (the server died) or the deadline stops the wait.
    std::string line;
    const std::string marker = "http://127.0.0.1:";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    const auto listening_line_read = [&line, &marker] {
        const auto at = line.find(marker);
        return at != std::string::npos && line.find('\n', at) != std::string::npos;
    };
    while (!listening_line_read()) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd ready{output[0], POLLIN, 0};
        if (poll(&ready, 1, static_cast<int>(left.count())) <= 0) continue;
        char buffer[256];
        const ssize_t got = read(output[0], buffer, sizeof buffer);
        if (got <= 0) break;
        line.append(buffer, static_cast<std::size_t>(got));
    }
    close(output[0]);
    const std::string token_marker = "demo token for ";
    for (auto at = line.find(token_marker); at != std::string::npos; at = line.find(token_marker, at + 1)) {
        const auto colon = line.find(": ", at);
        const auto end = line.find('\n', colon);
        if (colon == std::string::npos || end == std::string::npos) break;
        tokens_[line.substr(at + token_marker.size(), colon - at - token_marker.size())] =
            line.substr(colon + 2, end - colon - 2);
    }
    const auto at = line.find(marker);
    if (at == std::string::npos) {
        kill_hard();
        throw std::runtime_error("cms serve did not report its port; it said: " + line);
    }
    port_ = static_cast<unsigned short>(std::stoi(line.substr(at + marker.size())));
}

std::string server_process::token(const std::string& role) const {
    const auto found = tokens_.find(role);
    if (found == tokens_.end()) throw std::runtime_error("the server printed no demo token for " + role);
    return found->second;
}

cms_run_result run_cms(const std::vector<std::string>& arguments, const environment_variables& environment) {
    int output[2];
    if (pipe2(output, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    // Standard error goes to a file, so that neither stream can fill while the other is read.
    std::FILE* errors = std::tmpfile();
    if (errors == nullptr) throw std::runtime_error("tmpfile failed");
    const pid_t child = spawn_cms(arguments, environment, output[1], fileno(errors));
    close(output[1]);
    cms_run_result result;
    result.output = read_all(output[0]);
    close(output[0]);
    int status = 0;
    waitpid(child, &status, 0);
    const process_end end = ended_by(status);
    result.exit_status = end.exit_status;
    result.signal = end.signal;
    std::rewind(errors);
    result.errors = read_all(fileno(errors));
    std::fclose(errors);
    return result;
}

server_process::~server_process() {
    if (pid_ > 0) stop();
}

int server_process::stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void server_process::kill_hard() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
}

std::optional<process_end> server_process::wait_for_end(std::chrono::milliseconds deadline) {
    if (pid_ <= 0) return std::nullopt;
    // A pidfd becomes readable when the process ends: the wait is for that event, with a deadline.
    const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid_, 0));
    if (pidfd < 0) throw std::runtime_error("pidfd_open failed");
    pollfd ended{pidfd, POLLIN, 0};
    const int ready = poll(&ended, 1, static_cast<int>(deadline.count()));
    close(pidfd);
    if (ready <= 0) return std::nullopt;
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return ended_by(status);
}

}  // namespace cms::testing

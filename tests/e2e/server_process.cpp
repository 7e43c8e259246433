#include "server_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace cms::testing {

namespace {

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
    std::vector<std::string> arguments = {"--db", database_path, "--host", "127.0.0.1", "--port", "0", "--demo-users"};
    arguments.insert(arguments.end(), extra_arguments.begin(), extra_arguments.end());
    const auto served = support::start_cms_serve(cms_binary(), arguments, log_path, environment, std::chrono::seconds(60));
    pid_ = served.pid;
    port_ = served.port;
    admin_port_ = served.admin_port;
    tokens_ = served.tokens;
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
    const pid_t child = support::spawn_program(cms_binary(), arguments, environment, output[1], fileno(errors));
    close(output[1]);
    cms_run_result result;
    result.output = read_all(output[0]);
    close(output[0]);
    int status = 0;
    waitpid(child, &status, 0);
    const process_end end = support::process_end_of(status);
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
    const process_end end = support::end_process(pid_, SIGTERM);
    pid_ = -1;
    return end.exit_status;
}

void server_process::kill_hard() {
    if (pid_ <= 0) return;
    support::end_process(pid_, SIGKILL);
    pid_ = -1;
}

std::optional<process_end> server_process::wait_for_end(std::chrono::milliseconds deadline) {
    if (pid_ <= 0) return std::nullopt;
    auto end = support::wait_for_end(pid_, deadline);
    if (end) pid_ = -1;
    return end;
}

}  // namespace cms::testing

#include "server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>

namespace cms::testing {

std::string cms_binary() {
    const char* path = std::getenv("CMS_BINARY");
    if (path == nullptr || *path == '\0') throw std::runtime_error("CMS_BINARY is not set (run through ctest)");
    return path;
}

server_process::server_process(const std::string& database_path, const std::vector<std::string>& extra_arguments,
                               const std::string& log_path) {
    int output[2];
    if (pipe(output) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> arguments = {cms_binary(), "serve", "--db", database_path, "--host", "127.0.0.1",
                                          "--port", "0", "--demo-users"};
    arguments.insert(arguments.end(), extra_arguments.begin(), extra_arguments.end());
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        dup2(output[1], STDOUT_FILENO);
        const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (log >= 0) dup2(log, STDERR_FILENO);
        close(output[0]);
        std::vector<char*> argv;
        for (auto& argument : arguments) argv.push_back(argument.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(output[1]);
    // Read up to the line "cms: listening on http://127.0.0.1:PORT ..." within 30 s; the demo
    // token lines come before it.
    std::string line;
    const std::string marker = "http://127.0.0.1:";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    const auto listening_line_read = [&line, &marker] {
        const auto at = line.find(marker);
        return at != std::string::npos && line.find('\n', at) != std::string::npos;
    };
    while (!listening_line_read() && std::chrono::steady_clock::now() < deadline) {
        pollfd ready{output[0], POLLIN, 0};
        if (poll(&ready, 1, 200) <= 0) continue;
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

cms_run_result run_cms(const std::vector<std::string>& arguments) {
    int output[2];
    if (pipe(output) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> argv_text = {cms_binary()};
    argv_text.insert(argv_text.end(), arguments.begin(), arguments.end());
    const pid_t child = fork();
    if (child < 0) throw std::runtime_error("fork failed");
    if (child == 0) {
        dup2(output[1], STDOUT_FILENO);
        const int null_device = open("/dev/null", O_WRONLY);
        if (null_device >= 0) dup2(null_device, STDERR_FILENO);
        close(output[0]);
        std::vector<char*> argv;
        for (auto& argument : argv_text) argv.push_back(argument.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(output[1]);
    cms_run_result result;
    char buffer[4096];
    for (ssize_t got = read(output[0], buffer, sizeof buffer); got > 0; got = read(output[0], buffer, sizeof buffer)) {
        result.output.append(buffer, static_cast<std::size_t>(got));
    }
    close(output[0]);
    int status = 0;
    waitpid(child, &status, 0);
    result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
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

}  // namespace cms::testing

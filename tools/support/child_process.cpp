#include "child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

namespace cms::support {

process_end process_end_of(int wait_status) {
    if (WIFSIGNALED(wait_status)) return {-1, WTERMSIG(wait_status)};
    return {WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1, 0};
}

pid_t spawn_program(const std::string& program, const std::vector<std::string>& arguments,
                    const environment_variables& environment, int output_fd, int error_fd) {
    std::vector<std::string> argv_text = {program};
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

served_cms start_cms_serve(const std::string& cms_path, const std::vector<std::string>& serve_arguments,
                           const std::string& log_path, const environment_variables& environment,
                           std::chrono::milliseconds deadline) {
    std::vector<std::string> arguments = {"serve"};
    arguments.insert(arguments.end(), serve_arguments.begin(), serve_arguments.end());
    return start_announcing_server(cms_path, arguments, log_path, environment, deadline);
}

served_cms start_announcing_server(const std::string& program, const std::vector<std::string>& arguments,
                                   const std::string& log_path, const environment_variables& environment,
                                   std::chrono::milliseconds deadline) {
    int output[2];
    // Close-on-exec, so no other child forked meanwhile (tests start several) holds the pipe open.
    if (pipe2(output, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log < 0) throw std::runtime_error("cannot open the server log " + log_path);
    served_cms server;
    server.pid = spawn_program(program, arguments, environment, output[1], log);
    close(log);
    close(output[1]);
    // The demo token lines come before "cms: listening on http://127.0.0.1:PORT ...". The pipe's
    // end (the server died) or the deadline stops the wait.
    std::string text;
    const std::string marker = "http://127.0.0.1:";
    const auto give_up_at = std::chrono::steady_clock::now() + deadline;
    const auto listening_line_read = [&text, &marker] {
        const auto at = text.find(marker);
        return at != std::string::npos && text.find('\n', at) != std::string::npos;
    };
    while (!listening_line_read()) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(give_up_at - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd ready{output[0], POLLIN, 0};
        if (poll(&ready, 1, static_cast<int>(left.count())) <= 0) continue;
        char buffer[512];
        const ssize_t got = read(output[0], buffer, sizeof buffer);
        if (got <= 0) break;
        text.append(buffer, static_cast<std::size_t>(got));
    }
    close(output[0]);
    if (!listening_line_read()) {
        end_process(server.pid, SIGKILL);
        throw std::runtime_error(program + " did not report its port; it said: " + text);
    }
    const std::string token_marker = "demo token for ";
    for (auto at = text.find(token_marker); at != std::string::npos; at = text.find(token_marker, at + 1)) {
        const auto colon = text.find(": ", at);
        const auto end = text.find('\n', colon);
        if (colon == std::string::npos || end == std::string::npos) break;
        server.tokens[text.substr(at + token_marker.size(), colon - at - token_marker.size())] =
            text.substr(colon + 2, end - colon - 2);
    }
    server.port = static_cast<unsigned short>(std::stoi(text.substr(text.find(marker) + marker.size())));
    const std::string admin_marker = "admin listener " + marker;
    if (const auto admin = text.find(admin_marker); admin != std::string::npos) {
        server.admin_port = static_cast<unsigned short>(std::stoi(text.substr(admin + admin_marker.size())));
    }
    return server;
}

std::optional<process_end> wait_for_end(pid_t pid, std::chrono::milliseconds deadline) {
    const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
    if (pidfd < 0) throw std::runtime_error("pidfd_open failed");
    pollfd ended{pidfd, POLLIN, 0};
    const int ready = poll(&ended, 1, static_cast<int>(deadline.count()));
    close(pidfd);
    if (ready <= 0) return std::nullopt;
    int status = 0;
    waitpid(pid, &status, 0);
    return process_end_of(status);
}

process_end end_process(pid_t pid, int signal) {
    kill(pid, signal);
    int status = 0;
    waitpid(pid, &status, 0);
    return process_end_of(status);
}

}  // namespace cms::support

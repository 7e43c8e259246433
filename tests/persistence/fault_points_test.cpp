// The fault point switch: parsed strictly, inert unless armed, and deadly exactly at the armed
// occurrence of the armed point (checked in a forked child, which the switch kills).
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>
#include <string>

#include "persistence/fault_points.hpp"

using cms::persistence::fault_point;

namespace {

/// Forks; the child arms `spec`, reaches `point` up to `reaches` times and reports each reach on
/// a pipe. Returns how many reaches the child reported and the signal that ended it (0 if none).
std::pair<int, int> reaches_in_child(const std::string& spec, fault_point point, int reaches) {
    int pipe_fds[2];
    REQUIRE(pipe(pipe_fds) == 0);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        close(pipe_fds[0]);
        cms::persistence::arm_fault(spec);
        for (int i = 0; i < reaches; ++i) {
            cms::persistence::fault_point_reached(fault_point::writer_before_commit);  // never the armed one below
            cms::persistence::fault_point_reached(point);
            [[maybe_unused]] const auto written = write(pipe_fds[1], "r", 1);
        }
        _exit(0);
    }
    close(pipe_fds[1]);
    int reported = 0;
    char byte;
    while (read(pipe_fds[0], &byte, 1) == 1) ++reported;
    close(pipe_fds[0]);
    int status = 0;
    waitpid(child, &status, 0);
    return {reported, WIFSIGNALED(status) ? WTERMSIG(status) : 0};
}

}  // namespace

TEST_CASE("every fault point has a distinct dotted name that arms it") {
    std::set<std::string> names;
    for (const fault_point point : cms::persistence::all_fault_points()) {
        const std::string name(cms::persistence::fault_point_name(point));
        CHECK(name.find('.') != std::string::npos);
        names.insert(name);
        CHECK_NOTHROW(cms::persistence::arm_fault(name + ":3"));
    }
    CHECK(names.size() == cms::persistence::all_fault_points().size());
    cms::persistence::arm_fault("");
}

TEST_CASE("a fault spec with an unknown name or a count that is not a whole number from 1 is refused") {
    for (const char* spec : {"nowhere:1", "writer.after_commit", "writer.after_commit:", "writer.after_commit:0",
                             "writer.after_commit:-2", "writer.after_commit:2x", ":1", "writer.after_commit :1"}) {
        INFO(spec);
        CHECK_THROWS_AS(cms::persistence::arm_fault(spec), cms::persistence::fault_spec_error);
    }
    try {
        cms::persistence::arm_fault("nowhere:1");
    } catch (const cms::persistence::fault_spec_error& error) {
        // The refusal teaches the names.
        CHECK(std::string(error.what()).find("accrual.before_period_complete") != std::string::npos);
    }
    cms::persistence::arm_fault("");
}

TEST_CASE("an armed point kills the process on its Nth reach, not before; other points and no spec are inert") {
    const auto [reached_before_death, signal] = reaches_in_child("writer.after_commit:3", fault_point::writer_after_commit, 10);
    CHECK(reached_before_death == 2);  // the third reach died before reporting
    CHECK(signal == SIGKILL);

    const auto [reached_other, other_signal] = reaches_in_child("writer.after_commit:1", fault_point::http_before_send, 10);
    CHECK(reached_other == 10);
    CHECK(other_signal == 0);

    const auto [reached_unarmed, unarmed_signal] = reaches_in_child("", fault_point::writer_after_commit, 10);
    CHECK(reached_unarmed == 10);
    CHECK(unarmed_signal == 0);
}

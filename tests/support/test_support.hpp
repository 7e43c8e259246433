#pragma once
// Helpers shared by the test suites: a temporary directory removed at the end of the test, the
// one way a test waits for an event, and the one way a randomised test gets its seed.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>

namespace cms::testing {

class temporary_directory {
public:
    temporary_directory() {
        std::string pattern = (std::filesystem::temp_directory_path() / "cms-test-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~temporary_directory() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    temporary_directory(const temporary_directory&) = delete;
    temporary_directory& operator=(const temporary_directory&) = delete;

    std::filesystem::path path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

/// How long a test waits for an event before it calls the event missing. Generous on purpose:
/// a slow machine (one core, sanitizers) makes a test wait longer, never fail; only a real
/// defect (the event never comes) reaches it.
inline constexpr std::chrono::seconds event_deadline{120};

/// Waits until `condition()` holds; true when it did, false only once `deadline` has passed.
/// For events the test can only observe from outside (a job's state over HTTP, a scheduler's
/// work): it asks again after a pause that grows from 1 ms to 50 ms. The pause spaces the
/// questions; it never decides the outcome.
template <class Condition>
bool eventually(Condition condition, std::chrono::milliseconds deadline = event_deadline) {
    const auto give_up_at = std::chrono::steady_clock::now() + deadline;
    std::chrono::milliseconds pause{1};
    for (;;) {
        if (condition()) return true;
        if (std::chrono::steady_clock::now() >= give_up_at) return false;
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds{50});
    }
}

/// The seed of a randomised test: CMS_TEST_SEED when set (to replay a failure), else a fresh one.
/// Print it with seed_message() so every run's log carries what replays it.
inline std::uint64_t test_seed() {
    if (const char* fixed = std::getenv("CMS_TEST_SEED"); fixed != nullptr && *fixed != '\0') {
        return std::strtoull(fixed, nullptr, 10);
    }
    return (std::uint64_t{std::random_device{}()} << 32) | std::random_device{}();
}

/// "seed N (replay: CMS_TEST_SEED=N)": `tools/dev test --repeat` prints this line of a failed run.
inline std::string seed_message(std::uint64_t seed) {
    return "seed " + std::to_string(seed) + " (replay: CMS_TEST_SEED=" + std::to_string(seed) + ")";
}

}  // namespace cms::testing

#pragma once
/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA
/// 2014): a generator fixed by its definition, unlike the standard library's distributions, so a
/// seed gives the same draws on every platform and library. Property tests, the command
/// history generator and cms simulate's history draw from it, so a printed seed replays a run.
#include <array>
#include <cstddef>
#include <cstdint>

namespace cms::core {

struct splitmix64 {
    std::uint64_t state = 0;

    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    /// 0 .. bound - 1, for a positive bound (the modulo's slight bias is immaterial to its uses).
    std::int64_t below(std::int64_t bound) { return static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(bound)); }
    /// low .. high inclusive, for low <= high.
    std::int64_t between(std::int64_t low, std::int64_t high) { return low + below(high - low + 1); }
    /// True `chance` times in 100.
    bool percent(std::int64_t chance) { return below(100) < chance; }
    template <typename T, std::size_t N>
    const T& pick(const std::array<T, N>& from) { return from[static_cast<std::size_t>(below(N))]; }
};

}  // namespace cms::core

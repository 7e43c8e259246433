#pragma once
// Reading the numeric options of the helper programs (soak, benchmarks): one rule for all, so
// "--cases 0" or "--cases x" is refused the same way everywhere.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace cms::support {

/// The value after args[i] as a whole number of at least `min`; advances i past it.
inline std::int64_t number_option(const std::vector<std::string>& args, std::size_t& i, std::int64_t min) {
    if (i + 1 >= args.size()) throw std::runtime_error(args[i] + " needs a value");
    std::size_t used = 0;
    std::int64_t value = 0;
    try {
        value = std::stoll(args[i + 1], &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != args[i + 1].size()) throw std::runtime_error(args[i] + " must be a whole number");
    ++i;
    if (value < min) throw std::runtime_error(args[i - 1] + " must be at least " + std::to_string(min));
    return value;
}

}  // namespace cms::support

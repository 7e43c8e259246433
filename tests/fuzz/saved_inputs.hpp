#pragma once
// The saved inputs of a fuzz target (its seed corpus and the findings kept as regressions), for
// the regression tests that replay them in the normal test run.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cms::fuzz {

/// Every file in tests/fuzz/corpus/<target>/ and tests/fuzz/regressions/<target>/ under
/// `source_dir`, hidden files excepted.
inline std::vector<std::filesystem::path> saved_inputs_of(const std::filesystem::path& source_dir, const std::string& target) {
    std::vector<std::filesystem::path> files;
    for (const char* folder : {"corpus", "regressions"}) {
        const auto directory = source_dir / "tests" / "fuzz" / folder / target;
        if (!std::filesystem::exists(directory)) continue;
        for (const auto& entry : std::filesystem::directory_iterator(directory)) {
            if (entry.is_regular_file() && entry.path().filename().string().front() != '.') files.push_back(entry.path());
        }
    }
    return files;
}

inline std::string file_bytes(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << file.rdbuf();
    return bytes.str();
}

}  // namespace cms::fuzz

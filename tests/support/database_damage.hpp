#pragma once
// Damaging a database file as a failing disk or a stray write would, by its file format alone
// (no SQL), for the tests that a damaged database is named by `cms check` and refused at start.
#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace cms::testing {

/// Overwrites the cell pointers of the first interior page of a table b-tree (page type 0x05,
/// found by reading the file format: page size at byte 16, big-endian, 1 meaning 65536), so
/// every lookup that passes through it points outside the page. The file must have one (a table
/// of a few thousand rows does).
inline void damage_first_interior_page(const std::string& path) {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    REQUIRE(file.good());
    unsigned char header[100];
    file.read(reinterpret_cast<char*>(header), sizeof header);
    const std::uint32_t size_field = (std::uint32_t{header[16]} << 8) | header[17];
    const std::uint32_t page_bytes = size_field == 1 ? 65536 : size_field;
    file.seekg(0, std::ios::end);
    const auto file_bytes = static_cast<std::uint64_t>(file.tellg());
    for (std::uint64_t page = 2; page * page_bytes <= file_bytes; ++page) {
        const auto start = static_cast<std::streamoff>((page - 1) * page_bytes);
        file.seekg(start);
        const int page_type = file.get();
        if (page_type != 0x05) continue;
        const std::vector<char> garbage(64, static_cast<char>(0xff));
        file.seekp(start + 12);  // past the 12-byte interior page header: the cell pointer array
        file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
        REQUIRE(file.good());
        return;
    }
    FAIL("no interior table page in " << path);
}

}  // namespace cms::testing

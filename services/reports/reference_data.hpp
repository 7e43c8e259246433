#pragma once
/// Public reference data compiled into `cms` from schemas/reference/ (services/embed_policy.cmake):
/// today the local authority districts of England with their names and populations, so that
/// reports name the areas their figures are for.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cms::services {

struct embedded_reference_file {
    std::string_view file_name;  ///< e.g. "local_authorities_england.csv"
    std::string_view text;
};

/// Every schemas/reference/*.csv file, in file-name order (generated at build time).
const std::vector<embedded_reference_file>& embedded_reference_files();

class reference_data_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct local_authority {
    std::string code;  ///< ONS GSS code, e.g. "E06000059"
    std::string name;
    std::int64_t population = 0;
};

/// Reads a "code,name,population" CSV with its header (RFC 4180 quoting: a name with a comma is
/// in double quotes, a quote inside doubled). Throws reference_data_error naming the line of the
/// first bad row (a missing field, a population that is not a whole number, a repeated code).
std::vector<local_authority> parse_local_authorities(std::string_view csv_text);

/// The compiled-in local_authorities_england.csv, parsed once.
const std::vector<local_authority>& local_authorities();

}  // namespace cms::services

#pragma once
/// Public reference data compiled into `cms` from schemas/reference/ (services/embed_policy.cmake):
/// today the local authority districts of England with their names, populations and regions, so
/// that reports name the areas their figures are for and group them by region.
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
    std::string region_code;  ///< ONS region (GSS E12), e.g. "E12000009"
    std::string region_name;  ///< e.g. "South West"
};

/// Reads a "code,name,population,region_code,region_name" CSV with its header (RFC 4180 quoting:
/// a name with a comma is in double quotes, a quote inside doubled). Throws reference_data_error
/// naming the line of the first bad row (a missing field, a population that is not a whole number,
/// a repeated code, a region code that is not E12 followed by six digits, or a region named
/// differently on an earlier row).
std::vector<local_authority> parse_local_authorities(std::string_view csv_text);

/// The compiled-in local_authorities_england.csv, parsed once.
const std::vector<local_authority>& local_authorities();

/// The compiled-in name of a local authority or of a region by its GSS code (the two kinds of
/// code never coincide: E06 to E09 against E12); empty when the code is not listed.
std::string_view reference_name(std::string_view gss_code);

}  // namespace cms::services

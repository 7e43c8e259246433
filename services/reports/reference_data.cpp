#include "services/reports/reference_data.hpp"

#include <charconv>
#include <map>
#include <set>
#include <unordered_map>

namespace cms::services {

namespace {

/// The fields of one CSV line, unquoted. Throws on an unterminated quote.
std::vector<std::string> csv_fields(std::string_view line, std::size_t line_number) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c != '"') {
                fields.back() += c;
            } else if (i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else {
                quoted = false;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    if (quoted) throw reference_data_error("line " + std::to_string(line_number) + ": a quote is not closed");
    return fields;
}

/// An ONS region's GSS code: entity E12 and a six-digit number.
bool is_region_code(std::string_view code) {
    return code.size() == 9 && code.substr(0, 3) == "E12" &&
           code.find_first_not_of("0123456789", 3) == std::string_view::npos;
}

}  // namespace

std::vector<local_authority> parse_local_authorities(std::string_view csv_text) {
    static const std::vector<std::string> header = {"code", "name", "population", "region_code", "region_name"};
    std::vector<local_authority> areas;
    std::set<std::string> codes;
    std::map<std::string, std::string> region_names;  // code to name
    std::map<std::string, std::string> region_codes;  // name to code
    std::size_t line_number = 0;
    while (!csv_text.empty()) {
        const std::size_t end = csv_text.find('\n');
        std::string_view line = csv_text.substr(0, end);
        csv_text = end == std::string_view::npos ? std::string_view{} : csv_text.substr(end + 1);
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) continue;
        std::vector<std::string> fields = csv_fields(line, line_number);
        const std::string where = "line " + std::to_string(line_number) + ": ";
        if (fields.size() != header.size()) throw reference_data_error(where + "expected code,name,population,region_code,region_name");
        if (line_number == 1) {
            if (fields != header) throw reference_data_error(where + "the header must be code,name,population,region_code,region_name");
            continue;
        }
        local_authority area{std::move(fields[0]), std::move(fields[1]), 0, std::move(fields[3]), std::move(fields[4])};
        const char* last = fields[2].data() + fields[2].size();
        const auto [stopped, error] = std::from_chars(fields[2].data(), last, area.population);
        if (area.code.empty() || area.name.empty()) throw reference_data_error(where + "a code and a name are required");
        if (error != std::errc{} || stopped != last || area.population < 0) {
            throw reference_data_error(where + "population must be a whole number");
        }
        if (!codes.insert(area.code).second) throw reference_data_error(where + "code " + area.code + " is repeated");
        if (!is_region_code(area.region_code) || area.region_name.empty()) {
            throw reference_data_error(where + "a region code (E12 and six digits) and a region name are required");
        }
        // One region, one name: a mistyped code or name on a single row would otherwise make a
        // region of its own and take that district's figures out of its real region.
        const auto named = region_names.emplace(area.region_code, area.region_name).first;
        const auto coded = region_codes.emplace(area.region_name, area.region_code).first;
        if (named->second != area.region_name || coded->second != area.region_code) {
            throw reference_data_error(where + "region " + area.region_code + " " + area.region_name +
                                       " does not match an earlier row");
        }
        areas.push_back(std::move(area));
    }
    return areas;
}

const std::vector<local_authority>& local_authorities() {
    static const std::vector<local_authority> parsed = [] {
        for (const embedded_reference_file& file : embedded_reference_files()) {
            if (file.file_name == "local_authorities_england.csv") return parse_local_authorities(file.text);
        }
        throw reference_data_error("local_authorities_england.csv is not compiled in");
    }();
    return parsed;
}

std::string_view reference_name(std::string_view gss_code) {
    static const std::unordered_map<std::string_view, std::string_view> names = [] {
        std::unordered_map<std::string_view, std::string_view> by_code;
        for (const local_authority& area : local_authorities()) {
            by_code.emplace(area.code, area.name);
            by_code.emplace(area.region_code, area.region_name);
        }
        return by_code;
    }();
    const auto found = names.find(gss_code);
    return found == names.end() ? std::string_view{} : found->second;
}

}  // namespace cms::services

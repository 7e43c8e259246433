#include "services/reports/reference_data.hpp"

#include <charconv>
#include <set>

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

}  // namespace

std::vector<local_authority> parse_local_authorities(std::string_view csv_text) {
    std::vector<local_authority> areas;
    std::set<std::string> codes;
    std::size_t line_number = 0;
    while (!csv_text.empty()) {
        const std::size_t end = csv_text.find('\n');
        std::string_view line = csv_text.substr(0, end);
        csv_text = end == std::string_view::npos ? std::string_view{} : csv_text.substr(end + 1);
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) continue;
        const std::vector<std::string> fields = csv_fields(line, line_number);
        const std::string where = "line " + std::to_string(line_number) + ": ";
        if (fields.size() != 3) throw reference_data_error(where + "expected code,name,population");
        if (line_number == 1) {
            if (fields[0] != "code" || fields[1] != "name" || fields[2] != "population") {
                throw reference_data_error(where + "the header must be code,name,population");
            }
            continue;
        }
        local_authority area{fields[0], fields[1], 0};
        const char* last = fields[2].data() + fields[2].size();
        const auto [stopped, error] = std::from_chars(fields[2].data(), last, area.population);
        if (area.code.empty() || area.name.empty()) throw reference_data_error(where + "a code and a name are required");
        if (error != std::errc{} || stopped != last || area.population < 0) {
            throw reference_data_error(where + "population must be a whole number");
        }
        if (!codes.insert(area.code).second) throw reference_data_error(where + "code " + area.code + " is repeated");
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

}  // namespace cms::services

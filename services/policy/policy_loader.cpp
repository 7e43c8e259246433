// Reads calculation_rates.json strictly (see policy_loader.hpp). Field checks live in
// policy_json_reader; this file knows the table's shape and its cross-field rules.
#include "services/policy/policy_loader.hpp"

#include <fstream>
#include <sstream>

#include "services/wire/policy_json_reader.hpp"

namespace cms::services {

namespace {

using nlohmann::json;
using policy_json::location;
using policy_json::object_reader;

// Generous sanity limits: a policy figure outside them is a typo, not a rule.
constexpr std::int64_t max_policy_pence = 100'000'000;   // £1,000,000 a week
constexpr std::int64_t max_bp = 10'000;                  // 100%
constexpr std::int64_t max_nights = 366;

core::basis_points read_bp(const json& value, const location& where) {
    return core::basis_points{policy_json::read_integer(value, where, 0, max_bp)};
}

template <std::size_t N>
std::array<core::basis_points, N> read_bp_array(object_reader& row, const std::string& name) {
    const location where = row.where().at(name);
    const json& values = policy_json::read_array(row.required(name), where, N, N);
    std::array<core::basis_points, N> out{};
    for (std::size_t i = 0; i < N; ++i) out[i] = read_bp(values[i], where.at(i));
    return out;
}

core::fraction read_fraction(const json& value, const location& where) {
    object_reader reader(value, where);
    core::fraction out{reader.integer("numerator", 0, 1000), reader.integer("denominator", 1, 1000)};
    reader.finish();
    if (out.numerator > out.denominator) {
        policy_json::fail(where, "fraction " + std::to_string(out.numerator) + "/" +
                                     std::to_string(out.denominator) + " is more than 1");
    }
    return out;
}

void read_shared_care_bands(object_reader& row, core::calculation_rates& rates) {
    const location where = row.where().at("shared_care_bands");
    const json& bands = policy_json::read_array(row.required("shared_care_bands"), where, 1, 50);
    for (std::size_t i = 0; i < bands.size(); ++i) {
        const location at = where.at(i);
        object_reader band_reader(bands[i], at);
        core::shared_care_band band;
        band.nights_from = static_cast<int>(band_reader.integer("nights_from", 1, max_nights));
        if (const json* to = band_reader.optional("nights_to")) {
            band.nights_to = static_cast<int>(policy_json::read_integer(
                *to, at.at("nights_to"), band.nights_from, max_nights));
        }
        band.reduction = read_fraction(band_reader.required("reduction"), at.at("reduction"));
        band.extra_reduction_per_child =
            band_reader.pence("extra_reduction_per_child_pence", 0, max_policy_pence);
        band_reader.finish();
        if (i > 0) {
            const core::shared_care_band& previous = rates.shared_care_bands.back();
            if (!previous.nights_to) {
                policy_json::fail(at, "follows an open-ended band; only the last band may be open-ended");
            }
            if (band.nights_from != *previous.nights_to + 1) {
                policy_json::fail(at.at("nights_from"),
                                  "band starts at " + std::to_string(band.nights_from) +
                                      " but the previous band ends at " +
                                      std::to_string(*previous.nights_to) +
                                      "; bands must be contiguous and ascending");
            }
            // Cross-multiplied so no division: later bands never take off less.
            if (band.reduction.numerator * previous.reduction.denominator <
                previous.reduction.numerator * band.reduction.denominator) {
                policy_json::fail(at.at("reduction"), "is smaller than the previous band's reduction");
            }
        }
        rates.shared_care_bands.push_back(band);
    }
    if (rates.shared_care_bands.back().nights_to) {
        policy_json::fail(where.at(bands.size() - 1).at("nights_to"),
                          "the last band must be open-ended (null)");
    }
}

void check_income_bands(const core::calculation_rates& rates, const location& row) {
    // nil < flat band <= £100 < reduced band < £200 <= basic <= £800 < basic plus <= cap.
    const auto order = [&](core::money lower, const char* lower_name, core::money upper,
                           const char* upper_name, bool allow_equal) {
        if (upper < lower || (!allow_equal && upper == lower)) {
            policy_json::fail(row.at(upper_name),
                              std::string("must be ") + (allow_equal ? "at least " : "above ") +
                                  lower_name + " (" + std::to_string(lower.pence()) + "), got " +
                                  std::to_string(upper.pence()));
        }
    };
    order(rates.nil_rate_income_below, "nil_rate_income_below_pence", rates.flat_rate_income_up_to,
          "flat_rate_income_up_to_pence", true);
    order(rates.flat_rate_income_up_to, "flat_rate_income_up_to_pence",
          rates.basic_rate_income_from, "basic_rate_income_from_pence", false);
    order(rates.basic_rate_income_from, "basic_rate_income_from_pence",
          rates.basic_plus_income_above, "basic_plus_income_above_pence", true);
    order(rates.basic_plus_income_above, "basic_plus_income_above_pence", rates.income_cap,
          "income_cap_pence", false);
}

core::calculation_rates read_row(const json& value, const location& where) {
    object_reader row(value, where);
    core::calculation_rates rates;
    rates.effective_from = policy_json::read_date(row.required("effective_from"), where.at("effective_from"));
    if (const json* to = row.optional("effective_to")) {
        rates.effective_to = policy_json::read_date(*to, where.at("effective_to"));
        if (date::sys_days{*rates.effective_to} <= date::sys_days{rates.effective_from}) {
            policy_json::fail(where.at("effective_to"),
                              core::format_iso_date(*rates.effective_to) +
                                  " must be after effective_from " +
                                  core::format_iso_date(rates.effective_from) + " (it is exclusive)");
        }
    } else {
        row.required("effective_to");   // present as null: open-ended must be said explicitly
    }
    for (const char* comment : {"comment", "equal_care_comment", "default_rate_comment"}) {
        if (const json* text = row.optional(comment)) policy_json::read_string(*text, where.at(comment));
    }
    rates.nil_rate_income_below = row.pence("nil_rate_income_below_pence", 1, max_policy_pence);
    rates.flat_rate_amount = row.pence("flat_rate_pence", 1, max_policy_pence);
    rates.flat_rate_income_up_to = row.pence("flat_rate_income_up_to_pence", 1, max_policy_pence);
    rates.basic_rate_income_from = row.pence("basic_rate_income_from_pence", 1, max_policy_pence);
    rates.basic_plus_income_above = row.pence("basic_plus_income_above_pence", 1, max_policy_pence);
    rates.income_cap = row.pence("income_cap_pence", 1, max_policy_pence);
    check_income_bands(rates, where);

    const location reduced_at = where.at("reduced_rate_bp");
    const json& reduced = policy_json::read_array(row.required("reduced_rate_bp"), reduced_at, 3, 3);
    for (std::size_t qc = 0; qc < 3; ++qc) {
        const json& columns = policy_json::read_array(reduced[qc], reduced_at.at(qc), 4, 4);
        for (std::size_t roc = 0; roc < 4; ++roc) {
            rates.reduced_rate_percent[qc][roc] = read_bp(columns[roc], reduced_at.at(qc).at(roc));
        }
    }
    rates.basic_rate_percent = read_bp_array<3>(row, "basic_rate_bp");
    rates.basic_plus_rate_percent = read_bp_array<3>(row, "basic_plus_rate_bp");
    rates.relevant_other_children_reduction = read_bp_array<3>(row, "relevant_other_children_reduction_bp");

    read_shared_care_bands(row, rates);
    rates.equal_care_nights_from = static_cast<int>(row.integer(
        "equal_care_nights_from", rates.shared_care_bands.back().nights_from + 1, max_nights));
    rates.benefit_flat_rate_nil_from_nights =
        static_cast<int>(row.integer("benefit_flat_rate_nil_from_nights", 1, max_nights));
    rates.shared_care_floor = row.pence("shared_care_floor_pence", 0, max_policy_pence);

    const location default_at = where.at("default_rate_pence");
    const json& defaults = policy_json::read_array(row.required("default_rate_pence"), default_at, 3, 3);
    for (std::size_t i = 0; i < 3; ++i) {
        rates.default_rate_amount[i] = core::money::from_pence(
            policy_json::read_integer(defaults[i], default_at.at(i), 1, max_policy_pence));
    }
    rates.income_change_tolerance =
        core::basis_points{row.integer("income_change_tolerance_bp", 1, max_bp)};
    row.finish();
    return rates;
}

std::string period_text(const core::calculation_rates& rates) {
    return core::format_iso_date(rates.effective_from) + ".." +
           (rates.effective_to ? core::format_iso_date(*rates.effective_to) : std::string("open"));
}

void check_rows_in_order(const std::vector<core::calculation_rates>& rows, const std::string& file) {
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const core::calculation_rates& previous = rows[i - 1];
        const core::calculation_rates& current = rows[i];
        const location at{file, i + 1, ""};
        const date::sys_days start{current.effective_from};
        if (start <= date::sys_days{previous.effective_from}) {
            policy_json::fail(at, "effective_from " + core::format_iso_date(current.effective_from) +
                                      " is not after row " + std::to_string(i) + "'s " +
                                      core::format_iso_date(previous.effective_from) +
                                      "; rows must be in date order");
        }
        if (!previous.effective_to || start < date::sys_days{*previous.effective_to}) {
            policy_json::fail(at, "effective_from " + core::format_iso_date(current.effective_from) +
                                      " overlaps row " + std::to_string(i) + " (" +
                                      period_text(previous) + ")");
        }
    }
}

}  // namespace

std::vector<core::calculation_rates> parse_calculation_rates(std::string_view json_text,
                                                             std::string_view file_name) {
    const location top{std::string(file_name), 0, ""};
    const json document = policy_json::read_policy_document(json_text, top.file, "calculation_rates");
    const json& rows = document.at("rows");

    std::vector<core::calculation_rates> out;
    out.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        out.push_back(read_row(rows[i], location{top.file, i + 1, ""}));
    }
    check_rows_in_order(out, top.file);
    return out;
}

std::string read_policy_file(const std::filesystem::path& path) {
    std::error_code ignored;
    if (!std::filesystem::exists(path, ignored)) {
        throw policy_load_error(path.string() + ": missing; a policy directory must hold every table (" +
                                path.filename().string() + " is in schemas/policy/)");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw policy_load_error(path.string() + ": cannot open the policy file");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw policy_load_error(path.string() + ": cannot read the policy file");
    return text.str();
}

std::vector<core::calculation_rates> load_calculation_rates_file(const std::filesystem::path& path) {
    return parse_calculation_rates(read_policy_file(path), path.string());
}

}  // namespace cms::services

#include "services/generation/caseload_parameters.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>

#include "core/calculation/status_change.hpp"
#include "services/wire/policy_json_reader.hpp"

namespace cms::services {

namespace {

using policy_json::fail;
using policy_json::location;
using policy_json::object_reader;

std::string with_commas(std::int64_t number) {
    std::string digits = std::to_string(number);
    for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3) {
        digits.insert(static_cast<std::size_t>(at), ",");
    }
    return digits;
}

/// A mix is a whole: its shares add up to exactly 10,000 basis points, so the file reads as
/// shares and a calibration that moves one share must move another.
void require_whole(std::int64_t total_bp, const location& where) {
    if (total_bp != shares_total_bp) {
        fail(where, "the shares add up to " + with_commas(total_bp) + " basis points; they must add up to 10,000");
    }
}

/// Reads an object's optional "comment" (what the figure is and where it comes from).
void read_comment(object_reader& reader) {
    if (const nlohmann::json* comment = reader.optional("comment")) {
        policy_json::read_string(*comment, reader.where().at("comment"));
    }
}

std::int64_t read_bp(object_reader& reader, const std::string& name) { return reader.integer(name, 0, shares_total_bp); }

/// [{"<key>": value, "share_bp": n}, ...] with `read_value` reading each entry's value.
template <typename T, typename Read>
std::vector<share_of<T>> read_mix(const nlohmann::json& value, const location& where, Read read_value) {
    const nlohmann::json& entries = policy_json::read_array(value, where, 1, 20);
    std::vector<share_of<T>> mix;
    std::int64_t total_bp = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        object_reader entry(entries[i], where.at(i));
        share_of<T> item{read_value(entry), read_bp(entry, "share_bp")};
        read_comment(entry);
        entry.finish();
        total_bp += item.share_bp;
        mix.push_back(item);
    }
    require_whole(total_bp, where);
    return mix;
}

std::vector<share_of<int>> read_count_mix(object_reader& parent, const std::string& name, const std::string& key,
                                          int max) {
    const location where = parent.where().at(name);
    auto mix = read_mix<int>(parent.required(name), where, [&](object_reader& entry) {
        return static_cast<int>(entry.integer(key, 1, max));
    });
    for (std::size_t i = 1; i < mix.size(); ++i) {
        if (mix[i].value <= mix[i - 1].value) fail(where.at(i).at(key), "counts must be listed in increasing order");
    }
    return mix;
}

/// {"name": share_bp, ...} under `field` with every name of `names` and no other.
template <typename T, std::size_t N>
std::vector<share_of<T>> read_named_shares(object_reader& parent, const std::array<std::pair<const char*, T>, N>& names,
                                           const std::string& field = "shares_bp") {
    const location where = parent.where().at(field);
    object_reader shares(parent.required(field), where);
    std::vector<share_of<T>> mix;
    std::int64_t total_bp = 0;
    for (const auto& [name, value] : names) {
        mix.push_back({value, read_bp(shares, name)});
        total_bp += mix.back().share_bp;
    }
    shares.finish();
    require_whole(total_bp, where);
    return mix;
}

/// Bands of [from, to] drawn evenly; `exclusive_to` when the file's upper bound is not included.
std::vector<share_of<value_range>> read_bands(object_reader& parent, const std::string& name,
                                              const std::string& from_key, const std::string& to_key,
                                              std::int64_t max, bool exclusive_to) {
    return read_mix<value_range>(parent.required(name), parent.where().at(name), [&](object_reader& entry) {
        value_range read{entry.integer(from_key, 0, max), entry.integer(to_key, 0, max)};
        if (exclusive_to ? read.to <= read.from : read.to < read.from) {
            fail(entry.where().at(to_key), std::string("must be ") + (exclusive_to ? "above " : "at least ") + from_key);
        }
        if (exclusive_to) --read.to;
        return read;
    });
}

/// "<prefix>_min" and "<prefix>_max", each within [low, high], min <= max.
value_range read_range(object_reader& reader, const std::string& prefix, std::int64_t low, std::int64_t high) {
    const value_range range{reader.integer(prefix + "_min", low, high), reader.integer(prefix + "_max", low, high)};
    if (range.to < range.from) fail(reader.where().at(prefix + "_max"), "must be at least " + prefix + "_min");
    return range;
}

/// A behaviour's one parameter range (payer_profile's own limits: check_payer_profile).
void read_parameter_range(object_reader& reader, const std::string& prefix, std::int64_t low, std::int64_t high,
                          behaviour_parameters& into) {
    const value_range range = read_range(reader, prefix, low, high);
    into.low = static_cast<std::int32_t>(range.from);
    into.high = static_cast<std::int32_t>(range.to);
}

void read_behaviours(object_reader& top, caseload_parameters& read) {
    object_reader behaviours(top.required("behaviours"), top.where().at("behaviours"));
    std::int64_t total_bp = 0;
    for (std::size_t i = 0; i < payer_behaviour_count; ++i) {
        const auto behaviour = static_cast<payer_behaviour>(i + 1);
        const std::string name(to_string(behaviour));
        object_reader entry(behaviours.required(name), behaviours.where().at(name));
        behaviour_parameters& into = read.behaviours[i];
        into.share_bp = read_bp(entry, "share_bp");
        total_bp += into.share_bp;
        if (behaviour == payer_behaviour::pays_late) read_parameter_range(entry, "days_late", 1, 90, into);
        if (behaviour == payer_behaviour::pays_part) read_parameter_range(entry, "paid_share_bp", 1, 9'999, into);
        if (behaviour == payer_behaviour::stops_paying) {
            read_parameter_range(entry, "instalments_before_stopping", 0, 1'000, into);
        }
        read_comment(entry);
        entry.finish();
    }
    read_comment(behaviours);
    behaviours.finish();
    require_whole(total_bp, behaviours.where());
}

constexpr std::array<std::pair<const char*, core::payment_frequency>, 4> frequency_names = {{
    {"weekly", core::payment_frequency::weekly},
    {"fortnightly", core::payment_frequency::fortnightly},
    {"four_weekly", core::payment_frequency::four_weekly},
    {"monthly", core::payment_frequency::monthly},
}};

/// The methods a parent chooses; a deduction order from an account is enforcement's, not theirs.
constexpr std::array<std::pair<const char*, core::payment_method>, 7> method_names = {{
    {"direct_debit", core::payment_method::direct_debit},
    {"standing_order", core::payment_method::standing_order},
    {"debit_card", core::payment_method::debit_card},
    {"bank_transfer", core::payment_method::bank_transfer},
    {"cheque", core::payment_method::cheque},
    {"deduction_from_earnings", core::payment_method::deduction_from_earnings},
    {"deduction_from_benefit", core::payment_method::deduction_from_benefit},
}};

void read_income(object_reader& top, caseload_parameters& read) {
    object_reader income(top.required("income"), top.where().at("income"));
    read.nil_rate_bp = read_bp(income, "nil_rate_bp");
    const location reasons_at = income.where().at("nil_rate_reasons");
    read.nil_rate_reasons = read_mix<core::nil_rate_reason>(
        income.required("nil_rate_reasons"), reasons_at, [](object_reader& entry) {
            const location at = entry.where().at("reason");
            const auto reason = core::parse_nil_rate_reason(policy_json::read_string(entry.required("reason"), at));
            if (!reason || *reason == core::nil_rate_reason::none) fail(at, "is not a nil-rate reason");
            return *reason;
        });
    read.flat_rate_benefit_bp = read_bp(income, "flat_rate_benefit_bp");
    if (read.nil_rate_bp + read.flat_rate_benefit_bp > shares_total_bp) {
        fail(income.where().at("flat_rate_benefit_bp"), "with nil_rate_bp, must not exceed 10,000");
    }
    read.gross_weekly_income_pence =
        read_bands(income, "gross_weekly_bands", "from_pence", "to_pence", 100'000'000, true);
    read_comment(income);
    income.finish();
}

void read_people(object_reader& top, caseload_parameters& read) {
    object_reader children(top.required("children_per_case"), top.where().at("children_per_case"));
    read.children_collect_and_pay = read_count_mix(children, "collect_and_pay", "children", 10);
    read.children_direct_pay = read_count_mix(children, "direct_pay", "children", 10);
    read_comment(children);
    children.finish();
    object_reader parents(top.required("parents"), top.where().at("parents"));
    const value_range ages = read_range(parents, "age_at_eldest_child_birth_years", 16, 60);
    read.parent_age_at_eldest_birth_years_min = static_cast<int>(ages.from);
    read.parent_age_at_eldest_birth_years_max = static_cast<int>(ages.to);
    read_comment(parents);
    parents.finish();
    object_reader others(top.required("relevant_other_children"), top.where().at("relevant_other_children"));
    read.relevant_other_children_bp = read_bp(others, "share_bp");
    read.relevant_other_children_counts = read_count_mix(others, "counts", "count", 3);
    read_comment(others);
    others.finish();
    object_reader care(top.required("shared_care"), top.where().at("shared_care"));
    read.shared_care_nights = read_bands(care, "bands", "nights_from", "nights_to", 366, false);
    read_comment(care);
    care.finish();
}

void read_payments(object_reader& top, caseload_parameters& read) {
    object_reader frequency(top.required("payment_frequency"), top.where().at("payment_frequency"));
    read.frequencies = read_named_shares(frequency, frequency_names);
    read_comment(frequency);
    frequency.finish();
    object_reader method(top.required("payment_method"), top.where().at("payment_method"));
    read.methods = read_named_shares(method, method_names);
    // A parent with no account, job or benefit still pays somehow: by card or cheque.
    std::int64_t open_to_anyone_bp = 0;
    for (const auto& item : read.methods) {
        if (item.value == core::payment_method::debit_card || item.value == core::payment_method::cheque) {
            open_to_anyone_bp += item.share_bp;
        }
    }
    if (open_to_anyone_bp == 0) {
        fail(method.where().at("shares_bp"), "debit_card and cheque together must be above 0: any parent can use them");
    }
    read_comment(method);
    method.finish();
    object_reader employment(top.required("employment"), top.where().at("employment"));
    read.employed_bp = read_bp(employment, "employed_bp");
    read.net_earnings_of_gross_bp = read_bp(employment, "net_earnings_of_gross_bp");
    read_comment(employment);
    employment.finish();
    object_reader account(top.required("bank_account"), top.where().at("bank_account"));
    read.bank_account_bp = read_bp(account, "has_account_bp");
    read_comment(account);
    account.finish();
}

constexpr std::array<std::pair<const char*, closure_cause>, 4> closure_cause_names = {{
    {"receiving_parent_asked", closure_cause::receiving_parent_asked},
    {"parents_live_together", closure_cause::parents_live_together},
    {"paying_parent_died", closure_cause::paying_parent_died},
    {"receiving_parent_died", closure_cause::receiving_parent_died},
}};

/// The write-offs of an open case; the others follow a closure (a death, a small balance).
constexpr std::array<std::pair<const char*, core::write_off_reason>, 2> open_case_write_off_names = {{
    {"receiving_parent_asked_to_stop", core::write_off_reason::receiving_parent_asked_to_stop},
    {"paying_parent_told_no_further_action", core::write_off_reason::paying_parent_told_no_further_action},
}};

void read_case_events(object_reader& top, caseload_parameters& read) {
    object_reader events(top.required("case_events"), top.where().at("case_events"));
    case_event_parameters& into = read.events;
    into.closure_per_year_bp = read_bp(events, "closure_per_year_bp");
    into.closure_causes = read_named_shares(events, closure_cause_names, "closure_causes_bp");
    into.write_off_per_year_bp = read_bp(events, "write_off_per_year_bp");
    into.write_off_reasons = read_named_shares(events, open_case_write_off_names, "write_off_reasons_bp");
    into.to_direct_pay_per_year_bp = read_bp(events, "to_direct_pay_per_year_bp");
    into.to_direct_pay_paying_days_min = events.integer("to_direct_pay_paying_days_min", 0, 3'650);
    into.non_payment_reported_per_year_bp = read_bp(events, "non_payment_reported_per_year_bp");
    read_comment(events);
    events.finish();
}

}  // namespace

caseload_parameters parse_caseload_parameters(std::string_view json_text, const std::string& source) {
    const location top_at{source, 0, ""};
    const nlohmann::json document = policy_json::parse_document(json_text, source);
    object_reader top(document, top_at);
    policy_json::read_header(top);
    if (policy_json::read_string(top.required("parameters"), top_at.at("parameters")) != "caseload") {
        fail(top_at.at("parameters"), "expected \"caseload\"");
    }
    caseload_parameters read;
    read.source = source;
    object_reader opening(top.required("opening"), top_at.at("opening"));
    // Under 16 years, so a child under 16 on --start can always be born before the case opens.
    read.opened_span_days = opening.integer("span_days", 1, 3'650);
    read_comment(opening);
    opening.finish();
    object_reader service(top.required("service"), top_at.at("service"));
    read.collect_and_pay_bp = read_bp(service, "collect_and_pay_bp");
    read_comment(service);
    service.finish();
    read_people(top, read);
    read_income(top, read);
    read_payments(top, read);
    read_behaviours(top, read);
    object_reader enforcement(top.required("enforcement"), top_at.at("enforcement"));
    read.deduction_order_fails_bp = read_bp(enforcement, "deduction_order_fails_bp");
    read_comment(enforcement);
    enforcement.finish();
    read_case_events(top, read);
    top.finish();
    return read;
}

caseload_parameters embedded_caseload_parameters() {
    for (const embedded_policy_file& file : embedded_calibration_files()) {
        if (file.file_name == caseload_parameters_file_name) {
            return parse_caseload_parameters(file.json_text, "built-in " + std::string(caseload_parameters_file_name));
        }
    }
    throw policy_load_error(std::string(caseload_parameters_file_name) + ": not built into this program");
}

caseload_parameters parameters_or_embedded(const std::optional<caseload_parameters>& parameters) {
    return parameters ? *parameters : embedded_caseload_parameters();
}

caseload_parameters load_caseload_parameters_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw policy_load_error(path.string() + ": cannot open the parameter file");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw policy_load_error(path.string() + ": cannot read the parameter file");
    return parse_caseload_parameters(text, path.string());
}

}  // namespace cms::services

#include "services/policy/enforcement_policy_loader.hpp"

#include "services/policy/policy_tables.hpp"
#include "services/wire/policy_json_reader.hpp"

namespace cms::services {

using policy_json::location;
using policy_json::object_reader;

namespace {

constexpr std::int64_t days_max = 3'650;
constexpr std::int64_t pence_max = 10'000'000;

template <typename Value, typename Parse>
std::vector<Value> read_names(object_reader& row, const std::string& field, Parse parse, std::string_view what) {
    std::vector<Value> out;
    const nlohmann::json* list = row.optional(field);
    if (!list) return out;
    const location where = row.where().at(field);
    const nlohmann::json& items = policy_json::read_array(*list, where, 0, 16);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string name = policy_json::read_string(items[i], where.at(i));
        const auto value = parse(name);
        if (!value) policy_json::fail(where.at(i), "\"" + name + "\" is not " + std::string(what));
        out.push_back(*value);
    }
    return out;
}

bool read_flag(object_reader& row, const std::string& field) {
    const nlohmann::json* value = row.optional(field);
    if (!value) return false;
    if (!value->is_boolean()) policy_json::fail(row.where().at(field), "must be true or false");
    return value->get<bool>();
}

}  // namespace

core::enforcement_ladder parse_enforcement_ladder(std::string_view json_text, std::string_view file_name) {
    const std::string file(file_name);
    const nlohmann::json document = policy_json::read_policy_document(json_text, file, "enforcement_ladder");
    const nlohmann::json& rows = document.at("rows");
    core::enforcement_ladder ladder;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const location where{file, i + 1, ""};
        object_reader row(rows[i], where);
        core::ladder_step_rule rule;
        rule.effective_from = policy_json::read_date(row.required("effective_from"), where.at("effective_from"));
        const std::string step = policy_json::read_string(row.required("step"), where.at("step"));
        const auto known = core::parse_enforcement_step(step);
        if (!known) policy_json::fail(where.at("step"), "\"" + step + "\" is not a step of the ladder");
        rule.step = *known;
        (void)row.required("preconditions");
        rule.preconditions = read_names<core::ladder_precondition>(row, "preconditions", core::parse_ladder_precondition,
                                                                    "a precondition");
        rule.after_one_of = read_names<core::enforcement_step>(row, "after_one_of", core::parse_enforcement_step, "a step");
        rule.never_with = read_names<core::enforcement_step>(row, "never_with", core::parse_enforcement_step, "a step");
        if (row.optional("min_days_after_previous")) rule.min_days_after_previous = row.integer("min_days_after_previous", 0, days_max);
        rule.court = read_flag(row, "court");
        if (row.optional("court_lead_days")) rule.court_lead_days = row.integer("court_lead_days", 0, days_max);
        rule.charge = row.pence("charge_pence", 0, pence_max);
        if (row.optional("deduction_max_of_income_bp")) {
            rule.deduction_max_share = core::basis_points{row.integer("deduction_max_of_income_bp", 1, 10'000)};
        }
        if (row.optional("account_floor_monthly_pence")) rule.account_floor_monthly = row.pence("account_floor_monthly_pence", 0, pence_max);
        if (row.optional("account_floor_weekly_pence")) rule.account_floor_weekly = row.pence("account_floor_weekly_pence", 0, pence_max);
        if (row.optional("duration_days_max")) rule.duration_days_max = row.integer("duration_days_max", 0, days_max);
        rule.needs_court_finding = read_flag(row, "needs_court_finding");
        if (const nlohmann::json* comment = row.optional("comment")) policy_json::read_string(*comment, where.at("comment"));
        row.finish();
        ladder.rows.push_back(std::move(rule));
    }
    const core::ladder_check check = core::validate_ladder(ladder);
    if (!check.ok) policy_json::fail(location{file, check.row + 1, ""}, std::string(check.problem));
    return ladder;
}

core::enforcement_ladder load_enforcement_ladder(const std::optional<std::filesystem::path>& policy_dir) {
    const auto [text, name] = policy_file_text(policy_dir, std::nullopt, "enforcement_ladder.json");
    return parse_enforcement_ladder(text, name);
}

std::vector<core::missed_payment_policy> parse_missed_payment_policy(std::string_view json_text, std::string_view file_name) {
    const std::string file(file_name);
    const nlohmann::json document = policy_json::read_policy_document(json_text, file, "missed_payments");
    const nlohmann::json& rows = document.at("rows");
    std::vector<core::missed_payment_policy> out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const location where{file, i + 1, ""};
        object_reader row(rows[i], where);
        core::missed_payment_policy parsed;
        parsed.effective_from = policy_json::read_date(row.required("effective_from"), where.at("effective_from"));
        parsed.grace_days = row.integer("grace_days", 0, 366);
        parsed.proposal_after_days = row.integer("proposal_after_days", 0, 366);
        parsed.compliant_instalments = row.integer("compliant_instalments", 1, 52);
        parsed.agreement_income_share_max =
            core::basis_points{row.integer("agreement_income_share_max_bp", 1, 10'000)};
        if (const nlohmann::json* comment = row.optional("comment")) policy_json::read_string(*comment, where.at("comment"));
        row.finish();
        if (!out.empty() && !(out.back().effective_from < parsed.effective_from)) {
            policy_json::fail(where.at("effective_from"), "must be after row " + std::to_string(i) + "'s");
        }
        out.push_back(parsed);
    }
    if (!core::valid_missed_payment_policy(out)) policy_json::fail(location{file, 0, "rows"}, "is not a valid policy");
    return out;
}

std::vector<core::missed_payment_policy> load_missed_payment_policy(const std::optional<std::filesystem::path>& policy_dir) {
    const auto [text, name] = policy_file_text(policy_dir, std::nullopt, "missed_payments.json");
    return parse_missed_payment_policy(text, name);
}

std::vector<core::penalty_rule> parse_penalty_rules(std::string_view json_text, std::string_view file_name) {
    const std::string file(file_name);
    const nlohmann::json document = policy_json::read_policy_document(json_text, file, "penalties");
    const nlohmann::json& rows = document.at("rows");
    std::vector<core::penalty_rule> out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const location where{file, i + 1, ""};
        object_reader row(rows[i], where);
        core::penalty_rule rule;
        const std::string kind = policy_json::read_string(row.required("kind"), where.at("kind"));
        const auto known = core::parse_penalty_kind(kind);
        if (!known) policy_json::fail(where.at("kind"), "\"" + kind + "\" is not a kind of penalty");
        rule.kind = *known;
        rule.effective_from = policy_json::read_date(row.required("effective_from"), where.at("effective_from"));
        if (row.optional("amount_max_pence")) rule.amount_max = row.pence("amount_max_pence", 1, pence_max);
        if (row.optional("amount_fixed_pence")) rule.amount_fixed = row.pence("amount_fixed_pence", 1, pence_max);
        if (row.optional("weekly_maintenance_share_per_week_bp")) {
            rule.weekly_maintenance_share_per_week =
                core::basis_points{row.integer("weekly_maintenance_share_per_week_bp", 1, 10'000)};
        }
        (void)row.required("applies_to_2012_scheme");
        rule.applies_to_2012_scheme = read_flag(row, "applies_to_2012_scheme");
        if (const nlohmann::json* comment = row.optional("comment")) policy_json::read_string(*comment, where.at("comment"));
        row.finish();
        out.push_back(rule);
    }
    if (!core::valid_penalty_rules(out)) {
        policy_json::fail(location{file, 0, "rows"},
                          "each row needs exactly one amount, and a kind's rows must start on increasing dates");
    }
    return out;
}

std::vector<core::penalty_rule> load_penalty_rules(const std::optional<std::filesystem::path>& policy_dir) {
    const auto [text, name] = policy_file_text(policy_dir, std::nullopt, "penalties.json");
    return parse_penalty_rules(text, name);
}

std::vector<core::court_outcome_row> parse_court_outcomes(std::string_view json_text, std::string_view file_name) {
    const std::string file(file_name);
    const nlohmann::json document = policy_json::read_policy_document(json_text, file, "court_outcomes");
    const nlohmann::json& rows = document.at("rows");
    std::vector<core::court_outcome_row> out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const location where{file, i + 1, ""};
        object_reader row(rows[i], where);
        core::court_outcome_row parsed;
        const std::string step = policy_json::read_string(row.required("step"), where.at("step"));
        const auto known = core::parse_enforcement_step(step);
        if (!known) policy_json::fail(where.at("step"), "\"" + step + "\" is not a step of the ladder");
        parsed.step = *known;
        parsed.effective_from = policy_json::read_date(row.required("effective_from"), where.at("effective_from"));
        parsed.granted_share = core::basis_points{row.integer("granted_share_bp", 0, 10'000)};
        parsed.wilful_refusal_share = core::basis_points{row.integer("wilful_refusal_share_bp", 0, 10'000)};
        if (const nlohmann::json* comment = row.optional("comment")) policy_json::read_string(*comment, where.at("comment"));
        row.finish();
        out.push_back(parsed);
    }
    if (!core::valid_court_outcome_rows(out)) {
        policy_json::fail(location{file, 0, "rows"}, "a step's rows must start on increasing dates");
    }
    return out;
}

std::vector<core::court_outcome_row> load_court_outcomes(const std::optional<std::filesystem::path>& policy_dir) {
    const auto [text, name] = policy_file_text(policy_dir, std::nullopt, "court_outcomes.json");
    return parse_court_outcomes(text, name);
}

}  // namespace cms::services

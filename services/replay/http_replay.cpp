#include "services/replay/http_replay.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

#include "core/enforcement/action.hpp"
#include "core/enforcement/arrears_agreement.hpp"
#include "core/enforcement/escalation.hpp"
#include "core/ledger/ledger.hpp"
#include "services/cases/case_service.hpp"
#include "services/http/http_client.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/replay/scenario_report.hpp"
#include "services/wire/json_fields.hpp"

namespace cms::services {

namespace {

constexpr std::string_view problem_prefix = "urn:cms:problem:";

/// The route of a command step, its URL's ids filled in (services/http/*_routes.cpp).
std::string target_of(const command_step& step) {
    const std::string case_path = step.for_case ? "/v1/cases/" + std::to_string(step.for_case->value) : "";
    const std::string action_path =
        case_path + "/enforcement-actions/" + (step.action_id ? std::to_string(*step.action_id) : "");
    const std::string request_path = "/v1/approvals/" + (step.request_id ? std::to_string(*step.request_id) : "");
    switch (step.command) {
        case scenario_command::register_parent: return "/v1/parents";
        case scenario_command::open_case: return "/v1/cases";
        case scenario_command::record_payment: return case_path + "/payments";
        case scenario_command::record_income: return case_path + "/income";
        case scenario_command::record_shared_care: return case_path + "/shared-care";
        case scenario_command::reverse_payment: return "/v1/payments/" + std::to_string(step.payment->value) + "/reversal";
        case scenario_command::record_parent_payment:
            return "/v1/parents/" + std::to_string(step.paying_parent->value) + "/payments";
        case scenario_command::close_case: return case_path + "/closure";
        case scenario_command::apply_enforcement: return case_path + "/enforcement-actions";
        case scenario_command::record_enforcement_event: return action_path + "/events";
        case scenario_command::record_warning_notice: return case_path + "/warning-notices";
        case scenario_command::switch_service: return case_path + "/service-type";
        case scenario_command::make_arrears_agreement: return case_path + "/arrears-agreements";
        case scenario_command::record_deduction: return action_path + "/deductions";
        case scenario_command::impose_penalty: return case_path + "/penalties";
        case scenario_command::request_write_off: return case_path + "/write-offs";
        case scenario_command::request_part_payment: return case_path + "/part-payments";
        case scenario_command::approve_request: return request_path + "/approve";
        case scenario_command::reject_request: return request_path + "/reject";
    }
    return "/";
}

/// The body of an answer the replay needs, or a replay_backend_error saying what came instead.
nlohmann::json expect_ok(const http_reply& reply, const std::string& what) {
    if (reply.status != 200) {
        throw replay_backend_error(what + ": the server answered " + std::to_string(reply.status) + " " + reply.body);
    }
    return reply.json();
}

std::int64_t account_balance(const nlohmann::json& accounts, std::string_view account, std::optional<std::int64_t> slot) {
    std::int64_t total = 0;
    for (const auto& entry : accounts) {
        if (entry.at("account").get<std::string>() != account) continue;
        if (slot && entry.value("receiving_parent_slot", std::int64_t{0}) != *slot) continue;
        total += entry.at("balance_pence").get<std::int64_t>();
    }
    return total;
}

/// The balance route's figures, named as an expectation names them (actual_figure's in process).
void put_balance_figures(const nlohmann::json& balance, std::map<std::string, std::int64_t, std::less<>>& figures) {
    for (const char* name : {"due_pence", "due_today_pence", "paid_pence", "credit_pence", "ledger_balance_pence"}) {
        figures[name] = balance.at(name).get<std::int64_t>();
    }
    const nlohmann::json& accounts = balance.at("accounts");
    using core::account_kind;
    figures["paid_out_pence"] = account_balance(accounts, core::to_string(account_kind::cash_paid_out), 0);
    figures["recoverable_pence"] =
        account_balance(accounts, core::to_string(account_kind::recoverable_from_receiving_parent), std::nullopt);
    figures["penalties_due_pence"] = account_balance(accounts, core::to_string(account_kind::penalties_due), 0);
    figures["enforcement_charges_due_pence"] =
        account_balance(accounts, core::to_string(account_kind::enforcement_charges_due), 0);
    figures["held_for_receiving_parents_pence"] =
        account_balance(accounts, core::to_string(account_kind::owed_to_receiving_parent), std::nullopt) -
        account_balance(accounts, core::to_string(account_kind::maintenance_due), std::nullopt);
    const nlohmann::json& arrears = balance.at("arrears");
    if (arrears.is_null()) return;
    figures["arrears_pence"] = arrears.at("arrears_pence").get<std::int64_t>();
    figures["maintenance_arrears_pence"] = arrears.at("maintenance_pence").get<std::int64_t>();
    figures["state_arrears_pence"] = arrears.at("owed_to_state_pence").get<std::int64_t>();
    figures["days_overdue"] = arrears.at("days_overdue").get<std::int64_t>();
}

/// The enforcement list's counts and each action's status.
void put_enforcement_facts(const nlohmann::json& listed, expectation_facts& facts) {
    std::int64_t proposed = 0;
    std::int64_t in_force = 0;
    for (const auto& action : listed.at("actions")) {
        const std::string status = action.at("status").get<std::string>();
        facts.actions.emplace_back(action.at("action_id").get<std::int64_t>(), status);
        const auto parsed = core::parse_action_status(status);
        if (parsed == core::action_status::proposed) ++proposed;
        if (parsed && core::in_force(*parsed)) ++in_force;
    }
    std::int64_t active = 0;
    std::int64_t broken = 0;
    for (const auto& agreement : listed.at("arrears_agreements")) {
        const std::string status = agreement.at("status").get<std::string>();
        if (status == core::to_string(core::arrears_agreement_status::active)) ++active;
        if (status == core::to_string(core::arrears_agreement_status::broken)) ++broken;
    }
    std::int64_t employer_notices = 0;
    for (const auto& notice : listed.at("notices")) {
        if (notice.at("kind").get<std::string>() == core::to_string(core::case_notice::employer_deduction_missed)) {
            ++employer_notices;
        }
    }
    facts.figures["missed_payments"] = static_cast<std::int64_t>(listed.at("missed_payments").size());
    facts.figures["proposed_actions"] = proposed;
    facts.figures["actions_in_force"] = in_force;
    facts.figures["active_arrears_agreements"] = active;
    facts.figures["broken_arrears_agreements"] = broken;
    facts.figures["employer_deduction_notices"] = employer_notices;
}

}  // namespace

replay_tokens parse_replay_tokens(std::string_view json_text) {
    nlohmann::json parsed;
    try {
        parsed = nlohmann::json::parse(json_text);
    } catch (const nlohmann::json::exception&) {
        throw field_error("", "is not JSON");
    }
    if (!parsed.is_object()) throw field_error("", "must be an object");
    json_fields fields(parsed, "");
    replay_tokens tokens;
    tokens.batch = fields.required_text("batch", 200);
    const nlohmann::json* actors = fields.optional_object("actors");
    if (actors == nullptr) throw field_error("actors", "is required");
    fields.refuse_unknown_fields();
    for (const auto& [name, token] : actors->items()) {
        if (!token.is_string() || token.get<std::string>().empty()) throw field_error("actors." + name, "must be a token");
        tokens.actors[name] = token.get<std::string>();
    }
    return tokens;
}

std::optional<server_address> parse_server_url(std::string_view url) {
    constexpr std::string_view scheme = "http://";
    if (!url.starts_with(scheme)) return std::nullopt;
    url.remove_prefix(scheme.size());
    if (url.ends_with('/')) url.remove_suffix(1);
    const auto colon = url.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    const std::string_view digits = url.substr(colon + 1);
    unsigned port = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (error != std::errc{} || end != digits.data() + digits.size() || port == 0 || port > 65'535) return std::nullopt;
    return server_address{std::string(url.substr(0, colon)), static_cast<std::uint16_t>(port)};
}

std::vector<std::string> actors_of(const scenario& played, const std::string& default_actor) {
    std::vector<std::string> actors;
    for (const scenario_step& step : played.steps) {
        if (const auto* command = std::get_if<command_step>(&step.action)) {
            actors.push_back(command->actor.value_or(default_actor));
        }
    }
    std::sort(actors.begin(), actors.end());
    actors.erase(std::unique(actors.begin(), actors.end()), actors.end());
    return actors;
}

http_replay_backend::http_replay_backend(server_address server, replay_tokens tokens)
    : server_(std::move(server)), tokens_(std::move(tokens)) {}
http_replay_backend::~http_replay_backend() = default;

std::string http_replay_backend::reader() const {
    // The replay's own actor, who sends every step that names none; else any actor given.
    if (tokens_.actors.contains("replay") || tokens_.actors.empty()) return "replay";
    return tokens_.actors.begin()->first;
}

http_client& http_replay_backend::client_of(const std::string& actor) {
    const auto known = clients_.find(actor);
    if (known != clients_.end()) return *known->second;
    std::string token;
    if (actor == "batch role") {
        token = tokens_.batch;
    } else {
        const auto given = tokens_.actors.find(actor);
        if (given == tokens_.actors.end()) throw replay_backend_error("the tokens file has no token for actor " + actor);
        token = given->second;
    }
    auto client = std::make_unique<http_client>(server_.host, server_.port, token);
    return *clients_.emplace(actor, std::move(client)).first->second;
}

void http_replay_backend::set_business_date(core::civil_date day) {
    const std::string date = core::format_iso_date(day);
    // One key per date: a rerun, or a second scenario reaching a date the first reached, is
    // answered from the journal without moving anything.
    const http_reply reply = client_of("batch role").post("/v1/clock", nlohmann::json{{"business_date", date}}.dump(),
                                                          {{"Idempotency-Key", "replay-clock-" + date}});
    if (reply.status / 100 != 2) {
        throw replay_backend_error("the server's business date cannot move to " + date + ": it answered " +
                                   std::to_string(reply.status) + " " + reply.body);
    }
}

std::vector<scheduled_job_result> http_replay_backend::run_daily_tick(core::civil_date day) {
    const std::string date = core::format_iso_date(day);
    const nlohmann::json ticked = expect_ok(
        client_of("batch role").post("/v1/jobs", nlohmann::json{{"kind", "scheduled_tick"}}.dump(),
                                     {{"Idempotency-Key", "replay-tick-" + date}}),
        "the scheduler's tick on " + date);
    std::vector<scheduled_job_result> ran;
    for (const auto& job : ticked.at("jobs")) {
        const auto through = core::parse_iso_date(job.at("through").get<std::string>());
        if (!through) throw replay_backend_error("the tick on " + date + " answered a job without a date");
        ran.push_back({day, job.at("job").get<std::string>(), *through, job.at("passed").get<bool>(),
                       job.at("detail").get<std::string>()});
    }
    return ran;
}

command_answer http_replay_backend::send_command(const command_step& step, const std::string& actor) {
    const http_reply reply = client_of(actor).post(target_of(step), step.body_json, {{"Idempotency-Key", step.key}});
    command_answer answered;
    answered.status = reply.status;
    if (reply.status / 100 == 2) {
        answered.created_id = id_created_in(reply.body);
        return answered;
    }
    const nlohmann::json problem = nlohmann::json::parse(reply.body, nullptr, false);
    if (!problem.is_object()) {
        answered.detail = reply.body;
        return answered;
    }
    answered.detail = problem.value("detail", std::string());
    answered.field = problem.value("field", std::string());
    const std::string type = problem.value("type", std::string());
    answered.problem_type = type.starts_with(problem_prefix) ? type.substr(problem_prefix.size()) : type;
    return answered;
}

job_in_place_result http_replay_backend::run_job(const job_step& step, const std::string&) {
    const std::string kind(to_string(in_place_kind_of(step.job)));
    const std::string through = core::format_iso_date(step.through);
    nlohmann::json body = {{"kind", kind}, {"through", through}, {"in_place", true}};
    if (step.job == scenario_job::court_outcomes) body["seed"] = step.seed;
    // The court decisions are journaled as the batch user who runs them, not as the step's actor.
    const http_reply reply =
        client_of("batch role").post("/v1/jobs", body.dump(), {{"Idempotency-Key", "replay-" + kind + "-" + through}});
    if (reply.status != 200) return {false, "the server answered " + std::to_string(reply.status) + " " + reply.body};
    const nlohmann::json done = reply.json();
    return {done.at("passed").get<bool>(), done.at("detail").get<std::string>()};
}

expectation_facts http_replay_backend::read_expectation_facts(const expectation_step& step, core::case_id for_case) {
    http_client& client = client_of(reader());
    const std::string path = "/v1/cases/" + std::to_string(for_case.value);
    expectation_facts facts;
    const http_reply balance = client.get(path + "/balance?as_of=" + core::format_iso_date(step.as_of));
    if (balance.status == 404) return facts;
    facts.case_found = true;
    put_balance_figures(expect_ok(balance, path + "/balance"), facts.figures);
    // The amount in force on as_of: the last calculation that had started by then, and nothing
    // from the day a closure took effect (the liability ends there).
    const nlohmann::json calculation = expect_ok(client.get(path + "/calculation"), path + "/calculation");
    for (const auto& period : calculation.at("history")) {
        const auto from = core::parse_iso_date(period.at("effective_from").get<std::string>());
        if (from && !(step.as_of < *from)) facts.figures["weekly_amount_pence"] = period.at("weekly_amount_pence").get<std::int64_t>();
    }
    const nlohmann::json details = expect_ok(client.get(path), path);
    if (details.contains("closure") && details["closure"].is_object()) {
        const auto closed = core::parse_iso_date(details["closure"].at("effective_date").get<std::string>());
        if (closed && !(step.as_of < *closed) && facts.figures.contains("weekly_amount_pence")) {
            facts.figures["weekly_amount_pence"] = 0;
        }
    }
    put_enforcement_facts(expect_ok(client.get(path + "/enforcement-actions"), path + "/enforcement-actions"), facts);
    if (step.statement_line) {
        const std::string day = core::format_iso_date(step.statement_line->business_date);
        const nlohmann::json statement =
            expect_ok(client.get(path + "/statement?from=" + day + "&to=" + day + "&page_size=" +
                                 std::to_string(statement_page_size_max)),
                      path + "/statement");
        for (const auto& line : statement.at("lines")) {
            facts.statement_legs.emplace_back(line.at("code").get<std::string>(), line.at("amount_pence").get<std::int64_t>());
        }
    }
    if (step.disbursement) {
        const nlohmann::json paid = expect_ok(
            client.get(path + "/disbursements?limit=" + std::to_string(listing_page_size_max)), path + "/disbursements");
        for (const auto& row : paid.at("disbursements")) {
            const auto on = core::parse_iso_date(row.at("paid_on").get<std::string>());
            if (on) facts.disbursements.emplace_back(*on, row.at("paid_pence").get<std::int64_t>());
        }
    }
    return facts;
}

std::string http_replay_backend::read_case_reports(core::civil_date business_date, const std::vector<core::case_id>& cases) {
    http_client& client = client_of(reader());
    nlohmann::json reported = nlohmann::json::array();
    for (const core::case_id id : cases) {
        std::vector<std::string> bodies;
        // Refusals too: the in-process report carries a refused read's problem body as well.
        for (const std::string& target : case_report_targets(id, business_date)) bodies.push_back(client.get(target).body);
        reported.push_back(nlohmann::json::parse(case_report_entry(id, bodies)));
    }
    return reported.dump();
}

void http_replay_backend::restart(core::civil_date) {
    throw replay_backend_error("a replay against a server cannot restart it: restarts are for in-process replays");
}

}  // namespace cms::services

#include "cms/services/case_service.hpp"

#include <SQLiteCpp/Transaction.h>
#include <spdlog/spdlog.h>

#include "cms/persistence/case_store.hpp"
#include "cms/persistence/journal_store.hpp"
#include "cms/services/case_views.hpp"
#include "cms/services/command_parsing.hpp"
#include "cms/services/idempotency.hpp"
#include "cms/services/json_fields.hpp"

namespace cms::services {

namespace {

/// Thrown inside writer work to refuse a command: the savepoint rolls back whatever was
/// written, so a refusal leaves no journal entry and no rows.
struct refused_command {
    command_outcome outcome;
};

[[noreturn]] void refuse(const core::rejection& why) { throw refused_command{problem_from_rejection(why)}; }

command_outcome outcome_of_failure(std::exception_ptr failure, const std::string& command_type) {
    try {
        std::rethrow_exception(failure);
    } catch (const refused_command& refused) {
        return refused.outcome;
    } catch (const std::exception& error) {
        // Log the cause for operators; never send internal detail (paths, SQL) to the client.
        spdlog::error("command {} failed: {}", command_type, error.what());
    } catch (...) {
        spdlog::error("command {} failed with a non-standard exception", command_type);
    }
    return make_problem(500, "internal", "Internal error",
                        "the command was not recorded; it is safe to retry with the same key");
}

command_outcome replay_or_conflict(const persistence::recorded_command& recorded,
                                   const std::string& command_type,
                                   const nlohmann::json& canonical_request) {
    if (recorded.entry.command_type != command_type) {
        return make_problem(409, "idempotency-key-reused", "Idempotency key reused",
                            "this key was already used for a " + recorded.entry.command_type +
                                " command",
                            "Idempotency-Key");
    }
    const auto differing = first_differing_field(nlohmann::json::parse(recorded.entry.request_json),
                                                 canonical_request);
    if (differing) {
        return make_problem(409, "idempotency-key-reused", "Idempotency key reused",
                            "this key was already used with a different value of " + *differing,
                            *differing);
    }
    return command_outcome{recorded.status_code, nlohmann::json::parse(recorded.response_json)};
}

}  // namespace

case_service::case_service(persistence::writer& writer, persistence::read_pool& readers,
                           const business_clock& clock, core::case_limits limits)
    : writer_(writer), readers_(readers), clock_(clock), limits_(limits) {}

void case_service::submit(const std::string& command_type, nlohmann::json canonical_request,
                          const command_context& context, apply_function apply,
                          outcome_callback done) {
    const core::civil_date business_date = clock_.today();
    auto result = std::make_shared<command_outcome>();
    auto work = [=, this, request = canonical_request](SQLite::Database& database) {
        if (auto recorded = persistence::find_command_by_key(database, context.idempotency_key)) {
            *result = replay_or_conflict(*recorded, command_type, request);
            return;
        }
        persistence::journal_entry entry{context.idempotency_key, command_type, context.actor,
                                         core::format_iso_date(business_date), request.dump()};
        const core::command_id id = persistence::append_command(database, entry);
        *result = apply(database, id);
        persistence::record_command_outcome(database, id, result->status, result->body.dump());
    };
    auto finish = [result, done, command_type](std::exception_ptr failure) {
        done(failure ? outcome_of_failure(failure, command_type) : std::move(*result));
    };
    if (!writer_.submit(std::move(work), std::move(finish))) {
        done(make_problem(503, "overloaded", "Service overloaded",
                          "too many commands are waiting to be written; retry with the same key"));
    }
}

void case_service::register_parent(const nlohmann::json& body, const command_context& context,
                                   outcome_callback done) {
    const core::new_parent parent = parse_register_parent(body, limits_);
    const core::case_limits limits = limits_;
    const core::civil_date business_date = clock_.today();
    // Rules are checked inside the writer, after the key lookup, so a repeat of an accepted
    // command is answered from the journal even if the rules or date have moved on since.
    submit("register_parent", body, context,
           [parent, limits, business_date](SQLite::Database& database, core::command_id cause) {
               if (auto bad = core::check_new_parent(parent, business_date, limits)) refuse(*bad);
               const core::parent_id id = persistence::insert_parent(database, parent, cause);
               return command_outcome{201, parent_view(core::parent_record{id, parent})};
           },
           std::move(done));
}

void case_service::open_case(const nlohmann::json& body, const command_context& context,
                             outcome_callback done) {
    const core::new_case opened = parse_open_case(body, limits_);
    const core::case_limits limits = limits_;
    const core::civil_date business_date = clock_.today();
    submit("open_case", body, context,
           [opened, limits, business_date](SQLite::Database& database, core::command_id cause) {
               const auto paying = persistence::find_parent(database, opened.paying_parent);
               if (!paying) refuse({core::rejection_code::not_found, "paying_parent_id", "does not exist"});
               const auto receiving = persistence::find_parent(database, opened.receiving_parent);
               if (!receiving) refuse({core::rejection_code::not_found, "receiving_parent_id", "does not exist"});
               if (auto bad = core::check_new_case(opened, *paying, *receiving, business_date, limits)) refuse(*bad);
               const core::case_id id = persistence::insert_case(database, opened, business_date, cause);
               // Read back what was stored, so the answer shows the defaults the store applied.
               const auto record = persistence::find_case(database, id);
               return command_outcome{201, case_view(*record, *paying, *receiving, {})};
           },
           std::move(done));
}

void case_service::record_payment(core::case_id for_case, const nlohmann::json& body,
                                  const command_context& context, outcome_callback done) {
    const core::new_payment payment = parse_record_payment(body, for_case, limits_);
    nlohmann::json canonical = body;
    canonical["case_id"] = for_case.value;  // the same key for another case is a different command
    const core::case_limits limits = limits_;
    const core::civil_date business_date = clock_.today();
    submit("record_payment", std::move(canonical), context,
           [payment, limits, business_date](SQLite::Database& database, core::command_id cause) {
               const auto target = persistence::find_case(database, payment.for_case);
               if (!target) refuse({core::rejection_code::not_found, "case_id", "does not exist"});
               if (auto bad = core::check_new_payment(payment, *target, business_date, limits)) refuse(*bad);
               const core::payment_id id = persistence::insert_payment(database, payment, cause);
               return command_outcome{201, payment_view(persistence::payment_row{id, payment})};
           },
           std::move(done));
}

command_outcome case_service::get_parent(core::parent_id id) {
    auto connection = readers_.borrow();
    const auto parent = persistence::find_parent(*connection, id);
    if (!parent) return make_problem(404, "not-found", "Not found", "no parent with this id", "parent_id");
    return command_outcome{200, parent_view(*parent)};
}

command_outcome case_service::get_case(core::case_id id) {
    auto connection = readers_.borrow();
    // One read transaction so the case, its parents and payments are one consistent snapshot.
    SQLite::Transaction snapshot(*connection, SQLite::TransactionBehavior::DEFERRED);
    const auto record = persistence::find_case(*connection, id);
    if (!record) return make_problem(404, "not-found", "Not found", "no case with this id", "case_id");
    const auto paying = persistence::find_parent(*connection, record->details.paying_parent);
    const auto receiving = persistence::find_parent(*connection, record->details.receiving_parent);
    if (!paying || !receiving) throw std::runtime_error("case refers to a missing parent");
    const auto payments = persistence::list_payments(*connection, id);
    return command_outcome{200, case_view(*record, *paying, *receiving, payments)};
}

}  // namespace cms::services

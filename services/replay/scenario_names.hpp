#pragma once
/// Names in scenario files: a command step's "as" names what it created, and later steps give
/// that name where they would give the id ("case": "first" for "case_id": 1), so a tester need
/// not know which ids the database will hand out.
///
/// When the file is read (scenario_parsing.cpp) every name must have been given by an earlier
/// step to a thing of the right kind, and the body is checked with a placeholder id in place of
/// each name. When the scenario is replayed (scenario_runner.cpp) the names are replaced by the
/// ids their steps created and the body is read again with them.
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "services/replay/scenario.hpp"
#include "services/wire/json_fields.hpp"

namespace cms::services {

/// A name: 1 to 64 of A-Z a-z 0-9 _ . - (short, and safe to print in a one-line report).
inline constexpr std::size_t scenario_ref_name_bytes_max = 64;

/// The kind of thing an accepted command creates that a later step may name; nothing for the
/// commands that create nothing a step refers to.
std::optional<named_kind> kind_created_by(scenario_command command);

/// The id an accepted command's answer (its JSON text, as the journal records it) says it
/// created: "id", or an enforcement action's "action_id"; nothing when it names none.
std::optional<std::int64_t> id_created_in(const std::string& answer_json);

/// A body field that takes an id, and the name form a scenario may give instead (the id field
/// without its "_id"). These are every *_id a command body takes (services/wire/*parsing*.cpp,
/// enforcement_json.cpp); the URL's ids are step fields (id_or_name_field).
struct body_name_field {
    scenario_command command;
    const char* name_field;
    const char* id_field;
    named_kind kind;
};
inline constexpr std::array<body_name_field, 3> body_name_fields{{
    {scenario_command::open_case, "paying_parent", "paying_parent_id", named_kind::parent},
    {scenario_command::open_case, "receiving_parent", "receiving_parent_id", named_kind::parent},
    {scenario_command::impose_penalty, "action", "action_id", named_kind::action},
}};

/// A step field that takes an id or, instead, the name an earlier step gave it.
struct id_or_name_field {
    const char* id_field;    ///< "case_id"
    const char* name_field;  ///< "case"
    named_kind kind;
};
inline constexpr id_or_name_field case_field{"case_id", "case", named_kind::case_file};
inline constexpr id_or_name_field payment_field{"payment_id", "payment", named_kind::payment};
inline constexpr id_or_name_field paying_parent_field{"paying_parent_id", "paying_parent", named_kind::parent};
inline constexpr id_or_name_field action_field{"action_id", "action", named_kind::action};
inline constexpr id_or_name_field request_field{"request_id", "request", named_kind::request};

/// The names a file has given so far while it is read: the step that gave each, and its kind.
struct given_name {
    std::size_t step_index = 0;
    named_kind kind = named_kind::parent;
};
using given_names = std::map<std::string, given_name>;

/// The id `field` gives, in either form: a name is checked against `names` and recorded in
/// `references`, and stands as a placeholder id. Nothing when neither form is given; refused when
/// both are.
std::optional<std::int64_t> read_id_or_name(json_fields& fields, const id_or_name_field& field,
                                            const given_names& names, std::vector<name_reference>& references);

/// Refuses `field`, in either form, on a step whose command does not use it.
void refuse_unused_field(json_fields& fields, const id_or_name_field& field, scenario_command command);

/// Reads the step's body (`step.body_json`) into `step.value` with the command's own parser, its
/// name forms ("paying_parent": "sam") checked against `names`, recorded in `step.names` and read
/// as a placeholder id. A refusal names the field under `body_path` ("steps[4].body").
void read_step_body(command_step& step, const given_names& names, const std::string& body_path);

/// Records step `index`'s "as" once its references are read (a step cannot name itself).
void give_name(json_fields& fields, scenario_command command, std::size_t index, given_names& names,
               std::optional<std::string>& as);

// ---- Replay ----

/// What each name stands for as a replay learns it: the step that gave it, whether the command
/// was accepted and the id it created.
struct created_thing {
    std::size_t step_index = 0;
    bool accepted = false;
    std::optional<std::int64_t> id;
};
using created_names = std::map<std::string, created_thing>;

/// The step with each name replaced by the id it stands for and its body read again with them,
/// or why it cannot be ("sam was not created: step 3 was refused").
std::variant<command_step, std::string> with_created_ids(const command_step& step, const created_names& created);

/// The id `name` stands for in the replay so far, or why there is none ("sam was not created:
/// step 3 was refused").
std::variant<std::int64_t, std::string> created_id(const std::string& name, const created_names& created);

/// The case an expectation is about, or why it cannot be known.
std::variant<core::case_id, std::string> case_expected(const expectation_step& step, const created_names& created);

}  // namespace cms::services

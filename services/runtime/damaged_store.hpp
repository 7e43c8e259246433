#pragma once
/// The start-up guard of every process that writes to a store (`cms serve` and its scheduler,
/// `cms run-job`, `cms migrate`, `cms generate`, `cms user`): a store whose file is damaged is
/// neither served nor written, since a write would spread the damage and a query could answer
/// wrongly. The operator is told what is wrong and what to do instead.
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>

#include "persistence/store.hpp"

namespace cms::services {

/// A store that failed its quick check at start. The text names the store, its first problems
/// (persistence::describe_damage) and what to do: `cms check` for the full report, a restore
/// from a copy taken with `cms backup`.
class damaged_store_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Problem lines a refusal at start names: the first few are enough to recognise the damage.
inline constexpr std::size_t start_problems_shown_max = 3;

/// Runs the store's quick check before anything migrates or writes it; throws
/// damaged_store_error when the store is damaged, and logs how long the check took.
void refuse_damaged_store(persistence::store& store);

/// The SQLite store at `path`, refused as above when damaged: what every `cms` command that
/// writes opens (serve, run-job, migrate, generate, user).
std::unique_ptr<persistence::store> open_sound_sqlite_store(const std::string& path);

}  // namespace cms::services

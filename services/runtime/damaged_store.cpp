#include "services/runtime/damaged_store.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <optional>

#include "persistence/sqlite/sqlite_store.hpp"

namespace cms::services {

namespace {

void refuse_damage(const persistence::store& store, const std::optional<persistence::store_damage>& damage) {
    if (!damage) return;
    const std::string& path = store.location();
    throw damaged_store_error("the database " + path + " is damaged; it was not opened and nothing was written to it.\n"
                              "Its quick check found " + persistence::describe_damage(*damage) +
                              "\nRun 'cms check --db " + path + "' for the full report, and restore the database"
                              " from a copy taken with 'cms backup'.");
}

}  // namespace

void refuse_damaged_store(persistence::store& store) {
    const auto started = std::chrono::steady_clock::now();
    const auto damage = store.quick_check(start_problems_shown_max);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    refuse_damage(store, damage);
    spdlog::info("database {} passed its quick check in {:.2f} s", store.location(), seconds);
}

std::unique_ptr<persistence::store> open_sound_sqlite_store(const std::string& path) {
    auto store = persistence::open_sqlite_store(path);
    // No log line: these commands print their results on standard output.
    refuse_damage(*store, store->quick_check(start_problems_shown_max));
    return store;
}

}  // namespace cms::services

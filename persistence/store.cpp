#include "persistence/store.hpp"

#include <algorithm>

namespace cms::persistence {

void in_transaction(write_connection& connection, const std::function<void(unit_of_work&)>& work) {
    connection.begin();
    try {
        work(connection.work());
        connection.commit();
    } catch (...) {
        connection.rollback();
        throw;
    }
}

std::string describe_damage(const store_damage& damage) {
    const std::size_t shown = damage.first_problems.size();
    const std::size_t found = std::max(damage.problems_count, shown);
    std::string text = std::to_string(found) + (damage.count_is_lower_bound ? " or more" : "") + " problem" +
                       (found == 1 ? "" : "s") + (shown < found ? ", the first " + std::to_string(shown) : "") + ":";
    for (const std::string& problem : damage.first_problems) text += "\n  " + problem;
    if (shown < found) {
        text += std::string("\n  ... and ") + (damage.count_is_lower_bound ? "at least " : "") +
                std::to_string(found - shown) + " more";
    }
    return text;
}

}  // namespace cms::persistence

#include "persistence/store.hpp"

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

}  // namespace cms::persistence

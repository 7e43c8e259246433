#pragma once
// The caseload generator's bulk insert: the rows of one generated case (two parents, the case,
// its child, first liability term and monthly schedule) through statements prepared once per
// connection, since a run writes millions of rows.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "persistence/case_repository.hpp"

namespace cms::persistence::sqlite {

class generated_case_inserter {
public:
    explicit generated_case_inserter(SQLite::Database& database);
    core::case_id insert(const generated_case& generated);

private:
    std::int64_t insert_parent(const char* role, const std::string& name, core::civil_date born,
                               const generated_case& generated);

    SQLite::Database& database_;
    SQLite::Statement parent_, case_, child_, qualification_, segment_, schedule_;
};

}  // namespace cms::persistence::sqlite

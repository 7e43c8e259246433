#pragma once
// The caseload generator's bulk insert: the rows of one generated case (two parents, the case,
// its children and their qualification ends, first liability term, payment schedule, opening
// calculation and payer profile) through statements prepared once per connection, since a run
// writes millions of rows.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "persistence/case_repository.hpp"

namespace cms::persistence::sqlite {

class generated_case_inserter {
public:
    explicit generated_case_inserter(SQLite::Database& database);
    generated_parents insert_parents(const generated_case& generated);
    core::case_id insert_case(const generated_case& generated, generated_parents parents);

private:
    std::int64_t insert_parent(const char* role, const std::string& name, core::civil_date born,
                               const generated_case& generated);
    void insert_children(std::int64_t case_number, const generated_case& generated);
    void insert_profile(std::int64_t case_number, const generated_case& generated);

    SQLite::Database& database_;
    SQLite::Statement parent_, case_, child_, qualification_, segment_, schedule_, calculation_, profile_;
};

}  // namespace cms::persistence::sqlite

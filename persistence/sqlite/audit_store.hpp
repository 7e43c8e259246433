#pragma once
/// Reading the audit trail: journal entries with their outcomes, filtered and paged. The
/// journal is append-only, so paging by id ("after this entry") is stable while writes go on.
#include <SQLiteCpp/Database.h>

#include <vector>

#include "persistence/sqlite/statement_cache.hpp"
#include "persistence/audit_repository.hpp"

namespace cms::persistence::sqlite {

/// Entries matching every given filter, oldest first, at most entries_max of them.
std::vector<audit_entry> list_audit_entries(database_ref database, const audit_filter& filter);

}  // namespace cms::persistence::sqlite

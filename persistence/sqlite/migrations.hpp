#pragma once
/// Numbered schema migrations, applied in order at start and recorded in schema_migrations.
#include <string>
#include <vector>

namespace SQLite { class Database; }

namespace cms::persistence::sqlite {

struct migration {
    int version;
    const char* name;
    const char* sql;
};

/// Every migration in schemas/sql/sqlite/, compiled in, sorted by version.
const std::vector<migration>& embedded_migrations();

/// Applies each migration the database has not recorded, in version order, each in its own
/// transaction, and records it. Refuses (throws) a database whose recorded version is newer than
/// this program knows: running old code on a newer schema could write rows it misunderstands.
/// Returns how many migrations were applied.
int apply_migrations(SQLite::Database& database);

/// The highest migration version recorded in the database (0 when none).
int recorded_schema_version(SQLite::Database& database);

}  // namespace cms::persistence::sqlite

#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstdlib>

namespace {
// Run directly as well as under ctest (tests/CMakeLists.txt), every remembered ledger head is
// compared with a replay when used (persistence/sqlite/ledger_head_cache.hpp). Not overwritten,
// so CMS_VERIFY_LEDGER_HEADS=0 measures a test without it.
const int verify_ledger_heads = setenv("CMS_VERIFY_LEDGER_HEADS", "1", 0);
}  // namespace

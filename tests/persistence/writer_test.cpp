#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

#include "persistence/sqlite/sqlite_store.hpp"
#include "persistence/writer.hpp"
#include "support/test_support.hpp"

using cms::persistence::writer;
using cms::persistence::writer_limits;

namespace {

/// A writer on a new SQLite store at `path`.
writer open_writer(const std::string& path, writer_limits limits) {
    return writer(cms::persistence::open_sqlite_store(path)->open_write_connection(), limits);
}

/// One journal entry under key "item-N": a row the writer's work writes through the interface.
void append_item(cms::persistence::unit_of_work& work, int value) {
    work.journal().append_command({"item-" + std::to_string(value), "test_item", "tester", "2025-01-01", "{}"});
}

int count_items(const std::string& path, const std::string& where = "1") {
    SQLite::Database database(path, SQLite::OPEN_READONLY);
    return database.execAndGet("SELECT COUNT(*) FROM command_journal WHERE " + where).getInt();
}

}  // namespace

TEST_CASE("queued work is committed in groups and every caller hears after the commit") {
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("cms.db");
    constexpr int items_count = 2'000;
    {
        writer single_writer = open_writer(path, writer_limits{64, 10'000});
        std::atomic<int> acknowledged{0};
        std::vector<std::promise<void>> done(items_count);
        std::vector<std::thread> clients;
        for (int client = 0; client < 4; ++client) {
            clients.emplace_back([&, client] {
                for (int i = client; i < items_count; i += 4) {
                    const bool queued = single_writer.submit(
                        [i](cms::persistence::unit_of_work& work) { append_item(work, i); },
                        [&, i](std::exception_ptr failure) {
                            if (!failure) {
                                // Durable means visible to a fresh connection once acknowledged.
                                ++acknowledged;
                            }
                            done[static_cast<std::size_t>(i)].set_value();
                        });
                    REQUIRE(queued);
                }
            });
        }
        for (auto& thread : clients) thread.join();
        for (auto& promise : done) promise.get_future().wait();
        CHECK(acknowledged.load() == items_count);
        CHECK(single_writer.items_committed() == items_count);
        // Grouping happened: fewer commits than items.
        CHECK(single_writer.groups_committed() < static_cast<std::size_t>(items_count));
    }
    CHECK(count_items(path) == items_count);
}

TEST_CASE("work that throws is rolled back alone; the rest of its group commits") {
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("cms.db");
    writer single_writer = open_writer(path, writer_limits{});
    std::vector<std::future<void>> results;
    for (int i = 0; i < 10; ++i) {
        auto committed = std::make_shared<std::promise<void>>();
        results.push_back(committed->get_future());
        single_writer.submit(
            [i](cms::persistence::unit_of_work& work) {
                append_item(work, i);
                if (i == 4) throw std::runtime_error("refused after writing");
            },
            [committed](std::exception_ptr failure) {
                if (failure) {
                    committed->set_exception(failure);
                } else {
                    committed->set_value();
                }
            });
    }
    for (int i = 0; i < 10; ++i) {
        if (i == 4) {
            CHECK_THROWS_WITH(results[static_cast<std::size_t>(i)].get(), "refused after writing");
        } else {
            CHECK_NOTHROW(results[static_cast<std::size_t>(i)].get());
        }
    }
    single_writer.stop();
    CHECK(count_items(path) == 9);
    CHECK(count_items(path, "idempotency_key = 'item-4'") == 0);
}

TEST_CASE("a full queue refuses new work instead of growing without bound") {
    cms::testing::temporary_directory directory;
    writer single_writer = open_writer(directory.file("cms.db"), writer_limits{1, 2});
    std::promise<void> release;
    auto released = release.get_future().share();
    // The first item blocks the writer thread, so later items stay queued.
    std::promise<void> started;
    single_writer.submit([&started, released](cms::persistence::unit_of_work&) {
        started.set_value();
        released.wait();
    }, {});
    started.get_future().wait();
    CHECK(single_writer.submit([](cms::persistence::unit_of_work&) {}, {}));
    CHECK(single_writer.submit([](cms::persistence::unit_of_work&) {}, {}));
    CHECK_FALSE(single_writer.submit([](cms::persistence::unit_of_work&) {}, {}));
    release.set_value();
    single_writer.stop();
    CHECK_FALSE(single_writer.submit([](cms::persistence::unit_of_work&) {}, {}));
}

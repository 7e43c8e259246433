#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
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

TEST_CASE("a delivery receives a committed group's callbacks in one hand-off; execute() never waits on it") {
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("cms.db");
    writer single_writer = open_writer(path, writer_limits{});
    std::mutex handed_mutex;
    std::condition_variable handed_over;
    std::vector<std::function<void()>> deliveries;
    single_writer.deliver_completions_through([&](std::function<void()> callbacks) {
        {
            const std::lock_guard lock(handed_mutex);
            deliveries.push_back(std::move(callbacks));
        }
        handed_over.notify_all();
    });
    // The first item holds the writer, so the next five queue up and commit as one group.
    std::promise<void> release;
    auto released = release.get_future().share();
    std::promise<void> started;
    REQUIRE(single_writer.submit([&started, released](cms::persistence::unit_of_work&) {
        started.set_value();
        released.wait();
    }, {}));
    started.get_future().wait();
    std::vector<std::exception_ptr> heard(5);
    std::atomic<int> heard_count{0};
    for (int i = 0; i < 5; ++i) {
        REQUIRE(single_writer.submit(
            [i](cms::persistence::unit_of_work& work) {
                append_item(work, i);
                if (i == 2) throw std::runtime_error("refused");
            },
            [&, i](std::exception_ptr failure) {
                heard[static_cast<std::size_t>(i)] = failure;
                ++heard_count;
            }));
    }
    release.set_value();
    {
        std::unique_lock lock(handed_mutex);
        handed_over.wait(lock, [&] { return deliveries.size() == 1; });
    }
    // Handed over, not yet run: the writer did not call them itself.
    CHECK(heard_count.load() == 0);
    // The group is committed before its callbacks are handed over.
    CHECK(count_items(path) == 4);
    deliveries.front()();
    CHECK(heard_count.load() == 5);
    for (int i = 0; i < 5; ++i) CHECK((heard[static_cast<std::size_t>(i)] != nullptr) == (i == 2));
    // execute() completes on the writer thread although this delivery runs nothing by itself.
    single_writer.execute([](cms::persistence::unit_of_work& work) { append_item(work, 99); });
    CHECK(count_items(path) == 5);
    CHECK(deliveries.size() == 1);
    single_writer.stop();
}

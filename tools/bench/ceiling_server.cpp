// Benchmark ceiling (not a test, not the product): the least code that does the same durable work
// as the real server's payment POST and case GET, so the real server's HTTP throughput can be
// reported as a ratio of what this machine can do. Honest on purpose: one writer thread,
// synchronous=FULL, group commit, and no payment is answered before the COMMIT that made it durable.
//
//   cms-bench-ceiling --db PATH --cases N [--host 127.0.0.1] [--port 0]
//
// Prints "demo token for caseworker: TOKEN", then "cms: listening on http://HOST:PORT" once ready
// (the lines the benchmark driver reads). Stops on SIGINT or SIGTERM once the writer has drained.
#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/VariadicBind.h>
#include <sqlite3.h>

// Narrow Asio headers: <boost/asio.hpp> 1.74 pulls in awaitable.hpp, which misses <utility> on GCC 12.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <functional>
#include <iostream>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Up to this many queued payments share one transaction, hence one fsync.
constexpr std::size_t group_items_max = 256;
// An idle keep-alive connection is dropped after this long, as the real server does.
constexpr auto idle_timeout = std::chrono::seconds(30);

std::string_view to_std(beast::string_view text) { return {text.data(), text.size()}; }

/// What a request is answered with; always JSON.
struct reply {
    http::status status = http::status::internal_server_error;
    std::string body;
};

reply problem(http::status status, std::string_view detail) {
    return {status, nlohmann::json{{"title", std::string(to_std(http::obsolete_reason(status)))},
                                   {"status", static_cast<unsigned>(status)},
                                   {"detail", std::string(detail)}}
                        .dump()};
}

/// Resets a statement and clears its bindings when a use ends, thrown or not: a SELECT left on
/// a row would keep its read transaction, and so an old WAL snapshot, open.
class statement_use {
public:
    explicit statement_use(SQLite::Statement& statement) : statement_(statement) {}
    ~statement_use() {
        statement_.tryReset();
        try { statement_.clearBindings(); } catch (...) {}  // sqlite3_clear_bindings cannot fail
    }

private:
    SQLite::Statement& statement_;
};

void run_statement(SQLite::Statement& statement) {
    const statement_use use(statement);
    statement.exec();
}

struct payment_work {
    std::int64_t case_id = 0;
    std::int64_t amount_pence = 0;
    std::string received_on, method, reference, idempotency_key;
    std::function<void(reply)> on_done;  // called on the writer thread, after COMMIT returned
};

/// The one thread that writes, with the one write connection: group commit over a queue.
class payment_writer {
public:
    explicit payment_writer(SQLite::Database&& database)
        : database_(std::move(database)),
          begin_(database_, "BEGIN IMMEDIATE"),  // as the real store: the write lock is taken up front
          commit_(database_, "COMMIT"),
          savepoint_(database_, "SAVEPOINT item"),
          release_(database_, "RELEASE item"),
          rollback_to_(database_, "ROLLBACK TO item"),
          find_key_(database_, "SELECT p.id, p.case_id, p.amount_pence FROM idempotency i "
                               "JOIN payments p ON p.id = i.payment_id WHERE i.key = ?"),
          find_case_(database_, "SELECT 1 FROM cases WHERE id = ?"),
          insert_payment_(database_, "INSERT INTO payments(case_id, amount_pence, received_on, method, reference) "
                                     "VALUES (?, ?, ?, ?, ?)"),
          insert_key_(database_, "INSERT INTO idempotency(key, payment_id) VALUES (?, ?)"),
          thread_([this] { run(); }) {}
    ~payment_writer() { stop_and_join(); }

    void submit(payment_work work) {
        { const std::lock_guard lock(mutex_); queue_.push_back(std::move(work)); }
        wake_.notify_one();
    }

    /// Lets the writer finish everything already queued, then ends its thread.
    void stop_and_join() {
        { const std::lock_guard lock(mutex_); stopping_ = true; }
        wake_.notify_one();
        if (thread_.joinable()) thread_.join();
    }

private:
    void run() {
        std::vector<payment_work> group;
        group.reserve(group_items_max);
        for (;;) {
            {
                std::unique_lock lock(mutex_);
                wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
                if (queue_.empty()) return;  // stopping, and nothing is left to write
                while (!queue_.empty() && group.size() < group_items_max) {
                    group.push_back(std::move(queue_.front()));
                    queue_.pop_front();
                }
            }
            write_group(group);
            group.clear();
        }
    }

    void write_group(std::vector<payment_work>& group) {
        std::vector<reply> replies(group.size());
        try {
            run_statement(begin_);
            for (std::size_t i = 0; i < group.size(); ++i) replies[i] = write_item(group[i]);
            run_statement(commit_);  // the one fsync for the whole group
        } catch (const std::exception& error) {
            std::cerr << "ceiling: a group of " << group.size() << " failed: " << error.what() << '\n';
            if (sqlite3_get_autocommit(database_.getHandle()) == 0) database_.tryExec("ROLLBACK");
            for (auto& answer : replies)
                answer = problem(http::status::internal_server_error, "the payment was not recorded");
        }
        // Only now is every reply true: the COMMIT has returned.
        for (std::size_t i = 0; i < group.size(); ++i) group[i].on_done(std::move(replies[i]));
    }

    /// One payment inside the group's transaction; its savepoint keeps a failure to itself.
    reply write_item(const payment_work& work) {
        run_statement(savepoint_);
        try {
            reply answer = record_payment(work);
            run_statement(release_);
            return answer;
        } catch (const std::exception& error) {
            std::cerr << "ceiling: a payment failed: " << error.what() << '\n';
            run_statement(rollback_to_);  // a throw here fails the whole group, as it must
            run_statement(release_);
            return problem(http::status::internal_server_error, "the payment was not recorded");
        }
    }

    reply record_payment(const payment_work& work) {
        {
            const statement_use use(find_key_);
            SQLite::bind(find_key_, work.idempotency_key);
            if (find_key_.executeStep())  // a retry: the first answer again, nothing written
                return {http::status::ok, payment_body(find_key_.getColumn(0).getInt64(),
                                                       find_key_.getColumn(1).getInt64(),
                                                       find_key_.getColumn(2).getInt64())};
        }
        {
            const statement_use use(find_case_);
            SQLite::bind(find_case_, work.case_id);
            if (!find_case_.executeStep()) return problem(http::status::not_found, "no such case");
        }
        {
            const statement_use use(insert_payment_);
            SQLite::bind(insert_payment_, work.case_id, work.amount_pence, work.received_on, work.method, work.reference);
            insert_payment_.exec();
        }
        const std::int64_t payment_id = database_.getLastInsertRowid();
        {
            const statement_use use(insert_key_);
            SQLite::bind(insert_key_, work.idempotency_key, payment_id);
            insert_key_.exec();
        }
        return {http::status::created, payment_body(payment_id, work.case_id, work.amount_pence)};
    }

    static std::string payment_body(std::int64_t payment_id, std::int64_t case_id, std::int64_t amount_pence) {
        return nlohmann::json{{"payment_id", payment_id}, {"case_id", case_id}, {"amount_pence", amount_pence}}.dump();
    }

    SQLite::Database database_;
    SQLite::Statement begin_, commit_, savepoint_, release_, rollback_to_;
    SQLite::Statement find_key_, find_case_, insert_payment_, insert_key_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<payment_work> queue_;
    bool stopping_ = false;
    std::thread thread_;  // last: it starts once everything it uses exists
};

/// The io thread's own read-only connection and its one cached statement.
class case_reader {
public:
    explicit case_reader(const std::string& path)
        : database_(path, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX),
          select_(database_, "SELECT reference, weekly_amount_pence, opened_on, status FROM cases WHERE id = ?") {}

    reply case_reply(std::int64_t case_id) {
        const statement_use use(select_);
        select_.bind(1, case_id);
        if (!select_.executeStep()) return problem(http::status::not_found, "no such case");
        return {http::status::ok, nlohmann::json{{"case_id", case_id},
                                                 {"reference", select_.getColumn(0).getString()},
                                                 {"weekly_amount_pence", select_.getColumn(1).getInt64()},
                                                 {"opened_on", select_.getColumn(2).getString()},
                                                 {"status", select_.getColumn(3).getString()}}
                                      .dump()};
    }

private:
    SQLite::Database database_;
    SQLite::Statement select_;
};

bool is_iso_date(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    const auto number = [&text](std::size_t at, std::size_t length, unsigned& value) {
        const char* end = text.data() + at + length;
        const auto [stop, error] = std::from_chars(text.data() + at, end, value);  // unsigned: no sign
        return error == std::errc{} && stop == end;
    };
    unsigned year = 0, month = 0, day = 0;
    if (!number(0, 4, year) || !number(5, 2, month) || !number(8, 2, day)) return false;
    return std::chrono::year_month_day{std::chrono::year{static_cast<int>(year)}, std::chrono::month{month},
                                       std::chrono::day{day}}
        .ok();
}

/// Fills the payment's fields from the body, or says what is wrong with it.
std::optional<std::string> read_payment_body(const std::string& body_text, payment_work& work) {
    const auto body = nlohmann::json::parse(body_text, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return "the body is not a JSON object";
    const auto amount = body.find("amount_pence");
    if (amount == body.end() || !amount->is_number_integer()) return "amount_pence must be an integer";
    // nlohmann keeps a non-negative integer as unsigned; one past int64 would wrap when read signed.
    if (amount->is_number_unsigned() &&
        amount->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return "amount_pence is too large";
    work.amount_pence = amount->get<std::int64_t>();
    if (work.amount_pence <= 0) return "amount_pence must be positive";
    for (const auto& [name, field] : {std::pair{"received_on", &work.received_on},
                                      std::pair{"method", &work.method}, std::pair{"reference", &work.reference}}) {
        const auto value = body.find(name);
        if (value == body.end() || !value->is_string()) return std::string(name) + " must be a string";
        *field = value->get<std::string>();
    }
    if (!is_iso_date(work.received_on)) return "received_on must be a date, YYYY-MM-DD";
    return std::nullopt;
}

enum class route_kind { none, get_case, post_payment };

struct route {
    route_kind kind = route_kind::none;
    std::int64_t case_id = 0;
};

route match_route(http::verb verb, std::string_view target) {
    target = target.substr(0, target.find('?'));
    constexpr std::string_view prefix = "/v1/cases/";
    if (!target.starts_with(prefix)) return {};
    target.remove_prefix(prefix.size());
    std::int64_t case_id = 0;
    const auto [end, error] = std::from_chars(target.data(), target.data() + target.size(), case_id);
    if (error != std::errc{} || case_id <= 0) return {};
    const std::string_view rest(end, static_cast<std::size_t>(target.data() + target.size() - end));
    if (verb == http::verb::get && rest.empty()) return {route_kind::get_case, case_id};
    if (verb == http::verb::post && rest == "/payments") return {route_kind::post_payment, case_id};
    return {};
}

struct server_state {
    std::string expected_authorization;  // "Bearer <token>"
    case_reader& reader;
    payment_writer& writer;
};

/// One keep-alive connection: read a request, answer it, read the next.
class http_session : public std::enable_shared_from_this<http_session> {
public:
    http_session(tcp::socket socket, server_state& state) : stream_(std::move(socket)), state_(state) {}

    void read_request() {
        request_ = {};  // Beast reads only into an empty message
        stream_.expires_after(idle_timeout);
        http::async_read(stream_, buffer_, request_,
                         beast::bind_front_handler(&http_session::on_read, shared_from_this()));
    }

private:
    void on_read(beast::error_code error, std::size_t) {
        if (error) return close();  // end of stream, idle timeout or a malformed request
        const route matched = match_route(request_.method(), to_std(request_.target()));
        if (matched.kind == route_kind::none) return send(problem(http::status::not_found, "no such route"));
        if (to_std(request_[http::field::authorization]) != state_.expected_authorization)
            return send(problem(http::status::unauthorized, "a bearer token is required"));
        if (matched.kind == route_kind::get_case) return send(state_.reader.case_reply(matched.case_id));

        payment_work work;
        work.case_id = matched.case_id;
        work.idempotency_key = std::string(to_std(request_["Idempotency-Key"]));
        if (work.idempotency_key.empty())
            return send(problem(http::status::bad_request, "Idempotency-Key is required"));
        if (auto wrong = read_payment_body(request_.body(), work))
            return send(problem(http::status::unprocessable_entity, *wrong));
        // The writer calls back on its own thread; the reply is written on this session's executor.
        work.on_done = [self = shared_from_this(), executor = stream_.get_executor()](reply answer) {
            asio::post(executor, [self, moved = std::move(answer)]() mutable { self->send(std::move(moved)); });
        };
        state_.writer.submit(std::move(work));
    }

    void send(reply answer) {
        response_.result(answer.status);
        response_.version(request_.version());
        response_.keep_alive(request_.keep_alive());
        response_.set(http::field::content_type, "application/json");
        response_.body() = std::move(answer.body);
        response_.prepare_payload();
        stream_.expires_after(idle_timeout);
        http::async_write(stream_, response_, beast::bind_front_handler(&http_session::on_write, shared_from_this()));
    }

    void on_write(beast::error_code error, std::size_t) {
        if (error || !response_.keep_alive()) return close();
        read_request();
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.close();
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    http::request<http::string_body> request_;
    http::response<http::string_body> response_;
    server_state& state_;
};

void accept_next(tcp::acceptor& acceptor, server_state& state) {
    acceptor.async_accept([&acceptor, &state](beast::error_code error, tcp::socket socket) {
        if (error == asio::error::operation_aborted) return;  // the acceptor was closed: stopping
        if (error) {
            std::cerr << "ceiling: accept failed: " << error.message() << '\n';
        } else {
            socket.set_option(tcp::no_delay(true), error);  // a small reply must not wait for Nagle
            std::make_shared<http_session>(std::move(socket), state)->read_request();
        }
        accept_next(acceptor, state);
    });
}

/// The write connection, set up as the real server's (persistence/sqlite/connection.cpp), with
/// the tables made and the cases 1..cases_count in them.
SQLite::Database open_write_database(const std::string& path, std::int64_t cases_count) {
    SQLite::Database database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
    database.setBusyTimeout(5'000);
    database.exec("PRAGMA journal_mode=WAL");
    database.exec("PRAGMA synchronous=FULL");
    database.exec("PRAGMA foreign_keys=ON");
    database.exec(
        "CREATE TABLE IF NOT EXISTS cases(id INTEGER PRIMARY KEY, reference TEXT NOT NULL, "
        "weekly_amount_pence INTEGER NOT NULL, opened_on TEXT NOT NULL, status TEXT NOT NULL);"
        "CREATE TABLE IF NOT EXISTS payments(id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases(id), "
        "amount_pence INTEGER NOT NULL, received_on TEXT NOT NULL, method TEXT NOT NULL, reference TEXT NOT NULL);"
        "CREATE TABLE IF NOT EXISTS idempotency(key TEXT PRIMARY KEY, payment_id INTEGER NOT NULL);");
    SQLite::Transaction transaction(database);
    // OR IGNORE: a database kept from an earlier run keeps its rows (and its payments).
    SQLite::Statement insert(database, "INSERT OR IGNORE INTO cases(id, reference, weekly_amount_pence, opened_on, "
                                       "status) VALUES (?, ?, ?, '2025-01-01', 'open')");
    for (std::int64_t id = 1; id <= cases_count; ++id) {
        const statement_use use(insert);
        SQLite::bind(insert, id, "CASE-" + std::to_string(id), 1000 + id % 5000);
        insert.exec();
    }
    transaction.commit();
    return database;
}

std::string random_token() {
    std::random_device device;
    std::string token;
    for (int i = 0; i < 32; ++i) token += "0123456789abcdef"[device() % 16];
    return token;
}

struct options {
    std::string db_path, host = "127.0.0.1";
    std::int64_t cases_count = -1;
    unsigned short port = 0;
};

std::optional<options> read_options(int argc, char** argv) {
    options result;
    if (argc % 2 == 0) return std::nullopt;  // every option takes a value
    for (int i = 1; i < argc; i += 2) {
        const std::string_view name = argv[i], value = argv[i + 1];
        const auto number = [&value](auto& out) {
            const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), out);
            return error == std::errc{} && end == value.data() + value.size();
        };
        if (name == "--db") result.db_path = value;
        else if (name == "--host") result.host = value;
        else if (name != "--cases" && name != "--port") return std::nullopt;
        else if (!(name == "--cases" ? number(result.cases_count) : number(result.port))) return std::nullopt;
    }
    if (result.db_path.empty() || result.cases_count < 0) return std::nullopt;
    return result;
}

}  // namespace

int main(int argc, char** argv) {
    const auto parsed = read_options(argc, argv);
    if (!parsed) {
        std::cerr << "usage: cms-bench-ceiling --db PATH --cases N [--host 127.0.0.1] [--port 0]\n";
        return 2;
    }
    try {
        SQLite::Database write_database = open_write_database(parsed->db_path, parsed->cases_count);
        asio::io_context io(1);  // one thread (this one) runs all HTTP
        payment_writer writer(std::move(write_database));
        // Declared after the writer, so closed before it: the last connection to close is then the
        // writer's, which can fold the WAL back into the database (a read-only one cannot).
        case_reader reader(parsed->db_path);
        const std::string token = random_token();
        server_state state{"Bearer " + token, reader, writer};
        std::printf("demo token for caseworker: %s\n", token.c_str());

        tcp::acceptor acceptor(io, {asio::ip::make_address(parsed->host), parsed->port});
        accept_next(acceptor, state);
        asio::signal_set signals(io, SIGINT, SIGTERM);
        signals.async_wait([&acceptor, &io](beast::error_code, int) {
            acceptor.close();
            io.stop();  // replies still to come are dropped; their payments are still written
        });
        std::printf("cms: listening on http://%s:%u\n", parsed->host.c_str(),
                    static_cast<unsigned>(acceptor.local_endpoint().port()));
        std::fflush(stdout);
        io.run();
        writer.stop_and_join();  // finish the queue before anything else goes
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "ceiling: " << error.what() << '\n';
        return 1;
    }
}

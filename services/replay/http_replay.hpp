#pragma once
/// `cms replay --against http://HOST:PORT`: a scenario's steps sent to a live `cms serve --clock
/// simulated` through its HTTP API only (replay_backend). Commands go to their routes as the
/// step's actor, with the step's key; the clock moves by POST /v1/clock and the jobs run by POST
/// /v1/jobs {"in_place": true}, as the batch role; expectations and the report read the case
/// routes. The server must start on or before the scenario's first date: its clock never goes back.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/replay/replay_backend.hpp"

namespace cms::services {

class http_client;

/// The tokens file: {"batch": TOKEN, "actors": {"replay": TOKEN, "bob.supervisor": TOKEN, ...}}:
/// the batch role's token (clock and jobs) and one for each actor the steps name (a command step's
/// "actor", "replay" when it names none), each a user of that name whose role may send its
/// commands (an approval needs a supervisor). Reads go as "replay" (or, without it, the first actor).
struct replay_tokens {
    std::string batch;
    std::map<std::string, std::string, std::less<>> actors;
};
/// Throws field_error naming the field ("actors.replay").
replay_tokens parse_replay_tokens(std::string_view json_text);

struct server_address {
    std::string host;
    std::uint16_t port = 0;
};
/// "http://HOST:PORT" (an optional final "/"); nothing for anything else.
std::optional<server_address> parse_server_url(std::string_view url);

/// Every actor a scenario's command steps send as ("replay" for those naming none), sorted.
std::vector<std::string> actors_of(const scenario& played, const std::string& default_actor);

class http_replay_backend final : public replay_backend {
public:
    http_replay_backend(server_address server, replay_tokens tokens);
    ~http_replay_backend() override;
    http_replay_backend(const http_replay_backend&) = delete;
    http_replay_backend& operator=(const http_replay_backend&) = delete;

    void set_business_date(core::civil_date day) override;
    std::vector<scheduled_job_result> run_daily_tick(core::civil_date day) override;
    command_answer send_command(const command_step& step, const std::string& actor) override;
    job_in_place_result run_job(const job_step& step, const std::string& actor) override;
    expectation_facts read_expectation_facts(const expectation_step& step, core::case_id for_case) override;
    /// A live server is not this program's to restart: throws replay_backend_error.
    void restart(core::civil_date day) override;

    /// read_case_reports' text, read from the server's routes (case_report_targets).
    std::string read_case_reports(core::civil_date business_date, const std::vector<core::case_id>& cases);

private:
    http_client& client_of(const std::string& actor);
    std::string reader() const;  ///< whose token reads
    server_address server_;
    replay_tokens tokens_;
    std::map<std::string, std::unique_ptr<http_client>, std::less<>> clients_;  ///< one connection per token
};

}  // namespace cms::services

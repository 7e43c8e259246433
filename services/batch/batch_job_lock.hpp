#pragma once
/// The right to run batch jobs on one database, held by at most one live process at a time, and
/// the clean-up it makes safe: marking the job rows a dead process left `running` as
/// `interrupted`.
///
/// The rule: every process that runs jobs (`cms serve`, `cms run-job`, `cms replay`) takes this
/// lock once its database is open and migrated, before its first job, and holds it until it
/// exits. Holding it proves no other live process is running a job on the database, so every
/// row still `running` belongs to a process that died (kill -9, a crash, a power cut), and only
/// then are those rows marked. A second process that wants to run jobs on the same database
/// while the lock is held is refused at its start (batch_job_lock_held) and marks nothing.
///
/// The lock is an exclusive flock(2) on the file "PATH.jobs-lock" beside the database. The
/// kernel releases it when the process ends, however it ends, so it never goes stale and needs
/// no clean-up; the file itself stays (removing it could let two processes lock two different
/// files). It is a separate file because SQLite's own locks are POSIX locks on the database
/// file, which any other descriptor on that file closing would silently drop.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "services/ledger/accrual_job.hpp"

namespace cms::services {

/// Another live process holds the lock: it may be running a job on this database right now.
class batch_job_lock_held : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class batch_job_lock {
public:
    /// Takes the lock for `database_path` without waiting. Throws batch_job_lock_held when
    /// another process holds it, std::runtime_error when the lock file cannot be opened.
    explicit batch_job_lock(const std::string& database_path);
    ~batch_job_lock();  ///< releases the lock
    batch_job_lock(const batch_job_lock&) = delete;
    batch_job_lock& operator=(const batch_job_lock&) = delete;

    /// Marks every job row left `running` as `interrupted`, in one write transaction, and logs
    /// each; returns their ids. Call once the database is migrated and before this process
    /// starts a job: its own jobs must not be among them.
    std::vector<std::int64_t> mark_interrupted_jobs(const transaction_runner& in_transaction) const;

    /// "PATH.jobs-lock".
    static std::string lock_file_path(const std::string& database_path);

private:
    int descriptor_ = -1;
};

}  // namespace cms::services

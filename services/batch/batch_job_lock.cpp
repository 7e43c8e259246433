#include "services/batch/batch_job_lock.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace cms::services {

namespace {

/// Written into each marked row's `detail`, so GET /v1/jobs/{id} says what happened and what to do.
constexpr const char* interrupted_detail =
    "the process running this job ended before the job did (killed or crashed); the chunks it "
    "committed are kept, and a rerun posts what is left";

}  // namespace

std::string batch_job_lock::lock_file_path(const std::string& database_path) { return database_path + ".jobs-lock"; }

batch_job_lock::batch_job_lock(const std::string& database_path) {
    const std::string path = lock_file_path(database_path);
    // CLOEXEC: a child program must not inherit (and so keep holding) the lock.
    descriptor_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (descriptor_ < 0) {
        throw std::runtime_error("cannot open the batch job lock " + path + ": " + std::strerror(errno));
    }
    if (flock(descriptor_, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        close(descriptor_);
        if (error == EWOULDBLOCK) {
            throw batch_job_lock_held("another cms process (a server, cms run-job or cms replay) is running batch jobs on " +
                                      database_path + "; start this one when it has finished");
        }
        throw std::runtime_error("cannot lock " + path + ": " + std::strerror(error));
    }
}

batch_job_lock::~batch_job_lock() {
    // Closing the only descriptor releases the flock.
    close(descriptor_);
}

std::vector<std::int64_t> batch_job_lock::mark_interrupted_jobs(const transaction_runner& in_transaction) const {
    const std::vector<std::int64_t> interrupted = mark_running_job_rows_interrupted(in_transaction, interrupted_detail);
    for (const std::int64_t job_id : interrupted) {
        spdlog::warn("job {} was left running by a process that died: marked interrupted; rerun it to post what is left",
                     job_id);
    }
    return interrupted;
}

}  // namespace cms::services

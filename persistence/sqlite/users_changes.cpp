#include "persistence/sqlite/users_changes.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace cms::persistence::sqlite {

std::string users_changes_path(const std::string& database_path) { return database_path + "-users-changed"; }

users_version read_users_version(const std::string& database_path) {
    struct stat status {};
    if (::stat(users_changes_path(database_path).c_str(), &status) != 0) {
        if (errno == ENOENT) return {};
        throw std::system_error(errno, std::generic_category(), "cannot read " + users_changes_path(database_path));
    }
    return {static_cast<std::uint64_t>(status.st_dev), static_cast<std::uint64_t>(status.st_ino),
            static_cast<std::int64_t>(status.st_size)};
}

void record_users_change(const std::string& database_path) {
    const std::string path = users_changes_path(database_path);
    const int file = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (file < 0) throw std::system_error(errno, std::generic_category(), "cannot open " + path);
    const char one_change = '+';
    const ssize_t written = ::write(file, &one_change, 1);
    const int write_error = errno;
    ::close(file);
    if (written != 1) throw std::system_error(write_error, std::generic_category(), "cannot append to " + path);
}

}  // namespace cms::persistence::sqlite

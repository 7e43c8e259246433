#include "subcommands.hpp"

namespace cms::tools {

bool wants_help(const arguments& args) {
    for (const auto& argument : args) {
        if (argument == "--help" || argument == "-h") return true;
    }
    return false;
}

}  // namespace cms::tools

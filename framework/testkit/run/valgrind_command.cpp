#include <testkit/run/valgrind_command.hpp>

#include <unistd.h>

#include <string_view>

namespace testkit {

std::optional<std::vector<std::string>> valgrind_command(const std::string& path) {
  std::string_view directories = path;
  while (!directories.empty()) {
    const std::size_t colon = directories.find(':');
    const std::string_view directory = directories.substr(0, colon);
    directories = colon == std::string_view::npos ? std::string_view{} : directories.substr(colon + 1);
    if (directory.empty()) continue;  // the current directory is no place to look for a tool
    std::string valgrind = std::string(directory) + "/valgrind";
    if (::access(valgrind.c_str(), X_OK) != 0) continue;
    return std::vector<std::string>{std::move(valgrind),
                                    "--tool=memcheck",
                                    "--log-fd=2",
                                    "-q",
                                    "--leak-check=no",
                                    "--show-leak-kinds=definite,indirect",
                                    "--errors-for-leak-kinds=definite,indirect",
                                    "--child-silent-after-fork=yes"};
  }
  return std::nullopt;
}

}  // namespace testkit

#include <testkit/run/valgrind_command.hpp>

#include <testkit/core/executable_search.hpp>

namespace testkit {

std::optional<std::vector<std::string>> valgrind_command(const std::string& path) {
  std::string valgrind = detail::find_executable("valgrind", path, detail::EmptyPathEntry::skipped);
  if (valgrind.empty()) return std::nullopt;
  return std::vector<std::string>{std::move(valgrind),
                                  "--tool=memcheck",
                                  "--log-fd=2",
                                  "-q",
                                  "--leak-check=no",
                                  "--show-leak-kinds=definite,indirect",
                                  "--errors-for-leak-kinds=definite,indirect",
                                  "--child-silent-after-fork=yes"};
}

}  // namespace testkit

#pragma once
/// --valgrind: the command testkit-run starts each test's worker under, valgrind's memcheck with its report in the
/// test's own stderr.

#include <optional>
#include <string>
#include <vector>

namespace testkit {

/// The valgrind command a worker runs under for --valgrind: valgrind found on `path` (a PATH-style list of
/// directories), then its options: --tool=memcheck, --log-fd=2 (the report in the test's stderr), -q (errors and
/// leaks only: no banner, no summaries), --leak-check=no (the leak checks are the ones each test's worker asks for
/// when its test ends; one at exit would repeat them after the result), --show-leak-kinds=definite,indirect and
/// --errors-for-leak-kinds=definite,indirect (what those checks report), --child-silent-after-fork=yes (processes a
/// test forks print nothing). nullopt when no executable valgrind is on `path`.
[[nodiscard]] std::optional<std::vector<std::string>> valgrind_command(const std::string& path);

}  // namespace testkit

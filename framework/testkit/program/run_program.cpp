#include <testkit/program/run_program.hpp>

#include <string.h>

#include <fmt/format.h>

#include <testkit/program/detail/child_process.hpp>
#include <testkit/program/detail/program_failure.hpp>

namespace testkit {
namespace detail {

std::string describe_signal(int signal) {
  const char* const abbreviation = ::sigabbrev_np(signal);
  return abbreviation != nullptr ? fmt::format("signal {} (SIG{})", signal, abbreviation)
                                 : fmt::format("signal {}", signal);
}

}  // namespace detail

std::string ProgramResult::describe() const {
  const double seconds = std::chrono::duration<double>(duration).count();
  if (timed_out) return fmt::format("timed out after {:.3g} s and was killed", seconds);
  if (output_limit_exceeded) return fmt::format("wrote more than its output limit and was killed");
  if (signal != 0) return "killed by " + detail::describe_signal(signal);
  return fmt::format("exited with status {}", exit_code);
}

ProgramResult run_program(std::vector<std::string> argv, const ProgramOptions& options, std::source_location where) {
  if (argv.empty()) detail::program_failed("testkit::run_program", where, "no program to run: argv is empty", 0);
  argv.insert(argv.end(), options.args.begin(), options.args.end());
  detail::ChildPipes pipes;
  detail::StartFailure failure;
  const pid_t pid = detail::start_program(argv, options, pipes, failure);
  if (pid < 0) detail::program_failed("testkit::run_program", where, failure.what, failure.error);
  pipes.close_child_ends();
  return detail::supervise_child(pid, pipes, options.input, options.timeout.value_or(detail::default_child_timeout()),
                                 options.output_limit);
}

ProgramResult run_main(const MainFunction& main, std::vector<std::string> argv, const ProgramOptions& options,
                       std::source_location where) {
  if (argv.empty()) argv.emplace_back("main");
  argv.insert(argv.end(), options.args.begin(), options.args.end());
  detail::ChildPipes pipes;
  detail::StartFailure failure;
  const auto body = [&main, &argv](int) {
    std::vector<char*> pointers;  // the child's own copy of the arguments, writable as a main's are
    for (std::string& argument : argv) pointers.push_back(argument.data());
    pointers.push_back(nullptr);
    return main(static_cast<int>(argv.size()), pointers.data());
  };
  const pid_t pid = detail::fork_function(body, options, pipes, -1, failure);
  if (pid < 0) detail::program_failed("testkit::run_main", where, failure.what, failure.error);
  pipes.close_child_ends();
  return detail::supervise_child(pid, pipes, options.input, options.timeout.value_or(detail::default_child_timeout()),
                                 options.output_limit);
}

}  // namespace testkit

#include <testkit/program/death_test.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cstring>

#include <fmt/format.h>

#include <testkit/assert/print.hpp>
#include <testkit/assert/regex.hpp>
#include <testkit/core/exception_text.hpp>
#include <testkit/interpose/framework_io.hpp>
#include <testkit/interpose/real_functions.hpp>
#include <testkit/program/detail/child_process.hpp>

namespace testkit::detail {
namespace {

// What the child says when the statement did not end its process.
constexpr std::string_view returned_note = "returned";
constexpr std::string_view threw_note = "threw ";
// stderr a failure shows: its end, where a dying program says why.
constexpr std::size_t shown_stderr_bytes = 2048;

std::string describe_expected(const ExitCondition* expected, std::string_view pattern) {
  std::string text = expected == nullptr   ? std::string("killed by a signal")
                     : expected->by_signal ? "killed by " + describe_signal(expected->value)
                                           : fmt::format("exited with status {}", expected->value);
  if (!pattern.empty()) text += fmt::format(", with stderr matching /{}/", pattern);
  return text;
}

// How the process ended, when that is not what was expected; "" when it is.
std::string ending_mismatch(const ProgramResult& result, const std::string& note, const ExitCondition* expected) {
  if (note == returned_note) return "the statement returned: its process did not end";
  if (note.starts_with(threw_note)) return "the statement " + note + ": its process did not end";
  if (result.timed_out)
    return fmt::format("still running after {:.3g} s, and killed",
                       std::chrono::duration<double>(result.duration).count());
  const bool as_expected = expected == nullptr   ? result.signal != 0
                           : expected->by_signal ? result.signal == expected->value
                                                 : result.signal == 0 && result.exit_code == expected->value;
  return as_expected ? std::string() : result.describe();
}

std::string read_note(int fd) {
  std::string note;
  char buffer[512];
  ssize_t got = 0;
  while ((got = call_real<Function::read>(fd, buffer, sizeof buffer)) > 0 && note.size() < 4096)
    note.append(buffer, static_cast<std::size_t>(got));
  return note;
}

}  // namespace

std::string exit_mismatch(const std::function<void()>& statement, const ExitCondition* expected,
                          std::string_view pattern) {
  int note_pipe[2];
  if (::pipe2(note_pipe, O_CLOEXEC) != 0) return "cannot make a pipe for the statement's process";
  // The statement's own children may keep the write end open: the note is read without waiting for them.
  (void)::fcntl(note_pipe[0], F_SETFL, O_NONBLOCK);
  const auto body = [&statement](int note_fd) {
    try {
      statement();
    } catch (const FatalFailure&) {
      throw;
    } catch (const SkipRequested&) {
      throw;
    } catch (...) {
      (void)write_all(note_fd, std::string(threw_note) + describe_current_exception());
      return 1;
    }
    (void)write_all(note_fd, returned_note);
    return 0;
  };
  ChildPipes pipes;
  StartFailure failure;
  const pid_t pid = fork_function(body, ProgramOptions{}, pipes, note_pipe[1], failure);
  close_descriptor(note_pipe[1]);
  if (pid < 0) {
    close_descriptor(note_pipe[0]);
    return fmt::format("{}: {}", failure.what, std::strerror(failure.error));
  }
  pipes.close_child_ends();
  const ProgramResult result = supervise_child(pid, pipes, {}, default_child_timeout(), std::size_t{16} << 20);
  const std::string note = read_note(note_pipe[0]);
  close_descriptor(note_pipe[0]);

  std::string actual = ending_mismatch(result, note, expected);
  if (actual.empty() && !pattern.empty()) {
    const Regex::Search search = Regex(std::string(pattern)).search(result.err);
    if (!search.error.empty())
      actual = "its stderr could not be searched: " + search.error;
    else if (!search.found)
      actual = result.describe() + ", but its stderr does not match";
  }
  if (actual.empty()) return {};
  const std::string_view err = result.err;
  const std::string_view shown = err.size() > shown_stderr_bytes ? err.substr(err.size() - shown_stderr_bytes) : err;
  return fmt::format("expected: {}\n  actual: {}\n  stderr: {}{}", describe_expected(expected, pattern), actual,
                     err.size() > shown.size() ? fmt::format("(the last {} bytes) ", shown.size()) : "",
                     shown.empty() ? std::string("(empty)") : print(shown));
}

}  // namespace testkit::detail

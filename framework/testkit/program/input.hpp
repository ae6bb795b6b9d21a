#pragma once
/// Input: the text the running test's code reads from standard input.

#include <memory>
#include <source_location>
#include <string>

namespace testkit {

/// From its construction to its destruction, the running test reads `text` from standard input: std::cin, scanf,
/// getchar, fgets, getline and every stdio call on stdin, and read() on descriptor 0. Past its end, reading behaves
/// as a terminal at end of file does: read() returns 0, stdio returns EOF with feof(stdin) set, std::cin sets eofbit
/// (and failbit when nothing was read). It is the test's, whichever of its threads makes it; the threads share it,
/// each read taking the next bytes. The newest Input of a test is the one read; when it ends, the previous one (if any)
/// goes on where it stopped. Starting and ending an Input clear the end-of-file and failure states of std::cin and
/// stdin. On a thread pool, tests reading at the same moment each read their own text, but std::cin's state flags and
/// stdio's one character of look-ahead (what scanf reads past a number) are the process's: see the README.
/// Example: testkit::Input input{"3 4\n"}; TK_EXPECT_EQ(read_and_add(), 7);
class Input {
 public:
  /// Starts serving `text`.
  explicit Input(std::string text, std::source_location where = std::source_location::current());
  /// Stops serving it: reads go to the previous Input, else to the real standard input.
  ~Input();
  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;

  /// The part of the text not read yet.
  [[nodiscard]] std::string remaining() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace testkit

#pragma once
/// OutputCapture: what the running test's code writes to stdout and stderr, as pytest's capsys and capfd show it.

#include <cstddef>
#include <memory>
#include <source_location>
#include <string>

namespace testkit {

/// From its construction to its destruction, takes what the running test writes to standard output and standard
/// error, instead of letting it reach the test's report: std::cout, std::cerr and std::clog; printf, puts, fwrite,
/// perror and every stdio call on stdout and stderr; write() and writev() on descriptors 1 and 2. It is the test's,
/// whichever of its threads makes it: the test's thread and every thread the test starts write into it, and tests
/// running at once on a thread pool each capture only their own output. What a process the test forks (without exec)
/// writes arrives too, when out() or err() is next read. The newest capture of a test takes everything until it ends:
/// an inner capture sees its part, which the outer one does not. Keeps the first `limit` bytes of each stream (0: no
/// limit); a capture that had to drop bytes fails the test when it ends. Any thread of the test may read it.
/// Example: testkit::OutputCapture output; greet("Ada"); TK_EXPECT_EQ(output.out(), "Hello, Ada!\n");
class OutputCapture {
 public:
  /// Bytes of each stream a capture keeps unless told otherwise: 64 MiB.
  static constexpr std::size_t default_limit = std::size_t{64} << 20;

  /// Starts capturing; what was written before goes where it went.
  explicit OutputCapture(std::size_t limit = default_limit,
                         std::source_location where = std::source_location::current());
  /// Stops capturing: what the test writes afterwards goes to the outer capture, if any, else to the test's report.
  ~OutputCapture();
  OutputCapture(const OutputCapture&) = delete;
  OutputCapture& operator=(const OutputCapture&) = delete;

  /// Everything written to standard output since the capture started (or was cleared). Flushes the standard
  /// streams first, so that output a stream still buffered is in it.
  [[nodiscard]] std::string out() const;
  /// Everything written to standard error since the capture started (or was cleared); flushes as out() does.
  [[nodiscard]] std::string err() const;
  /// Forgets what was captured so far (pytest's readouterr() followed by nothing).
  void clear();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace testkit

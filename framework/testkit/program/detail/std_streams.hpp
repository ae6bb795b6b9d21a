#pragma once
/// The routers testkit puts on the process's standard streams the first time a test captures its output or gives it
/// input, so that each test's std::cout, printf and scanf reach its own OutputCapture and Input (see StreamRoutes).

namespace testkit::detail {

/// Puts the routers in place, once per process (later calls do nothing; they stay until the process ends):
/// std::cout, std::cerr and std::clog write, and std::cin reads, through stream buffers of testkit's; stdout, stderr
/// and stdin become unbuffered streams of testkit's whose fileno() is still 1, 2 and 0. What a thread whose test has
/// no capture (or Input) writes or reads goes where it went before; stdio output is then written through at once.
void install_stream_routers();

/// Makes what was written so far to std::cout, std::cerr, std::clog, stdout and stderr reach its destination (a
/// capture, when the calling thread's test has one and the code made a stream buffered).
void flush_standard_output();

/// Forgets what std::cin and testkit's stdin know from earlier reads (their end of file, failure and look-ahead), so
/// that the next read asks its source again.
void reset_standard_input() noexcept;

/// In a process forked to run a program: drops what the standard streams of the parent had buffered (the parent
/// writes it, or read it) and clears their states, so that the program starts on clean streams.
void reset_streams_in_forked_child() noexcept;

}  // namespace testkit::detail

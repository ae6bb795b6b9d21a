// OutputCapture sees every way the code under test writes to stdout and stderr, from the test's thread and the
// threads it starts, and leaves alone what is written outside it.
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <functional>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include <testkit/mock.hpp>
#include <testkit/program.hpp>

#include "support/inner_test.hpp"

namespace {

using testkit::OutputCapture;

TK_TEST(OutputCapture, sees_iostreams) {
  OutputCapture output;
  std::cout << "cout " << 42 << std::endl;
  std::cerr << "cerr " << 1.5 << '\n';
  std::clog << "clog" << std::flush;
  TK_EXPECT_EQ(output.out(), "cout 42\n");
  TK_EXPECT_EQ(output.err(), "cerr 1.5\nclog");
}

TK_TEST(OutputCapture, sees_stdio) {
  OutputCapture output;
  std::printf("printf %d\n", 7);
  std::puts("puts");
  std::putchar('c');
  std::fwrite("fwrite\n", 1, 7, stdout);
  std::fputs("fputs\n", stdout);
  fmt::print("fmt {}\n", "print");
  std::fprintf(stderr, "fprintf %s\n", "stderr");
  errno = ENOENT;
  std::perror("perror");
  TK_EXPECT_EQ(output.out(), "printf 7\nputs\ncfwrite\nfputs\nfmt print\n");
  TK_EXPECT_EQ(output.err(), "fprintf stderr\nperror: No such file or directory\n");
}

// stdout is the process's: on a thread pool (--no-fork -j 8) the buffer set here holds the other tests' printf output
// too while it is set, as the README says.
TK_TEST(OutputCapture, flushes_a_stream_the_code_made_buffered_when_read) {
  OutputCapture output;
  char buffer[BUFSIZ];
  std::setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
  std::printf("still in the buffer");
  TK_EXPECT_EQ(output.out(), "still in the buffer");
  std::setvbuf(stdout, nullptr, _IONBF, 0);  // the buffer ends with this test
}

TK_TEST(OutputCapture, sees_raw_writes_to_descriptors_1_and_2) {
  OutputCapture output;
  TK_EXPECT_EQ(::write(1, "write 1\n", 8), 8);
  TK_EXPECT_EQ(::write(STDERR_FILENO, "write 2\n", 8), 8);
  char first[] = "write";
  char second[] = "v\n";
  const iovec parts[] = {{first, 5}, {second, 2}};
  TK_EXPECT_EQ(::writev(1, parts, 2), 7);
  TK_EXPECT_EQ(::write(::fileno(stdout), "fileno\n", 7), 7);
  TK_EXPECT_EQ(output.out(), "write 1\nwritev\nfileno\n");
  TK_EXPECT_EQ(output.err(), "write 2\n");
}

TK_TEST(OutputCapture, keeps_the_order_of_every_way_of_writing) {
  OutputCapture output;
  std::cout << "a";
  std::printf("b");
  (void)::write(1, "c", 1);
  std::cout << "d" << std::flush;
  std::puts("e");
  TK_EXPECT_EQ(output.out(), "abcde\n");
}

TK_TEST(OutputCapture, leaves_the_standard_descriptors_as_they_were) {
  OutputCapture output;
  TK_EXPECT_EQ(::fileno(stdout), 1);
  TK_EXPECT_EQ(::fileno(stderr), 2);
  TK_EXPECT_EQ(::fileno(stdin), 0);
}

TK_TEST(OutputCapture, sees_the_threads_the_test_starts) {
  OutputCapture output;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([i] {
      std::cout << fmt::format("cout {}\n", i);
      std::printf("printf %d\n", i);
      (void)::write(2, "w", 1);
    });
  for (std::thread& thread : threads) thread.join();
  const std::string out = output.out();
  for (int i = 0; i < 4; ++i) {
    TK_EXPECT_CONTAINS(out, fmt::format("cout {}\n", i));
    TK_EXPECT_CONTAINS(out, fmt::format("printf {}\n", i));
  }
  TK_EXPECT_EQ(output.err(), "wwww");
}

TK_TEST(OutputCapture, a_capture_made_in_a_started_thread_is_the_tests) {
  std::string out;
  std::thread([&] {
    OutputCapture output;
    std::thread([] { std::cout << "grandchild thread\n"; }).join();
    out = output.out();
  }).join();
  TK_EXPECT_EQ(out, "grandchild thread\n");
}

TK_TEST(OutputCapture, an_inner_capture_takes_its_part_and_the_outer_one_the_rest) {
  OutputCapture outer;
  std::cout << "before ";
  std::string inner_out;
  {
    OutputCapture inner;
    std::cout << "inside";
    std::fputs("inside err", stderr);
    inner_out = inner.out();
    TK_EXPECT_EQ(inner.err(), "inside err");
  }
  std::cout << "after";
  TK_EXPECT_EQ(inner_out, "inside");
  TK_EXPECT_EQ(outer.out(), "before after");
  TK_EXPECT_EQ(outer.err(), "");
}

TK_TEST(OutputCapture, clear_forgets_what_was_captured) {
  OutputCapture output;
  std::cout << "first";
  output.clear();
  std::cout << "second";
  TK_EXPECT_EQ(output.out(), "second");
}

TK_TEST(OutputCapture, sees_what_a_forked_child_writes) {
  OutputCapture output;
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::cout << "child cout\n" << std::flush;
    std::printf("child printf\n");
    (void)::write(2, "child write\n", 12);
    ::_exit(0);
  }
  ::waitpid(pid, nullptr, 0);
  TK_EXPECT_EQ(output.out(), "child cout\nchild printf\n");
  TK_EXPECT_EQ(output.err(), "child write\n");
}

TK_TEST(OutputCapture, a_capture_past_its_limit_keeps_the_start_and_fails_the_test) {
  std::string kept;
  const auto result = testkit::selftest::run_inner([&] {
    OutputCapture output(8);
    std::cout << "0123456789";
    (void)::write(2, "abcdefghij", 10);
    kept = output.out() + "|" + output.err();
  });
  TK_EXPECT_EQ(kept, "01234567|abcdefgh");
  TK_ASSERT_EQ(result.failures.size(), 1u);
  TK_EXPECT_EQ(result.failures[0].headline, "OutputCapture dropped output past its limit");
  TK_EXPECT_CONTAINS(result.failures[0].details, "4 more were written");
}

TK_TEST(OutputCapture, a_write_patch_made_after_it_answers_first) {
  OutputCapture output;
  {
    testkit::Patch write_fails{testkit::libc::write};
    write_fails.fails(EIO);
    TK_EXPECT_EQ(::write(1, "lost", 4), -1);
    std::cout << "iostreams are not write() calls";
  }
  TK_EXPECT_EQ(output.out(), "iostreams are not write() calls");
}

TK_TEST(OutputCapture, tests_on_a_pool_each_capture_their_own_output) {
  constexpr int tests = 8;
  std::vector<std::string> outs(tests), errs(tests);
  std::atomic<int> started{0};
  std::vector<std::function<void()>> bodies;
  for (int i = 0; i < tests; ++i)
    bodies.emplace_back([&, i] {
      OutputCapture output;
      ++started;
      while (started.load() < tests) std::this_thread::yield();  // all eight capture at once
      std::thread helper([i] { (void)::write(2, fmt::format("[{}]", i).c_str(), 3); });
      for (int k = 0; k < 200; ++k) {
        std::cout << i;
        std::printf("%d", i);
        (void)::write(1, fmt::format("{}", i).c_str(), 1);
      }
      helper.join();
      outs[i] = output.out();
      errs[i] = output.err();
    });
  const testkit::RunResult run = testkit::selftest::run_on_pool(bodies, tests);
  TK_EXPECT_EQ(run.tally().passed, static_cast<std::size_t>(tests));
  for (int i = 0; i < tests; ++i) {
    TK_EXPECT_EQ(outs[i], std::string(600, static_cast<char>('0' + i)), "test {}", i);
    TK_EXPECT_EQ(errs[i], fmt::format("[{}]", i), "test {}", i);
  }
}

}  // namespace

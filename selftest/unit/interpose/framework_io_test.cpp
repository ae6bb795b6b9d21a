// write_all: testkit's own writes reach the kernel whole, and never through what a test patched.
#include <testkit/interpose/framework_io.hpp>

#include <unistd.h>

#include <cerrno>
#include <string>
#include <thread>

#include <testkit/mock.hpp>
#include <testkit/testkit.hpp>

namespace {

// Reads `size` bytes from `fd` (fewer at end of file).
std::string read_bytes(int fd, std::size_t size) {
  std::string got;
  char buffer[4096];
  while (got.size() < size) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    got.append(buffer, static_cast<std::size_t>(n));
  }
  return got;
}

TK_TEST(FrameworkIo, write_all_sends_every_byte_or_says_it_failed) {
  int fds[2];
  TK_ASSERT_EQ(::pipe(fds), 0);
  // More than a pipe holds: the write blocks, and write_all goes on until the reader has taken every byte.
  const std::string bytes(300'000, 'x');
  std::string got;
  std::thread reader([&] { got = read_bytes(fds[0], bytes.size() + 1); });
  TK_EXPECT(testkit::detail::write_all(fds[1], bytes));
  ::close(fds[1]);
  reader.join();
  ::close(fds[0]);
  TK_EXPECT_EQ(got.size(), bytes.size());
  TK_EXPECT(got == bytes);
  errno = 0;
  TK_EXPECT_FALSE(testkit::detail::write_all(-1, "x"));
  TK_EXPECT_EQ(errno, EBADF);
}

TK_TEST(FrameworkIo, write_all_reaches_the_real_write_whatever_the_test_patched) {
  testkit::Patch write{testkit::libc::write};
  write.fails(EIO);
  int fds[2];
  TK_ASSERT_EQ(::pipe(fds), 0);
  TK_EXPECT(testkit::detail::write_all(fds[1], "framework"));
  TK_EXPECT_EQ(::write(fds[1], "x", 1), -1, "the test's own write is the patched one");
  ::close(fds[1]);
  TK_EXPECT_EQ(read_bytes(fds[0], 100), "framework");
  ::close(fds[0]);
  TK_EXPECT_EQ(write.call_count(), 1u);
}

}  // namespace

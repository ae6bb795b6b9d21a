#include <testkit/program/detail/std_streams.hpp>

#include <stdio.h>
#include <stdio_ext.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <streambuf>

#include <testkit/program/detail/stream_routes.hpp>

namespace testkit::detail {
namespace {

// What the standard streams were before the routers took their place; set once, never freed (they route until the
// process ends).
struct Originals {
  std::FILE* out;
  std::FILE* err;
  std::FILE* in;
  std::FILE* routed_in;  // testkit's stdin
};
std::atomic<const Originals*> originals{nullptr};

using Traits = std::streambuf::traits_type;

// Unbuffered, so that every character reaches the routes with the identity of the thread that wrote it.
class OutputRouter final : public std::streambuf {
 public:
  OutputRouter(OutputStream stream, std::streambuf* original) : stream_(stream), original_(original) {}

 protected:
  int_type overflow(int_type c) override {
    if (Traits::eq_int_type(c, Traits::eof())) return Traits::not_eof(c);
    const char byte = Traits::to_char_type(c);
    if (StreamRoutes::instance().write(stream_, {&byte, 1})) return c;
    return original_->sputc(byte);
  }
  std::streamsize xsputn(const char* bytes, std::streamsize count) override {
    if (StreamRoutes::instance().write(stream_, {bytes, static_cast<std::size_t>(count)})) return count;
    return original_->sputn(bytes, count);
  }
  int sync() override { return original_->pubsync(); }

 private:
  OutputStream stream_;
  std::streambuf* original_;
};

// Unbuffered as well: a look-ahead character kept here would be every thread's.
class InputRouter final : public std::streambuf {
 public:
  explicit InputRouter(std::streambuf* original) : original_(original) {}

 protected:
  int_type underflow() override { return next(false); }
  int_type uflow() override { return next(true); }
  std::streamsize xsgetn(char* bytes, std::streamsize count) override {
    if (const auto got = StreamRoutes::instance().read(bytes, static_cast<std::size_t>(count)))
      return static_cast<std::streamsize>(*got);
    return original_->sgetn(bytes, count);
  }
  int_type pbackfail(int_type c) override {
    const bool any = Traits::eq_int_type(c, Traits::eof());
    if (const auto done = StreamRoutes::instance().put_back(any ? -1 : Traits::to_int_type(Traits::to_char_type(c))))
      return *done ? Traits::not_eof(c) : Traits::eof();
    return any ? original_->sungetc() : original_->sputbackc(Traits::to_char_type(c));
  }
  std::streamsize showmanyc() override {
    if (StreamRoutes::instance().has_input()) return 0;
    return original_->in_avail();
  }
  int sync() override { return original_->pubsync(); }

 private:
  int_type next(bool take) {
    if (const auto byte = StreamRoutes::instance().peek(take))
      return *byte < 0 ? Traits::eof() : Traits::to_int_type(static_cast<char>(*byte));
    return take ? original_->sbumpc() : original_->sgetc();
  }
  std::streambuf* original_;
};

// The cookie of testkit's stdout and stderr: the stream, as a pointer-sized number.
void* cookie_of(OutputStream stream) { return reinterpret_cast<void*>(static_cast<std::uintptr_t>(stream)); }

ssize_t write_routed(void* cookie, const char* bytes, std::size_t size) {
  const auto stream = static_cast<OutputStream>(reinterpret_cast<std::uintptr_t>(cookie));
  if (StreamRoutes::instance().write(stream, {bytes, size})) return static_cast<ssize_t>(size);
  const Originals* const was = originals.load(std::memory_order_acquire);
  std::FILE* const original = stream == OutputStream::out ? was->out : was->err;
  // Written through at once: a program's fflush(stdout) reaches only this stream, and must still flush what it wrote.
  const std::size_t written = std::fwrite(bytes, 1, size, original);
  std::fflush(original);
  return written == 0 && size != 0 ? -1 : static_cast<ssize_t>(written);
}

ssize_t read_routed(void*, char* buffer, std::size_t size) {
  if (const auto got = StreamRoutes::instance().read(buffer, size)) return static_cast<ssize_t>(*got);
  // A thread without an Input reads the original stdin one byte at a time: asking for more would make a terminal
  // wait for more than the line it has.
  if (size == 0) return 0;
  const int byte = std::getc(originals.load(std::memory_order_acquire)->in);
  if (byte == EOF) return 0;
  buffer[0] = static_cast<char>(byte);
  return 1;
}

// An unbuffered stream of testkit's whose fileno() is `fd`: glibc's cookie streams have none, and a program asking
// isatty(fileno(stdout)), or handing the descriptor to write(), must find the one it expects (its calls on it are
// then routed by the interposed write and read).
std::FILE* routed_stream(void* cookie, const char* mode, int fd) {
  const cookie_io_functions_t functions{.read = read_routed, .write = write_routed, .seek = nullptr, .close = nullptr};
  std::FILE* const stream = ::fopencookie(cookie, mode, functions);
  if (stream == nullptr) return nullptr;
  std::setvbuf(stream, nullptr, _IONBF, 0);
  stream->_fileno = fd;
  return stream;
}

std::FILE* current(std::FILE** stream) { return __atomic_load_n(stream, __ATOMIC_ACQUIRE); }

}  // namespace

void install_stream_routers() {
  static std::once_flag once;
  std::call_once(once, [] {
    std::FILE* const out = routed_stream(cookie_of(OutputStream::out), "w", 1);
    std::FILE* const err = routed_stream(cookie_of(OutputStream::err), "w", 2);
    std::FILE* const in = routed_stream(nullptr, "r", 0);
    if (out == nullptr || err == nullptr || in == nullptr) return;  // no memory: the streams stay as they were
    originals.store(new Originals{stdout, stderr, stdin, in}, std::memory_order_release);
    std::cout.rdbuf(new OutputRouter(OutputStream::out, std::cout.rdbuf()));
    std::cerr.rdbuf(new OutputRouter(OutputStream::err, std::cerr.rdbuf()));
    std::clog.rdbuf(new OutputRouter(OutputStream::err, std::clog.rdbuf()));
    std::cin.rdbuf(new InputRouter(std::cin.rdbuf()));
    // Atomic stores, and atomic loads below: other threads may be reading these variables (TSan sees testkit's reads).
    __atomic_store_n(&stdout, out, __ATOMIC_RELEASE);
    __atomic_store_n(&stderr, err, __ATOMIC_RELEASE);
    __atomic_store_n(&stdin, in, __ATOMIC_RELEASE);
  });
}

void flush_standard_output() {
  std::cout.flush();
  std::cerr.flush();
  std::clog.flush();
  std::fflush(current(&stdout));
  std::fflush(current(&stderr));
}

void reset_standard_input() noexcept {
  std::cin.clear();
  const Originals* const was = originals.load(std::memory_order_acquire);
  std::FILE* const in = current(&stdin);
  if (was == nullptr || in != was->routed_in) return;  // a stdin the test opened itself keeps what it holds
  ::__fpurge(in);
  std::clearerr(in);
}

void reset_streams_in_forked_child() noexcept {
  for (std::FILE* stream : {current(&stdout), current(&stderr), current(&stdin)}) {
    ::__fpurge(stream);
    std::clearerr(stream);
  }
  if (const Originals* const was = originals.load(std::memory_order_acquire)) {
    for (std::FILE* stream : {was->out, was->err, was->in}) {
      ::__fpurge(stream);
      std::clearerr(stream);
    }
  }
  std::cin.clear();
  std::cout.clear();
  std::cerr.clear();
  std::clog.clear();
}

}  // namespace testkit::detail

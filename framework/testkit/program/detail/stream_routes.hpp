#pragma once
/// Where the standard streams of a test go while it has an OutputCapture or an Input. stdout, stderr and stdin are
/// one each for the whole process, so one table routes them: by the calling thread's patch scope, which a test shares
/// with every thread it starts (and no other test has), to the newest capture or Input of that test.

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace testkit::detail {

class PatchScope;

/// One of the two output streams.
enum class OutputStream : std::uint8_t { out = 1, err = 2 };

/// What an OutputCapture holds. Read and written only with StreamRoutes' lock held.
struct CaptureBuffer {
  std::string out{};
  std::string err{};
  std::size_t limit = 0;    ///< bytes kept of each stream; what comes after is counted in `dropped`
  std::size_t dropped = 0;  ///< bytes written past `limit`
};

/// What an Input holds. Read only with StreamRoutes' lock held.
struct InputBuffer {
  std::string text{};
  std::size_t position = 0;  ///< bytes read so far
};

/// The process's table of captures and Inputs. Thread-safe; never destroyed (the streams that route through it live
/// as long as the process).
class StreamRoutes {
 public:
  /// The table; made on first use.
  [[nodiscard]] static StreamRoutes& instance();

  /// Routes what the threads of `scope` write to `capture` until remove(); returns the entry's serial number.
  std::uint64_t add(PatchScope* scope, CaptureBuffer& capture);
  /// Routes what the threads of `scope` read to `input` until remove(); returns the entry's serial number.
  std::uint64_t add(PatchScope* scope, InputBuffer& input);
  /// Ends the entry `serial`; harmless when it is gone.
  void remove(std::uint64_t serial) noexcept;
  /// Holds the table's lock, under which an entry's buffer may be read.
  [[nodiscard]] std::unique_lock<std::mutex> lock() { return std::unique_lock(mutex_); }

  /// Gives `bytes` that the calling thread writes to `stream` to the newest capture of its test (in a process the
  /// test forked: sends them to the test's process). False when no capture takes them: the caller writes them where
  /// they would have gone.
  bool write(OutputStream stream, std::string_view bytes);
  /// Reads up to `size` bytes of the newest Input of the calling thread's test into `buffer`: how many (0 at its
  /// end), or nullopt when the test has no Input.
  [[nodiscard]] std::optional<std::size_t> read(char* buffer, std::size_t size);
  /// The next byte of that Input (-1 at its end) without taking it (take: and takes it); nullopt without an Input.
  [[nodiscard]] std::optional<int> peek(bool take);
  /// Steps that Input back one byte if the byte before its position is `byte` (-1: any); nullopt without an Input.
  [[nodiscard]] std::optional<bool> put_back(int byte);
  /// Whether the calling thread's test has an Input.
  [[nodiscard]] bool has_input();

  /// In a process forked to run a program (run_main, death tests): the captures and Inputs of the test that forked
  /// it do not apply there, so the program's streams are the descriptors it was given.
  void forget_all() noexcept;

  StreamRoutes(const StreamRoutes&) = delete;
  StreamRoutes& operator=(const StreamRoutes&) = delete;

 private:
  StreamRoutes();
  ~StreamRoutes() = default;

  struct Entry {
    std::uint64_t serial;
    PatchScope* scope;
    CaptureBuffer* capture;  ///< one of these two is set
    InputBuffer* input;
    bool inherited;  ///< made by the process this one is a fork of: its buffer is that process's
  };
  [[nodiscard]] Entry* newest(bool capture);
  [[nodiscard]] std::uint64_t next_serial();
  static void deliver_child_output(std::string_view fields);
  static void after_fork_in_child() noexcept;

  std::mutex mutex_;
  std::vector<Entry> entries_;
  std::uint64_t next_serial_ = 1;
};

/// Appends `bytes` to `capture`'s `stream`, keeping at most its limit. Call with StreamRoutes' lock held.
void append_to_capture(CaptureBuffer& capture, OutputStream stream, std::string_view bytes);

}  // namespace testkit::detail

#pragma once
/// A FILE* that writes into memory, for checking what a reporter prints.

#include <cstdio>
#include <string>

namespace testkit::report_test {

/// An open_memstream stream, closed on destruction. Not copyable.
class MemoryFile {
 public:
  MemoryFile();
  ~MemoryFile();
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;

  /// The stream to give to the code under test.
  [[nodiscard]] std::FILE* get() const { return file_; }
  /// Everything written so far (flushes the stream).
  [[nodiscard]] std::string text() const;

 private:
  char* buffer_ = nullptr;
  std::size_t size_ = 0;
  std::FILE* file_ = nullptr;
};

}  // namespace testkit::report_test

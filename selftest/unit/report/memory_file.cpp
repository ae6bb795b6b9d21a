#include "memory_file.hpp"

#include <cstdlib>
#include <stdexcept>

namespace testkit::report_test {

MemoryFile::MemoryFile() : file_(open_memstream(&buffer_, &size_)) {
  if (file_ == nullptr) throw std::runtime_error("open_memstream failed");
}

MemoryFile::~MemoryFile() {
  std::fclose(file_);
  std::free(buffer_);
}

std::string MemoryFile::text() const {
  std::fflush(file_);  // open_memstream updates buffer_ and size_ on flush
  return std::string(buffer_, size_);
}

}  // namespace testkit::report_test

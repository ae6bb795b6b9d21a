#include <testkit/run/detail/process_pipes.hpp>

#include <fcntl.h>
#include <sys/mman.h>

#include <new>
#include <system_error>

namespace testkit::detail {

void fail_system(const char* what) { throw std::system_error(errno, std::generic_category(), what); }

std::pair<int, int> make_pipe() {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) fail_system("pipe2");
  ::fcntl(ends[0], F_SETFL, O_NONBLOCK);
  return {ends[0], ends[1]};
}

BlackBox* make_black_box(int* memfd_out) {
  const int box_fd = memfd_out != nullptr ? ::memfd_create("testkit-black-box", MFD_CLOEXEC) : -1;
  if (memfd_out != nullptr && (box_fd < 0 || ::ftruncate(box_fd, sizeof(BlackBox)) != 0)) {
    if (box_fd >= 0) ::close(box_fd);
    fail_system("memfd_create");
  }
  void* memory = ::mmap(nullptr, sizeof(BlackBox), PROT_READ | PROT_WRITE,
                        box_fd >= 0 ? MAP_SHARED : MAP_SHARED | MAP_ANONYMOUS, box_fd, 0);
  if (memory == MAP_FAILED) {
    if (box_fd >= 0) ::close(box_fd);
    fail_system("mmap");
  }
  if (memfd_out != nullptr) *memfd_out = box_fd;
  return new (memory) BlackBox{};
}

}  // namespace testkit::detail

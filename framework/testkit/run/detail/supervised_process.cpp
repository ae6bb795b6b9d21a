#include <testkit/run/detail/supervised_process.hpp>

#include <sys/mman.h>
#include <unistd.h>

#include <testkit/run/sandbox.hpp>

namespace testkit::detail {

SupervisedTest::~SupervisedTest() {
  for (int& fd : fds)
    if (fd >= 0) ::close(fd);
  if (pidfd >= 0) ::close(pidfd);
  if (box != nullptr) ::munmap(box, sizeof *box);
  if (!sandbox_dir.empty()) remove_sandbox_dir(sandbox_dir);
}

SupervisedHost::~SupervisedHost() {
  if (!sandbox_dir.empty()) remove_sandbox_dir(sandbox_dir);
}

}  // namespace testkit::detail

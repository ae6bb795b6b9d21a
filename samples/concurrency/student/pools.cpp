#include "pools.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <thread>

namespace concurrency {

std::vector<long> thread_pool_map(const std::function<long(long)>& f, const std::vector<long>& inputs,
                                  std::size_t workers) {
  std::vector<long> results(inputs.size());
  std::atomic<std::size_t> next{0};
  {
    std::vector<std::jthread> pool;
    for (std::size_t w = 0; w < workers; ++w)
      pool.emplace_back([&] {
        for (std::size_t i = next++; i < inputs.size(); i = next++) results[i] = f(inputs[i]);
      });
  }
  return results;
}

std::vector<long> process_pool_map(long (*f)(long), const std::vector<long>& inputs, std::size_t workers) {
  std::vector<long> results(inputs.size());
  struct Worker {
    pid_t pid;
    int read_end;
    std::size_t first;
  };
  std::vector<Worker> pool;
  // Worker w computes inputs w, w + workers, w + 2 * workers...
  for (std::size_t w = 0; w < workers && w < inputs.size(); ++w) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
      ::close(fds[0]);
      for (std::size_t i = w; i < inputs.size(); i += workers) {
        const long value = f(inputs[i]);
        if (::write(fds[1], &value, sizeof value) != sizeof value) ::_exit(1);
      }
      ::_exit(0);
    }
    ::close(fds[1]);
    pool.push_back({pid, fds[0], w});
  }
  bool failed = false;
  for (const Worker& worker : pool) {
    for (std::size_t i = worker.first; i < inputs.size(); i += workers)
      if (::read(worker.read_end, &results[i], sizeof(long)) != sizeof(long)) failed = true;
    ::close(worker.read_end);
    int status = 0;
    ::waitpid(worker.pid, &status, 0);
    failed = failed || !WIFEXITED(status) || WEXITSTATUS(status) != 0;
  }
  if (failed) throw std::runtime_error("a worker process failed");
  return results;
}

}  // namespace concurrency

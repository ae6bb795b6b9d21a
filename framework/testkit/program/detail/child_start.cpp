// Starting the child of run_program (exec, without running any code of the test's process in the child) and of
// run_main and the death tests (fork, running a function of the test's process).
#include <testkit/program/detail/child_process.hpp>

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <memory>
#include <string_view>

#include <testkit/core/context.hpp>
#include <testkit/core/executable_search.hpp>
#include <testkit/core/process_role.hpp>
#include <testkit/interpose/real_functions.hpp>
#include <testkit/program/detail/std_streams.hpp>
#include <testkit/program/detail/stream_routes.hpp>

extern char** environ;

namespace testkit::detail {
namespace {

// The environment of the child: the test's (unless the options say not to inherit it) with the options' variables
// added or replacing those of the same name.
std::vector<std::string> child_environment(const ProgramOptions& options) {
  std::vector<std::string> environment;
  if (options.inherit_env)
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
      const std::string_view text(*entry);
      if (!options.env.contains(std::string(text.substr(0, text.find('='))))) environment.emplace_back(text);
    }
  for (const auto& [name, value] : options.env) environment.push_back(name + "=" + value);
  return environment;
}

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

// `name` as execve needs it: itself when it names a path, else the first executable file of that name in the PATH of
// the child's environment (as Python's subprocess looks it up); empty when there is none.
std::string resolve_program(const std::string& name, const std::vector<std::string>& environment) {
  if (name.find('/') != std::string::npos) return name;
  std::string_view path = "/usr/local/bin:/usr/bin:/bin";
  for (const std::string& entry : environment)
    if (entry.starts_with("PATH=")) path = std::string_view(entry).substr(5);
  return find_executable(name, path, EmptyPathEntry::current_directory);
}

// Everything the exec'ing child needs, made before it starts: it may only make system calls.
struct ExecPlan {
  const char* path;
  char* const* argv;
  char* const* envp;
  const char* cwd;  // null: the parent's
  const ChildPipes* pipes;
  int error_fd;  // where the child writes {stage, errno} when it cannot exec
};

enum ExecStage : int { stage_chdir = 1, stage_exec = 2 };

// The child of start_program. It shares the parent's memory until it execs (CLONE_VM | CLONE_VFORK), so it calls no
// function that the interposer serves (chdir, write) and touches nothing but its own stack.
int exec_in_child(void* raw) {
  const ExecPlan& plan = *static_cast<const ExecPlan*>(raw);
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // if the test's process dies first (a test timeout), so does the program
  // Handlers of the test's process must not run here; signals stay blocked (as the parent blocked them) until exec.
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  for (int signal = 1; signal < NSIG; ++signal) {
    struct sigaction current {};
    if (::sigaction(signal, nullptr, &current) == 0 && current.sa_handler != SIG_DFL && current.sa_handler != SIG_IGN)
      ::sigaction(signal, &default_action, nullptr);
  }
  ::signal(SIGPIPE, SIG_DFL);
  plan.pipes->adopt_in_child();
  int failure[2] = {stage_chdir, 0};
  if (plan.cwd == nullptr || ::syscall(SYS_chdir, plan.cwd) == 0) {
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::execve(plan.path, plan.argv, plan.envp);
    failure[0] = stage_exec;
  }
  failure[1] = errno;
  ::syscall(SYS_write, plan.error_fd, failure, sizeof failure);
  ::_exit(127);
}

void fail_to_start(StartFailure& failure, std::string what, int error) {
  failure.what = std::move(what);
  failure.error = error;
}

// In the forked child of fork_function, before the body: the child is a program of its own now.
void become_program_child(const ProgramOptions& options, const ChildPipes& pipes) {
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  // A crash here is this process's: it dies of the signal, it does not report into the test process's black box.
  ProcessRole role = process_role();
  role.black_box = nullptr;
  assume_process_role(role);
  for (int signal :
       {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD})
    ::signal(signal, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  std::set_terminate(__gnu_cxx::__verbose_terminate_handler);  // a real program's message for an escaped exception
  pipes.adopt_in_child();
  StreamRoutes::instance().forget_all();  // the test's captures and Input are not this program's streams
  reset_streams_in_forked_child();
  if (!options.cwd.empty() && ::syscall(SYS_chdir, options.cwd.c_str()) != 0) {
    std::fprintf(stderr, "testkit: cannot change to the directory %s: %s\n", options.cwd.c_str(), std::strerror(errno));
    std::fflush(stderr);
    ::_exit(127);
  }
  if (!options.inherit_env) ::clearenv();
  for (const auto& [name, value] : options.env) ::setenv(name.c_str(), value.c_str(), 1);
}

}  // namespace

pid_t start_program(const std::vector<std::string>& argv, const ProgramOptions& options, const ChildPipes& pipes,
                    StartFailure& failure) {
  std::vector<std::string> environment = child_environment(options);
  const std::string path = resolve_program(argv.front(), environment);
  if (path.empty()) {
    fail_to_start(failure, "cannot find " + argv.front() + " in PATH", ENOENT);
    return -1;
  }
  std::vector<std::string> arguments = argv;
  const std::vector<char*> argv_pointers = pointers_to(arguments);
  const std::vector<char*> envp_pointers = pointers_to(environment);
  int error_pipe[2];
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  constexpr int error_pipe_flags = O_CLOEXEC;
#else
  constexpr int error_pipe_flags = O_CLOEXEC | O_NONBLOCK;
#endif
  if (::pipe2(error_pipe, error_pipe_flags) != 0) {
    fail_to_start(failure, "cannot make a pipe for " + argv.front(), errno);
    return -1;
  }
  const ExecPlan plan{.path = path.c_str(),
                      .argv = argv_pointers.data(),
                      .envp = envp_pointers.data(),
                      .cwd = options.cwd.empty() ? nullptr : options.cwd.c_str(),
                      .pipes = &pipes,
                      .error_fd = error_pipe[1]};
  // No signal handler of this process may run on the child's stack before it execs.
  sigset_t all, previous;
  sigfillset(&all);
  ::pthread_sigmask(SIG_SETMASK, &all, &previous);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  // The sanitizers' runtimes cannot share their state with a child on the same memory: a plain fork instead.
  pid_t pid = ::fork();
  if (pid == 0) exec_in_child(const_cast<ExecPlan*>(&plan));
#else
  constexpr std::size_t stack_size = 64 * 1024;
  const auto stack = std::make_unique<std::max_align_t[]>(stack_size / sizeof(std::max_align_t));
  const pid_t pid = ::clone(exec_in_child, stack.get() + stack_size / sizeof(std::max_align_t),
                            CLONE_VM | CLONE_VFORK | SIGCHLD, const_cast<ExecPlan*>(&plan));
#endif
  const int clone_error = errno;
  ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  close_descriptor(error_pipe[1]);
  if (pid < 0) {
    close_descriptor(error_pipe[0]);
    fail_to_start(failure, "cannot start " + argv.front(), clone_error);
    return -1;
  }
  // The child wrote {stage, errno} only when it failed. With CLONE_VFORK it has exec'd or exited by now, so what it
  // wrote is there: a read that does not wait is enough (a child another test forked meanwhile may hold the pipe).
  // After a plain fork, the read waits for the end of file that the exec (close-on-exec) or the exit makes.
  int child_failure[2] = {0, 0};
  std::size_t reported = 0;
  while (reported < sizeof child_failure) {
    const ssize_t got = call_real<Function::read>(error_pipe[0], reinterpret_cast<char*>(child_failure) + reported,
                                                  sizeof child_failure - reported);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    reported += static_cast<std::size_t>(got);
  }
  close_descriptor(error_pipe[0]);
  if (reported == sizeof child_failure) {
    while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    fail_to_start(failure,
                  child_failure[0] == stage_chdir ? "cannot change to the directory " + options.cwd + " to run " + path
                                                  : "cannot run " + path,
                  child_failure[1]);
    return -1;
  }
  ::setpgid(pid, pid);
  return pid;
}

pid_t fork_function(const std::function<int(int note_fd)>& body, const ProgramOptions& options, const ChildPipes& pipes,
                    int note_fd, StartFailure& failure) {
  // What the test buffered must not be written a second time by the child.
  flush_standard_output();
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    fail_to_start(failure, "cannot fork", errno);
    return -1;
  }
  if (pid > 0) {
    ::setpgid(pid, pid);  // also done by the child: whichever runs first closes the race
    return pid;
  }
  become_program_child(options, pipes);
  int status = 1;
  try {
    status = body(note_fd);
  } catch (const FatalFailure&) {
    status = 1;  // a failed TK_ASSERT_: recorded for the test through its child log
  } catch (const SkipRequested&) {
    status = 1;
  } catch (...) {
    std::terminate();  // what an exception escaping a program's main does: its message, then SIGABRT
  }
  std::cout.flush();
  std::cerr.flush();
  std::clog.flush();
  std::fflush(nullptr);
  ::_exit(status & 0xff);
}

}  // namespace testkit::detail

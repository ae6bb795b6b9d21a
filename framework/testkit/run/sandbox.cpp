#include <testkit/run/sandbox.hpp>

#include <grp.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include <testkit/core/remove_tree.hpp>
#include <testkit/run/detail/landlock.hpp>
#include <testkit/run/detail/pid_namespace.hpp>
#include <testkit/run/detail/private_network.hpp>

namespace testkit {
namespace {

// The user (and group) a root runner's test in job slot `slot` runs as.
uid_t unprivileged_user(std::size_t slot) { return static_cast<uid_t>(sandbox_uid_base + slot); }

// A test's CPU limit is its timeout plus this many seconds: the wall-clock timeout stops a test first unless
// several of its threads burn CPU at once.
constexpr int cpu_margin_s = 1;

std::string set_limit(int resource, const char* name, rlim_t soft, rlim_t hard) {
  const rlimit limit{.rlim_cur = soft, .rlim_max = hard};
  return ::setrlimit(resource, &limit) == 0 ? "" : fmt::format("setrlimit({}): {}", name, std::strerror(errno));
}

std::string apply_limits(const SandboxLimits& limits, const SandboxSupport& support,
                         std::chrono::milliseconds timeout) {
  std::string problem;
  const auto apply = [&](int resource, const char* name, rlim_t value, rlim_t hard) {
    if (problem.empty()) problem = set_limit(resource, name, value, hard);
  };
  if (timeout.count() > 0) {
    const auto seconds = static_cast<rlim_t>(std::chrono::ceil<std::chrono::seconds>(timeout).count() + cpu_margin_s);
    apply(RLIMIT_CPU, "RLIMIT_CPU", seconds, seconds + 1);
  }
  if (support.limits_memory)
    apply(RLIMIT_AS, "RLIMIT_AS", rlim_t{limits.memory_mib} << 20, rlim_t{limits.memory_mib} << 20);
  apply(RLIMIT_NPROC, "RLIMIT_NPROC", limits.processes, limits.processes);
  apply(RLIMIT_FSIZE, "RLIMIT_FSIZE", rlim_t{limits.file_size_mib} << 20, rlim_t{limits.file_size_mib} << 20);
  apply(RLIMIT_NOFILE, "RLIMIT_NOFILE", limits.open_files, limits.open_files);
  apply(RLIMIT_CORE, "RLIMIT_CORE", 0, 0);
  return problem;
}

void scrub_environment(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& kept) {
  ::clearenv();
  ::setenv("PATH", "/usr/local/bin:/usr/bin:/bin", 1);
  ::setenv("HOME", dir.c_str(), 1);
  ::setenv("TMPDIR", dir.c_str(), 1);
  ::setenv("LANG", "C.UTF-8", 1);
  for (const auto& [name, value] : kept) ::setenv(name.c_str(), value.c_str(), 1);
}

std::string drop_root(std::size_t slot) {
  const uid_t user = unprivileged_user(slot);
  if (::setgroups(0, nullptr) != 0 || ::setgid(user) != 0 || ::setuid(user) != 0)
    return fmt::format("cannot switch to user {}: {}", user, std::strerror(errno));
  return {};
}

}  // namespace

SandboxSupport probe_sandbox() {
  SandboxSupport support{.landlock_abi = detail::landlock_abi(), .drops_root = ::geteuid() == 0, .probed = true};
  // Entering a namespace cannot be undone, so try it in a throwaway process.
  const pid_t probe = ::fork();
  if (probe == 0) ::_exit(detail::enter_private_network().empty() ? 0 : 1);
  int status = 0;
  if (probe > 0 && ::waitpid(probe, &status, 0) == probe)
    support.private_network = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  support.pid_namespace = detail::can_make_pid_namespaces(/*with_user_namespace=*/!support.drops_root);
  return support;
}

SandboxRecord record_sandbox(const SandboxSettings& settings) {
  const SandboxLimits& limits = settings.limits;
  const SandboxSupport& support = settings.support;
  SandboxRecord record{.cpu_margin_s = cpu_margin_s,
                       .processes = limits.processes,
                       .file_size_mib = limits.file_size_mib,
                       .open_files = limits.open_files,
                       .network_blocked = support.private_network,
                       .landlock_abi = support.landlock_abi,
                       .pid_namespace = support.pid_namespace,
                       .hidden_paths = support.landlock_abi > 0 ? settings.hidden_paths.size() : 0};
  if (support.drops_root) record.first_uid = sandbox_uid_base;
  if (support.limits_memory) record.memory_mib = limits.memory_mib;
  return record;
}

std::string make_sandbox_dir(const SandboxSupport& support, std::size_t slot) {
  std::string pattern = (std::filesystem::temp_directory_path() / "testkit-sandbox-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr)
    throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
  if (support.drops_root) {
    const uid_t user = unprivileged_user(slot);
    if (::chown(pattern.c_str(), user, user) != 0)
      throw std::system_error(errno, std::generic_category(), "chown " + pattern);
  }
  return pattern;
}

void remove_sandbox_dir(const std::string& dir) noexcept { (void)detail::remove_tree(dir); }

std::string deny_tracing() {
  if (::prctl(PR_SET_DUMPABLE, 0) != 0) return fmt::format("prctl(PR_SET_DUMPABLE): {}", std::strerror(errno));
  return {};
}

std::string enter_sandbox(const SandboxSettings& settings, const std::string& dir, std::chrono::milliseconds timeout,
                          std::size_t slot) {
  const SandboxSupport& support = settings.support;
  std::string problem;
  if (support.private_network) problem = detail::enter_private_network();
  if (problem.empty() && support.landlock_abi > 0)
    problem = detail::confine_files({dir}, {"/dev/null", "/dev/zero", "/dev/full"},
                                    detail::readable_roots(settings.hidden_paths));
  if (problem.empty()) problem = apply_limits(settings.limits, support, timeout);
  if (problem.empty()) scrub_environment(dir, settings.kept_environment);
  if (problem.empty() && support.drops_root) problem = drop_root(slot);
  return problem;
}

}  // namespace testkit

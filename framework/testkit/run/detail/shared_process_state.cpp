#include <testkit/run/detail/shared_process_state.hpp>

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <map>

#include <testkit/interpose/bypass.hpp>
#include <testkit/interpose/process_state.hpp>

extern char** environ;

namespace testkit::detail {
namespace {

std::vector<std::pair<std::string, std::string>> current_environment() {
  std::vector<std::pair<std::string, std::string>> variables;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const std::size_t equals = text.find('=');
    if (equals == std::string_view::npos || equals == 0) continue;  // not a variable setenv could have made
    variables.emplace_back(text.substr(0, equals), text.substr(equals + 1));
  }
  return variables;
}

}  // namespace

SharedProcessState::SharedProcessState() {
  const BypassPatches bypass;  // testkit's own calls, whatever a test patched
  cwd_ = ::open(".", O_PATH | O_DIRECTORY | O_CLOEXEC);
  umask_ = ::umask(022);
  ::umask(umask_);
  environment_ = current_environment();
  changes_seen_ = process_state_changes();
}

SharedProcessState::~SharedProcessState() {
  const BypassPatches bypass;
  if (cwd_ >= 0) ::close(cwd_);
}

bool SharedProcessState::changed() const noexcept { return process_state_changes() != changes_seen_; }

void SharedProcessState::restore() {
  const BypassPatches bypass;
  if (cwd_ >= 0) (void)::fchdir(cwd_);
  ::umask(umask_);
  const std::map<std::string, std::string> wanted(environment_.begin(), environment_.end());
  for (const auto& [name, value] : current_environment()) {
    const auto kept = wanted.find(name);
    if (kept == wanted.end()) ::unsetenv(name.c_str());
  }
  const auto now = current_environment();
  const std::map<std::string, std::string> present(now.begin(), now.end());
  for (const auto& [name, value] : wanted) {
    const auto found = present.find(name);
    if (found == present.end() || found->second != value) ::setenv(name.c_str(), value.c_str(), 1);
  }
  changes_seen_ = process_state_changes();
}

}  // namespace testkit::detail

#pragma once
/// Framework code that must reach the real libc: its I/O, and the handlers while they run.

namespace testkit::detail {

/// While one exists, the calling thread's libc calls skip every patch: framework I/O and running handlers.
/// Lives in testkit_interpose; nests.
class BypassPatches {
 public:
  BypassPatches() noexcept;
  ~BypassPatches();
  BypassPatches(const BypassPatches&) = delete;
  BypassPatches& operator=(const BypassPatches&) = delete;
};

}  // namespace testkit::detail

#pragma once
/// testkit's own I/O: always the real libc, whatever the test patched (STYLE: one write helper, used everywhere).

#include <string_view>

namespace testkit::detail {

/// Writes the whole of `bytes` to `fd` with the real write(), retrying after EINTR and short writes. Returns
/// false with errno set when the descriptor fails; never throws.
bool write_all(int fd, std::string_view bytes) noexcept;

}  // namespace testkit::detail

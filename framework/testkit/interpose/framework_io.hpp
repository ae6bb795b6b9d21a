#pragma once
/// testkit's own I/O: always the real libc, whatever the test patched (STYLE: one write helper, used everywhere).

#include <cstdint>
#include <string>
#include <string_view>

namespace testkit::detail {

/// Writes the whole of `bytes` to `fd` with the real write(), retrying after EINTR and short writes. Returns
/// false with errno set when the descriptor fails; never throws.
bool write_all(int fd, std::string_view bytes) noexcept;

/// Appends to `out` what `fd` holds from `offset` to its end, read with the real pread() (the descriptor's own
/// offset does not move). Returns false with errno set when a read fails; what was read stays in `out`.
bool read_to_end(int fd, std::uint64_t offset, std::string& out);

}  // namespace testkit::detail

#pragma once
/// --list: the selected tests as text.

#include <span>
#include <string>

#include <testkit/core/test_info.hpp>

namespace testkit {

/// One line per test: its full name, then "  # " and what its metadata says (parameter, tags, skip,
/// xfail, timeout, points) when there is any.
[[nodiscard]] std::string format_listing(std::span<const TestInfo* const> plan);

}  // namespace testkit

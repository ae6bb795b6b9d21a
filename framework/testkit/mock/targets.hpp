#pragma once
/// What a Patch (and a fake's fault) names: one interposed function, or a family that does the same thing.

#include <array>
#include <cstddef>
#include <string_view>

#include <testkit/interpose/functions.hpp>

/// Declares the GoogleMock method of one interposed function (used by MockFilesystem and MockNetwork).
#define TK_MOCK_DECLARE(name, ret, params) MOCK_METHOD(ret, name, params);

namespace testkit {

/// What a Patch replaces: one function, or a family of functions that do the same thing.
struct Target {
  static constexpr std::size_t max_functions = 8;
  std::string_view name;
  std::array<Function, max_functions> functions{};
  std::size_t count = 0;
};

/// Patch targets: `testkit::Patch full_disk{testkit::libc::write};`.
namespace libc {
#define TK_MOCK_TARGET(name, ret, params) inline constexpr Target name{#name, {Function::name}, 1};
TK_INTERPOSED_FUNCTIONS(TK_MOCK_TARGET)
#undef TK_MOCK_TARGET

/// Everything that deletes a directory entry: remove, unlink, unlinkat, rmdir.
inline constexpr Target deletion{
    "deletion", {Function::remove, Function::unlink, Function::unlinkat, Function::rmdir}, 4};
/// Everything that opens a file: open, openat, creat, fopen.
inline constexpr Target opening{"opening", {Function::open, Function::openat, Function::creat, Function::fopen}, 4};
}  // namespace libc

}  // namespace testkit

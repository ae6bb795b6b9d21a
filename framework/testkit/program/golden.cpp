#include <testkit/program/golden.hpp>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

#include <testkit/assert/describe.hpp>
#include <testkit/assert/print.hpp>
#include <testkit/core/process_role.hpp>
#include <testkit/interpose/bypass.hpp>

namespace testkit {
namespace {

namespace fs = std::filesystem;

// The file's bytes, or nullopt when it does not exist; throws std::system_error when it exists but cannot be read.
std::optional<std::string> read_golden(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    std::error_code error;
    if (!fs::exists(path, error) && !error) return std::nullopt;
    throw std::system_error(errno, std::generic_category(), "cannot read it");
  }
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return std::move(bytes).str();
}

// Replaces the file at once (a new file renamed onto it), making its directory if needed. Returns what went wrong, or
// "".
std::string write_golden(const fs::path& path, std::string_view text) {
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  if (error) return "cannot make its directory: " + error.message();
  const fs::path temporary = path.string() + ".new";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!file.flush()) return fmt::format("cannot write {}: {}", temporary.string(), std::strerror(errno));
  }
  fs::rename(temporary, path, error);
  if (error) return "cannot rename the new file onto it: " + error.message();
  return {};
}

}  // namespace

std::string golden_path(std::string_view name, const std::source_location& where) {
  const fs::path relative(name);
  if (name.empty()) throw std::invalid_argument("a golden file needs a name");
  if (relative.is_absolute()) return relative.lexically_normal().string();
  for (const fs::path& part : relative)
    if (part == "..") throw std::invalid_argument(fmt::format("a golden file's name stays inside golden/: {}", name));
  return fs::absolute(fs::path(where.file_name()).parent_path() / "golden" / relative).lexically_normal().string();
}

namespace detail {

std::string golden_mismatch(const std::source_location& where, std::string_view text, std::string_view name,
                            const testkit::Text& options) {
  // The golden file is on the disk whatever the test patched or faked.
  const BypassPatches bypass;
  std::string path;
  try {
    path = golden_path(name, where);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  std::optional<std::string> golden;
  try {
    golden = read_golden(path);
  } catch (const std::system_error& error) {
    return fmt::format("golden file {}: {}", path, error.what());
  }
  if (golden && texts_equal(text, *golden, options)) return {};
  if (process_role().update_golden) {
    const std::string problem = write_golden(path, text);
    return problem.empty() ? std::string() : fmt::format("--update-golden: golden file {}: {}", path, problem);
  }
  if (!golden)
    return fmt::format(
        "golden file {} does not exist\n"
        "run the test with --update-golden to write it from this text, then review it and add it to the repository\n"
        "text: {}",
        path, cap_value(print(text)));
  return fmt::format("golden file {} differs (--update-golden rewrites it)\n{}", path,
                     text_mismatch(text, *golden, options, "golden"));
}

}  // namespace detail
}  // namespace testkit

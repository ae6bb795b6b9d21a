#pragma once
// The student's code: download several URLs at once with a pool of threads (the I/O-bound half of the
// concurrency lecture), with libcurl.

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace downloader {

/// What fetching one URL gave.
struct Download {
  std::string url;
  long status = 0;  ///< the HTTP status, 0 when no response arrived
  std::string body;
  std::string error;  ///< empty on success; else what went wrong ("Couldn't resolve host name", ...)

  [[nodiscard]] bool ok() const { return error.empty() && status >= 200 && status < 300; }
};

/// Fetches every URL with `workers` threads, each request given up after `timeout`; results in URL order.
[[nodiscard]] std::vector<Download> download_all(const std::vector<std::string>& urls, std::size_t workers,
                                                 std::chrono::milliseconds timeout);

}  // namespace downloader

#include "downloader.hpp"

#include <curl/curl.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

namespace downloader {
namespace {

std::size_t append(char* data, std::size_t size, std::size_t count, void* body) {
  static_cast<std::string*>(body)->append(data, size * count);
  return size * count;
}

Download fetch(const std::string& url, std::chrono::milliseconds timeout) {
  Download download;
  download.url = url;
  const std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) {
    download.error = "curl_easy_init failed";
    return download;
  }
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, append);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &download.body);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);  // threads must not get SIGALRM from timeouts
  const CURLcode result = curl_easy_perform(curl.get());
  if (result != CURLE_OK) download.error = curl_easy_strerror(result);
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &download.status);
  return download;
}

}  // namespace

std::vector<Download> download_all(const std::vector<std::string>& urls, std::size_t workers,
                                   std::chrono::milliseconds timeout) {
  static std::once_flag curl_ready;
  std::call_once(curl_ready, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::vector<Download> downloads(urls.size());
  std::atomic<std::size_t> next{0};
  {
    std::vector<std::jthread> pool;
    for (std::size_t w = 0; w < workers; ++w)
      pool.emplace_back([&] {
        for (std::size_t i = next++; i < urls.size(); i = next++) downloads[i] = fetch(urls[i], timeout);
      });
  }
  return downloads;
}

}  // namespace downloader

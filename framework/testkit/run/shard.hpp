#pragma once
/// Splitting a plan across machines or processes (GoogleTest's and Bazel's test sharding).

#include <cstddef>
#include <vector>

#include <testkit/core/test_info.hpp>

namespace testkit {

/// This process's part of a sharded run: shard `index` of `count` (0 <= index < count).
struct Shard {
  std::size_t index = 0;
  std::size_t count = 1;  ///< 1: not sharded
};

/// Keeps the tests of `shard`: the i-th selected test belongs to shard i % count, as in GoogleTest, so the
/// shards of one filter partition it and each test runs in exactly one of them.
void keep_shard(std::vector<const TestInfo*>& plan, Shard shard);

}  // namespace testkit

#include <testkit/run/shard.hpp>

namespace testkit {

void keep_shard(std::vector<const TestInfo*>& plan, Shard shard) {
  if (shard.count <= 1) return;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < plan.size(); ++i)
    if (i % shard.count == shard.index) plan[kept++] = plan[i];
  plan.resize(kept);
}

}  // namespace testkit

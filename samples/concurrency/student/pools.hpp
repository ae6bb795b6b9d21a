#pragma once
// The student's code for the second half of the lecture: map a function over inputs with a pool of threads
// (ThreadPoolExecutor.map) and with a pool of processes (multiprocessing.Pool.map).

#include <cstddef>
#include <functional>
#include <vector>

namespace concurrency {

/// f applied to every input, computed by `workers` threads; results in input order.
[[nodiscard]] std::vector<long> thread_pool_map(const std::function<long(long)>& f, const std::vector<long>& inputs,
                                                std::size_t workers);

/// f applied to every input, computed by `workers` child processes (fork), each sending its results back
/// through a pipe; results in input order. Throws std::runtime_error when a worker fails.
[[nodiscard]] std::vector<long> process_pool_map(long (*f)(long), const std::vector<long>& inputs, std::size_t workers);

}  // namespace concurrency

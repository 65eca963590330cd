#pragma once
// Runs independent jobs (one PDF each) on every core; the first exception
// stops the remaining jobs and is rethrown in the caller's thread.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace cotation::report {

inline void parallel_for(std::size_t n, const std::function<void(std::size_t)>& job) {
    std::size_t workers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
    workers = std::min(workers, n);
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    std::vector<std::thread> pool;
    for (std::size_t w = 0; w < workers; ++w)
        pool.emplace_back([&] {
            for (std::size_t k; (k = next++) < n;) {
                try {
                    job(k);
                } catch (...) {
                    std::lock_guard<std::mutex> lock(failure_mutex);
                    if (!failure) failure = std::current_exception();
                    next = n;
                }
            }
        });
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace cotation::report

// Heap settings for a short run that allocates and frees the same few megabytes file after file.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

namespace lintel::engine {

// Once, at process start: keep the heap the run grew to (no trimming and re-faulting).
void tune_process_heap();

// How many files make a run "over many files": huge pages pay for themselves past a few dozen
// (perf: 382 Dockerfiles, 1,700 page faults -> 200-500 and a fifth less CPU time; one file, 0.7
// ms more to clear a huge page).
inline constexpr std::size_t kManyFiles = 64;

// For a run over many files (a huge page costs more to clear than a small run saves), before the
// workers start: transparent huge pages behind the main heap. Once; later calls do nothing.
void use_huge_pages();

// In each worker thread of such a run, after it started: huge pages behind the thread's heap.
void use_huge_pages_in_thread();

// What a command is done with just before the process ends (its findings, its file list): never
// destroyed, its memory returned with the process's. Freeing thousands of small blocks one by
// one, most of them from other threads' heaps, is work nobody waits for (perf: 1.3 ms after the
// report of 382 Dockerfiles was written). Kept reachable, so leak checkers stay quiet.
struct Kept {
  Kept* next = nullptr;  // a list, never walked: it only keeps what it holds reachable
};
void keep_until_exit(Kept* kept);

template <class T>
void keep_until_exit(T&& value) {
  struct Holder final : Kept {
    std::remove_cvref_t<T> value;
    explicit Holder(T&& v) : value(std::forward<T>(v)) {}
  };
  keep_until_exit(static_cast<Kept*>(new Holder(std::forward<T>(value))));
}

}  // namespace lintel::engine

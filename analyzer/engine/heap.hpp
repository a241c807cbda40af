// Heap settings for a short run that allocates and frees the same few megabytes file after file.
#pragma once

namespace lintel::engine {

// Once, at process start: keep the heap the run grew to (no trimming and re-faulting).
void tune_process_heap();

// For a run over many files (a huge page costs more to clear than a small run saves), before the
// workers start: transparent huge pages behind the main heap.
void use_huge_pages();

// In each worker thread of such a run, after it started: huge pages behind the thread's heap.
void use_huge_pages_in_thread();

}  // namespace lintel::engine

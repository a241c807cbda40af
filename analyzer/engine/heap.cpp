#include "analyzer/engine/heap.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

// Why: a scan's heap is a few megabytes, touched fresh and freed file after file. In 4 KiB pages
// that is one page fault per 4 KiB, and under virtualization a fault costs microseconds: on a scan
// of the corpus's 382 Dockerfiles, 1,700 faults and about a fifth of the CPU time. glibc can back
// its heaps with transparent huge pages (the `glibc.malloc.hugetlb=1` tunable: 700 faults, 18%
// less CPU time there), but only when the environment says so before the process starts. On a
// kernel whose THP mode is `madvise` (Debian's and most distributions' default) the same comes
// from MADV_HUGEPAGE on the heaps' address ranges, which is what this file does (200-500 faults).
// It is advice: it never changes what memory holds, and where the kernel has no huge pages (THP
// `never`, no THP support) the calls fail harmlessly. Under a sanitizer, whose allocator is not
// glibc's, nothing is done.

namespace lintel::engine {

namespace {

constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
// glibc's non-main arenas are heaps of HEAP_MAX_SIZE bytes (2 x the 32 MiB DEFAULT_MMAP_THRESHOLD_MAX
// on 64-bit), aligned to that size, grown inside their reservation with mprotect.
constexpr std::uintptr_t kThreadHeap = std::uintptr_t{64} << 20;
// The main heap's reservation: brk grows by at least this much at a time (M_TOP_PAD).
constexpr std::size_t kTopPad = std::size_t{16} << 20;
// Larger than the free top can be (the pad and a little), below the mmap threshold (32 MiB): a
// malloc of this size grows the main heap.
constexpr std::size_t kProbe = std::size_t{24} << 20;

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25  // Linux 6.1
#endif

// Advises huge pages for the whole 2 MiB blocks of [begin, end). A block that was touched before
// (its page table exists) would keep 4 KiB pages: the first one is collapsed into a huge page
// now, as it holds the arena's header and the first allocations (Linux 6.1 and later; older
// kernels refuse and it keeps small pages).
[[maybe_unused]] void advise(std::uintptr_t begin, std::uintptr_t end) {
  begin = (begin + kHugePage - 1) & ~(kHugePage - 1);
  end &= ~(kHugePage - 1);
  if (end <= begin) return;
  ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
  ::madvise(reinterpret_cast<void*>(begin), kHugePage, MADV_COLLAPSE);
}

// A malloc whose block is freed unused may be dropped by the compiler: this one must happen.
[[maybe_unused]] void keep(void* p) { asm volatile("" : : "r"(p) : "memory"); }

// (The helpers above and these are unused under a sanitizer, which gets no advice.)
[[maybe_unused]] std::uintptr_t g_main_heap_begin = 0;
[[maybe_unused]] std::uintptr_t g_main_heap_end = 0;

Kept* g_kept = nullptr;  // the main thread's: a command calls keep_until_exit at its end

}  // namespace

void keep_until_exit(Kept* kept) {
  kept->next = g_kept;
  g_kept = kept;
}

void tune_process_heap() {
  // Keep what the heap grew to instead of returning it to the kernel and faulting it back in.
  // Setting these turns off glibc's sliding mmap threshold, so it is set too: blocks up to 32 MB
  // (file texts, parser stacks, report buffers) come from the heap and are reused rather than
  // mapped and faulted in afresh each time. The pad is address space only.
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, static_cast<int>(kTopPad));
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
void use_huge_pages() {}
void use_huge_pages_in_thread() {}
#else
void use_huge_pages() {
  static bool done = false;  // the CLI may have called it already, for a long list of files
  if (done) return;
  done = true;
  // The main heap runs from its start to the break. Its free top (up to the pad, never touched)
  // is what the next allocations take, so the advice covers the whole heap; first it is grown by
  // a large probe, because a later brk extension becomes a mapping of its own, without the
  // advice. Only address space is taken; pages are faulted in (two megabytes at a time) when
  // first touched. malloc writes a header where the probe ends, which gives that one 2 MiB block
  // small pages for good. (perf: advising only the grown part left the free top in small pages,
  // and the merge of all findings took 5 ms of page faults on the 382 Dockerfiles.)
  void* probe = std::malloc(kProbe);
  keep(probe);
  std::free(probe);
  const auto end = reinterpret_cast<std::uintptr_t>(::sbrk(0));
  const std::size_t size = mallinfo2().arena;  // bytes the main arena took with brk
  if (end == static_cast<std::uintptr_t>(-1) || size == 0 || size > end) return;
  g_main_heap_begin = end - size;
  g_main_heap_end = end;
  advise(g_main_heap_begin, g_main_heap_end);
  // The heap's first 2 MiB block starts wherever the (randomized) break did, so it is not a whole
  // block and keeps small pages. What it has left free is what the next allocations would take:
  // the merge of all findings landed there or not depending on the address, taking 30 or 300
  // page faults (0.5-7 ms on 382 Dockerfiles). A block that is never used or freed takes that
  // rest, address space only: the next allocations start at the first huge page.
  const std::uintptr_t first_block = (g_main_heap_begin + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t top = end - mallinfo2().keepcost;  // the free top the next ones come from
  constexpr std::uintptr_t kHeader = sizeof(std::size_t);  // a chunk's size field precedes it
  if (top < first_block && first_block - top > 4096) {
    static void* rest = nullptr;
    rest = std::malloc(first_block - top - kHeader);
    keep(rest);
  }
}

void use_huge_pages_in_thread() {
  void* probe = std::malloc(64);
  keep(probe);
  const auto at = reinterpret_cast<std::uintptr_t>(probe);
  std::free(probe);
  if (at == 0 || (at >= g_main_heap_begin && at < g_main_heap_end)) return;  // the main arena
  const std::uintptr_t heap = at & ~(kThreadHeap - 1);
  advise(heap, heap + kThreadHeap);
}
#endif

}  // namespace lintel::engine

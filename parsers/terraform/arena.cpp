#include "parsers/terraform/arena.hpp"

#include <tree_sitter/api.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace lintel::parsers::terraform {

namespace {

constexpr std::size_t kAlign = 16;                // what malloc guarantees on x86-64
constexpr std::size_t kHeader = kAlign;           // each block is preceded by its size
constexpr std::size_t kFirstChunk = 1 << 20;      // kept between files
constexpr std::size_t kMaxChunk = 16 << 20;
constexpr std::size_t kMaxBytes = 128u << 20;     // per scope; then malloc

[[noreturn]] void out_of_memory(std::size_t n) {
  std::fprintf(stderr, "tree-sitter failed to allocate %zu bytes", n);
  std::abort();
}

struct ThreadArena {
  struct Chunk {
    std::byte* data;
    std::size_t size;
    std::size_t used;
  };
  std::vector<Chunk> chunks;
  std::size_t total = 0;
  bool active = false;
  bool fell_back = false;

  ThreadArena() = default;
  ThreadArena(const ThreadArena&) = delete;
  ThreadArena& operator=(const ThreadArena&) = delete;
  ~ThreadArena() {
    for (const Chunk& c : chunks) std::free(c.data);
  }

  [[nodiscard]] bool owns(const void* p) const {
    const auto* b = static_cast<const std::byte*>(p);
    for (auto it = chunks.rbegin(); it != chunks.rend(); ++it)
      if (b >= it->data && b < it->data + it->used) return true;
    return false;
  }

  static std::size_t& size_of(void* p) {
    return *reinterpret_cast<std::size_t*>(static_cast<std::byte*>(p) - kHeader);
  }

  // A block of n bytes, or null when the scope's budget is spent.
  void* alloc(std::size_t n) {
    const std::size_t need = ((n + kAlign - 1) & ~(kAlign - 1)) + kHeader;
    if (need < n) return nullptr;  // overflow
    if (chunks.empty() || chunks.back().size - chunks.back().used < need) {
      const std::size_t grown = chunks.empty() ? kFirstChunk : std::min(chunks.back().size * 2, kMaxChunk);
      const std::size_t size = std::max(need, grown);
      if (total + size > kMaxBytes) return nullptr;
      auto* data = static_cast<std::byte*>(std::malloc(size));
      if (data == nullptr) return nullptr;
      chunks.push_back({data, size, 0});
      total += size;
    }
    Chunk& c = chunks.back();
    void* p = c.data + c.used + kHeader;
    c.used += need;
    size_of(p) = n;
    return p;
  }

  // Grows the last block in place when it can; otherwise a new block (arena or malloc).
  void* grow(void* p, std::size_t n) {
    const std::size_t old = size_of(p);
    Chunk& last = chunks.back();
    auto* b = static_cast<std::byte*>(p);
    const std::size_t old_need = ((old + kAlign - 1) & ~(kAlign - 1));
    const std::size_t new_need = ((n + kAlign - 1) & ~(kAlign - 1));
    if (b + old_need == last.data + last.used && new_need >= n &&
        static_cast<std::size_t>(b - last.data) + new_need <= last.size) {
      last.used = static_cast<std::size_t>(b - last.data) + new_need;
      size_of(p) = n;
      return p;
    }
    void* q = alloc(n);
    if (q == nullptr) {
      fell_back = true;
      q = std::malloc(n);
      if (q == nullptr && n > 0) out_of_memory(n);
    }
    std::memcpy(q, p, std::min(old, n));
    return q;
  }

  // The end of a scope: everything is released; the first chunk is kept for the next file.
  void reset() {
    for (std::size_t i = 1; i < chunks.size(); ++i) std::free(chunks[i].data);
    if (!chunks.empty()) {
      chunks.resize(1);
      chunks[0].used = 0;
      total = chunks[0].size;
    }
    active = false;
    fell_back = false;
  }
};

thread_local ThreadArena t_arena;

void* hook_malloc(std::size_t n) {
  ThreadArena& a = t_arena;
  if (a.active) {
    if (void* p = a.alloc(n)) return p;
    a.fell_back = true;
  }
  void* p = std::malloc(n);
  if (p == nullptr && n > 0) out_of_memory(n);
  return p;
}

void* hook_calloc(std::size_t count, std::size_t size) {
  ThreadArena& a = t_arena;
  if (a.active && (size == 0 || count <= SIZE_MAX / size)) {
    if (void* p = a.alloc(count * size)) {
      std::memset(p, 0, count * size);
      return p;
    }
    a.fell_back = true;
  }
  void* p = std::calloc(count, size);
  if (p == nullptr && count > 0 && size > 0) out_of_memory(count * size);
  return p;
}

void* hook_realloc(void* p, std::size_t n) {
  if (p == nullptr) return hook_malloc(n);
  ThreadArena& a = t_arena;
  if (a.active && a.owns(p)) return a.grow(p, n);
  void* q = std::realloc(p, n);
  if (q == nullptr && n > 0) out_of_memory(n);
  return q;
}

void hook_free(void* p) {
  if (p == nullptr) return;
  const ThreadArena& a = t_arena;
  if (a.active && a.owns(p)) return;  // released with the whole arena
  std::free(p);
}

// Installed before main, while the process has one thread: four pointer stores, no allocation.
// Until a thread opens a ParseArena, every call goes straight to malloc/realloc/free.
const bool g_installed = [] {
  ts_set_allocator(hook_malloc, hook_calloc, hook_realloc, hook_free);
  return true;
}();

}  // namespace

ParseArena::ParseArena() {
  (void)g_installed;
  t_arena.active = true;
  t_arena.fell_back = false;
}

ParseArena::~ParseArena() { t_arena.reset(); }

bool ParseArena::owns_everything() const { return !t_arena.fell_back; }

}  // namespace lintel::parsers::terraform

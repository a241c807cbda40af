// engine::keep_until_exit: what a command hands over at its end is kept whole and never destroyed
// (the process's end returns its memory). Huge-page advice changes no value a test can see.
#include <catch2/catch.hpp>

#include <utility>
#include <vector>

#include "analyzer/engine/heap.hpp"

namespace t_heap_test {

// Counts the destructions of the objects that share its counter.
struct Probe {
  int* destroyed = nullptr;
  std::vector<int> payload;

  Probe(int* counter, std::vector<int> values) : destroyed(counter), payload(std::move(values)) {}
  Probe(const Probe&) = default;
  Probe(Probe&& other) noexcept
      : destroyed(std::exchange(other.destroyed, nullptr)), payload(std::move(other.payload)) {}
  Probe& operator=(const Probe&) = delete;
  Probe& operator=(Probe&&) = delete;
  ~Probe() {
    if (destroyed != nullptr) ++*destroyed;
  }
};

TEST_CASE("keep_until_exit keeps what it is given and never destroys it", "[heap]") {
  int moved_in = 0;
  {
    Probe p(&moved_in, {1, 2, 3});
    lintel::engine::keep_until_exit(std::move(p));
    CHECK(p.destroyed == nullptr);  // moved: the kept one holds the counter now
  }
  CHECK(moved_in == 0);

  int copied_in = 0;
  {
    const Probe q(&copied_in, {4});
    lintel::engine::keep_until_exit(q);  // a copy is kept; q itself ends with its scope
  }
  CHECK(copied_in == 1);
}

}  // namespace t_heap_test

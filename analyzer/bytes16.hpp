// Sixteen bytes at a time, with GCC/Clang vector extensions (SSE2 on x86-64, NEON on arm64):
// for loops that skip long runs of ordinary bytes and stop at the first special one.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace lintel::bytes16 {

using Bytes16 = unsigned char __attribute__((vector_size(16)));

[[nodiscard]] inline Bytes16 load(const char* p) {
  Bytes16 v;
  std::memcpy(&v, p, 16);
  return v;
}

// 16 copies of `c`. Comparing with a splat made once is cheaper than with a char whose value is
// only known at run time, which is broadcast again at every comparison.
[[nodiscard]] inline Bytes16 splat(char c) {
  const auto b = static_cast<unsigned char>(c);
  return Bytes16{b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b};
}

// A comparison result (each byte 0 or 0xFF) of the bytes of `v` equal to those of `c`.
[[nodiscard]] inline Bytes16 equal_to(Bytes16 v, Bytes16 c) {
  return reinterpret_cast<Bytes16>(v == c);
}
// The same with a constant, e.g. equal_to(v, '"').
[[nodiscard]] inline Bytes16 equal_to(Bytes16 v, char c) {
  return reinterpret_cast<Bytes16>(v == static_cast<unsigned char>(c));
}

// Lanes of `hit` are 0 or 0xFF (a vector comparison's result, or several or'ed). The index of
// the first non-zero lane, or 16 when there is none.
[[nodiscard]] inline std::size_t first_hit(Bytes16 hit) {
  std::uint64_t half[2];
  std::memcpy(half, &hit, 16);
  if constexpr (std::endian::native != std::endian::little) {
    for (std::size_t k = 0; k < 16; ++k)
      if (hit[k] != 0) return k;
    return 16;
  }
  if (half[0] != 0) return static_cast<std::size_t>(std::countr_zero(half[0])) / 8;
  if (half[1] != 0) return 8 + static_cast<std::size_t>(std::countr_zero(half[1])) / 8;
  return 16;
}

// A comparison's lanes (signed chars) as unsigned ones, to be or'ed together.
template <class V>
[[nodiscard]] inline Bytes16 mask(V comparison) {
  return reinterpret_cast<Bytes16>(comparison);
}

// `hit` with its first `skip` lanes cleared: for the last 16 bytes of a text, loaded again where
// they overlap bytes already looked at (no read past the end; a text under 16 bytes cannot).
[[nodiscard]] inline Bytes16 lanes_from(Bytes16 hit, std::size_t skip) {
  constexpr Bytes16 kLane{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  return hit & mask(kLane >= static_cast<unsigned char>(skip));
}

// Appends `s` to `out` with some bytes escaped, as the reports' escapers do: runs of ordinary
// bytes are copied at once, skipped 16 at a time where `special16` (of 16 bytes: a comparison
// result, e.g. `mask(v < 0x20) | mask(v == '&')`) marks none; each byte `special` accepts is
// written by `escape(out, c)`. `special` decides; `special16` must mark at least those bytes.
template <class Special16, class Special, class Escape>
void append_escaped(std::string& out, std::string_view s, Special16 special16, Special special,
                    Escape escape) {
  std::size_t plain_from = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    while (i + 16 <= s.size()) {
      const std::size_t k = first_hit(special16(load(s.data() + i)));
      i += k;
      if (k < 16) break;
    }
    if (i >= s.size()) break;
    if (!special(s[i])) continue;
    out.append(s.data() + plain_from, i - plain_from);
    plain_from = i + 1;
    escape(out, s[i]);
  }
  out.append(s.data() + plain_from, s.size() - plain_from);
}

}  // namespace lintel::bytes16

// A set of byte values built at compile time, tested with one table load: for scanners that ask
// "is this byte one of …" once per byte of their input.
#pragma once

#include <array>
#include <string_view>

namespace lintel {

class ByteSet {
 public:
  constexpr ByteSet() = default;
  // The bytes of `bytes` (a NUL inside counts, e.g. std::string_view("a\0", 2)).
  constexpr explicit ByteSet(std::string_view bytes) {
    for (const char c : bytes) has_[static_cast<unsigned char>(c)] = true;
  }
  // first..last, both included.
  static constexpr ByteSet range(unsigned char first, unsigned char last) {
    ByteSet set;
    for (unsigned c = first; c <= last; ++c) set.has_[c] = true;
    return set;
  }
  [[nodiscard]] constexpr ByteSet operator|(const ByteSet& other) const {
    ByteSet set = *this;
    for (std::size_t c = 0; c < 256; ++c) set.has_[c] = set.has_[c] || other.has_[c];
    return set;
  }
  [[nodiscard]] constexpr ByteSet operator-(const ByteSet& other) const {
    ByteSet set = *this;
    for (std::size_t c = 0; c < 256; ++c) set.has_[c] = set.has_[c] && !other.has_[c];
    return set;
  }
  [[nodiscard]] constexpr bool contains(char c) const {
    return has_[static_cast<unsigned char>(c)];
  }

 private:
  std::array<bool, 256> has_{};
};

// [A-Za-z0-9_]: shell and Dockerfile variable-name characters.
inline constexpr ByteSet kNameBytes =
    ByteSet::range('a', 'z') | ByteSet::range('A', 'Z') | ByteSet::range('0', '9') | ByteSet("_");

}  // namespace lintel

// Shared helpers for the libFuzzer harnesses (tests/fuzz/README.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace lintel::fuzz {

inline std::string as_text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

}  // namespace lintel::fuzz

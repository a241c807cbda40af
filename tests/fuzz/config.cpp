// Fuzzes the .lintel.toml reader (toml++ plus lintel's validation against the rule table).
#include "analyzer/engine/config.hpp"
#include "rules/registry.hpp"
#include "tests/fuzz/fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto result = lintel::engine::parse_config(lintel::fuzz::as_text(data, size), ".lintel.toml",
                                             lintel::rules::all_rules());
  (void)result;
  return 0;
}

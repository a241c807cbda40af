// Fuzzes the positioned YAML tree (libyaml events, anchors, aliases, merge keys, limits).
#include "parsers/yaml/parser.hpp"
#include "tests/fuzz/fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const lintel::SourceFile file("fuzz.yaml", lintel::fuzz::as_text(data, size));
  auto result = lintel::parsers::parse_yaml(file);
  (void)result;
  return 0;
}

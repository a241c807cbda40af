// Fuzzes the Dockerfile parser (instructions, continuations, heredocs, ARG expansion).
#include <map>

#include "parsers/dockerfile/parser.hpp"
#include "tests/fuzz/fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const lintel::SourceFile file("Dockerfile", lintel::fuzz::as_text(data, size));
  const std::map<std::string, std::string> args{{"VERSION", "1.0"}};
  auto result = lintel::parsers::parse_dockerfile(file, &args);
  (void)result;
  return 0;
}

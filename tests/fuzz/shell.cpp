// Fuzzes the shell command model (tree-sitter-bash and lintel's command extraction).
#include "parsers/shell/parser.hpp"
#include "tests/fuzz/fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = lintel::fuzz::as_text(data, size);
  auto script = lintel::parsers::parse_shell(text, 7);
  (void)script;
  return 0;
}

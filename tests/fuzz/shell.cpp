// Fuzzes the shell command model (tree-sitter-bash, the fast front end, lintel's command
// extraction). When the fast front end accepts the input, its model must equal tree-sitter's
// (parsers/shell/fast.cpp's contract): a difference aborts with both printed.
#include <cstdio>
#include <cstdlib>

#include "parsers/shell/fast.hpp"
#include "parsers/shell/parser.hpp"
#include "tests/fuzz/fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace shell = lintel::parsers::shell;
  const std::string text = lintel::fuzz::as_text(data, size);
  auto script = lintel::parsers::parse_shell(text, 7);
  (void)script;
  const auto fast = shell::parse_shell_with(text, 7, shell::FrontEnd::fast);
  if (!fast) return 0;
  const auto slow = shell::parse_shell_with(text, 7, shell::FrontEnd::tree_sitter);
  if (const auto d = shell::first_difference(*fast, *slow)) {
    std::fprintf(stderr, "fast and tree-sitter differ: %s\n", d->c_str());
    std::abort();
  }
  return 0;
}

// Fuzzes tree-sitter-hcl plus lintel's module evaluation (locals, variables, references) on a
// single-file module.
#include <memory>

#include "parsers/terraform/parser.hpp"
#include "tests/fuzz/fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto file = std::make_shared<const lintel::SourceFile>("mod/main.tf", lintel::fuzz::as_text(data, size));
  auto result = lintel::parsers::parse_terraform_module("mod", {file});
  (void)result;
  return 0;
}

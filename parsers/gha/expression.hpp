// GitHub Actions expressions (`${{ … }}`): finding them in a string and reading the context
// paths each one accesses. Syntax: https://docs.github.com/actions/reference/workflows-and-actions/expressions
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lintel::parsers::gha_expr {

// Where `${{ … }}` occurs in `text`: [begin, end) from `${{` through `}}`. A `}}` inside a
// string literal (`'}}'`) does not close the expression; an unterminated `${{` ends the search.
struct ExpressionRange {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};
[[nodiscard]] std::vector<ExpressionRange> find_expressions(std::string_view text);

// A context read in an expression, offsets relative to the expression's text.
struct ParsedAccess {
  std::string path;  // normalised; see model::gha::ContextAccess::path
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  bool rendered = true;
  std::string function;
};

struct ParsedExpression {
  bool valid = true;
  std::vector<ParsedAccess> accesses;  // in source order
};

// Parses the text between `${{` and `}}`. On a syntax error (or nesting deeper than a fixed
// bound) the result is `valid == false` and lists every identifier chain it can find, each
// treated as rendered, so that callers err on the side of seeing a read.
[[nodiscard]] ParsedExpression parse_expression(std::string_view text);

}  // namespace lintel::parsers::gha_expr

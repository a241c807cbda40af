// What every parser returns: a best-effort model plus the problems it met. Parsers never throw
// on malformed input; each diagnostic becomes an LNT001 finding at its span.
#pragma once

#include <string>
#include <vector>

#include "analyzer/source.hpp"

namespace lintel::parsers {

struct Diagnostic {
  Span span;
  std::string message;
};

template <class Doc>
struct ParseResult {
  Doc doc;
  std::vector<Diagnostic> diagnostics;
};

}  // namespace lintel::parsers

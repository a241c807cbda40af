// What every parser returns: a best-effort model plus the problems it met. Parsers never throw
// on malformed input; each diagnostic becomes an LNT001 finding at its span.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/source.hpp"

namespace lintel::parsers {

struct Diagnostic {
  Span span;
  std::string message;
};

// Reads another file a parser needs (a compose `.env`, an `extends:` or `include:` target), by
// a path relative to the working directory. Supplied by the engine, which applies its limits;
// nullopt when the file is missing or unreadable. Parsers do no I/O of their own.
using FileReader = std::function<std::optional<std::string>(const std::string& path)>;

template <class Doc>
struct ParseResult {
  Doc doc;
  std::vector<Diagnostic> diagnostics;
};

}  // namespace lintel::parsers

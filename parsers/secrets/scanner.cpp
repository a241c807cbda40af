#include "parsers/secrets/scanner.hpp"

namespace lintel::parsers {

model::SecretScan scan_secrets(const SourceFile&) { return {}; }

}  // namespace lintel::parsers

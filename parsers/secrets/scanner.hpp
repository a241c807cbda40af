// The secrets scanner: a file's text to model::SecretScan. TODO(#5)
#pragma once

#include "analyzer/model/secrets.hpp"

namespace lintel::parsers {

[[nodiscard]] model::SecretScan scan_secrets(const SourceFile& file);

}  // namespace lintel::parsers

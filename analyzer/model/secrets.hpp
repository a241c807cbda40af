// Secret candidates found in a file's text by parsers/secrets (keyword prefilter, RE2 patterns,
// checks); the SEC rules decide which to report. TODO(#5)
#pragma once

#include <vector>

#include "analyzer/source.hpp"

namespace lintel::model {

struct SecretScan {};

}  // namespace lintel::model

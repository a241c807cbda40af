// Report formats for CI systems: GitLab Code Quality (Code Climate JSON), JUnit XML (Jenkins and
// most CI test views) and Checkstyle XML. Each lists the unsuppressed findings only, in the
// order they arrive (sorted), and escapes every value it writes.
#pragma once

#include <ostream>
#include <span>
#include <string>
#include <string_view>

#include "analyzer/finding.hpp"
#include "analyzer/rule.hpp"

namespace lintel::cli {

// A JSON array of {description, check_name, fingerprint, severity, location: {path,
// lines: {begin}}}; severity info, major (warning) or critical (error).
void write_gitlab(std::ostream& out, std::span<const Finding> findings);

// <testsuites> with one <testsuite> per file and one failing <testcase> per finding; a run
// without findings has one passing test case, so CI shows the check ran.
void write_junit(std::ostream& out, std::span<const Finding> findings,
                 std::span<const Rule* const> rules);

// <checkstyle version="4.3"> with one <file> per file and one <error> per finding.
void write_checkstyle(std::ostream& out, std::span<const Finding> findings);

// XML 1.0 attribute and text escaping; characters XML cannot carry (C0 controls other than tab,
// LF and CR) become U+FFFD.
[[nodiscard]] std::string escape_xml(std::string_view s);

}  // namespace lintel::cli

// Findings and rule metadata to SARIF 2.1.0, and SARIF back to findings (for baselines).
// Serialization only: every decision was made before this point.
#pragma once

#include <functional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/finding.hpp"
#include "analyzer/rule.hpp"

namespace lintel::sarif {

struct RunInfo {
  std::string tool_version;     // "0.1.0"
  std::string information_uri;  // project home page
  std::string docs_base_uri;    // helpUri = docs_base_uri + ID + ".md"
  std::string srcroot_uri;      // "file:///abs/cwd/" (trailing slash), for %SRCROOT%
  bool execution_successful = true;
  // Threads that render the rules and results (0: every core). The bytes are the same
  // whatever the number.
  unsigned threads = 0;
};

// `rules`: the rules enabled for the run, sorted by ID; every finding's rule_id is among them.
// `findings`: already sorted. help.markdown is the rule's doc page (render_rule_markdown).
// The same inputs give the same bytes; the document ends with a newline. The results are
// written to `out` one by one, never held as one JSON document.
void write_sarif(std::ostream& out, std::span<const Rule* const> rules,
                 std::span<const Finding> findings, std::span<const Notification> notifications,
                 const RunInfo& info);
[[nodiscard]] std::string write_sarif(std::span<const Rule* const> rules,
                                      std::span<const Finding> findings,
                                      std::span<const Notification> notifications,
                                      const RunInfo& info);

// Where lintel's rule pages are published: helpUri = this + ID + ".md".
inline constexpr std::string_view kDocsBaseUri =
    "https://github.com/lintel-dev/lintel/blob/main/docs/rules/";

// A rule's reportingDescriptor as write_sarif prints it in the driver's "rules" array (12
// columns in), rendered now.
void render_descriptor(std::string& out, const RuleMeta& meta, const RunInfo& info);

// Descriptors rendered when lintel was built (the generated rule_descriptors.cpp, made by
// sarif/gen/gen_descriptors.cpp with render_descriptor), for the registry's rules and
// kDocsBaseUri: write_sarif copies these instead of rendering the 125 rules' help pages anew
// in every run (perf: 10.7 M instructions and about 400 page faults, most of a one-file SARIF
// run). Keyed by the RuleMeta's address, so any other metadata (tests') is rendered as before.
// Registered once, before any report is written.
struct PrerenderedDescriptor {
  const RuleMeta* meta = nullptr;
  std::string_view text;
};
void use_prerendered_descriptors(std::vector<PrerenderedDescriptor> descriptors);

// One empty array of a frame (below) and what goes into it: `count` elements, element i
// appended to a string by `render(text, i, slice)` exactly as dump(2) prints it there,
// indentation included (`slice` numbers the thread rendering it, for per-thread caches);
// `close_indent` is the column of the array's closing bracket.
struct FrameArray {
  std::string_view marker;  // `"results": []`: occurs once in the frame, after the previous one
  std::size_t count = 0;
  std::size_t close_indent = 0;
  std::function<void(std::string&, std::size_t, unsigned)> render;
  // Instead of `render`: element i already exists as text, written as it is (no copy).
  std::function<std::string_view(std::size_t)> rendered;
};

// Writes `frame`, a document as dump(2) prints it with empty arrays at `arrays`' markers, with
// each array's elements streamed into it. Large arrays are rendered in batches, each batch cut
// into `threads` slices (0: every core) rendered at once and written in order, so the bytes do
// not depend on the number of threads, and a report is never one document in memory. A marker
// cannot hide in a string value: its quotes would be escaped.
void write_into_frame(std::ostream& out, std::string_view frame, std::span<const FrameArray> arrays,
                      unsigned threads = 0);

// A relative path ('/' separators) as a relative URI reference: every byte except unreserved
// characters and '/' is percent-encoded ("a b/é" -> "a%20b/%C3%A9").
[[nodiscard]] std::string encode_uri_path(std::string_view path);

// The inverse of encode_uri_path; malformed escapes are kept as they are.
[[nodiscard]] std::string decode_uri_path(std::string_view uri);

// "file:///abs/dir/" for an absolute directory, with the trailing slash SARIF requires of a
// base URI (for RunInfo::srcroot_uri). Empty for an empty or relative path.
[[nodiscard]] std::string directory_uri(std::string_view absolute_dir);

// One result of an earlier SARIF file, as a baseline needs it.
struct BaselineEntry {
  std::string rule_id;
  std::string fingerprint;  // partialFingerprints["lintel/v1"]
  std::string uri;          // artifactLocation.uri as written
  std::string path;         // the uri, percent-decoded
  bool suppressed = false;  // the result carried suppressions
  auto operator<=>(const BaselineEntry&) const = default;
};

struct BaselineRead {
  std::vector<BaselineEntry> entries;
  std::string error;  // empty on success
  [[nodiscard]] bool ok() const { return error.empty(); }
};

// The lintel/v1 fingerprints of a SARIF log, in document order. Results without a lintel/v1
// fingerprint (other tools' runs) are skipped. Never throws: malformed input sets `error`.
[[nodiscard]] BaselineRead read_sarif_fingerprints(std::string_view json);

// One run of a SARIF log read back into findings, for `lintel merge`.
struct SarifRun {
  std::string tool_name;                   // tool.driver.name
  std::string tool_version;                // tool.driver.version
  std::vector<std::string> rule_ids;       // tool.driver.rules[].id, in document order
  // Results in document order. rule_id, severity (from level), message, path (decoded uri),
  // start/end (from the region), fingerprint (lintel/v1) and suppressions are filled; `span`
  // is an empty Span when the result had a region (the writer only asks whether there is one).
  std::vector<Finding> findings;
  std::vector<Notification> notifications;  // invocations[].toolExecutionNotifications
  bool execution_successful = true;         // every invocation succeeded
};

struct SarifRead {
  std::vector<SarifRun> runs;
  std::string error;  // empty on success
  [[nodiscard]] bool ok() const { return error.empty(); }
};

// Reads every run of a SARIF log. Never throws: malformed input (not JSON, no runs, a result
// without a rule or a message) sets `error`.
[[nodiscard]] SarifRead read_sarif_results(std::string_view json);

}  // namespace lintel::sarif

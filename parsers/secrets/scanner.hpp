// The secrets scanner: a file's text to model::SecretScan, in three stages.
//
// 1. A keyword prefilter finds, in one pass over the whole buffer, every occurrence of the
//    detectors' keywords (literal prefixes such as `ghp_`, `AKIA`, `-----BEGIN`, or names such
//    as `password`), case-insensitively (keywords.hpp: Aho-Corasick).
// 2. For each hit, only the detectors that own that keyword run, each on the hit's line (a
//    bounded window of it): an RE2 pattern, or a small hand-written reader for assignments and
//    PEM blocks. RE2 keeps every pattern linear-time, so no input makes the scan hang.
// 3. Each candidate is checked (checks.hpp): Shannon entropy, the CRC-32 that GitHub and npm
//    tokens carry, JWT structure, placeholder and look-alike filters. Overlapping candidates
//    keep the most specific one (a valid `ghp_` token assigned to `token:` is SEC003, not SEC013).
//
// The automaton is built once per process, on the first call, and each pattern on its first use
// (a small file should not pay for the patterns it never needs), into a
// function-local `static const` (a thread-safe "magic static"): the one deliberate exception to
// STYLE.md's "no static caches", acceptable because the object is immutable after construction
// and holds no per-scan state. It is built lazily so a scan with no SEC rule enabled never pays
// for it (the engine calls scan_secrets only when a SEC rule is enabled).
#pragma once

#include "analyzer/model/secrets.hpp"

namespace lintel::parsers {

struct SecretScanOptions {
  // Run the generic assignment detector (SEC013) on generated lockfiles (package-lock.json,
  // yarn.lock, go.sum, Cargo.lock, poetry.lock, …). Off: their integrity hashes and resolved
  // URLs are machine-written; format-specific detectors and URL passwords still run there.
  bool generic_in_lockfiles = false;
};

[[nodiscard]] model::SecretScan scan_secrets(const SourceFile& file,
                                             const SecretScanOptions& options = {});

}  // namespace lintel::parsers

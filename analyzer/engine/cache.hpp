// The result cache behind `lintel scan --cache DIR`: the findings and notifications of one file
// (after inline suppressions, before any baseline) stored under a key made of everything that can
// change them, so a re-run on an unchanged tree reads and hashes each file and parses nothing.
//
// Key: the cache format, the lintel version, the configuration file's text (rule options live
// there), the engine's configuration hash (enabled rules, severity overrides, per-path ignores,
// build args, inline-ignores flag, size limit), the file's path and the hash of its bytes.
//
// Cross-file facts are not in the key: they are recorded while the file is linted, as the
// dependencies the engine actually consulted (a compose file's linked Dockerfiles and env files,
// the siblings a rule asked about, the Terraform module folder of a .tf file), and stored in the
// entry with their values at the time. A hit is used only if every dependency still has the same
// value; otherwise it is a miss and the file is linted again. So editing a Dockerfile re-lints the
// compose files that build it, and editing one .tf file re-lints every file of its module.
//
// Entries are files DIR/<2 hex>/<16 hex>.json written through a temporary file and a rename, so
// a killed run never leaves a half-written entry; an unreadable or malformed entry is a miss.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/engine/engine.hpp"

namespace lintel::engine {

// A fast non-cryptographic 64-bit hash (8 bytes per step, multiply-xorshift mixing). Stable
// across runs and machines of the same byte order; not for adversarial input.
[[nodiscard]] std::uint64_t hash64(std::string_view data, std::uint64_t seed = 0);

// Feeds fields into a hash with their lengths, so ("ab","c") and ("a","bc") differ.
class Hasher {
 public:
  Hasher& add(std::string_view s);
  Hasher& add(std::uint64_t v);
  [[nodiscard]] std::uint64_t value() const { return h_; }

 private:
  std::uint64_t h_ = 0x6c696e74656c3031ull;  // "lintel01"
};

// Something outside the file that its result depends on, with the value it had.
struct CacheDependency {
  enum class Kind : std::uint8_t {
    exists,  // whether `path` is a regular file
    file,    // the hash of `path`'s bytes (a fixed value when it cannot be read)
    module,  // the Terraform module folder `path`: names and bytes of its .tf/.tfvars files
  };
  Kind kind = Kind::file;
  std::string path;
  std::uint64_t value = 0;
  auto operator<=>(const CacheDependency&) const = default;
};

// Computes a dependency's current value (the engine answers it).
using DependencyProbe = std::function<std::uint64_t(const CacheDependency&)>;

struct CacheStats {
  std::size_t hits = 0;
  std::size_t misses = 0;     // no entry, a corrupt entry, or a changed dependency
  std::size_t write_errors = 0;
  std::size_t pruned = 0;
};

class ResultCache {
 public:
  // `dir` is created by prepare(). `version`: lintel's version; `context`: any other input that
  // changes results and that the engine's configuration hash does not cover (the CLI passes the
  // configuration file's text, which holds the rule options). Both are part of every key.
  ResultCache(std::string dir, std::string_view version, std::string_view context = {});

  [[nodiscard]] const std::string& dir() const { return dir_; }

  // Creates the folder with a `.gitignore` of `*` (so neither git nor lintel's discovery looks
  // inside) and a CACHEDIR.TAG (so backup tools skip it). False with `error` set on failure.
  [[nodiscard]] bool prepare(std::string& error) const;

  // The key of a file's entry: `config_hash` from the engine, the path, the bytes, and a fact
  // the engine decides from the path alone (whether the file is a Helm chart template).
  [[nodiscard]] std::uint64_t key(std::uint64_t config_hash, std::string_view path,
                                  std::string_view content, bool helm_template) const;

  // The stored report if there is a valid entry whose dependencies all still hold. Thread-safe.
  [[nodiscard]] std::optional<FileReport> load(std::uint64_t key, const DependencyProbe& probe) const;

  // Stores a report with its (already valued) dependencies. Thread-safe; failures are counted,
  // never fatal: the cache only ever saves work.
  void store(std::uint64_t key, const FileReport& report,
             const std::vector<CacheDependency>& dependencies) const;

  // Deletes every entry this run neither read nor wrote (and stray temporary files). Call it
  // only after a run that covered the whole tree, or entries of unscanned files are lost.
  void prune() const;

  [[nodiscard]] CacheStats stats() const;

  // The entry file of a key (for tests and docs): DIR/<2 hex>/<16 hex>.json.
  [[nodiscard]] std::string entry_path(std::uint64_t key) const;

 private:
  void mark_used(std::uint64_t key) const;

  std::string dir_;
  std::uint64_t salt_;
  mutable std::mutex used_mutex_;
  mutable std::set<std::uint64_t> used_;
  mutable std::atomic<std::size_t> hits_{0};
  mutable std::atomic<std::size_t> misses_{0};
  mutable std::atomic<std::size_t> write_errors_{0};
  mutable std::atomic<std::size_t> pruned_{0};
};

// Serialization of one entry, exposed for tests: the JSON text and its inverse (nullopt on any
// malformed or mismatching input).
[[nodiscard]] std::string encode_cache_entry(std::uint64_t key, const FileReport& report,
                                             const std::vector<CacheDependency>& dependencies);
struct CacheEntry {
  FileReport report;
  std::vector<CacheDependency> dependencies;
};
[[nodiscard]] std::optional<CacheEntry> decode_cache_entry(std::uint64_t key, std::string_view text);

}  // namespace lintel::engine

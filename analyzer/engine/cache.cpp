#include "analyzer/engine/cache.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace lintel::engine {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// Bump when the entry layout or the meaning of a key changes: old entries then never match.
constexpr std::string_view kFormat = "lintel-cache/1";

constexpr std::uint64_t kMul1 = 0x9E3779B97F4A7C15ull;
constexpr std::uint64_t kMul2 = 0xBF58476D1CE4E5B9ull;
constexpr std::uint64_t kMul3 = 0x94D049BB133111EBull;

constexpr std::uint64_t mix(std::uint64_t x) {  // splitmix64's finalizer
  x ^= x >> 30;
  x *= kMul2;
  x ^= x >> 27;
  x *= kMul3;
  x ^= x >> 31;
  return x;
}

constexpr std::uint64_t rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

std::string hex(std::uint64_t v) { return fmt::format("{:016x}", v); }

Json encode_finding(const Finding& f) {
  Json j = Json::object();
  j["rule"] = f.rule_id;
  j["severity"] = static_cast<int>(f.severity);
  j["message"] = f.message;
  j["path"] = f.path;
  if (f.span) j["span"] = {f.span->begin, f.span->end};
  j["start"] = {f.start.line, f.start.column};
  j["end"] = {f.end.line, f.end.column};
  j["fingerprint"] = f.fingerprint;
  Json supp = Json::array();
  for (const Suppression& s : f.suppressions)
    supp.push_back({static_cast<int>(s.kind), s.justification});
  j["suppressions"] = std::move(supp);
  return j;
}

Severity severity_from(int v) {
  if (v < 0 || v > static_cast<int>(Severity::error)) throw std::runtime_error("bad severity");
  return static_cast<Severity>(v);
}

Finding decode_finding(const Json& j) {
  Finding f;
  f.rule_id = j.at("rule").get<std::string>();
  f.severity = severity_from(j.at("severity").get<int>());
  f.message = j.at("message").get<std::string>();
  f.path = j.at("path").get<std::string>();
  if (const auto it = j.find("span"); it != j.end())
    f.span = Span{it->at(0).get<std::uint32_t>(), it->at(1).get<std::uint32_t>()};
  f.start = {j.at("start").at(0).get<std::uint32_t>(), j.at("start").at(1).get<std::uint32_t>()};
  f.end = {j.at("end").at(0).get<std::uint32_t>(), j.at("end").at(1).get<std::uint32_t>()};
  f.fingerprint = j.at("fingerprint").get<std::string>();
  for (const Json& s : j.at("suppressions")) {
    const int kind = s.at(0).get<int>();
    if (kind < 0 || kind > static_cast<int>(Suppression::Kind::external))
      throw std::runtime_error("bad suppression kind");
    f.suppressions.push_back({static_cast<Suppression::Kind>(kind), s.at(1).get<std::string>()});
  }
  return f;
}

// Writes through a temporary file in the same folder and a rename: readers see the old entry,
// no entry, or the whole new one.
bool write_atomically(const fs::path& target, const std::string& content) {
  std::string tmpl = (target.parent_path() / (".tmp-" + target.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return false;
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      ::unlink(tmpl.c_str());
      return false;
    }
    written += static_cast<std::size_t>(n);
  }
  ::fchmod(fd, 0644);
  if (::close(fd) != 0 || std::rename(tmpl.c_str(), target.c_str()) != 0) {
    ::unlink(tmpl.c_str());
    return false;
  }
  return true;
}

std::optional<std::string> read_all(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return std::nullopt;
  std::string text;
  char buf[1 << 16];
  for (;;) {
    const std::size_t n = std::fread(buf, 1, sizeof buf, f);
    text.append(buf, n);
    if (n < sizeof buf) break;
  }
  const bool bad = std::ferror(f) != 0;
  std::fclose(f);
  if (bad) return std::nullopt;
  return text;
}

// Parses "<16 hex>" file stems back to keys; nullopt for anything else.
std::optional<std::uint64_t> parse_key(const std::string& stem) {
  if (stem.size() != 16) return std::nullopt;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(stem.c_str(), &end, 16);
  if (end != stem.c_str() + stem.size()) return std::nullopt;
  return v;
}

}  // namespace

std::uint64_t hash64(std::string_view data, std::uint64_t seed) {
  std::uint64_t h = mix(seed ^ (data.size() * kMul1));
  std::size_t i = 0;
  for (; i + 8 <= data.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, data.data() + i, 8);
    w *= kMul1;
    w ^= w >> 29;
    h = rotl(h ^ w, 27) * kMul2 + 0x52dce729;
  }
  std::uint64_t tail = 0;
  for (std::size_t k = 0; i < data.size(); ++i, k += 8)
    tail |= static_cast<std::uint64_t>(static_cast<unsigned char>(data[i])) << k;
  h ^= tail * kMul3;
  return mix(h);
}

Hasher& Hasher::add(std::string_view s) {
  h_ = hash64(s, h_ ^ mix(s.size() + 1));
  return *this;
}

Hasher& Hasher::add(std::uint64_t v) {
  h_ = mix(h_ ^ mix(v + kMul1)) * kMul1;
  return *this;
}

std::string encode_cache_entry(std::uint64_t key, const FileReport& report,
                               const std::vector<CacheDependency>& dependencies) {
  Json j = Json::object();
  j["format"] = kFormat;
  j["key"] = hex(key);
  Json deps = Json::array();
  for (const CacheDependency& d : dependencies)
    deps.push_back({static_cast<int>(d.kind), d.path, hex(d.value)});
  j["dependencies"] = std::move(deps);
  j["checked"] = report.checked;
  Json findings = Json::array();
  for (const Finding& f : report.findings) findings.push_back(encode_finding(f));
  j["findings"] = std::move(findings);
  Json notes = Json::array();
  for (const Notification& n : report.notifications)
    notes.push_back({static_cast<int>(n.level), n.message, n.path, n.rule_id});
  j["notifications"] = std::move(notes);
  // Messages quote bytes of broken files: invalid UTF-8 becomes U+FFFD instead of a throw. The
  // entry then differs from the fresh result, so such a report is not stored at all (see store).
  return j.dump(-1, ' ', false, Json::error_handler_t::strict);
}

std::optional<CacheEntry> decode_cache_entry(std::uint64_t key, std::string_view text) {
  const Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  try {
    if (j.at("format").get<std::string>() != kFormat) return std::nullopt;
    if (j.at("key").get<std::string>() != hex(key)) return std::nullopt;
    CacheEntry entry;
    for (const Json& d : j.at("dependencies")) {
      const int kind = d.at(0).get<int>();
      if (kind < 0 || kind > static_cast<int>(CacheDependency::Kind::module)) return std::nullopt;
      const auto value = parse_key(d.at(2).get<std::string>());
      if (!value) return std::nullopt;
      entry.dependencies.push_back(
          {static_cast<CacheDependency::Kind>(kind), d.at(1).get<std::string>(), *value});
    }
    entry.report.checked = j.at("checked").get<bool>();
    for (const Json& f : j.at("findings")) entry.report.findings.push_back(decode_finding(f));
    for (const Json& n : j.at("notifications")) {
      entry.report.notifications.push_back({severity_from(n.at(0).get<int>()),
                                            n.at(1).get<std::string>(), n.at(2).get<std::string>(),
                                            n.at(3).get<std::string>()});
    }
    return entry;
  } catch (const std::exception&) {
    return std::nullopt;  // a wrong type or a missing member: a corrupt entry is a miss
  }
}

ResultCache::ResultCache(std::string dir, std::string_view version, std::string_view context)
    : dir_(std::move(dir)), salt_(Hasher{}.add(kFormat).add(version).add(context).value()) {}

bool ResultCache::prepare(std::string& error) const {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) {
    error = ec.message();
    return false;
  }
  const auto write_once = [&](const char* name, std::string_view text) {
    const fs::path p = fs::path(dir_) / name;
    std::error_code eec;
    if (fs::exists(p, eec)) return true;
    return write_atomically(p, std::string(text));
  };
  if (!write_once(".gitignore", "# lintel's result cache (lintel scan --cache)\n*\n") ||
      !write_once("CACHEDIR.TAG",
                  "Signature: 8a477f597d28d172789f06886806bc55\n"
                  "# This file is a cache directory tag created by lintel.\n")) {
    error = std::strerror(errno);
    return false;
  }
  return true;
}

std::uint64_t ResultCache::key(std::uint64_t config_hash, std::string_view path,
                               std::string_view content, bool helm_template) const {
  return Hasher{}
      .add(salt_)
      .add(config_hash)
      .add(path)
      .add(hash64(content))
      .add(helm_template ? 1 : 0)
      .value();
}

std::string ResultCache::entry_path(std::uint64_t key) const {
  const std::string name = hex(key);
  return (fs::path(dir_) / name.substr(0, 2) / (name + ".json")).string();
}

void ResultCache::mark_used(std::uint64_t key) const {
  const std::lock_guard lock(used_mutex_);
  used_.insert(key);
}

std::optional<FileReport> ResultCache::load(std::uint64_t key, const DependencyProbe& probe) const {
  const auto text = read_all(entry_path(key));
  std::optional<CacheEntry> entry;
  if (text) entry = decode_cache_entry(key, *text);
  if (entry) {
    for (const CacheDependency& d : entry->dependencies) {
      if (probe(d) != d.value) {
        entry.reset();
        break;
      }
    }
  }
  if (!entry) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  mark_used(key);
  return std::move(entry->report);
}

void ResultCache::store(std::uint64_t key, const FileReport& report,
                        const std::vector<CacheDependency>& dependencies) const {
  mark_used(key);
  std::string text;
  try {
    text = encode_cache_entry(key, report, dependencies);
  } catch (const std::exception&) {
    return;  // invalid UTF-8 in a message: would not read back identical, so not cached
  }
  const fs::path target(entry_path(key));
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec || !write_atomically(target, text)) ++write_errors_;
}

void ResultCache::prune() const {
  std::error_code ec;
  fs::directory_iterator top(dir_, ec);
  if (ec) return;
  const std::lock_guard lock(used_mutex_);
  for (const auto& sub : top) {
    std::error_code sec;
    if (!sub.is_directory(sec) || sub.path().filename().string().size() != 2) continue;
    for (const auto& e : fs::directory_iterator(sub.path(), sec)) {
      const std::string name = e.path().filename().string();
      const bool temporary = name.starts_with(".tmp-");
      const auto key = name.ends_with(".json") ? parse_key(e.path().stem().string()) : std::nullopt;
      if (!temporary && (!key || used_.contains(*key))) continue;
      std::error_code rec;
      if (fs::remove(e.path(), rec)) ++pruned_;
    }
  }
}

CacheStats ResultCache::stats() const {
  return {hits_.load(), misses_.load(), write_errors_.load(), pruned_.load()};
}

}  // namespace lintel::engine

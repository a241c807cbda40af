#include "analyzer/engine/shard.hpp"

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <map>

#include "analyzer/engine/cache.hpp"
#include "analyzer/engine/classify.hpp"
#include "parsers/compose/parser.hpp"

namespace lintel::engine {

namespace {

namespace fs = std::filesystem;

constexpr unsigned kMaxShards = 4096;

std::optional<unsigned> parse_number(std::string_view s) {
  unsigned v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::optional<std::string> read_small_file(const std::string& path, std::uint64_t limit) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec || size > limit) return std::nullopt;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return std::nullopt;
  std::string text(size, '\0');
  const std::size_t n = std::fread(text.data(), 1, text.size(), f);
  std::fclose(f);
  text.resize(n);
  return text;
}

bool is_compose(const FileEntry& file, std::uint64_t limit, std::optional<std::string>& text) {
  const auto by_name = classify_by_name(file.path);
  if (by_name && *by_name != FileKind::compose) return false;
  text = read_small_file(file.fs_path, limit);
  if (!text) return false;
  return by_name == FileKind::compose || classify_yaml_content(*text) == FileKind::compose;
}

std::string normal(const fs::path& p) { return p.lexically_normal().generic_string(); }

}  // namespace

std::optional<ShardSpec> parse_shard(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const auto k = parse_number(text.substr(0, slash));
  const auto n = parse_number(text.substr(slash + 1));
  if (!k || !n || *n < 1 || *n > kMaxShards || *k < 1 || *k > *n) return std::nullopt;
  return ShardSpec{*k, *n};
}

unsigned shard_of(std::string_view unit, unsigned count) {
  return static_cast<unsigned>(hash64(unit) % count) + 1;
}

std::vector<std::string> shard_units(const std::vector<FileEntry>& files,
                                     std::uint64_t max_file_size) {
  std::vector<std::string> units(files.size());
  std::map<std::string, std::size_t> index;  // normalized path -> position in `files`
  for (std::size_t i = 0; i < files.size(); ++i) index.emplace(normal(files[i].path), i);

  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto kind = classify_by_name(files[i].path);
    if (kind == FileKind::terraform || kind == FileKind::terraform_vars)
      units[i] = "tf:" + fs::path(files[i].path).parent_path().generic_string();
    else
      units[i] = files[i].path;
  }
  // Files are sorted by path, so the first compose file to claim a Dockerfile is the first by
  // path; later ones leave it where it is.
  std::vector<bool> claimed(files.size(), false);
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::optional<std::string> text;
    if (!is_compose(files[i], max_file_size, text)) continue;
    units[i] = "compose:" + files[i].path;
    const SourceFile source(files[i].path, std::move(*text));
    const auto parsed = parsers::parse_compose(source);
    const fs::path dir = fs::path(files[i].path).parent_path();
    for (const model::ComposeService& service : parsed.doc.services) {
      if (!service.build || !service.build->dockerfile_path) continue;
      const fs::path rel(*service.build->dockerfile_path);
      const auto it = index.find(normal(rel.is_absolute() ? rel : dir / rel));
      if (it == index.end() || it->second == i || claimed[it->second]) continue;
      if (classify_by_name(files[it->second].path) != FileKind::dockerfile) continue;
      claimed[it->second] = true;
      units[it->second] = units[i];
    }
  }
  return units;
}

std::vector<FileEntry> select_shard(const std::vector<FileEntry>& files, const ShardSpec& spec,
                                    std::uint64_t max_file_size) {
  const std::vector<std::string> units = shard_units(files, max_file_size);
  std::vector<FileEntry> out;
  for (std::size_t i = 0; i < files.size(); ++i)
    if (shard_of(units[i], spec.count) == spec.index) out.push_back(files[i]);
  return out;
}

}  // namespace lintel::engine

#include "analyzer/engine/discovery.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace lintel::engine {

namespace {

constexpr std::array<std::string_view, 4> kSkippedDirs = {".git", "node_modules", ".terraform",
                                                         "vendor"};

bool is_skipped_dir(const fs::path& p) {
  const std::string name = p.filename().string();
  return std::find(kSkippedDirs.begin(), kSkippedDirs.end(), name) != kSkippedDirs.end();
}

bool is_within(const fs::path& inner, const fs::path& outer) {
  const auto [o, i] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return o == outer.end();
}

struct Walker {
  Discovery& out;
  fs::path root_canonical;

  void add(const fs::path& p, bool explicit_) {
    FileEntry e;
    e.fs_path = p.string();
    e.path = display_path(e.fs_path);
    e.explicit_ = explicit_;
    out.files.push_back(std::move(e));
  }

  void walk(const fs::path& dir, int depth) {
    if (depth > 256) {
      out.skipped.push_back(dir.string() + ": nesting deeper than 256 folders");
      return;
    }
    std::error_code ec;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      out.errors.push_back({display_path(dir.string()), ec.message()});
      return;
    }
    std::vector<fs::directory_entry> entries;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      entries.push_back(*it);
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
    for (const auto& entry : entries) visit(entry, depth);
  }

  void visit(const fs::directory_entry& entry, int depth) {
    std::error_code ec;
    const fs::path& p = entry.path();
    if (entry.is_symlink(ec)) {
      const fs::path target = fs::canonical(p, ec);
      if (ec || !fs::is_regular_file(target, ec)) {
        out.skipped.push_back(display_path(p.string()) + ": symbolic link not followed");
        return;
      }
      if (!is_within(target, root_canonical)) {
        out.skipped.push_back(display_path(p.string()) + ": link points outside the scanned folder");
        return;
      }
      add(p, false);
      return;
    }
    if (entry.is_directory(ec)) {
      if (!is_skipped_dir(p)) walk(p, depth + 1);
      return;
    }
    if (entry.is_regular_file(ec)) {
      add(p, false);
      return;
    }
    out.skipped.push_back(display_path(p.string()) + ": not a regular file");
  }
};

}  // namespace

std::string display_path(const std::string& fs_path) {
  std::error_code ec;
  const fs::path abs = fs::absolute(fs_path, ec).lexically_normal();
  const fs::path cwd = fs::current_path(ec);
  if (!ec && is_within(abs, cwd)) {
    const fs::path rel = abs.lexically_relative(cwd);
    std::string s = rel.generic_string();
    if (!s.empty() && s != ".") return s;
  }
  return abs.generic_string();
}

Discovery discover(const std::vector<std::string>& paths) {
  Discovery out;
  for (const std::string& raw : paths) {
    const fs::path p(raw);
    std::error_code ec;
    const fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      const int err = ec ? ec.value() : ENOENT;
      out.errors.push_back({raw, std::strerror(err)});
      continue;
    }
    if (fs::is_directory(st)) {
      Walker w{out, fs::canonical(p, ec)};
      w.walk(p, 0);
    } else if (fs::is_regular_file(st)) {
      Walker w{out, {}};
      w.add(p, true);
    } else {
      out.skipped.push_back(raw + ": not a regular file");
    }
  }
  // Explicit entries win over walked duplicates; then sort by reported path.
  std::stable_sort(out.files.begin(), out.files.end(),
                   [](const FileEntry& a, const FileEntry& b) {
                     return a.path != b.path ? a.path < b.path : a.explicit_ > b.explicit_;
                   });
  out.files.erase(std::unique(out.files.begin(), out.files.end()), out.files.end());
  return out;
}

}  // namespace lintel::engine

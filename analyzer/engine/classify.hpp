// File classification by name and, for YAML files whose name says nothing, by content. It is
// independent of which rules are enabled: `lintel scan --list-files` shows what it decided.
#pragma once

#include <optional>
#include <string_view>

#include "analyzer/model/document.hpp"

namespace lintel::engine {

// The kind a file's path alone decides, or nullopt when the content must decide (YAML files with
// an uninformative name). `path` uses '/' separators.
[[nodiscard]] std::optional<FileKind> classify_by_name(std::string_view path);

// The kind of a YAML file from its content: Kubernetes (`apiVersion` and `kind` at the top
// level), compose (top-level `services` whose entries have `image` or `build`), workflow
// (top-level `on` and `jobs`), composite action (`runs` with `using`); text otherwise. This is a
// line-based look at top-level keys, not a parse: it must be cheap for every YAML file.
[[nodiscard]] FileKind classify_yaml_content(std::string_view text);

// Whether the path is a YAML file (by extension).
[[nodiscard]] bool is_yaml_path(std::string_view path);

}  // namespace lintel::engine

// A parsed file: its source, what kind of file it is, and its typed model. The engine hands a
// Document to every rule of its format.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

#include "analyzer/model/compose.hpp"
#include "analyzer/model/dockerfile.hpp"
#include "analyzer/model/gha.hpp"
#include "analyzer/model/k8s.hpp"
#include "analyzer/model/secrets.hpp"
#include "analyzer/model/terraform.hpp"
#include "analyzer/source.hpp"

namespace lintel {

// What the classifier decided a file is, independent of which rules are enabled.
enum class FileKind : std::uint8_t {
  dockerfile, compose, kubernetes, terraform, terraform_vars, workflow, action, text
};

[[nodiscard]] std::string_view to_string(FileKind k);
[[nodiscard]] std::optional<FileKind> parse_file_kind(std::string_view name);

// The rule domain a rule belongs to; a rule runs on the documents of its format.
enum class Format : std::uint8_t { meta, dockerfile, compose, kubernetes, terraform, actions, secrets };

[[nodiscard]] std::string_view to_string(Format f);
[[nodiscard]] Format format_of(FileKind k);

using Model = std::variant<std::monostate, model::DockerfileDoc, model::ComposeDoc, model::K8sDoc,
                           model::WorkflowDoc, model::TerraformDoc>;

struct Document {
  const SourceFile& source;
  FileKind kind;
  Model model;
  // The secret candidates of the file's text, when a SEC rule is enabled (null otherwise).
  const model::SecretScan* secrets = nullptr;
};

}  // namespace lintel

#include "analyzer/model/document.hpp"

namespace lintel {

std::string_view to_string(FileKind k) {
  switch (k) {
    case FileKind::dockerfile: return "dockerfile";
    case FileKind::compose: return "compose";
    case FileKind::kubernetes: return "kubernetes";
    case FileKind::terraform: return "terraform";
    case FileKind::terraform_vars: return "terraform-vars";
    case FileKind::workflow: return "workflow";
    case FileKind::action: return "action";
    case FileKind::text: return "text";
  }
  return "text";
}

std::optional<FileKind> parse_file_kind(std::string_view name) {
  for (FileKind k : {FileKind::dockerfile, FileKind::compose, FileKind::kubernetes,
                     FileKind::terraform, FileKind::terraform_vars, FileKind::workflow,
                     FileKind::action, FileKind::text})
    if (to_string(k) == name) return k;
  return std::nullopt;
}

std::string_view to_string(Format f) {
  switch (f) {
    case Format::meta: return "meta";
    case Format::dockerfile: return "dockerfile";
    case Format::compose: return "compose";
    case Format::kubernetes: return "kubernetes";
    case Format::terraform: return "terraform";
    case Format::actions: return "actions";
    case Format::secrets: return "secrets";
  }
  return "meta";
}

Format format_of(FileKind k) {
  switch (k) {
    case FileKind::dockerfile: return Format::dockerfile;
    case FileKind::compose: return Format::compose;
    case FileKind::kubernetes: return Format::kubernetes;
    case FileKind::terraform:
    case FileKind::terraform_vars: return Format::terraform;
    case FileKind::workflow:
    case FileKind::action: return Format::actions;
    case FileKind::text: return Format::secrets;
  }
  return Format::meta;
}

}  // namespace lintel

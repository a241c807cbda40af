// Terraform (.tf, .tfvars) text to model::TerraformModule / model::TerraformDoc through
// tree-sitter-hcl. TODO(#4)
#pragma once

#include <memory>
#include <vector>

#include "analyzer/model/terraform.hpp"
#include "parsers/parse_result.hpp"

namespace lintel::parsers {

struct TerraformModuleResult {
  std::shared_ptr<const model::TerraformModule> module;
  // Parse diagnostics, one list per module file (same order as module->files).
  std::vector<std::vector<Diagnostic>> diagnostics;
};

// Parses every file of one module folder together: `files` are its `.tf`, `terraform.tfvars` and
// `*.auto.tfvars` files (and any explicitly requested var files), sorted by path.
[[nodiscard]] TerraformModuleResult parse_terraform_module(
    std::string dir, std::vector<std::shared_ptr<const SourceFile>> files);

}  // namespace lintel::parsers

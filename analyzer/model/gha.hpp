// The GitHub Actions model: workflows and composite actions, jobs, steps, `uses`, expressions.
// Built by parsers/gha from the positioned YAML tree. TODO(#3)
#pragma once

#include <vector>

#include "analyzer/model/yaml.hpp"
#include "analyzer/source.hpp"

namespace lintel::model {

struct WorkflowDoc {
  yaml::Stream yaml;  // the tree the model was built from
};

}  // namespace lintel::model

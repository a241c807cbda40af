// The docker-compose model (Compose specification: https://compose-spec.io). Built by
// parsers/compose from the positioned YAML tree. TODO(#3): services, images, build, ports, ...
#pragma once

#include <vector>

#include "analyzer/model/yaml.hpp"
#include "analyzer/source.hpp"

namespace lintel::model {

struct ComposeDoc {
  yaml::Stream yaml;  // the tree the model was built from
};

}  // namespace lintel::model

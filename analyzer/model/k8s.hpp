// The Kubernetes manifest model: objects, pod specs wherever they live, containers with their
// effective security context. Built by parsers/k8s from the positioned YAML tree. TODO(#3)
#pragma once

#include <vector>

#include "analyzer/model/yaml.hpp"
#include "analyzer/source.hpp"

namespace lintel::model {

struct K8sDoc {
  yaml::Stream yaml;  // the tree the model was built from
};

}  // namespace lintel::model

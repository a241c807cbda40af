// Predicates shared by at least two Dockerfile rules.
#pragma once

#include <fmt/format.h>

#include "analyzer/model/dockerfile.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::dockerfile {

using model::DockerfileDoc;
using model::Instruction;
using model::InstructionKind;

}  // namespace lintel::rules::dockerfile

// The rules' SARIF reportingDescriptors rendered at build time (sarif/gen/gen_descriptors.cpp
// writes their definitions into build/generated/rule_descriptors.cpp, which includes this header
// so that declaration and definition cannot disagree). Registry order, for sarif::kDocsBaseUri.
#pragma once

#include <cstddef>
#include <string_view>

namespace lintel::generated {

extern const std::size_t kRuleDescriptorCount;
extern const std::string_view kRuleDescriptorIds[];
extern const std::string_view kRuleDescriptorTexts[];

}  // namespace lintel::generated

#include "parsers/shell/parser.hpp"

namespace lintel::parsers {

model::ShellScript parse_shell(std::string_view, std::uint32_t) { return {}; }

}  // namespace lintel::parsers

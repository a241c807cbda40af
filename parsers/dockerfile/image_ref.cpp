// split_image_ref: [registry/]name[:tag][@digest], split the way the OCI distribution reference
// grammar does (github.com/distribution/reference, splitDockerDomain): the first path component
// is a registry only when it looks like a host (has a '.' or ':', or is `localhost`), and the tag
// is searched in the last path component only, so `registry:5000/app` has a port, not a tag.
#include "parsers/dockerfile/parser.hpp"

namespace lintel::parsers {

void split_image_ref(std::string_view ref, model::ImageRef& out) {
  out.registry.clear();
  out.name.clear();
  out.tag.reset();
  out.digest.reset();

  std::string_view rest = ref;
  if (const std::size_t at = rest.find('@'); at != std::string_view::npos) {
    out.digest = std::string(rest.substr(at + 1));
    rest = rest.substr(0, at);
  }
  if (const std::size_t slash = rest.find('/'); slash != std::string_view::npos) {
    const std::string_view first = rest.substr(0, slash);
    if (first.find_first_of(".:") != std::string_view::npos || first == "localhost") {
      out.registry = std::string(first);
      rest = rest.substr(slash + 1);
    }
  }
  const std::size_t last_slash = rest.rfind('/');
  const std::size_t colon = rest.rfind(':');
  if (colon != std::string_view::npos &&
      (last_slash == std::string_view::npos || colon > last_slash)) {
    out.tag = std::string(rest.substr(colon + 1));
    rest = rest.substr(0, colon);
  }
  out.name = std::string(rest);
}

}  // namespace lintel::parsers

// DC014 obsolete-version: the top-level `version:` key.
//
// The Compose specification made `version` informative only: Compose v2 ignores it and warns
// ("the attribute `version` is obsolete"). Reported on the key and its value, whatever the value.
#include "rules/compose/common.hpp"

namespace lintel::rules::compose {
namespace impl_obsolete_version {

constexpr PeerId kPeers[] = {{"dclint", "no-version-field"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/compose-file/version-and-name/",
    "https://github.com/compose-spec/compose-spec/blob/main/04-version-and-name.md",
};
constexpr std::string_view kTags[] = {"best-practice"};

void check(const ComposeDoc& doc, Reporter& out) {
  if (!doc.version) return;
  out.report(doc.version->pair_span(),
             fmt::format("the top-level version \"{}\" is obsolete and ignored by Compose",
                         doc.version->text.value));
}

}  // namespace impl_obsolete_version

extern const Rule obsolete_version{
    .meta = {.id = "DC014",
             .slug = "obsolete-version",
             .severity = Severity::info,
             .format = Format::compose,
             .summary = "Compose file sets the obsolete top-level version",
             .what = "Reports the top-level `version:` key of a compose file.",
             .why = "Since the Compose specification replaced the versioned file formats, "
                    "`version` selects nothing: Compose v2 ignores it and prints a warning on "
                    "every run. Keeping it suggests a feature set (`2.4`, `3.8`) that is not the "
                    "one in use and invites copying obsolete syntax.",
             .fix = "Delete the `version:` line. Use the top-level `name:` if you want to fix "
                    "the project name.",
             .bad = "version: \"3.8\"\n"
                    "services:\n"
                    "  web:\n"
                    "    image: nginx:1.27\n",
             .good = "services:\n"
                     "  web:\n"
                     "    image: nginx:1.27\n",
             .peers = impl_obsolete_version::kPeers,
             .references = impl_obsolete_version::kReferences,
             .tags = impl_obsolete_version::kTags},
    .check = for_format<model::ComposeDoc, impl_obsolete_version::check>,
};

}  // namespace lintel::rules::compose

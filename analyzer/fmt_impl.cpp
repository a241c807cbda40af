// fmt's out-of-line functions, compiled once from the installed headers into lintel itself.
// Debian ships fmt only as a shared library; a lintel with no shared libraries starts about three
// times faster (the dynamic loader's relocations were most of a one-file run, see
// docs/performance.md). format-inl.h defines the functions that libfmt.so would provide; the
// templates that format.h declares `extern` are instantiated here for the character types
// lintel formats.
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {
template auto thousands_sep_impl<char>(locale_ref) -> thousands_sep_result<char>;
template auto decimal_point_impl(locale_ref) -> char;
template void buffer<char>::append(const char*, const char*);
template void vformat_to(buffer<char>&, string_view, basic_format_args<FMT_BUFFER_CONTEXT(char)>,
                         locale_ref);
template auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;
template locale_ref::locale_ref(const std::locale& loc);
template auto locale_ref::get<std::locale>() const -> std::locale;
}  // namespace detail
FMT_END_NAMESPACE

#include <testkit/assert/handler.hpp>

#include <cctype>
#include <cstdio>
#include <cstdlib>

#include <testkit/core/context.hpp>
#include <testkit/core/process_role.hpp>
#include <testkit/core/stacktrace.hpp>
#include <testkit/interpose/bypass.hpp>

namespace testkit::detail {
namespace {

bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The index of the last character of the number starting at `i` (a pp-number, [lex.ppnumber]), so that
// the digit separators of 1'000 are not taken for the start of a character literal.
std::size_t end_of_number(std::string_view text, std::size_t i) {
  while (i + 1 < text.size()) {
    const char next = text[i + 1];
    if (is_identifier_char(next) || next == '.')
      ++i;
    else if (next == '\'' && i + 2 < text.size() && is_identifier_char(text[i + 2]))
      i += 2;
    else if ((next == '+' || next == '-') && std::string_view("eEpP").find(text[i]) != std::string_view::npos)
      ++i;
    else
      break;
  }
  return i;
}

}  // namespace

std::string_view strip_trailing_arguments(std::string_view arguments, std::size_t count) {
  if (count == 0) return arguments;
  if (count == all_arguments) return {};
  std::vector<std::size_t> commas;  // positions of top-level commas
  int depth = 0;
  char quote = 0;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const char c = arguments[i];
    if (quote) {
      if (c == '\\')
        ++i;
      else if (c == quote)
        quote = 0;
    } else if (std::isdigit(static_cast<unsigned char>(c)) && (i == 0 || !is_identifier_char(arguments[i - 1]))) {
      i = end_of_number(arguments, i);
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      --depth;
    } else if (c == ',' && depth == 0) {
      commas.push_back(i);
    }
  }
  if (commas.size() < count) return arguments;
  return arguments.substr(0, commas[commas.size() - count]);
}

std::string vformat_message(std::string_view format, fmt::format_args args) {
  try {
    return fmt::vformat(format, args);
  } catch (const fmt::format_error& error) {
    return fmt::format("{} [bad message format: {}]", format, error.what());
  }
}

void assertion_failed(const AssertionSite& site, std::size_t message_arguments, std::string details,
                      std::string message) {
  count_assertion();
  const std::string_view checked = strip_trailing_arguments(site.arguments, message_arguments);
  Failure failure{.where = Location::from(site.where),
                  .headline = checked.empty() ? std::string(site.macro) : fmt::format("{}({})", site.macro, checked),
                  .details = std::move(details),
                  .message = std::move(message)};
  // Reading symbols and writing to the supervisor is the framework's I/O: a patched open or write of the
  // test must not see it.
  const BypassPatches bypass;
  Context* context = current_context();
  if (context == nullptr) {
    std::fprintf(stderr, "testkit: %s:%u: %s failed outside of a running test\n%s%s%s\n", failure.where.file.c_str(),
                 failure.where.line, failure.headline.c_str(), failure.details.c_str(),
                 failure.message.empty() ? "" : "\n", failure.message.c_str());
    std::abort();
  }
  attach_stacktrace(failure, *context);
  context->add_failure(std::move(failure));
  if (site.fatal) throw FatalFailure{};
}

void attach_stacktrace(Failure& failure, const Context& context) {
  const ProcessRole& role = process_role();
  if (!role.stacktraces || !context.wants_stacktrace()) return;
  // A forked test process sends raw frames and its supervisor symbolizes them: it loads the symbol tables once
  // for all tests. A process the test forked does the same, and must: symbolizing takes the loader's lock, which
  // another thread of the test's process may have held when it forked.
  const bool sends = role.supervisor_symbolizes || role.kind == ProcessKind::test_child;
  if (sends && context.streams())
    failure.frames = capture_frames();
  else
    failure.stacktrace = test_code_stacktrace();
}

void skip_test(std::string reason) { throw SkipRequested{std::move(reason)}; }

}  // namespace testkit::detail

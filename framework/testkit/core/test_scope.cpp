#include <testkit/core/test_scope.hpp>

#include <string>
#include <utility>

#include <testkit/interpose/bypass.hpp>
#include <testkit/interpose/patch_scope.hpp>

namespace testkit::detail {

TestScope::TestScope(Context& context)
    : context_(context),
      scope_(std::make_shared<PatchScope>()),
      link_(std::make_shared<TestLink>(context)),
      previous_scope_(exchange_thread_patch_scope(scope_.get())),
      previous_link_(exchange_thread_test_link(link_.get())) {
  install_thread_hooks();
  install_fork_handlers();
  attachment_.emplace();
}

TestScope::~TestScope() {
  for (const std::string& leaked : scope_->remove_all()) {
    const BypassPatches bypass;
    Failure failure;
    failure.where = context_.test() != nullptr ? context_.test()->where : Location{};
    failure.phase = "cleanup";
    failure.headline = leaked + " was still active when the test ended";
    failure.details = "a Patch ends with its scope; it has been removed";
    context_.add_failure(std::move(failure));
  }
  attachment_.reset();
  {
    const std::lock_guard lock(link_->mutex);
    link_->children.collect(&context_);  // what the processes the test forked recorded
  }
  link_->close();
  (void)exchange_thread_test_link(previous_link_);
  (void)exchange_thread_patch_scope(previous_scope_);
}

}  // namespace testkit::detail

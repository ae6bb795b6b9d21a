#pragma once
/// Installs the handlers through which a FakeFilesystem answers libc calls.

#include <dirent.h>
#include <fcntl.h>

#include <functional>
#include <memory>
#include <mutex>
#include <utility>

#include <testkit/interpose/dispatch.hpp>
#include <testkit/mock/detail/fake_calls.hpp>

namespace testkit::detail::fakefs {

/// The handlers that name paths (open, stat, mkdir, rename, ...), on behalf of `owner`.
void install_path_handlers(PatchScope& scope, const void* owner, const std::shared_ptr<FakeTree>& tree);
/// The handlers on descriptors and directory streams (close, write, fstat, readdir, ...).
void install_descriptor_handlers(PatchScope& scope, const void* owner, const std::shared_ptr<FakeTree>& tree);

/// Makes `answer` the handler of F.
template <Function F, class Answer> void install(PatchScope& scope, const void* owner, Answer answer) {
  scope.add(F, std::make_shared<TypedHandler<F>>(std::function<SignatureOf<F>>(std::move(answer))), owner,
            "FakeFilesystem");
}

/// Serves a call naming (dirfd, path): the real F for pass-through paths, an injected fault, or `fake(at)`
/// with the tree locked.
template <Function F, class Fake, class... Args>
ResultOf<F> serve(FakeTree& tree, int dirfd, const char* path, Fake&& fake, Args... args) {
  std::unique_lock lock(tree.mutex);
  const Where at = tree.where(dirfd, path);
  if (at.real) {
    lock.unlock();
    return call_real<F>(args...);
  }
  if (const int error = at.error != 0 ? at.error : tree.injected(F, at.absolute)) return failure<ResultOf<F>>(error);
  return fake(at);
}

/// Serves a call on a descriptor: the real F for one the fake did not hand out, else `fake(file)` with the tree
/// locked.
template <Function F, class Fake, class... Args>
ResultOf<F> serve_descriptor(FakeTree& tree, int fd, Fake&& fake, Args... args) {
  std::unique_lock lock(tree.mutex);
  OpenFile* const file = tree.open_file(fd);
  if (file == nullptr) {
    lock.unlock();
    return call_real<F>(args...);
  }
  return fake(*file);
}

/// Serves a call on a directory stream: the real F for one the fake did not open, else `fake(stream)` with the
/// tree locked, `stream` pointing at the stream's entry in tree.streams.
template <Function F, class Fake> ResultOf<F> serve_stream(FakeTree& tree, DIR* dir, Fake&& fake) {
  std::unique_lock lock(tree.mutex);
  const auto stream = tree.streams.find(reinterpret_cast<DirStream*>(dir));
  if (stream == tree.streams.end()) {
    lock.unlock();
    return call_real<F>(dir);
  }
  return fake(stream);
}

/// Serves a call naming two paths (rename, link): real if both are real, EXDEV if one is.
template <Function F, class Fake, class... Args>
ResultOf<F> serve_pair(FakeTree& tree, int from_dirfd, const char* from, int to_dirfd, const char* to, Fake&& fake,
                       Args... args) {
  std::unique_lock lock(tree.mutex);
  const Where source = tree.where(from_dirfd, from);
  const Where target = tree.where(to_dirfd, to);
  if (source.real && target.real) {
    lock.unlock();
    return call_real<F>(args...);
  }
  if (source.error != 0) return failure<ResultOf<F>>(source.error);
  if (target.error != 0) return failure<ResultOf<F>>(target.error);
  if (source.real || target.real) return failure<ResultOf<F>>(EXDEV);
  int error = tree.injected(F, source.absolute);
  if (error == 0) error = tree.injected(F, target.absolute);
  if (error != 0) return failure<ResultOf<F>>(error);
  return fake(source, target);
}

}  // namespace testkit::detail::fakefs

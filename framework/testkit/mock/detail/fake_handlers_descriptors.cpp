// The FakeFilesystem's answers to calls on descriptors and directory streams. Descriptors the fake did not
// hand out go to libc; writes to fake files are checked against the capacity and logged once per open.
#include <testkit/mock/detail/fake_handlers.hpp>

#include <sys/sendfile.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

namespace testkit::detail::fakefs {
namespace {

// How many of `count` bytes written at the descriptor's position (or `offset`) fit; -1 when none do.
ssize_t fitting(FakeTree& tree, int fd, const OpenFile& file, size_t count, const off_t* offset) {
  if (!tree.capacity || count == 0) return static_cast<ssize_t>(count);
  struct stat info {};
  if (::fstat(file.node->memfd, &info) != 0) return static_cast<ssize_t>(count);
  const bool append = (::fcntl(fd, F_GETFL) & O_APPEND) != 0;
  const off_t position = append ? info.st_size : offset != nullptr ? *offset : ::lseek(fd, 0, SEEK_CUR);
  const auto end = static_cast<std::uintmax_t>(std::max<off_t>(position, 0)) + count;
  const auto size = static_cast<std::uintmax_t>(info.st_size);
  const std::uintmax_t growth = end > size ? end - size : 0;
  const std::uintmax_t room = tree.room();
  if (growth <= room) return static_cast<ssize_t>(count);
  const std::uintmax_t allowed = count - (growth - room);
  return allowed == 0 ? -1 : static_cast<ssize_t>(allowed);
}

void wrote(FakeTree& tree, OpenFile& file, ssize_t result) {
  if (result <= 0 || file.wrote) return;
  file.wrote = true;
  tree.log(FsEvent::Kind::written, file.path);
}

// The shared body of write, pwrite, writev: `io(count)` writes up to count bytes.
template <Function F, class Io, class... Args>
ssize_t serve_write(FakeTree& tree, int fd, size_t count, const off_t* offset, Io&& io, Args... args) {
  return serve_descriptor<F>(
      tree, fd,
      [&](OpenFile& file) {
        if (file.node->is_dir()) return failure<ssize_t>(EBADF);
        if (const int error = tree.injected(F, file.path)) return failure<ssize_t>(error);
        const ssize_t allowed = fitting(tree, fd, file, count, offset);
        if (allowed < 0) return failure<ssize_t>(ENOSPC);
        const ssize_t result = io(static_cast<size_t>(allowed));
        wrote(tree, file, result);
        return result;
      },
      args...);
}

// A copy between descriptors (sendfile, copy_file_range) into a fake file: capacity and log as a write.
template <Function F, class... Args>
ssize_t serve_copy(FakeTree& tree, int out_fd, int in_fd, off_t* in_offset, off_t* out_offset, size_t count,
                   Args... args) {
  return serve_descriptor<F>(
      tree, out_fd,
      [&](OpenFile& file) {
        struct stat in {};
        if (::fstat(in_fd, &in) == 0 && S_ISREG(in.st_mode)) {
          const off_t from = in_offset != nullptr ? *in_offset : ::lseek(in_fd, 0, SEEK_CUR);
          const off_t left = std::max<off_t>(in.st_size - std::max<off_t>(from, 0), 0);
          count = std::min<size_t>(count, static_cast<size_t>(left));
        }
        const ssize_t allowed = fitting(tree, out_fd, file, count, out_offset);
        if (allowed < 0) return failure<ssize_t>(ENOSPC);
        const auto fits = static_cast<size_t>(allowed);
        ssize_t result = 0;
        if constexpr (F == Function::sendfile)
          result = call_real<F>(out_fd, in_fd, in_offset, fits);
        else
          result = call_real<F>(in_fd, in_offset, out_fd, out_offset, fits, 0u);
        wrote(tree, file, result);
        return result;
      },
      args...);
}

}  // namespace

void install_descriptor_handlers(PatchScope& scope, const void* owner, const std::shared_ptr<FakeTree>& tree) {
  using F = Function;
  install<F::close>(scope, owner, [tree, &t = *tree](int fd) {
    {
      const std::lock_guard lock(t.mutex);
      t.files.erase(fd);
    }
    return call_real<F::close>(fd);
  });
  install<F::read>(scope, owner, [tree, &t = *tree](int fd, void* buffer, size_t count) {
    {
      const std::lock_guard lock(t.mutex);
      if (OpenFile* const file = t.open_file(fd); file != nullptr && file->node->is_dir())
        return failure<ssize_t>(EISDIR);
    }
    return call_real<F::read>(fd, buffer, count);
  });
  install<F::write>(scope, owner, [tree, &t = *tree](int fd, const void* buffer, size_t count) {
    return serve_write<F::write>(
        t, fd, count, nullptr, [&](size_t n) { return ::write(fd, buffer, n); }, fd, buffer, count);
  });
  install<F::pwrite>(scope, owner, [tree, &t = *tree](int fd, const void* buffer, size_t count, off_t offset) {
    return serve_write<F::pwrite>(
        t, fd, count, &offset, [&](size_t n) { return ::pwrite(fd, buffer, n, offset); }, fd, buffer, count, offset);
  });
  install<F::writev>(scope, owner, [tree, &t = *tree](int fd, const struct iovec* vector, int count) {
    size_t total = 0;
    for (int i = 0; i < count; ++i) total += vector[i].iov_len;
    return serve_write<F::writev>(
        t, fd, total, nullptr,
        [&](size_t n) {
          std::vector<iovec> fitting_part;  // the leading n bytes of the vector
          for (int i = 0; i < count && n > 0; ++i) {
            const size_t length = std::min(n, vector[i].iov_len);
            fitting_part.push_back({vector[i].iov_base, length});
            n -= length;
          }
          return ::writev(fd, fitting_part.data(), static_cast<int>(fitting_part.size()));
        },
        fd, vector, count);
  });
  install<F::fstat>(scope, owner, [tree, &t = *tree](int fd, struct stat* info) {
    return serve_descriptor<F::fstat>(
        t, fd,
        [&](OpenFile& file) {
          t.fill_stat(*file.node, info);
          return 0;
        },
        fd, info);
  });
  install<F::ftruncate>(scope, owner, [tree, &t = *tree](int fd, off_t length) {
    return serve_descriptor<F::ftruncate>(
        t, fd,
        [&](OpenFile& file) {
          const int result = ::ftruncate(fd, length);
          wrote(t, file, result == 0 ? 1 : -1);
          return result;
        },
        fd, length);
  });
  install<F::fchmod>(scope, owner, [tree, &t = *tree](int fd, mode_t mode) {
    return serve_descriptor<F::fchmod>(
        t, fd,
        [&](OpenFile& file) {
          if (file.node->write_error != 0) return failure<int>(file.node->write_error);
          file.node->mode = mode & 07777;
          return 0;
        },
        fd, mode);
  });
  install<F::sendfile>(scope, owner, [tree, &t = *tree](int out_fd, int in_fd, off_t* offset, size_t count) {
    return serve_copy<F::sendfile>(t, out_fd, in_fd, offset, nullptr, count, out_fd, in_fd, offset, count);
  });
  install<F::copy_file_range>(
      scope, owner,
      [tree, &t = *tree](int in_fd, off_t* in_offset, int out_fd, off_t* out_offset, size_t length, unsigned flags) {
        return serve_copy<F::copy_file_range>(t, out_fd, in_fd, in_offset, out_offset, length, in_fd, in_offset, out_fd,
                                              out_offset, length, flags);
      });
  install<F::fdopendir>(scope, owner, [tree, &t = *tree](int fd) {
    return serve_descriptor<F::fdopendir>(
        t, fd,
        [&](OpenFile& file) {
          if (!file.node->is_dir()) return failure<DIR*>(ENOTDIR);
          return stream_for(t, fd, file.node);
        },
        fd);
  });
  install<F::readdir>(scope, owner, [tree, &t = *tree](DIR* dir) {
    return serve_stream<F::readdir>(t, dir, [&](auto stream) { return next_entry(t, **stream); });
  });
  install<F::closedir>(scope, owner, [tree, &t = *tree](DIR* dir) {
    return serve_stream<F::closedir>(t, dir, [&](auto stream) {
      const int fd = (*stream)->fd;
      delete *stream;
      t.streams.erase(stream);
      t.files.erase(fd);
      return ::close(fd);
    });
  });
  install<F::getcwd>(scope, owner, [tree, &t = *tree](char* buffer, size_t size) {
    const std::lock_guard lock(t.mutex);
    return getcwd_of(t, buffer, size);
  });
}

}  // namespace testkit::detail::fakefs

#pragma once
/// The fake filesystem: `testkit::FakeFilesystem` (see mock/fake_filesystem.hpp).

#include <testkit/mock/fake_filesystem.hpp>

#pragma once
/// Mocking libc calls: Patch and the assertions on its calls, MockFilesystem, MockNetwork, FakeNetwork and the
/// GoogleMock bridge.

#include <testkit/mock/call.hpp>
#include <testkit/mock/fake_network.hpp>
#include <testkit/mock/gmock_bridge.hpp>
#include <testkit/mock/mock_filesystem.hpp>
#include <testkit/mock/mock_network.hpp>
#include <testkit/mock/patch.hpp>
#include <testkit/mock/patch_assertions.hpp>
#include <testkit/mock/targets.hpp>

#pragma once
/// Mocking libc calls: Patch, MockFilesystem, MockNetwork, FakeNetwork and the GoogleMock bridge.

#include <testkit/mock/call.hpp>
#include <testkit/mock/fake_network.hpp>
#include <testkit/mock/targets.hpp>
#include <testkit/mock/gmock_bridge.hpp>
#include <testkit/mock/mock_filesystem.hpp>
#include <testkit/mock/mock_network.hpp>
#include <testkit/mock/patch.hpp>

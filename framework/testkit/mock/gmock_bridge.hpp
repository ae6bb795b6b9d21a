#pragma once
/// GoogleMock failures (unexpected calls, unmet expectations, StrictMock) as failures of the current test.

#include <gtest/gtest-spi.h>

namespace testkit {

/// While it exists, GoogleMock and GoogleTest failures reported on the constructing thread are recorded in
/// that thread's current test (each thread that runs test code makes one for its first test and keeps it).
/// Construct and destroy on the same thread; nested ones are fine.
class GmockFailureForwarder final : public testing::ScopedFakeTestPartResultReporter {
 public:
  GmockFailureForwarder();
  /// Records `result` in the current test; outside a test it prints it to stderr.
  void ReportTestPartResult(const testing::TestPartResult& result) override;
};

/// Initializes GoogleMock once per process and installs a GmockFailureForwarder on every thread that runs test
/// code (the runner calls it at start-up); does nothing in a binary that links no GoogleTest code of its own
/// (GoogleMock is linked only where used). Thread-safe.
void init_gmock();

}  // namespace testkit

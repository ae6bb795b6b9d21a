#!/usr/bin/env bash
# Copies the Meson consumer project to a scratch dir with testkit linked in as subprojects/testkit, then
# configures, builds and tests it. Usage: meson_consumer.sh TESTKIT_SOURCE_DIR SCRATCH_DIR
set -euo pipefail
source_dir=$1 scratch=$2
rm -rf "$scratch"
mkdir -p "$scratch/project/subprojects"
cp "$source_dir/selftest/consumer/meson/meson.build" "$scratch/project/"
cp "$source_dir/selftest/consumer/consumer_test.cpp" "$scratch/"
ln -s "$source_dir" "$scratch/project/subprojects/testkit"
meson setup "$scratch/build" "$scratch/project" >/dev/null
meson compile -C "$scratch/build" >/dev/null
meson test -C "$scratch/build" --print-errorlogs

# Meson read the per-test results of the gtest and TAP protocols into its JUnit log.
log=$scratch/build/meson-logs/testlog.junit.xml
fail() { echo "meson_consumer: $*" >&2; cat "$log" >&2; exit 1; }
grep -q 'testsuite name="testkit_consumer.consumer_gtest.Consumer"' "$log" || fail "no gtest-protocol suite"
grep -Eq '<testcase [^>]*name="links_and_runs"' "$log" || fail "no gtest-protocol testcase"
grep -q 'testsuite name="testkit_consumer.consumer_tap"' "$log" || fail "no TAP-protocol suite"
grep -Eq '<testcase [^>]*name="[^"]*Consumer.links_and_runs' "$log" || fail "no TAP-protocol testcase"

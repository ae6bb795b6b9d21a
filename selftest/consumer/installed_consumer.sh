#!/usr/bin/env bash
# Installs a built testkit into a scratch prefix, builds selftest/consumer/installed against it and checks what
# ctest makes of the discovered tests. Usage: installed_consumer.sh TESTKIT_BUILD_DIR TESTKIT_SOURCE_DIR SCRATCH_DIR
set -euo pipefail
build_dir=$1 source_dir=$2 scratch=$3
rm -rf "$scratch"
cmake --install "$build_dir" --prefix "$scratch/prefix" >/dev/null
cmake -S "$source_dir/selftest/consumer/installed" -B "$scratch/build" -G Ninja \
  -DCMAKE_PREFIX_PATH="$scratch/prefix" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$scratch/build" >/dev/null

fail() { echo "installed_consumer: $*" >&2; exit 1; }
names() { ctest --test-dir "$scratch/build" -N "$@" | sed -n 's/^ *Test *#[0-9]*: //p' | sort; }

expected_tests='Installed.links_and_runs
Installed.skipped
Installed.square_is_not_negative/0
Installed.square_is_not_negative/1
Installed.square_is_not_negative/2
Installed.tagged_slow'
[[ $(names -R '^tk:' | sed 's/^tk://') == "$expected_tests" ]] || fail "testkit_discover_tests found: $(names -R '^tk:')"
# gtest_discover_tests names a parametrized test by its value ("# GetParam() = -2" in the listing), not its index.
gtest_expected=$(sed 's|/0$|/-2|; s|/1$|/0|; s|/2$|/3|' <<<"$expected_tests" | sort)
[[ $(names -R '^gtest:' | sed 's/^gtest://') == "$gtest_expected" ]] || fail "gtest_discover_tests found: $(names -R '^gtest:')"
[[ $(names -L slow) == 'tk:Installed.tagged_slow' ]] || fail "the slow label selects: $(names -L slow)"

output=$(ctest --test-dir "$scratch/build" -j 4 --output-on-failure 2>&1) || { echo "$output"; fail "ctest -j 4 failed"; }
echo "$output"
grep -Eq 'tk:Installed.skipped .*Skipped' <<<"$output" || fail "the skipped test was not reported as skipped"
grep -q '100% tests passed' <<<"$output" || fail "not every test passed"

# --sandbox hands the run to the installed testkit-run, which must start from the prefix (its RUNPATH finds
# libtestkit_interpose.so in the prefix's lib/).
sandboxed=$("$scratch/build/installed_tests" --sandbox --color never 2>&1) || { echo "$sandboxed"; fail "--sandbox failed"; }
grep -q '^Sandbox: ' <<<"$sandboxed" || fail "--sandbox did not run confined: $sandboxed"

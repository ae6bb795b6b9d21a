#!/usr/bin/env bash
# Installs a built testkit into a scratch prefix, builds selftest/consumer/installed against it and checks what
# ctest makes of the discovered tests and of the sanitized ones.
# Usage: installed_consumer.sh TESTKIT_BUILD_DIR TESTKIT_SOURCE_DIR SCRATCH_DIR
set -euo pipefail
build_dir=$1 source_dir=$2 scratch=$3
rm -rf "$scratch"
cmake --install "$build_dir" --prefix "$scratch/prefix" >/dev/null

fail() { echo "installed_consumer: $*" >&2; exit 1; }

# The runner's internals are not installed (framework/internal_headers.txt): a graded submission compiles against
# these headers and must not find the format of the records its test's process sends, nor their descriptors.
include_dir=$scratch/prefix/include/testkit
for header in run/wire.hpp core/record_fields.hpp run/worker.hpp run/test_process.hpp run/detail; do
  [[ ! -e $include_dir/$header ]] || fail "the internal header $header is installed"
done
[[ -f $include_dir/testkit.hpp && -f $include_dir/run/session.hpp ]] || fail "the public headers are not installed"
while read -r header; do
  [[ -z $header || $header == \#* || ! -e $include_dir/$header ]] || fail "the internal header $header is installed"
done <"$source_dir/framework/internal_headers.txt"
# Every testkit header an installed header includes is installed too (none includes one that was left out).
while read -r included; do
  [[ -f $scratch/prefix/include/$included ]] || fail "an installed header includes $included, which is not installed"
done < <(grep -rhoE '#include <testkit/[^>]+>' "$include_dir" | sed -E 's/#include <(.*)>/\1/' | sort -u)
[[ -x $scratch/prefix/bin/testkit-run && -x $scratch/prefix/bin/testkit-grade ]] ||
  fail "testkit-run or testkit-grade is not installed in bin/"
cmake -S "$source_dir/selftest/consumer/installed" -B "$scratch/build" -G Ninja \
  -DCMAKE_PREFIX_PATH="$scratch/prefix" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$scratch/build" >/dev/null

names() { ctest --test-dir "$scratch/build" -N "$@" | sed -n 's/^ *Test *#[0-9]*: //p' | sort; }

expected_tests='Installed.links_and_runs
Installed.skipped
Installed.square_is_not_negative/0
Installed.square_is_not_negative/1
Installed.square_is_not_negative/2
Installed.tagged_slow
Installed.unmet_googlemock_expectation_fails'
[[ $(names -R '^tk:' | sed 's/^tk://') == "$expected_tests" ]] || fail "testkit_discover_tests found: $(names -R '^tk:')"
# gtest_discover_tests names a parametrized test by its value ("# GetParam() = -2" in the listing), not its index.
gtest_expected=$(sed 's|/0$|/-2|; s|/1$|/0|; s|/2$|/3|' <<<"$expected_tests" | sort)
[[ $(names -R '^gtest:' | sed 's/^gtest://') == "$gtest_expected" ]] || fail "gtest_discover_tests found: $(names -R '^gtest:')"
[[ $(names -L slow) == 'tk:Installed.tagged_slow' ]] || fail "the slow label selects: $(names -L slow)"
# testkit_add_sanitized_tests: the plain binary and its sanitized twin, which links the sanitizer runtimes.
[[ $(names -R '^san:') == $'san:sanitized_tests\nsan:sanitized_tests_sanitized' ]] ||
  fail "testkit_add_sanitized_tests registered: $(names -R '^san:')"
needed=$(readelf -d "$scratch/build/sanitized_tests_sanitized")
grep -q 'libasan' <<<"$needed" && grep -q 'libubsan' <<<"$needed" ||
  fail "sanitized_tests_sanitized does not link AddressSanitizer and UndefinedBehaviorSanitizer: $needed"
! readelf -d "$scratch/build/sanitized_tests" | grep -q 'libasan' || fail "the plain sanitized_tests links libasan"
needed=$(readelf -d "$scratch/build/sanitized_tests_ubsan")
grep -q 'libubsan' <<<"$needed" && ! grep -q 'libasan' <<<"$needed" ||
  fail "sanitized_tests_ubsan (SANITIZERS undefined) does not link UndefinedBehaviorSanitizer alone: $needed"
"$scratch/build/sanitized_tests_ubsan" --color never >/dev/null || fail "sanitized_tests_ubsan failed"

output=$(ctest --test-dir "$scratch/build" -j 4 --output-on-failure 2>&1) || { echo "$output"; fail "ctest -j 4 failed"; }
echo "$output"
grep -Eq 'tk:Installed.skipped .*Skipped' <<<"$output" || fail "the skipped test was not reported as skipped"
grep -q '100% tests passed' <<<"$output" || fail "not every test passed"
# The sanitized test runs with TESTKIT_TIMEOUT_SCALE unset (testkit scales by the runtimes it finds): a value it would
# refuse (exit 2) does not reach it.
output=$(TESTKIT_TIMEOUT_SCALE=0 ctest --test-dir "$scratch/build" -R '^san:sanitized_tests_sanitized$' \
  --output-on-failure 2>&1) || { echo "$output"; fail "TESTKIT_TIMEOUT_SCALE reached the sanitized test"; }

# --sandbox hands the run to the installed testkit-run, which must start from the prefix (its RUNPATH finds
# libtestkit_interpose.so in the prefix's lib/).
sandboxed=$("$scratch/build/installed_tests" --sandbox --color never 2>&1) || { echo "$sandboxed"; fail "--sandbox failed"; }
grep -q '^Sandbox: ' <<<"$sandboxed" || fail "--sandbox did not run confined: $sandboxed"

# The installed testkit-grade grades a small class with a configuration of its own, built with the compiler and
# pkg-config alone: it finds the installed testkit-run beside it, and each submission scores what it earns.
course=$scratch/course
mkdir -p "$course/solution" "$course/submissions/right" "$course/submissions/wrong" "$course/submissions/broken"
cat >"$course/tests.cpp" <<'CPP'
#include <testkit/testkit.hpp>
int square(int x);
TK_TEST(Square, of_three, .points = 2) { TK_EXPECT_EQ(square(3), 9); }
TK_TEST(Square, of_minus_two, .points = 1) { TK_EXPECT_EQ(square(-2), 4); }
CPP
echo 'int square(int x) { return x * x; }' >"$course/solution/square.cpp"
cp "$course/solution/square.cpp" "$course/submissions/right/"
echo 'int square(int x) { return x < 0 ? -x * x : x * x; }' >"$course/submissions/wrong/square.cpp"
echo 'int square(int x) { return x * x }' >"$course/submissions/broken/square.cpp"
cat >"$course/grading.toml" <<'TOML'
submissions = "submissions"
reference = "solution"
build = "c++ -std=c++20 -o {out}/tests tests.cpp {submission}/square.cpp $(pkg-config --cflags --libs testkit-main) -Wl,-rpath,$(pkg-config --variable=libdir testkit)"
binary = "{out}/tests"
TOML
echo '{"right": 3, "wrong": 2, "broken": 0}' >"$course/expected.json"
PKG_CONFIG_PATH=$(dirname "$(find "$scratch/prefix" -name testkit.pc)") \
  "$scratch/prefix/bin/testkit-grade" "$course/grading.toml" --expect "$course/expected.json" >"$course/grading.log" 2>&1 ||
  { cat "$course/grading.log"; fail "the installed testkit-grade did not grade the class as expected"; }
grep -q 'square.cpp:1:33: error: expected' "$course/grades/broken/results.json" ||
  { cat "$course/grades/broken/results.json"; fail "the results of a submission that does not build lack the compiler's messages"; }
echo "installed testkit-grade: right 3, wrong 2, broken 0 as expected"

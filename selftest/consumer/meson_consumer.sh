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

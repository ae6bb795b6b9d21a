#!/usr/bin/env bash
# Compiles SOURCE with -fsyntax-only. With a REGEX the source must fail to compile with an error matching it;
# without, it must compile. Usage: check_compile.sh COMPILER INCLUDE_DIR SOURCE [REGEX]
set -uo pipefail
compiler=$1 include=$2 source=$3 regex=${4:-}
output=$("$compiler" -std=c++20 -fsyntax-only -I"$include" "$source" 2>&1)
status=$?
if [[ -z $regex ]]; then
  ((status == 0)) || { echo "$output"; echo "expected $source to compile"; exit 1; }
  exit 0
fi
if ((status == 0)); then echo "expected $source not to compile"; exit 1; fi
grep -Eq "$regex" <<<"$output" || { echo "$output"; echo "no error matching: $regex"; exit 1; }

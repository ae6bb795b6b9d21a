#!/usr/bin/env python3
"""Checks that every header of framework/testkit compiles on its own: a file that includes only <testkit/X.hpp>
compiles without errors or warnings (-Wall -Wextra -Wpedantic). Usage: check_headers.py [FRAMEWORK] (the folder that
holds testkit/; default: this repository's framework/), with the compiler $CXX, else c++. Exits 1 listing the
headers that are not self-contained, 0 when all are."""
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

FRAMEWORK = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "framework"
FLAGS = ["-std=c++20", "-fsyntax-only", "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-x", "c++", "-"]


def check(compiler: str, header: Path) -> str | None:
    """None when `header` compiles alone, else the compiler's complaint."""
    name = header.relative_to(FRAMEWORK).as_posix()
    result = subprocess.run([compiler, f"-I{FRAMEWORK}", *FLAGS], input=f"#include <{name}>\n", text=True,
                            capture_output=True)
    return None if result.returncode == 0 else f"<{name}> does not compile on its own:\n{result.stderr}"


def main() -> int:
    compiler = os.environ.get("CXX", "c++")
    headers = sorted((FRAMEWORK / "testkit").rglob("*.hpp"))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        problems = [problem for problem in pool.map(lambda header: check(compiler, header), headers) if problem]
    for problem in problems:
        print(problem)
    print(f"{len(headers) - len(problems)} of {len(headers)} headers compile on their own")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The static checks of scripts/ catch what they are for. Each runs on a small framework tree made here, once
clean (it must pass) and once with one planted violation (it must fail and name the file). Exit 0 when every
check behaves, 1 with what went wrong."""
import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent.parent / "scripts"


def make_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "testkit" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def run(script: str, argument: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPTS / script), str(argument)], capture_output=True, text=True)


def expect(problems: list[str], what: str, result: subprocess.CompletedProcess, fails: bool, names: str = "") -> None:
    output = result.stdout + result.stderr
    if (result.returncode != 0) != fails:
        problems.append(f"{what}: exit {result.returncode}, expected {'failure' if fails else 'success'}\n{output}")
    elif names and names not in output:
        problems.append(f"{what}: the output does not name {names}\n{output}")


CLEAN_LAYERS = {
    "interpose/seam.hpp": "#pragma once\n",
    "core/context.hpp": "#pragma once\n#include <testkit/interpose/seam.hpp>\n",
    "assert/check.hpp": "#pragma once\n#include <testkit/core/context.hpp>\n",
    "mock/detail/table.hpp": "#pragma once\n",
    "mock/patch.hpp": "#pragma once\n#include <testkit/assert/check.hpp>\n#include <testkit/mock/detail/table.hpp>\n",
    "report/junit.hpp": "#pragma once\n#include <testkit/core/context.hpp>\n",
    "run/session.cpp": "#include <testkit/mock/patch.hpp>\n#include <testkit/report/junit.hpp>\n",
    "testkit.hpp": "#pragma once\n#include <testkit/run/session.hpp>\n",
}

LAYER_VIOLATIONS = {
    "core/context.hpp": "#include <testkit/assert/check.hpp>\n",       # a lower module reaching up
    "mock/patch.hpp": "#include <testkit/report/junit.hpp>\n",         # siblings do not know each other
    "run/session.cpp": "#include <testkit/mock/detail/table.hpp>\n",   # another module's private header
    "report/junit.hpp": "#include <testkit/testkit.hpp>\n",            # an umbrella from inside a module
    "tools/extra.hpp": "#pragma once\n",                               # a module the rule does not know
}

CLEAN_HEADERS = {"core/good.hpp": "#pragma once\n#include <string>\ninline std::string good() { return {}; }\n"}
HEADER_VIOLATIONS = {
    "core/needs_string.hpp": "#pragma once\ninline std::string missing() { return {}; }\n",
    "core/warns.hpp": "#pragma once\ninline int unused(int value) { int copy = value; return 0; }\n",
}


def main() -> int:
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        clean = make_tree(Path(scratch) / "clean", CLEAN_LAYERS)
        expect(problems, "check_layers on a clean tree", run("check_layers.py", clean / "testkit"), fails=False)
        for name, line in LAYER_VIOLATIONS.items():
            tree = make_tree(Path(scratch) / f"layers-{len(problems)}-{name.replace('/', '_')}", CLEAN_LAYERS)
            path = tree / "testkit" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a") as file:
                file.write(line)
            expect(problems, f"check_layers with {line.strip()} in {name}", run("check_layers.py", tree / "testkit"),
                   fails=True, names=name)
        good = make_tree(Path(scratch) / "headers-good", CLEAN_HEADERS)
        expect(problems, "check_headers on self-contained headers", run("check_headers.py", good), fails=False)
        for name, text in HEADER_VIOLATIONS.items():
            tree = make_tree(Path(scratch) / f"headers-{name.replace('/', '_')}", {**CLEAN_HEADERS, name: text})
            expect(problems, f"check_headers with {name}", run("check_headers.py", tree), fails=True, names=name)
    for problem in problems:
        print(problem)
    print(f"static checks: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks that testkit's modules point one way. The layers, lowest first:

    interpose <- core <- assert <- {mock, report, program} <- run <- the umbrella headers and main.cpp

A file of framework/testkit/<module>/ may include <testkit/...> headers of its own module and of modules to its
left only (mock, report and program are side by side: none includes another), and another module's detail/ headers
never. Usage: check_layers.py [ROOT] (default: this repository's framework/testkit). Prints each include that
breaks the rule and exits 1; exits 0 when there is none."""
import re
import sys
from pathlib import Path

ROOT = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "framework" / "testkit"
RANKS = {"interpose": 0, "core": 1, "assert": 2, "mock": 3, "report": 3, "program": 3, "run": 4}
TOP = max(RANKS.values()) + 1  # testkit.hpp, mock.hpp, ... and main.cpp, directly in framework/testkit/
INCLUDE = re.compile(r'^\s*#\s*include\s*<testkit/([^>]+)>', re.MULTILINE)


def module_of(relative: Path) -> str | None:
    """The module a path under framework/testkit/ belongs to; None for the top-level files."""
    return relative.parts[0] if len(relative.parts) > 1 else None


def rank_of(module: str | None) -> int:
    return TOP if module is None else RANKS[module]


def problems_in(path: Path) -> list[str]:
    relative = path.relative_to(ROOT)
    module = module_of(relative)
    if module is not None and module not in RANKS:
        return [f"{relative}: {module}/ is not a known module; add it to scripts/check_layers.py"]
    found = []
    for match in INCLUDE.finditer(path.read_text()):
        included = Path(match.group(1))
        target = module_of(included)
        if target is not None and target not in RANKS:
            found.append(f"{relative}: includes <testkit/{included}>, of no known module")
        elif target != module and rank_of(target) >= rank_of(module):
            found.append(f"{relative}: {module or 'top level'} must not include <testkit/{included}> "
                         f"({target or 'top level'} is not below it)")
        elif target != module and "detail" in included.parts:
            found.append(f"{relative}: includes <testkit/{included}>, a private header of {target}/")
    return found


def main() -> int:
    problems = [problem for path in sorted(ROOT.rglob("*")) if path.suffix in (".hpp", ".cpp")
                for problem in problems_in(path)]
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} include(s) break the layering (interpose <- core <- assert <- {{mock, report, program}} <- run)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

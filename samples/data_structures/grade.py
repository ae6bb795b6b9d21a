#!/usr/bin/env python3
"""The data-structures sample's self-check: grades submissions/ with testkit-grade (grading.toml, checking each score
against expected_scores.json), then checks the verdict of every test of every submission in its report.json against
expected_verdicts.json, since a score alone does not tell a leak from a crash: the tests named there have the verdict
they are named under (leaked, memory_error, timed_out), every other test passed, and the failure of a memory error
is placed in the submission's code (the line of its bad access, not the test's).

Usage: grade.py --testkit-grade PATH --build-dir BUILD --out DIR
Exits with testkit-grade's exit code when it is neither 0 nor 1, else 1 when a score or a verdict differs, else 0.
"""
import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def verdict_problems(out: Path, expected: dict) -> list:
    """How the verdicts in OUT/<submission>/report.json differ from `expected` (submission -> verdict -> tests)."""
    problems = []
    for name, graded in json.loads((out / "summary.json").read_text())["submissions"].items():
        wanted = {test: verdict for verdict, tests in expected.get(name, {}).items() for test in tests}
        report = json.loads(Path(graded["results"]).with_name("report.json").read_text())
        for test in report["tests"]:
            verdict = wanted.pop(test["full_name"], "passed")
            if test["verdict"] != verdict:
                problems.append(f"{name}: {test['full_name']} is {test['verdict']}, expected {verdict}")
            elif verdict == "memory_error" and not any(f"submissions/{name}/" in failure["location"]["file"]
                                                       for failure in test["failures"]):
                problems.append(f"{name}: the memory error of {test['full_name']} is not placed in the submission")
        problems += [f"{name}: {test} was not run" for test in wanted]
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--testkit-grade", type=Path, required=True, help="the build tree's testkit-grade")
    parser.add_argument("--build-dir", type=Path, required=True, help="testkit's CMake or Meson build directory")
    parser.add_argument("--out", type=Path, required=True, help="where the grades go")
    args = parser.parse_args()
    code = subprocess.run([sys.executable, str(args.testkit_grade), str(HERE / "grading.toml"), "-D",
                           f"build_dir={args.build_dir.resolve()}", "--out", str(args.out), "--expect",
                           str(HERE / "expected_scores.json")]).returncode
    if code not in (0, 1):
        return code
    problems = verdict_problems(args.out, json.loads((HERE / "expected_verdicts.json").read_text()))
    for problem in problems:
        print(f"grade.py: {problem}", file=sys.stderr)
    return 1 if problems or code else 0


if __name__ == "__main__":
    sys.exit(main())

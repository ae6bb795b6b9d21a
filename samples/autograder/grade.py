#!/usr/bin/env python3
"""The autograder sample's self-check: grades submissions/ with testkit-grade (grading.toml), then checks what only a
selftest needs: that no submission's tests ran longer than their timeouts allow, that the visible output of each
results.json names no hidden test, that class.html shows every test with how many submissions fail it (most failed
first) and every submission in its score distribution, and (--control) that one submission run WITHOUT the sandbox
does change the grader's file, which shows that testkit-grade's check of that file can fail.

Usage: grade.py --build-dir BUILD [--testkit-grade PATH] [--out DIR] [--control SUBMISSION] [--max-run-seconds S]
                [testkit-grade's options: --expect FILE, --flag-only, --only NAME, ...]
Grading itself (building, running sandboxed, results.json, the summary, --expect) is testkit-grade's: see the README,
"Grading a class: testkit-grade". Exits with testkit-grade's exit code, or 1 when a check of its own fails.
"""
import argparse
import html.parser
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def control_changes_the_file(binary: str, folder: Path) -> bool:
    """Whether the submission's tests, run without the sandbox in a directory holding a file, change that file."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    notes = folder / "grader_file.txt"
    notes.write_text("the grader's\n")
    subprocess.run([binary, "--color", "never"], cwd=folder, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=120)
    return not notes.exists() or notes.read_text() != "the grader's\n"


class ClassPage(html.parser.HTMLParser):
    """What class.html shows: each grid row's test and failing count, in order, and each histogram bin's count."""

    def __init__(self):
        super().__init__()
        self.rows, self.bins, self.scripts = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and "data-test" in attrs:
            self.rows.append((attrs["data-test"], int(attrs["data-failing"])))
        if tag == "g" and attrs.get("class") == "bin":
            self.bins.append(int(attrs["data-count"]))
        self.scripts += tag == "script" or any(name.startswith("on") for name in attrs)


def check_class_page(out: Path, summary: dict) -> list:
    """The problems of OUT/class.html against each submission's results.json."""
    page = ClassPage()
    page.feed((out / "class.html").read_text())
    failing = {}
    for name, graded in summary.items():
        results = json.loads(Path(graded["results"]).read_text())
        for test in results["tests"]:
            failing.setdefault(test["name"], 0)
            failing[test["name"]] += graded["binary"] is not None and test.get("status") == "failed"
    problems = []
    if dict(page.rows) != failing:
        problems.append(f"class.html's failing counts {dict(page.rows)} are not the results' {failing}")
    if [count for _, count in page.rows] != sorted((count for _, count in page.rows), reverse=True):
        problems.append("class.html does not list the most failed tests first")
    if sum(page.bins) != len(summary):
        problems.append(f"class.html's score distribution holds {sum(page.bins)} of {len(summary)} submissions")
    if page.scripts:
        problems.append("class.html has scripts or event handlers: it is to be a plain page")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, required=True, help="testkit's CMake or Meson build directory")
    parser.add_argument("--testkit-grade", type=Path, help="default: BUILD/framework/testkit-grade")
    parser.add_argument("--out", type=Path, help="where results go (default: BUILD/grades)")
    parser.add_argument("--max-run-seconds", type=float, default=8,
                        help="the longest a submission's tests may run (default 8)")
    parser.add_argument("--control", metavar="SUBMISSION",
                        help="run this submission's tests once unsandboxed and fail unless they change the grader's "
                             "file")
    args, passed_on = parser.parse_known_args()
    build_dir = args.build_dir.resolve()
    out = (args.out or build_dir / "grades").resolve()
    testkit_grade = args.testkit_grade or build_dir / "framework" / "testkit-grade"
    code = subprocess.run([sys.executable, str(testkit_grade), str(HERE / "grading.toml"), "-D",
                           f"build_dir={build_dir}", "--out", str(out), *passed_on]).returncode
    if code not in (0, 1):
        return code

    problems = []
    summary = json.loads((out / "summary.json").read_text())["submissions"]
    for name, graded in summary.items():
        if graded["seconds"] > args.max_run_seconds:
            problems.append(f"{name}: the tests ran {graded['seconds']:.1f} s, over {args.max_run_seconds:g} s")
        # Its tests could read neither the reference solution nor the other submissions (two --sandbox-hide paths).
        report = Path(graded["results"]).with_name("report.json")
        sandbox = json.loads(report.read_text()).get("sandbox") if report.exists() else None
        if graded["binary"] is not None and (sandbox is None or sandbox.get("hidden_paths", 0) < 2):
            problems.append(f"{name}: its tests could read the reference and the other submissions: {sandbox}")
        # What students see at the top of results.json names no hidden test, flagged ones included.
        results = json.loads(Path(graded["results"]).read_text())
        for test in results["tests"]:
            if test["visibility"] == "hidden" and test["name"] in results["output"]:
                problems.append(f"{name}: the visible output of results.json names the hidden test {test['name']}")
    problems += check_class_page(out, summary)
    if args.control:
        binary = summary.get(args.control, {}).get("binary")
        if not binary or not control_changes_the_file(binary, out / ".control"):
            problems.append(f"{args.control} run without the sandbox left the grader's file alone: testkit-grade's "
                            "check of that file proves nothing")
    for problem in problems:
        print(f"grade.py: {problem}", file=sys.stderr)
    return 1 if problems or code else 0


if __name__ == "__main__":
    sys.exit(main())

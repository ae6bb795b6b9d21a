#!/usr/bin/env python3
"""Grades every submission in submissions/: builds the instructor's tests against it, runs them sandboxed
(--sandbox: per-test limits, no network, writes only to a private directory), and writes a Gradescope
results.json per submission plus a class summary (summary.md and summary.csv: the score of each submission in each
test).

Usage: grade.py --build-dir BUILD [--meson] [--out DIR] [--expect expected_scores.json] [--control SUBMISSION]
Each submission is a target of the build tree (autograder_<submission>), built on its own so that one that does not
compile gets score 0 with the compiler's messages and the others are graded as usual. Each runs in a fresh work
directory beside a file of the grader's (grader_notes.txt) that no submission may change. Every submission is graded:
one whose tests cannot run (it crashes at start-up, say in a global constructor, or runs past --kill-after) scores 0
with what it printed as its output.
With --expect, exits 1 when a score differs from the expected one, a submission changed the grader's file, or a
submission's tests ran longer than --max-run-seconds.
"""
import argparse
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOTES = "grader_notes.txt"  # the grader's file in every work directory, which no submission may touch
OUTPUT_LIMIT = 64 * 1024  # of a submission's console shown as the output of a run that failed: its two ends


def notes_text(submission: str) -> str:
    """What the grader's file holds while `submission` is graded."""
    return f"grading {submission}\n"


def notes_intact(work: Path, submission: str) -> bool:
    """Whether the grader's file in `work` is still there, unchanged."""
    notes = work / NOTES
    return notes.exists() and notes.read_text() == notes_text(submission)


def binary(build_dir: Path, submission: str) -> Path:
    """The instructor's tests linked with `submission`, as the build tree names them."""
    return build_dir / "samples" / "autograder" / f"autograder_{submission}"


def build(build_dir: Path, meson: bool, target: str) -> subprocess.CompletedProcess:
    command = (["meson", "compile", "-C", str(build_dir), target] if meson
               else ["cmake", "--build", str(build_dir), "--target", target])
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace")


def compiler_messages(build_output: str, submission: str) -> str:
    """The compiler's own words: no build-tool progress, no command lines, paths relative to the submission."""
    kept, skip_command = [], False
    for line in build_output.splitlines():
        if skip_command:  # the line after "FAILED: <output>" is the failed command
            skip_command = False
            continue
        if line.startswith("FAILED:"):
            skip_command = True
            continue
        if re.match(r"\[\d+/\d+\] ", line) or line.startswith(("ninja: ", "INFO: ")):
            continue
        kept.append(line)
    # CMake names sources by absolute paths, Meson relative to its build directory: both lose their directories.
    text = re.sub(r"[^\s'‘]*/submissions/" + re.escape(submission) + "/", "", "\n".join(kept))
    return re.sub(r"[^\s'‘]*/samples/autograder/", "", text)


def compile_failure(build_output: str, submission: str) -> dict:
    """Gradescope's results for a submission that does not build: no score, the compiler's messages as output."""
    return {"score": 0.0, "output": "The submission does not compile:\n" + compiler_messages(build_output, submission),
            "visibility": "visible", "tests": []}


def fresh_work_dir(folder: Path, submission: str) -> Path:
    """An empty work directory holding the grader's file. Both are writable by everyone, the user the sandbox runs
    tests as included, so that only the sandbox stands between a submission and the grader's file."""
    work = folder / "work"
    work.mkdir(parents=True)
    work.chmod(0o777)
    notes = work / NOTES
    notes.write_text(notes_text(submission))
    notes.chmod(0o666)
    return work


def run_tests(binary: Path, work: Path, arguments: list, kill_after: float = None) -> tuple:
    """Runs the tests: (return code, console output, seconds). The return code is None when the run outlived
    `kill_after` seconds; it and everything it started (its process group) are then killed."""
    started = time.monotonic()
    with subprocess.Popen([str(binary), "--color", "never"] + arguments, cwd=work, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace",
                          start_new_session=True) as run:
        try:
            output, _ = run.communicate(timeout=kill_after)
            code = run.returncode
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)
            output, _ = run.communicate()
            code = None
    return code, output, time.monotonic() - started


def how_it_ended(code) -> str:
    """A run's return code in words."""
    if code is None:
        return "did not finish in time and was killed"
    if code < 0:
        try:
            return f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"was killed by signal {-code}"
    return f"exited with status {code}"


def shortened(text: str) -> str:
    """At most OUTPUT_LIMIT characters of `text`: its two ends."""
    if len(text) <= OUTPUT_LIMIT:
        return text
    half = OUTPUT_LIMIT // 2
    return f"{text[:half]}\n[... {len(text) - 2 * half} characters elided ...]\n{text[-half:]}"


def run_failure(code, console: str) -> dict:
    """Gradescope's results for a submission whose tests could not run or did not report: no score, how the run
    ended and what it printed as the output."""
    return {"score": 0.0, "output": f"The tests could not run: the test program {how_it_ended(code)} before it "
                                    f"reported any result (a crash at start-up, in a global constructor?). It printed:\n"
                                    + shortened(console),
            "visibility": "visible", "tests": []}


def read_json(path: Path):
    """The JSON object in `path`, or None when there is none (missing, empty, malformed, not an object)."""
    try:
        value = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def grade(submission: str, build_dir: Path, meson: bool, out: Path, timeout: float, kill_after: float) -> dict:
    """Builds and runs one submission's tests; its folder in `out` gets results.json, report.json, console.txt.
    Every submission gets a results.json: one that does not compile, or whose tests do not run to the end, scores 0
    and says why."""
    target = f"autograder_{submission}"
    folder = out / submission
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    results_file = folder / "results.json"
    built = build(build_dir, meson, target)
    if built.returncode != 0:
        results = compile_failure(built.stdout, submission)
        results_file.write_text(json.dumps(results, indent=2) + "\n")
        (folder / "console.txt").write_text(built.stdout)
        return {"results": results, "seconds": 0.0, "notes_intact": True, "sandbox": None,
                "problem": "does not compile"}
    work = fresh_work_dir(folder, submission)
    code, console, seconds = run_tests(binary(build_dir, submission), work,
                                       ["--sandbox", "--timeout", f"{timeout:g}", "--gradescope", str(results_file),
                                        "--json", str(folder / "report.json")], kill_after)
    (folder / "console.txt").write_text(console)
    results, report = read_json(results_file), read_json(folder / "report.json")
    graded = {"results": results, "seconds": seconds, "notes_intact": notes_intact(work, submission),
              "sandbox": report.get("sandbox") if report else None, "problem": None}
    # 0: all passed, 1: some failed. Anything else (a crash before main(), exit 3, a signal, no reports) means the
    # tests did not run to the end: the submission scores 0, and the console says why.
    if code not in (0, 1) or results is None or report is None:
        graded["results"] = run_failure(code, console)
        results_file.write_text(json.dumps(graded["results"], indent=2) + "\n")
        graded["problem"] = f"tests did not run: {how_it_ended(code)}"
    elif report.get("interrupted_by"):
        graded["problem"] = f"the run was interrupted by {report['interrupted_by']}"
    return graded


def control_deletes(submission: str, build_dir: Path, out: Path) -> bool:
    """Whether the submission's tests, run WITHOUT the sandbox, change the grader's file: the proof that the
    check of the file can fail at all."""
    folder = out / "control"
    shutil.rmtree(folder, ignore_errors=True)
    work = fresh_work_dir(folder, submission)
    run_tests(binary(build_dir, submission), work, [], kill_after=120)
    return not notes_intact(work, submission)


def write_summary(graded: dict, out: Path) -> str:
    """summary.csv (a row per submission, a column per test) and summary.md (the same as two tables)."""
    tests = {}  # name -> (max_score, visibility), in the order of the first submission that ran them
    for g in graded.values():
        for t in g["results"]["tests"]:
            tests.setdefault(t["name"], (t.get("max_score", 0), t.get("visibility", "visible")))
    max_score = sum(points for points, _ in tests.values())
    scores = {name: {t["name"]: t.get("score", 0) for t in g["results"]["tests"]} for name, g in graded.items()}

    with open(out / "summary.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["submission", "score", "max_score"] + list(tests))
        for name, g in graded.items():
            writer.writerow([name, g["results"]["score"], max_score] + [scores[name].get(t, 0) for t in tests])

    lines = ["| submission | score | tests ran in | notes |", "|---|---|---|---|"]
    for name, g in graded.items():
        results = g["results"]
        failed = [t["name"] for t in results["tests"] if t.get("status") == "failed"]
        notes = ", ".join(failed) or "all passed"
        if g["problem"]:
            notes = g["problem"] + ("; " + notes if results["tests"] else "")
        if not g["notes_intact"]:
            notes += "; CHANGED THE GRADER'S FILES"
        seconds = f"{g['seconds']:.1f} s" if g["seconds"] else "-"
        lines.append(f"| {name} | {results['score']:g} / {max_score:g} | {seconds} | {notes} |")
    lines += ["", "| test | points | " + " | ".join(graded) + " |", "|---|---|" + "---|" * len(graded)]
    for test, (points, visibility) in tests.items():
        label = test + (" (hidden)" if visibility == "hidden" else "")
        lines.append(f"| {label} | {points:g} | " + " | ".join(f"{scores[n].get(test, 0):g}" for n in graded) + " |")
    table = "\n".join(lines) + "\n"
    (out / "summary.md").write_text(table)
    return table


def check(graded: dict, expected: dict, max_run_seconds: float) -> list:
    """What a self-check of the grader finds wrong: scores that differ, changed grader files, runs that took
    longer than their timeouts allow, a results.json whose score is not the sum of its tests'."""
    problems = [f"{name} changed the grader's files" for name, g in graded.items() if not g["notes_intact"]]
    problems += [f"{name}: expected but not in submissions/" for name in sorted(set(expected) - set(graded))]
    for name, g in graded.items():
        results = g["results"]
        if results["score"] != expected.get(name):
            problems.append(f"{name}: score {results['score']:g}, expected {expected.get(name)}")
        if results["score"] != sum(t.get("score", 0) for t in results["tests"]):
            problems.append(f"{name}: the score is not the sum of the tests' scores")
        if g["seconds"] > max_run_seconds:
            problems.append(f"{name}: the tests ran {g['seconds']:.1f} s, over {max_run_seconds:g} s")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, required=True, help="the CMake or Meson build directory")
    parser.add_argument("--meson", action="store_true", help="the build directory is Meson's")
    parser.add_argument("--out", type=Path, help="where results go (default: BUILD/grades)")
    parser.add_argument("--timeout", type=float, default=10,
                        help="seconds a test may run unless its metadata says otherwise (default 10)")
    parser.add_argument("--expect", type=Path, help="a JSON object of the expected score of each submission")
    parser.add_argument("--kill-after", type=float, default=600,
                        help="seconds a submission's whole run may take before it is killed and scores 0 "
                             "(default 600)")
    parser.add_argument("--max-run-seconds", type=float, default=8,
                        help="with --expect: the longest a submission's tests may run (default 8)")
    parser.add_argument("--control", metavar="SUBMISSION",
                        help="with --expect: run this submission's tests once unsandboxed and fail unless it changes "
                             "the grader's file (shows that the check of that file works)")
    args = parser.parse_args()

    build_dir = args.build_dir.resolve()
    out = (args.out or args.build_dir / "grades").resolve()
    out.mkdir(parents=True, exist_ok=True)
    submissions = sorted(p.name for p in (HERE / "submissions").iterdir() if p.is_dir())
    graded = {name: grade(name, build_dir, args.meson, out, args.timeout, args.kill_after) for name in submissions}
    sandbox = next((g["sandbox"] for g in graded.values() if g["sandbox"]), None)
    if sandbox:
        print(sandbox["description"])
    print(write_summary(graded, out), end="")
    shown = args.out or args.build_dir / "grades"
    print(f"Results: {shown}/<submission>/results.json, {shown}/summary.md, {shown}/summary.csv")
    if not args.expect:
        return 0

    problems = check(graded, json.loads(args.expect.read_text()), args.max_run_seconds)
    if args.control and not control_deletes(args.control, build_dir, out):
        problems.append(f"{args.control} run without the sandbox left the grader's file alone: the check of that "
                        "file proves nothing")
    for problem in problems:
        print(f"grade.py: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

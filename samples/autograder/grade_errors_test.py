#!/usr/bin/env python3
"""testkit-grade's answers to bad input, each checked for its exit code and its message: a missing configuration,
submissions folder or testkit-run, a bad option, configuration, -D or --expect file, an empty submissions folder and a
reference that does not build; and a submission that does not build scores 0 with the compiler's messages while the
others are graded.

Usage: grade_errors_test.py --build-dir BUILD --scratch DIR [--testkit-grade PATH]. Exits 1 listing what went wrong.
"""
import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


class Checker:
    def __init__(self, testkit_grade: Path, build_dir: Path, scratch: Path):
        self.testkit_grade, self.build_dir, self.scratch = testkit_grade, build_dir, scratch
        self.problems = []

    def run(self, *arguments) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(self.testkit_grade), *map(str, arguments)], capture_output=True,
                              text=True, stdin=subprocess.DEVNULL, timeout=280)

    def expect(self, what: str, result: subprocess.CompletedProcess, code: int, *messages: str) -> None:
        """That the run exited `code` and said each of `messages` (on stderr for an error, else on stdout)."""
        said = result.stderr if code >= 2 else result.stdout + result.stderr
        if result.returncode != code:
            self.problems.append(f"{what}: exit {result.returncode}, expected {code}\n{result.stdout}{result.stderr}")
        for message in messages:
            if message not in said:
                self.problems.append(f"{what}: the output does not say {message!r}\n{result.stdout}{result.stderr}")
        if code >= 2 and "Traceback" in result.stderr:
            self.problems.append(f"{what}: a Python traceback instead of a message\n{result.stderr}")

    def config(self, name: str, text: str) -> Path:
        path = self.scratch / name
        path.write_text(text)
        return path


def sample_config(**changes) -> str:
    """grading.toml of the sample as JSON, with absolute paths (the copy lives in the scratch folder) and `changes`."""
    import tomllib
    config = tomllib.loads((HERE / "grading.toml").read_text())
    config.update(submissions=str(HERE / "submissions"), reference=str(HERE / "submissions" / "correct"))
    config.update(changes)
    return json.dumps(config, indent=2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, required=True)
    parser.add_argument("--scratch", type=Path, required=True)
    parser.add_argument("--testkit-grade", type=Path)
    args = parser.parse_args()
    build_dir = args.build_dir.resolve()
    scratch = args.scratch.resolve()
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    check = Checker(args.testkit_grade or build_dir / "framework" / "testkit-grade", build_dir, scratch)
    define = ["-D", f"build_dir={build_dir}"]
    good = check.config("good.json", sample_config())
    out = ["--out", scratch / "out"]

    # Usage errors (exit 2): nothing is built or graded.
    check.expect("no configuration", check.run(), 2, "required: CONFIG")
    check.expect("a missing configuration", check.run(scratch / "missing.toml", *define), 2,
                 "missing.toml does not exist")
    check.expect("an unknown option", check.run(good, "--bogus", *define), 2, "unrecognized arguments: --bogus")
    check.expect("a malformed -D", check.run(good, "-D", "build_dir"), 2, "-D takes NAME=VALUE")
    check.expect("a negative --timeout", check.run(good, *define, "--timeout", "-1"), 2, "--timeout must be")
    check.expect("a missing submissions folder", check.run(good, *define, "--submissions", scratch / "nowhere"), 2,
                 "the submissions folder", "nowhere does not exist")
    (scratch / "empty").mkdir()
    check.expect("an empty submissions folder", check.run(good, *define, "--submissions", scratch / "empty"), 2,
                 "holds no submission")
    check.expect("an unknown --only", check.run(good, *define, "--only", "nobody"), 2, "no submission nobody")
    check.expect("TOML that does not parse", check.run(check.config("broken.toml", "build = [\n"), *define), 2,
                 "broken.toml is not valid TOML")
    check.expect("an unknown key", check.run(check.config("typo.json", sample_config(biuld="make")), *define), 2,
                 "unknown key biuld")
    check.expect("a build that is not a command", check.run(check.config("nobuild.json", sample_config(build=3)),
                                                            *define), 2, "'build' must be a command")
    check.expect("an unknown placeholder", check.run(check.config("placeholder.json", sample_config(
        binary="{build_dir}/{student}")), *define), 2, "unknown placeholder {student}")
    (scratch / "expect.json").write_text('{"correct": "full marks"}')
    check.expect("an --expect file of no scores", check.run(good, *define, "--expect", scratch / "expect.json"), 2,
                 "--expect", "not a readable JSON object")

    # Nothing can be graded (exit 3).
    check.expect("a missing testkit-run", check.run(good, *define, "--testkit-run", scratch / "no-testkit-run"), 3,
                 "testkit-run not found")
    no_reference = check.config("no_reference.json", sample_config(
        reference=str(HERE / "submissions" / "no_compile")))
    check.expect("a reference that does not build", check.run(no_reference, *define, *out), 3,
                 "the reference solution", "does not build", "grades.cpp")

    # A submission that does not build scores 0 with the compiler's messages; the others are graded.
    graded = check.run(good, *define, *out, "--only", "no_compile", "--only", "correct")
    check.expect("a submission that does not build", graded, 0, "no_compile: 0 (does not compile)", "correct: 16")
    results = json.loads((scratch / "out" / "no_compile" / "results.json").read_text())
    if results["score"] != 0 or "The submission does not compile:\ngrades.cpp:" not in results["output"]:
        check.problems.append(f"no_compile's results.json lacks a score of 0 or the compiler's messages:\n{results}")
    if not results["tests"] or any(t["score"] != 0 or t["status"] != "failed" for t in results["tests"]):
        check.problems.append(f"no_compile's results.json does not list every test failed:\n{results['tests']}")
    # A score that differs from --expect: exit 1, naming it.
    (scratch / "expect.json").write_text('{"correct": 15}')
    check.expect("a score that differs from --expect", check.run(good, *define, *out, "--only", "correct", "--expect",
                                                                 scratch / "expect.json"), 1,
                 "correct: scored 16, expected 15")

    for problem in check.problems:
        print(f"grade_errors_test: {problem}", file=sys.stderr)
    print(f"grade_errors_test: {len(check.problems)} problems")
    return 1 if check.problems else 0


if __name__ == "__main__":
    sys.exit(main())

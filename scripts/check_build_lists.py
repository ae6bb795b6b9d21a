#!/usr/bin/env python3
"""Checks that CMake and Meson build the same sources: in every folder, CMakeLists.txt and meson.build name
the same .cpp files, every .cpp file of the project is named by a build file, and every file named exists.
Exit 0 when they agree, 1 with the differences listed otherwise."""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREES = ["framework", "samples", "selftest"]
# Projects of their own that a selftest builds with one build system only: their sources count as named,
# but they have no CMake / Meson pair.
SINGLE_SYSTEM_PROJECTS = ["selftest/consumer/cmake", "selftest/consumer/meson", "selftest/consumer/installed"]
# Folders whose sources both builds name through a loop over their subfolders (paths put together from a
# variable, which this check cannot read).
LOOPED_SOURCE_DIRS = ["samples/autograder/submissions", "samples/wordstats/submissions"]
SOURCE = re.compile(r"[\w./-]+\.cpp\b")
COMMENT = re.compile(r"#.*$", re.MULTILINE)


def named_sources(build_file: Path) -> set[Path]:
    text = COMMENT.sub("", build_file.read_text())
    return {(build_file.parent / name).resolve() for name in SOURCE.findall(text)}


def main() -> int:
    problems = []
    named = set()
    folders = {p.parent for tree in TREES for pattern in ("CMakeLists.txt", "meson.build")
               for p in (ROOT / tree).rglob(pattern)}
    folders.add(ROOT)
    for folder in sorted(folders):
        cmake, meson = folder / "CMakeLists.txt", folder / "meson.build"
        if any(folder == ROOT / project for project in SINGLE_SYSTEM_PROJECTS):
            named |= set().union(*(named_sources(f) for f in (cmake, meson) if f.exists()))
            continue
        if cmake.exists() != meson.exists():
            missing = meson if cmake.exists() else cmake
            problems.append(f"{missing.relative_to(ROOT)} is missing")
            continue
        if not cmake.exists():
            continue
        in_cmake, in_meson = named_sources(cmake), named_sources(meson)
        named |= in_cmake | in_meson
        for path in sorted(in_cmake - in_meson):
            problems.append(f"{path.relative_to(ROOT)} is built by {cmake.relative_to(ROOT)} but not by meson.build")
        for path in sorted(in_meson - in_cmake):
            problems.append(f"{path.relative_to(ROOT)} is built by {meson.relative_to(ROOT)} but not by CMakeLists.txt")
    for tree in TREES:
        for source in sorted((ROOT / tree).rglob("*.cpp")):
            looped = any(source.is_relative_to(ROOT / folder) for folder in LOOPED_SOURCE_DIRS)
            if source.resolve() not in named and not looped:
                problems.append(f"{source.relative_to(ROOT)} is named by no build file")
    for path in sorted(named):
        # Fragments of paths put together from a variable ('/grades.cpp') are not files to look for.
        if path.is_relative_to(ROOT) and not path.exists():
            problems.append(f"{path.relative_to(ROOT)} is named by a build file but does not exist")
    for problem in problems:
        print(problem)
    print(f"build lists: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

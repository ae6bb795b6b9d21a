#!/usr/bin/env python3
"""Writes the benchmark workloads, identical for every framework, and a CMake project that builds them.

Usage: bench/generate.py OUT_DIR [--frameworks testkit,gtest,...]
Every workload is the same test bodies wrapped in each framework's macros, so a difference in time is the
framework's. OUT_DIR/CMakeLists.txt builds them all with the same flags (the driver passes -O2).
"""
import argparse
import pathlib

REPO = pathlib.Path(__file__).resolve().parent.parent

# How each framework spells a test and an equality; {s} suite, {n} test name, {a} {b} the operands.
FRAMEWORKS = {
    "testkit": dict(
        include="#include <testkit/testkit.hpp>",
        test="TK_TEST({s}, {n})",
        expect="TK_EXPECT_EQ({a}, {b});",
        require="TK_ASSERT_EQ({a}, {b});",
        main=None,
    ),
    "gtest": dict(
        include="#include <gtest/gtest.h>",
        test="TEST({s}, {n})",
        expect="EXPECT_EQ({a}, {b});",
        require="ASSERT_EQ({a}, {b});",
        main=None,
    ),
    "catch2": dict(
        include="#include <catch2/catch.hpp>",
        test='TEST_CASE("{s}.{n}")',
        expect="CHECK({a} == {b});",
        require="REQUIRE({a} == {b});",
        main="#define CATCH_CONFIG_MAIN\n#include <catch2/catch.hpp>\n",
    ),
    "doctest": dict(
        include="#include <doctest/doctest.h>",
        test='TEST_CASE("{s}.{n}")',
        expect="CHECK({a} == {b});",
        require="REQUIRE({a} == {b});",
        main="#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN\n#include <doctest/doctest.h>\n",
    ),
    "boost": dict(
        include="#include <boost/test/unit_test.hpp>",
        test="BOOST_AUTO_TEST_CASE({s}_{n})",
        expect="BOOST_CHECK_EQUAL({a}, {b});",
        require="BOOST_REQUIRE_EQUAL({a}, {b});",
        main="#define BOOST_TEST_MODULE bench\n#include <boost/test/unit_test.hpp>\n",
    ),
    "criterion": dict(
        include="#include <criterion/criterion.h>",
        test="Test({s}, {n})",
        expect="cr_expect_eq({a}, {b});",
        require="cr_assert_eq({a}, {b});",
        main=None,
    ),
}

IN_PROCESS = ["testkit", "gtest", "catch2", "doctest", "boost"]

# CMake lines that give target `{t}` its framework.
LINK = {
    "testkit": "target_link_libraries({t} PRIVATE testkit::main)",
    "gtest": "target_link_libraries({t} PRIVATE GTest::gtest_main)",
    "catch2": "target_link_libraries({t} PRIVATE Catch2::Catch2)",
    "doctest": "target_link_libraries({t} PRIVATE doctest::doctest)",
    "boost": "target_link_libraries({t} PRIVATE Boost::unit_test_framework)\n"
    "target_compile_definitions({t} PRIVATE BOOST_TEST_DYN_LINK)",
    "criterion": "target_link_libraries({t} PRIVATE PkgConfig::criterion)",
}

FIND = {
    "testkit": "add_subdirectory({repo} testkit EXCLUDE_FROM_ALL)",
    "gtest": "find_package(GTest 1.12 CONFIG REQUIRED)",
    "catch2": "find_package(Catch2 2 REQUIRED)",
    "doctest": "find_package(doctest REQUIRED)",
    "boost": "find_package(Boost 1.74 REQUIRED COMPONENTS unit_test_framework)",
    "criterion": "find_package(PkgConfig REQUIRED)\npkg_check_modules(criterion REQUIRED IMPORTED_TARGET criterion)",
}


def trivial(fw, index):
    """One passing equality: the framework's cost of registering, running and reporting a test."""
    f = FRAMEWORKS[fw]
    return f"{f['test'].format(s='Trivial', n=f't{index}')} {{\n  const int value = {index};\n  " + \
        f["require"].format(a="value", b=index) + "\n}\n"


def assertions(fw, index):
    """1,000 passing equalities in a loop: the cost of one assertion that passes."""
    f = FRAMEWORKS[fw]
    return (f"{f['test'].format(s='Assert', n=f't{index}')} {{\n"
            "  std::vector<int> values(1000);\n"
            f"  std::iota(values.begin(), values.end(), {index});\n"
            "  for (int i = 0; i < 1000; ++i) {\n"
            f"    {f['expect'].format(a='values[i]', b=f'i + {index}')}\n"
            "  }\n}\n")


def sleeper(fw, index):
    """10 ms asleep: I/O-bound work that a parallel run should overlap."""
    f = FRAMEWORKS[fw]
    return (f"{f['test'].format(s='Sleep', n=f't{index}')} {{\n"
            "  std::this_thread::sleep_for(std::chrono::milliseconds(10));\n"
            f"  {f['require'].format(a='1', b='1')}\n}}\n")


def cpu(fw, index):
    """About 30 ms of dependent multiplications: CPU-bound work that only more cores speed up."""
    f = FRAMEWORKS[fw]
    return (f"{f['test'].format(s='Cpu', n=f't{index}')} {{\n"
            f"  std::uint64_t x = {index + 1}u;\n"
            "  for (int i = 0; i < 12'000'000; ++i) x = x * 6364136223846793005u + 1442695040888963407u;\n"
            "  cpu_sink = x;\n"
            f"  {f['require'].format(a='x % 2u', b=f'{(index + 1) % 2}u')}\n}}\n")


def unbalanced(fw, index):
    """Forty tests asleep 10 ms, then three asleep 500 ms: a suite whose makespan depends on the order of its tests."""
    f = FRAMEWORKS[fw]
    suite, ms = ("Short", 10) if index < 40 else ("Long", 500)
    return (f"{f['test'].format(s=suite, n=f't{index}')} {{\n"
            f"  std::this_thread::sleep_for(std::chrono::milliseconds({ms}));\n"
            f"  {f['require'].format(a='1', b='1')}\n}}\n")


def first_failure(fw, index):
    """Trivial tests, then four that pass and four twins whose equality fails: a run of either set of four measures
    what a failure costs the first time (symbol tables loaded for the stack trace) against the same run passing."""
    f = FRAMEWORKS[fw]
    if index < FIRST_FAILURE_TRIVIAL:
        return trivial(fw, index)
    twin = index - FIRST_FAILURE_TRIVIAL
    name, expected = (f"passes_{twin // 2}", 0) if twin % 2 == 0 else (f"fails_{twin // 2}", 1)
    return (f"{f['test'].format(s='Check', n=name)} {{\n  const int value = 0;\n  "
            + f["expect"].format(a="value", b=expected) + "\n}\n")


FIRST_FAILURE_TRIVIAL = 100


def class_member(fw, index):
    """One passing equality in a test of a fixture class whose set_up_class sleeps 200 ms (testkit only)."""
    f = FRAMEWORKS[fw]
    return (f"TK_TEST_F(SlowClassSetUp, t{index}) {{\n"
            f"  {f['require'].format(a='1', b='1')}\n}}\n")


def fork_loop(fw, index):
    """The bare fork loop of fork_floor.cpp, run as one test: what a fork costs from a test binary's process (its
    libraries, relocated data and heap are what fork copies and exit tears down), before any per-test work."""
    f = FRAMEWORKS[fw]
    return (f"{f['test'].format(s='ForkLoop', n=f't{index}')} {{\n"
            "  for (int i = 0; i < 1000; ++i) {\n"
            "    const pid_t child = fork();\n"
            "    if (child == 0) _exit(0);\n"
            "    int status = 0;\n"
            "    waitpid(child, &status, 0);\n"
            "  }\n"
            f"  {f['require'].format(a='1', b='1')}\n}}\n")


# A class whose set_up_class costs 200 ms: it should run once per class, not once per test.
SLOW_CLASS_SET_UP = ("class SlowClassSetUp : public testkit::TestCase {\n public:\n"
                     "  static void set_up_class() { std::this_thread::sleep_for(std::chrono::milliseconds(200)); }\n"
                     "};\n")


def unrolled(fw, index):
    """Ten written-out equalities: what the compiler sees in an assertion-heavy file."""
    f = FRAMEWORKS[fw]
    lines = [f"  const int v{k} = {index * 10 + k};" for k in range(10)]
    lines += ["  " + f["expect"].format(a=f"v{k}", b=index * 10 + k) for k in range(10)]
    return f"{f['test'].format(s='Compile', n=f't{index}')} {{\n" + "\n".join(lines) + "\n}\n"


PRELUDE = "#include <chrono>\n#include <cstdint>\n#include <numeric>\n#include <thread>\n#include <vector>\n"


def source(fw, make, indices, extra=""):
    return (f"// Generated by bench/generate.py; do not edit.\n{PRELUDE}{FRAMEWORKS[fw]['include']}\n{extra}\n"
            + "\n".join(make(fw, i) for i in indices))


# name -> (test maker, test count, files, frameworks, extra source text)
WORKLOADS = {
    "trivial": (trivial, 10_000, 10, IN_PROCESS, ""),
    "assertions": (assertions, 100, 1, IN_PROCESS, ""),
    "isolation": (trivial, 1_000, 1, ["testkit", "criterion"], ""),
    "sleep": (sleeper, 200, 1, ["testkit", "gtest"], ""),
    "cpu": (cpu, 40, 1, ["testkit", "gtest"], "volatile std::uint64_t cpu_sink;\n"),
    "compile": (unrolled, 100, 1, IN_PROCESS + ["criterion"], ""),
    "unbalanced": (unbalanced, 43, 1, ["testkit"], ""),
    "first_failure": (first_failure, FIRST_FAILURE_TRIVIAL + 8, 1, ["testkit"], ""),
    "class_set_up": (class_member, 10, 1, ["testkit"], SLOW_CLASS_SET_UP),
    "fork_loop": (fork_loop, 1, 1, ["testkit", "gtest"], "#include <sys/wait.h>\n#include <unistd.h>\n"),
}


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != text:  # unchanged files keep their timestamps: no rebuild
        path.write_text(text)


def generate(out, frameworks):
    cmake = ["# Generated by bench/generate.py; do not edit.", "cmake_minimum_required(VERSION 3.25)",
             "project(testkit_bench LANGUAGES CXX)", "set(CMAKE_EXPORT_COMPILE_COMMANDS ON)",
             "# One language level for all: testkit needs C++20, which its peers accept too.",
             "set(CMAKE_CXX_STANDARD 20)", "set(CMAKE_CXX_STANDARD_REQUIRED ON)"]
    cmake += [FIND[fw].format(repo=REPO) for fw in frameworks]
    for workload, (make, count, files, fws, extra) in WORKLOADS.items():
        for fw in fws:
            if fw not in frameworks:
                continue
            target = f"{workload}_{fw}"
            chunk = count // files
            names = []
            for part in range(files):
                name = f"{target}_{part}.cpp" if files > 1 else f"{target}.cpp"
                write(out / name, source(fw, make, range(part * chunk, (part + 1) * chunk), extra))
                names.append(name)
            if FRAMEWORKS[fw]["main"]:
                write(out / f"{target}_main.cpp", FRAMEWORKS[fw]["main"])
                names.append(f"{target}_main.cpp")
            cmake.append(f"add_executable({target} {' '.join(names)})")
            cmake.append(LINK[fw].format(t=target))
    cmake.append(f"add_executable(fork_floor {REPO}/bench/workloads/fork_floor.cpp)")
    if "gtest" in frameworks:
        # How GoogleTest users parallelize today: one ctest entry, hence one process, per test.
        for workload in ("sleep", "cpu"):
            cmake.append(f"add_subdirectory(ctest_{workload})")
            write(out / f"ctest_{workload}" / "CMakeLists.txt",
                  "# Generated by bench/generate.py; do not edit.\nenable_testing()\ninclude(GoogleTest)\n"
                  f"add_executable(ctest_{workload}_gtest ../{workload}_gtest.cpp)\n"
                  + LINK["gtest"].format(t=f"ctest_{workload}_gtest") + "\n"
                  f"gtest_discover_tests(ctest_{workload}_gtest)\n")
    write(out / "CMakeLists.txt", "\n".join(cmake) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--frameworks", default=",".join(FRAMEWORKS))
    args = parser.parse_args()
    generate(args.out, [fw for fw in args.frameworks.split(",") if fw])


if __name__ == "__main__":
    main()

#pragma once
/// Testing what programs print and read (with everything of <testkit/testkit.hpp>): OutputCapture and Input around
/// the code under test, run_program and run_main in a process of their own, death and exit tests, text comparison
/// with testkit::Text, and golden files.
///
/// Example:
///   #include <testkit/program.hpp>
///   TK_TEST(Greeter, greets_by_name) {
///     testkit::Input input{"Ada\n"};
///     testkit::OutputCapture output;
///     greet();
///     TK_EXPECT_EQ(output.out(), "Hello, Ada!\n");
///   }

#include <testkit/program/death_test.hpp>
#include <testkit/program/golden.hpp>
#include <testkit/program/input.hpp>
#include <testkit/program/output_capture.hpp>
#include <testkit/program/run_program.hpp>
#include <testkit/program/text.hpp>
#include <testkit/testkit.hpp>

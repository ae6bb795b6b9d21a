# testkit_discover_tests(<target> [TEST_PREFIX prefix] [EXTRA_ARGS args...] [WORKING_DIRECTORY dir]
#                        [PROPERTIES name value...] [DISCOVERY_TIMEOUT seconds])
#
# Registers one CTest test per testkit test of <target>, named <prefix>Suite.name. After each build of <target>
# the binary is asked for its tests (`<target> --list=json`), so the list follows the code. Each test's tags
# become its CTest LABELS (`ctest -L slow`), a test that only skips is reported as skipped, and EXTRA_ARGS are
# passed to every run. Example:
#   add_executable(unit_tests test_a.cpp)
#   target_link_libraries(unit_tests PRIVATE testkit::main)
#   testkit_discover_tests(unit_tests EXTRA_ARGS --timeout 10)
function(testkit_discover_tests target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "TEST_PREFIX;WORKING_DIRECTORY;DISCOVERY_TIMEOUT"
                        "EXTRA_ARGS;PROPERTIES")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "testkit_discover_tests: unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "testkit_discover_tests: ${target} is not a target")
  endif()
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
  endif()
  if(NOT arg_DISCOVERY_TIMEOUT)
    set(arg_DISCOVERY_TIMEOUT 10)
  endif()

  # One file per target: written after each build, read by ctest through TEST_INCLUDE_FILES.
  set(ctest_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_testkit_tests.cmake")
  add_custom_command(TARGET ${target} POST_BUILD
    BYPRODUCTS "${ctest_file}"
    COMMAND "${CMAKE_COMMAND}"
      -D "TEST_EXECUTABLE=$<TARGET_FILE:${target}>"
      -D "CTEST_FILE=${ctest_file}"
      -D "TEST_PREFIX=${arg_TEST_PREFIX}"
      -D "EXTRA_ARGS=${arg_EXTRA_ARGS}"
      -D "WORKING_DIRECTORY=${arg_WORKING_DIRECTORY}"
      -D "PROPERTIES=${arg_PROPERTIES}"
      -D "DISCOVERY_TIMEOUT=${arg_DISCOVERY_TIMEOUT}"
      -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/TestkitAddTests.cmake"
    VERBATIM)
  # Before the target is built there is no list yet: ctest then shows one <target>_NOT_BUILT test, which fails,
  # instead of stopping at a missing file (as gtest_discover_tests does).
  set(include_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_testkit_include.cmake")
  file(WRITE "${include_file}"
    "if(EXISTS \"${ctest_file}\")\n"
    "  include(\"${ctest_file}\")\n"
    "else()\n"
    "  add_test(${arg_TEST_PREFIX}${target}_NOT_BUILT ${target}_NOT_BUILT)\n"
    "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${include_file}")
endfunction()

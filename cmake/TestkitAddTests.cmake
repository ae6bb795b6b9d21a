# Run by testkit_discover_tests() after a build (cmake -P): lists TEST_EXECUTABLE's tests as JSON and writes
# CTEST_FILE, one add_test() per test. Inputs (-D): TEST_EXECUTABLE, CTEST_FILE, TEST_PREFIX, EXTRA_ARGS,
# WORKING_DIRECTORY, PROPERTIES, DISCOVERY_TIMEOUT.
cmake_minimum_required(VERSION 3.25)

execute_process(
  COMMAND "${TEST_EXECUTABLE}" --list=json
  WORKING_DIRECTORY "${WORKING_DIRECTORY}"
  TIMEOUT ${DISCOVERY_TIMEOUT}
  OUTPUT_VARIABLE listing
  ERROR_VARIABLE errors
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "testkit_discover_tests: '${TEST_EXECUTABLE} --list=json' failed (${result}):\n${errors}")
endif()
string(JSON schema ERROR_VARIABLE json_error GET "${listing}" schema)
string(JSON version ERROR_VARIABLE version_error GET "${listing}" version)
if(json_error OR NOT schema STREQUAL "testkit-listing" OR NOT version EQUAL 1)
  message(FATAL_ERROR "testkit_discover_tests: ${TEST_EXECUTABLE} did not list its tests as testkit-listing "
                      "version 1 JSON:\n${listing}")
endif()

# A bracket argument holds any text literally, as long as its closing bracket does not occur in it.
function(_testkit_quote out text)
  set(equals "=")
  while(text MATCHES "]${equals}]")
    string(APPEND equals "=")
  endwhile()
  set(${out} "[${equals}[${text}]${equals}]" PARENT_SCOPE)
endfunction()

set(extra_args "")
foreach(argument IN LISTS EXTRA_ARGS)
  _testkit_quote(quoted "${argument}")
  string(APPEND extra_args " ${quoted}")
endforeach()
set(properties "")
foreach(property IN LISTS PROPERTIES)
  _testkit_quote(quoted "${property}")
  string(APPEND properties " ${quoted}")
endforeach()
_testkit_quote(executable "${TEST_EXECUTABLE}")
_testkit_quote(workdir "${WORKING_DIRECTORY}")

set(script "# Written by testkit_discover_tests from '${TEST_EXECUTABLE} --list=json'; do not edit.\n")
string(JSON count LENGTH "${listing}" tests)
if(count GREATER 0)
  math(EXPR last "${count} - 1")
  foreach(index RANGE ${last})
    string(JSON name GET "${listing}" tests ${index} name)
    _testkit_quote(test_name "${TEST_PREFIX}${name}")
    # The full name as a filter: testkit names are identifiers and /N, so no filter character needs escaping.
    _testkit_quote(filter "--filter=${name}")
    string(APPEND script "add_test(${test_name} ${executable} ${filter}${extra_args})\n")
    string(APPEND script "set_tests_properties(${test_name} PROPERTIES WORKING_DIRECTORY ${workdir}")
    # One skipped test and nothing else: the closing line says so.
    string(APPEND script " SKIP_REGULAR_EXPRESSION \"\\n0 passed, 0 failed, [1-9][0-9]* skipped\"")
    string(JSON tag_count LENGTH "${listing}" tests ${index} tags)
    if(tag_count GREATER 0)
      set(labels "")
      math(EXPR last_tag "${tag_count} - 1")
      foreach(tag_index RANGE ${last_tag})
        string(JSON tag GET "${listing}" tests ${index} tags ${tag_index})
        list(APPEND labels "${tag}")
      endforeach()
      _testkit_quote(quoted_labels "${labels}")
      string(APPEND script " LABELS ${quoted_labels}")
    endif()
    string(APPEND script "${properties})\n")
  endforeach()
endif()
file(WRITE "${CTEST_FILE}" "${script}")

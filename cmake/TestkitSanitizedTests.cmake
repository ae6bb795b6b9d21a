# testkit_add_sanitized_executable(<target> [NAME name] [SANITIZERS sanitizer...])
#
# Adds the executable <name> (default <target>_sanitized): <target> built again from the same sources, include
# directories, compile definitions, options and features, link libraries, link options and directories, with
# -fsanitize=<sanitizers> -fno-omit-frame-pointer (compile and link; SANITIZERS defaults to address undefined). It is
# excluded from `all` when <target> is. Call it once <target> has its sources and usage requirements: what is added
# to <target> afterwards is not copied. An object library's objects among the sources ($<TARGET_OBJECTS:...>) are
# linked as they were compiled, unsanitized; the libraries linked (testkit's among them) need not be sanitized.
# Example:
#   add_executable(grading_tests tests.cpp)
#   target_link_libraries(grading_tests PRIVATE testkit::main)
#   testkit_add_sanitized_executable(grading_tests SANITIZERS address)   # grading_tests_sanitized
function(testkit_add_sanitized_executable target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "NAME" "SANITIZERS")
  _testkit_sanitized_arguments(${target} testkit_add_sanitized_executable)

  get_target_property(type ${target} TYPE)
  if(NOT type STREQUAL "EXECUTABLE")
    message(FATAL_ERROR "testkit_add_sanitized_executable: ${target} is not an executable (${type})")
  endif()
  # Sources named relative to <target>'s folder are found from there, wherever this is called.
  get_target_property(source_dir ${target} SOURCE_DIR)
  get_target_property(sources ${target} SOURCES)
  set(absolute_sources)
  foreach(source IN LISTS sources)
    if(NOT IS_ABSOLUTE "${source}" AND NOT source MATCHES "^\\$<" AND EXISTS "${source_dir}/${source}")
      set(source "${source_dir}/${source}")
    endif()
    list(APPEND absolute_sources "${source}")
  endforeach()
  add_executable(${arg_NAME} ${absolute_sources})

  foreach(property IN ITEMS INCLUDE_DIRECTORIES COMPILE_DEFINITIONS COMPILE_OPTIONS COMPILE_FEATURES LINK_LIBRARIES
                            LINK_OPTIONS LINK_DIRECTORIES CXX_STANDARD CXX_STANDARD_REQUIRED CXX_EXTENSIONS
                            EXCLUDE_FROM_ALL)
    get_target_property(value ${target} ${property})
    if(NOT value MATCHES "-NOTFOUND$")
      set_property(TARGET ${arg_NAME} PROPERTY ${property} "${value}")
    endif()
  endforeach()
  list(JOIN arg_SANITIZERS "," sanitizers)
  target_compile_options(${arg_NAME} PRIVATE "-fsanitize=${sanitizers}" -fno-omit-frame-pointer)
  target_link_options(${arg_NAME} PRIVATE "-fsanitize=${sanitizers}")
endfunction()

# testkit_add_sanitized_tests(<target> [NAME name] [SANITIZERS sanitizer...] [TEST_PREFIX prefix]
#                             [EXTRA_ARGS args...])
#
# testkit_add_sanitized_executable(<target> NAME <name> SANITIZERS <sanitizers>), then one CTest test per binary:
# <prefix><target> runs <target>, <prefix><name> runs <name> (default <target>_sanitized), each with EXTRA_ARGS. The
# sanitized test runs with TESTKIT_TIMEOUT_SCALE unset, so that testkit scales the timeouts by the sanitizer runtimes
# it finds in the binary when the run starts (3 times under AddressSanitizer). Example:
#   add_executable(unit_tests test_list.cpp)
#   target_link_libraries(unit_tests PRIVATE testkit::main)
#   testkit_add_sanitized_tests(unit_tests EXTRA_ARGS --timeout 10)   # ctest: unit_tests, unit_tests_sanitized
function(testkit_add_sanitized_tests target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "NAME;TEST_PREFIX" "SANITIZERS;EXTRA_ARGS")
  _testkit_sanitized_arguments(${target} testkit_add_sanitized_tests)

  testkit_add_sanitized_executable(${target} NAME ${arg_NAME} SANITIZERS ${arg_SANITIZERS})
  add_test(NAME ${arg_TEST_PREFIX}${target} COMMAND ${target} ${arg_EXTRA_ARGS})
  add_test(NAME ${arg_TEST_PREFIX}${arg_NAME} COMMAND ${arg_NAME} ${arg_EXTRA_ARGS})
  set_tests_properties(${arg_TEST_PREFIX}${arg_NAME} PROPERTIES
                       ENVIRONMENT_MODIFICATION "TESTKIT_TIMEOUT_SCALE=unset:")
endfunction()

# What both functions check of their arguments, and the defaults they share, set in the caller's scope: NAME
# <target>_sanitized, SANITIZERS address undefined.
macro(_testkit_sanitized_arguments target command)
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "${command}: unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "${command}: ${target} is not a target")
  endif()
  if(NOT arg_NAME)
    set(arg_NAME ${target}_sanitized)
  endif()
  if(NOT arg_SANITIZERS)
    set(arg_SANITIZERS address undefined)
  endif()
endmacro()

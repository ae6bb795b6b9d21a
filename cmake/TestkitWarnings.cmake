# testkit_warnings(<target>): the warning flags every target of this project builds with.
function(testkit_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic $<$<BOOL:${TESTKIT_WERROR}>:-Werror>)
endfunction()

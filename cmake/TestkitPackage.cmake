# `cmake --install`: the library, testkit-run and testkit-grade, the public headers, the CMake package
# (find_package(testkit CONFIG) with testkit::testkit, testkit::main, testkit_discover_tests() and
# testkit_add_sanitized_tests()) and pkg-config files (testkit, testkit-main).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(TESTKIT_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/testkit")

install(TARGETS testkit testkit_main testkit_interpose testkit_run EXPORT testkitTargets
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
        INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(PROGRAMS "${PROJECT_SOURCE_DIR}/framework/testkit-grade" DESTINATION "${CMAKE_INSTALL_BINDIR}")
# The headers, less the runner's internals that framework/internal_headers.txt lists (the wire format among them).
file(STRINGS "${PROJECT_SOURCE_DIR}/framework/internal_headers.txt" testkit_internal_headers REGEX "^[^#]")
set(testkit_header_exclusions)
foreach(header IN LISTS testkit_internal_headers)
  string(REGEX REPLACE "/$" "" header "${header}")  # a folder: the directory entry itself, and so all it holds
  string(REGEX REPLACE "([.+])" "\\\\\\1" header_regex "${header}")
  list(APPEND testkit_header_exclusions REGEX "/testkit/${header_regex}$" EXCLUDE)
endforeach()
install(DIRECTORY "${PROJECT_SOURCE_DIR}/framework/testkit" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        FILES_MATCHING PATTERN "*.hpp" ${testkit_header_exclusions})
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/framework/internal_headers.txt")
install(EXPORT testkitTargets NAMESPACE testkit:: DESTINATION "${TESTKIT_CMAKE_DIR}")

configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/testkitConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/testkitConfig.cmake" INSTALL_DESTINATION "${TESTKIT_CMAKE_DIR}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/testkitConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/testkitConfig.cmake" "${PROJECT_BINARY_DIR}/testkitConfigVersion.cmake"
              "${CMAKE_CURRENT_LIST_DIR}/TestkitDiscoverTests.cmake" "${CMAKE_CURRENT_LIST_DIR}/TestkitAddTests.cmake"
              "${CMAKE_CURRENT_LIST_DIR}/TestkitSanitizedTests.cmake"
        DESTINATION "${TESTKIT_CMAKE_DIR}")

foreach(package IN ITEMS testkit testkit-main)
  configure_file("${CMAKE_CURRENT_LIST_DIR}/${package}.pc.in" "${PROJECT_BINARY_DIR}/${package}.pc" @ONLY)
  install(FILES "${PROJECT_BINARY_DIR}/${package}.pc" DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
endforeach()

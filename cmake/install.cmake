# What `cmake --install` puts where (GNUInstallDirs): the command, both libraries, the public
# headers with the generated version.h, chokepoint.pc, the CMake package (chokepoint::chokepoint,
# the shared library) and the networks as data. docs/library.md says how to use them.
include(CMakePackageConfigHelpers)

set(CKP_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/chokepoint)
set(CKP_INSTALL_NETWORKSDIR ${CMAKE_INSTALL_DATADIR}/chokepoint/networks)

install(TARGETS chokepoint RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS chokepoint_lib ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS chokepoint_shared EXPORT chokepointTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/chokepoint ${PROJECT_BINARY_DIR}/include/chokepoint
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h")
# The man pages and completion scripts chokepoint-mangen makes (CMakeLists.txt).
foreach(page ${CKP_MAN_PAGES})
  get_filename_component(ext ${page} LAST_EXT)
  string(SUBSTRING ${ext} 1 1 section)
  install(FILES ${page} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
endforeach()
install(FILES ${CKP_MAN_DIR}/chokepoint.bash DESTINATION
  ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME chokepoint)
install(FILES ${CKP_MAN_DIR}/_chokepoint DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
# networks/tools/ (a validation script) is not data
install(DIRECTORY networks/ DESTINATION ${CKP_INSTALL_NETWORKSDIR} PATTERN tools EXCLUDE)

# chokepoint.pc finds its prefix from its own place (${pcfiledir}), so that an installed tree
# can be moved, and `cmake --install --prefix` elsewhere than CMAKE_INSTALL_PREFIX works.
file(RELATIVE_PATH CKP_PC_PREFIX_FROM_PCDIR
  ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" CKP_PC_PREFIX_FROM_PCDIR "${CKP_PC_PREFIX_FROM_PCDIR}")
configure_file(cmake/chokepoint.pc.in ${PROJECT_BINARY_DIR}/chokepoint.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/chokepoint.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

install(EXPORT chokepointTargets NAMESPACE chokepoint:: DESTINATION ${CKP_INSTALL_CMAKEDIR})
configure_package_config_file(cmake/chokepointConfig.cmake.in
  ${PROJECT_BINARY_DIR}/chokepointConfig.cmake
  INSTALL_DESTINATION ${CKP_INSTALL_CMAKEDIR}
  PATH_VARS CKP_INSTALL_NETWORKSDIR)
# Before 1.0 a new minor version may break the API: only the same minor is compatible.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(CKP_VERSION_COMPAT SameMinorVersion)
else()
  set(CKP_VERSION_COMPAT SameMajorVersion)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/chokepointConfigVersion.cmake
  COMPATIBILITY ${CKP_VERSION_COMPAT})
install(FILES ${PROJECT_BINARY_DIR}/chokepointConfig.cmake
  ${PROJECT_BINARY_DIR}/chokepointConfigVersion.cmake
  DESTINATION ${CKP_INSTALL_CMAKEDIR})

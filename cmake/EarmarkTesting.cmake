# earmark_add_test(name SOURCES ... LINKS ... [LABELS ...] [TIMEOUT s])
# A QtTest executable registered with CTest, with offscreen Qt and quiet logging.
function(earmark_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LINKS;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test earmark_testsupport ${ARG_LINKS})
    earmark_set_warnings(${name})
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    # A private temporary folder per test: what a test finds there was written by the code under test.
    set(_tmp ${CMAKE_CURRENT_BINARY_DIR}/${name}-tmp)
    file(MAKE_DIRECTORY ${_tmp})
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;TMPDIR=${_tmp};EARMARK_TEST_BINARY_DIR=${PROJECT_BINARY_DIR};EARMARK_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()

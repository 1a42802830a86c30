# cmake -DCOMMAND="a;b;c" -DEXPECT="text one;text two" -P ExpectFailure.cmake
# Passes when COMMAND fails (non-zero exit) and its output contains every EXPECT text: a check must catch what it
# is there to catch, and say where.
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
set(_all "${_out}${_err}")
if(_rc EQUAL 0)
    message(FATAL_ERROR "expected ${COMMAND} to fail, but it passed:\n${_all}")
endif()
foreach(_text IN LISTS EXPECT)
    string(FIND "${_all}" "${_text}" _at)
    if(_at EQUAL -1)
        message(FATAL_ERROR "the failure does not say '${_text}':\n${_all}")
    endif()
endforeach()

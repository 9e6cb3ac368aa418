# Runs HOST with ARGS and checks its exit status and stderr: CTest alone can check only one.
# EMULATOR (a list, may be empty): what runs HOST, e.g. wine for a Windows build.
execute_process(COMMAND ${EMULATOR} ${HOST} ${ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL EXPECT_RC)
  message(FATAL_ERROR "exit status ${rc}, expected ${EXPECT_RC}\nstdout: ${out}\nstderr: ${err}")
endif()
if(DEFINED EXPECT_ERR AND NOT err MATCHES "${EXPECT_ERR}")
  message(FATAL_ERROR "stderr does not match \"${EXPECT_ERR}\":\n${err}")
endif()

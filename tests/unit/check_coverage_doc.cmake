# Fails when DOC differs from `HOST --rules RULES rules coverage`, so docs/coverage.md never drifts
# from the rule packs. EMULATOR (a list, may be empty): what runs HOST, e.g. wine for a Windows build.
execute_process(COMMAND ${EMULATOR} ${HOST} --rules ${RULES} rules coverage
                RESULT_VARIABLE rc OUTPUT_VARIABLE generated ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "optout-host rules coverage failed (${rc}): ${err}")
endif()
if(NOT EXISTS "${DOC}")
  message(FATAL_ERROR "${DOC} is missing. Regenerate it with:\n  ${HOST} rules coverage > ${DOC}")
endif()
file(READ "${DOC}" committed)
if(NOT committed STREQUAL generated)
  message(FATAL_ERROR "${DOC} is out of date with the rule packs in ${RULES}. Regenerate it with:\n"
                      "  ${HOST} rules coverage > ${DOC}\n"
                      "(build first: cmake --build build), then commit it with the pack change.")
endif()

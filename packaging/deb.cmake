# The host as a Debian package (scripts/package.sh deb): the binary in /usr/bin and the
# system-wide host manifests where Chrome, Chromium, Edge and Firefox read them on Linux, with
# /etc/optout/callers.json naming the extensions they allow. The manifests are written at build
# time by the host's own `install --system --root` (the one code path, from manifests/*.json.in),
# staged in the build tree, and packed by CPack. Brave and Vivaldi have no documented system
# directory: their users run `optout-host install --browser brave|vivaldi` (docs/install.md).
set(OPTOUT_DEB_HOST_PATH "/usr/bin/optout-host")
set(OPTOUT_DEB_STAGE "${CMAKE_BINARY_DIR}/deb-stage")
set(OPTOUT_DEB_BROWSERS chrome chromium edge firefox)

set(stage_commands COMMAND "${CMAKE_COMMAND}" -E rm -rf "${OPTOUT_DEB_STAGE}")
foreach(browser IN LISTS OPTOUT_DEB_BROWSERS)
  list(APPEND stage_commands COMMAND $<TARGET_FILE:optout-host> install --system --root "${OPTOUT_DEB_STAGE}"
       --host-path "${OPTOUT_DEB_HOST_PATH}" --browser ${browser} > /dev/null)
endforeach()
add_custom_command(OUTPUT "${OPTOUT_DEB_STAGE}/etc/optout/callers.json"
  ${stage_commands}
  DEPENDS optout-host
  COMMENT "Staging the system-wide host manifests for the .deb")
add_custom_target(optout_deb_stage ALL DEPENDS "${OPTOUT_DEB_STAGE}/etc/optout/callers.json")

# Absolute destinations: these paths are fixed by the browsers, not by the install prefix.
install(DIRECTORY "${OPTOUT_DEB_STAGE}/etc/" DESTINATION /etc)
install(DIRECTORY "${OPTOUT_DEB_STAGE}/usr/lib/mozilla/" DESTINATION /usr/lib/mozilla)

# Files under /etc are the administrator's (dpkg keeps their edits on upgrade); CPack does not
# mark them by itself.
set(OPTOUT_DEB_CONFFILES
  /etc/opt/chrome/native-messaging-hosts/com.optout.host.json
  /etc/chromium/native-messaging-hosts/com.optout.host.json
  /etc/opt/edge/native-messaging-hosts/com.optout.host.json
  /etc/optout/callers.json)
string(REPLACE ";" "\n" conffiles "${OPTOUT_DEB_CONFFILES}")
file(WRITE "${CMAKE_BINARY_DIR}/deb-control/conffiles" "${conffiles}\n")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME optout-host)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "OptOut developers <optout@optout.dev>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "helper app of the OptOut browser extension (LinkedIn data-sharing opt-out)")
set(CPACK_PACKAGE_DESCRIPTION "optout-host classifies LinkedIn settings switches for the OptOut extension
 with RE2 rule packs and keeps a dated, checksummed record of what was turned off.
 This package registers it system-wide for Chrome, Chromium, Edge and Firefox.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${CMAKE_BINARY_DIR}/deb-control/conffiles")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)

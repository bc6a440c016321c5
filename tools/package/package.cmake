# Installing Lectern, and its Debian packages (cpack -G DEB). Included at the end of the top-level
# CMakeLists.txt, after every target exists.
#
#   cmake --install build --prefix /usr            install by hand (DESTDIR=... works too)
#   cd build && cpack -G DEB                       lectern_<v>_<arch>.deb and lectern-kiosk_<v>_all.deb
#
# Two components, so two packages:
#   lectern        the four programs, the bundled course, the desktop entry, icon, AppStream
#                  metadata and a man page per program (made from each program's --help, so
#                  they cannot drift from it);
#   kiosk          the classroom-kiosk session (tools/kiosk): systemd units, sysusers and
#                  tmpfiles entries, the session scripts and /etc/lectern/kiosk.conf. The same
#                  files tools/kiosk/install.sh installs under /usr/local, with the paths in
#                  them rewritten for the prefix at install time.

set(LECTERN_PACKAGE_DIR ${CMAKE_CURRENT_LIST_DIR})
set(LECTERN_APP_ID org.lectern.Lectern)
string(TIMESTAMP LECTERN_RELEASE_DATE "%Y-%m-%d" UTC)
string(TIMESTAMP LECTERN_RELEASE_RFC2822 "%a, %d %b %Y %H:%M:%S +0000" UTC)

# ---- the lectern component ----------------------------------------------------------------------

install(FILES ${LECTERN_PACKAGE_DIR}/${LECTERN_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT lectern)
install(FILES ${LECTERN_PACKAGE_DIR}/${LECTERN_APP_ID}.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps COMPONENT lectern)
configure_file(${LECTERN_PACKAGE_DIR}/${LECTERN_APP_ID}.metainfo.xml
               ${CMAKE_BINARY_DIR}/package/${LECTERN_APP_ID}.metainfo.xml @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/package/${LECTERN_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT lectern)

# Man pages from --help: a cross build cannot run its programs, so it has none.
find_program(HELP2MAN_EXECUTABLE help2man)
find_program(GZIP_EXECUTABLE gzip)
if(NOT CMAKE_CROSSCOMPILING AND HELP2MAN_EXECUTABLE AND GZIP_EXECUTABLE)
  set(man_pages)
  foreach(entry "lectern|play an e-learning course offline"
                "lectern-lint|check a Lectern course for errors"
                "lectern-export|write a static HTML edition of a Lectern course"
                "lectern-progress|export learner progress from a Lectern progress store")
    string(REPLACE "|" ";" entry "${entry}")
    list(GET entry 0 prog)
    list(GET entry 1 what)
    if(TARGET ${prog})
      set(page ${CMAKE_BINARY_DIR}/man/${prog}.1.gz)
      add_custom_command(OUTPUT ${page}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
        COMMAND ${HELP2MAN_EXECUTABLE} --no-info --no-discard-stderr --section 1 --name ${what}
                --output ${CMAKE_BINARY_DIR}/man/${prog}.1 $<TARGET_FILE:${prog}>
        COMMAND ${GZIP_EXECUTABLE} -9nf ${CMAKE_BINARY_DIR}/man/${prog}.1
        DEPENDS ${prog}
        COMMENT "Man page for ${prog} (help2man)"
        VERBATIM)
      list(APPEND man_pages ${page})
    endif()
  endforeach()
  add_custom_target(lectern_man_pages ALL DEPENDS ${man_pages})
  install(FILES ${man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT lectern)
endif()

# Debian wants a machine-readable copyright file and a changelog in each package's doc folder.
file(READ ${PROJECT_SOURCE_DIR}/LICENSE license_text)
string(REGEX REPLACE "\n$" "" license_text "${license_text}")
string(REGEX REPLACE "\n\n" "\n.\n" license_text "${license_text}")
string(REPLACE "\n" "\n " license_text " ${license_text}")
foreach(pkg lectern lectern-kiosk)
  file(WRITE ${CMAKE_BINARY_DIR}/package/${pkg}/copyright
"Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: lectern

Files: *
Copyright: 2026 The Lectern authors
License: Expat
${license_text}
")
  file(WRITE ${CMAKE_BINARY_DIR}/package/${pkg}/changelog
"${pkg} (${PROJECT_VERSION}) unstable; urgency=medium

  * Built from the Lectern source tree; its git history is the full record.

 -- The Lectern authors <lectern@example.org>  ${LECTERN_RELEASE_RFC2822}
")
endforeach()
install(FILES ${CMAKE_BINARY_DIR}/package/lectern/copyright
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/lectern COMPONENT lectern)
install(FILES ${CMAKE_BINARY_DIR}/package/lectern-kiosk/copyright
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/lectern-kiosk COMPONENT kiosk)

# ---- the kiosk component ------------------------------------------------------------------------

# tools/kiosk's files name /usr/local paths (install.sh's layout). They are rewritten for the
# prefix when installed; with the prefix /usr the configuration goes to /etc, as Debian expects.
set(LECTERN_KIOSK_SOURCE ${PROJECT_SOURCE_DIR}/tools/kiosk)
install(CODE "
  set(prefix \"\${CMAKE_INSTALL_PREFIX}\")
  if(prefix STREQUAL \"/usr\")
    set(etc \"/etc\")
  else()
    set(etc \"\${prefix}/etc\")
  endif()
  set(root \"\$ENV{DESTDIR}\")
  function(kiosk_file src dest mode)
    file(READ \"${LECTERN_KIOSK_SOURCE}/\${src}\" text)
    string(REPLACE \"/usr/local/\" \"\${prefix}/\" text \"\${text}\")
    get_filename_component(dir \"\${root}\${dest}\" DIRECTORY)
    file(MAKE_DIRECTORY \"\${dir}\")
    file(WRITE \"\${root}\${dest}.tmp\" \"\${text}\")
    file(CHMOD \"\${root}\${dest}.tmp\" FILE_PERMISSIONS \${mode})
    file(RENAME \"\${root}\${dest}.tmp\" \"\${root}\${dest}\")
    message(STATUS \"Installing: \${root}\${dest}\")
  endfunction()
  set(rw OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
  set(rwx OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  kiosk_file(lectern-kiosk.service \"\${prefix}/lib/systemd/system/lectern-kiosk.service\" \"\${rw}\")
  kiosk_file(lectern-kiosk-x11.service \"\${prefix}/lib/systemd/system/lectern-kiosk-x11.service\" \"\${rw}\")
  kiosk_file(sysusers.conf \"\${prefix}/lib/sysusers.d/lectern-kiosk.conf\" \"\${rw}\")
  kiosk_file(tmpfiles.conf \"\${prefix}/lib/tmpfiles.d/lectern-kiosk.conf\" \"\${rw}\")
  kiosk_file(session \"\${prefix}/lib/lectern-kiosk/session\" \"\${rwx}\")
  kiosk_file(client \"\${prefix}/lib/lectern-kiosk/client\" \"\${rwx}\")
  kiosk_file(xinitrc \"\${prefix}/lib/lectern-kiosk/xinitrc\" \"\${rwx}\")
  kiosk_file(README.md \"\${prefix}/share/doc/lectern-kiosk/README.md\" \"\${rw}\")
  kiosk_file(kiosk.conf \"\${etc}/lectern/kiosk.conf\" \"\${rw}\")
" COMPONENT kiosk)

# Changelogs are compressed, as Debian policy asks (gzip -9n: no name, no time stamp inside).
foreach(pkg lectern lectern-kiosk)
  set(component lectern)
  if(pkg STREQUAL "lectern-kiosk")
    set(component kiosk)
  endif()
  install(CODE "
    set(out \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}/doc/${pkg}\")
    file(MAKE_DIRECTORY \"\${out}\")
    execute_process(COMMAND ${GZIP_EXECUTABLE} -9n -c \"${CMAKE_BINARY_DIR}/package/${pkg}/changelog\"
                    OUTPUT_FILE \"\${out}/changelog.gz\" RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR \"gzip failed for ${pkg}'s changelog\")
    endif()
  " COMPONENT ${component})
endforeach()

# ---- CPack: Debian packages ---------------------------------------------------------------------

set(CPACK_PACKAGE_NAME lectern)
set(CPACK_PACKAGE_VENDOR "The Lectern authors")
# The Maintainer field. The project has no mailing address of its own yet, so the default is
# honest about that (.invalid never delivers, RFC 2606); whoever builds packages for others sets
# their own: -DLECTERN_PACKAGE_MAINTAINER="Name <address>".
set(LECTERN_PACKAGE_MAINTAINER "Lectern maintainers <maintainers@lectern.invalid>" CACHE STRING
    "The Debian packages' Maintainer: Name <address>")
set(CPACK_PACKAGE_CONTACT "${LECTERN_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${LECTERN_PACKAGE_MAINTAINER}")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_INSTALL_PREFIX /usr)
# DESTDIR staging, so install(CODE) above sees the real prefix (/usr) and writes /etc for it.
set(CPACK_SET_DESTDIR ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL lectern kiosk)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_LECTERN_PACKAGE_NAME lectern)
set(CPACK_DEBIAN_LECTERN_PACKAGE_DEPENDS "fonts-dejavu-core")
set(CPACK_DEBIAN_LECTERN_PACKAGE_RECOMMENDS "fonts-noto-core, libgl1-mesa-dri, libespeak-ng1")
# First line: the synopsis; cpack indents the rest. (No CPACK_PACKAGE_DESCRIPTION_SUMMARY: cpack
# would put it in front of both packages' descriptions.)
set(CPACK_DEBIAN_LECTERN_DESCRIPTION
"offline e-learning course player
Lectern plays e-learning courses written in XML: lessons, knowledge
checks, scored quizzes and branching scenarios, with each learner's
progress kept on the machine. It needs no browser, server or network,
and it issues no certificate. It comes with one course, Human Rights
and Security Cooperation, and with lectern-lint, lectern-export and
lectern-progress for authors and administrators.")
set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME lectern-kiosk)
set(CPACK_DEBIAN_KIOSK_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_KIOSK_PACKAGE_SHLIBDEPS OFF)
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS "lectern (= ${PROJECT_VERSION}), systemd")
set(CPACK_DEBIAN_KIOSK_PACKAGE_RECOMMENDS "cage, xwayland")
set(CPACK_DEBIAN_KIOSK_PACKAGE_SUGGESTS "xinit, xserver-xorg-core")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA ${LECTERN_PACKAGE_DIR}/kiosk/postinst ${LECTERN_PACKAGE_DIR}/kiosk/conffiles)
set(CPACK_DEBIAN_KIOSK_DESCRIPTION
"classroom kiosk session for Lectern
Boots a shared classroom machine straight into Lectern, full screen,
as an unprivileged user with nothing else to reach. Installs the
systemd units (not enabled), the kiosk user and its folders, and
/etc/lectern/kiosk.conf.")
include(CPack)

# Installation layout: executables to bin/. The QML module is compiled into the till (static plugin), so there is
# nothing else to ship; Qt and SQLite come from the distribution's packages (debian-packages.txt).
include(GNUInstallDirs)
install(TARGETS omnitill-cli omnitill-hub omnitill-decoder RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(OMNITILL_BUILD_GUI)
    install(TARGETS omnitill RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

# Installation layout: executables to bin/, a launcher entry and its icon to share/. The QML module is compiled into
# the till (static plugin), so there is nothing else to ship; Qt and SQLite come from the distribution's packages
# (debian-packages.txt).
include(GNUInstallDirs)
install(TARGETS omnitill-cli omnitill-hub omnitill-decoder RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(OMNITILL_BUILD_GUI)
    install(TARGETS omnitill omnitill-kiosk RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
if(OMNITILL_BUILD_GUI)
    # A launcher entry with the till's icon (the same picture the window uses, from resources/icons).
    install(FILES ${PROJECT_SOURCE_DIR}/packaging/omnitill.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/omnitill.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/256x256/apps)
endif()

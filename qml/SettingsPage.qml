// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// The Settings page: this terminal's language and scan sounds, and what it is (id, store, hub) for a support call.
// Anyone signed in can read it; only a role with the Settings permission changes it (TerminalSettings checks).
Pane {
    id: root

    // Whether the till has a speaker for the scan sounds (Main.qml asks ScanSounds).
    property bool speakerFound: true

    padding: Theme.spacing

    Flickable {
        id: flick
        anchors.fill: parent
        contentWidth: width
        contentHeight: column.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            width: Math.min(flick.width, 720)
            spacing: Theme.spacing

            Label {
                text: qsTr("Settings")
                font.pixelSize: 24
                font.bold: true
            }
            Label {
                objectName: "settingsReadOnly"
                Layout.fillWidth: true
                visible: !TerminalSettings.mayChange
                text: qsTr("%1 can look at these settings; a manager can change them.").arg(StaffSession.name)
                wrapMode: Text.Wrap
                color: Theme.muted
            }

            Label {
                text: qsTr("Language")
                font.pixelSize: 18
                font.bold: true
            }
            Flow {
                Layout.fillWidth: true
                spacing: Theme.spacing
                Repeater {
                    model: TerminalSettings.languages
                    delegate: Button {
                        required property var modelData
                        required property int index
                        objectName: "language" + index
                        height: Theme.touch
                        width: Math.max(implicitWidth, 120)
                        checkable: true
                        checked: TerminalSettings.language === modelData.code
                        enabled: TerminalSettings.mayChange
                        text: modelData.name
                        // The button shows the setting, not the tap: a refused change leaves it as it was.
                        onClicked: {
                            TerminalSettings.setLanguage(modelData.code)
                            checked = Qt.binding(() => TerminalSettings.language === modelData.code)
                        }
                    }
                }
            }
            Label {
                objectName: "restartNote"
                Layout.fillWidth: true
                visible: TerminalSettings.restartNeeded
                text: qsTr("The till speaks the language chosen from its next start.")
                wrapMode: Text.Wrap
                color: Theme.accent
            }

            Label {
                text: qsTr("Sounds")
                font.pixelSize: 18
                font.bold: true
            }
            Switch {
                objectName: "scanSoundsSwitch"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                enabled: TerminalSettings.mayChange
                checked: TerminalSettings.scanSounds
                text: qsTr("A beep for each scan, a low tone when a scan is refused")
                onToggled: {
                    TerminalSettings.setScanSounds(checked)
                    checked = Qt.binding(() => TerminalSettings.scanSounds)
                }
            }
            Label {
                objectName: "noSpeaker"
                Layout.fillWidth: true
                visible: TerminalSettings.scanSounds && !root.speakerFound
                text: qsTr("No speaker found: the scan sounds cannot be heard on this till.")
                wrapMode: Text.Wrap
                color: Theme.danger
            }

            Label {
                text: qsTr("Receipt printer")
                font.pixelSize: 18
                font.bold: true
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                TextField {
                    id: printerField
                    objectName: "printerAddress"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    enabled: TerminalSettings.mayChange
                    text: TerminalSettings.printerAddress
                    placeholderText: qsTr("tcp://192.168.1.50 or /dev/usb/lp0; empty: no printer")
                    inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
                }
                Button {
                    id: paper58
                    objectName: "paper58"
                    Layout.preferredHeight: Theme.touch
                    Layout.preferredWidth: 88
                    checkable: true
                    autoExclusive: true
                    enabled: TerminalSettings.mayChange
                    checked: TerminalSettings.printerPaper === 58
                    text: qsTr("58 mm")
                }
                Button {
                    objectName: "paper80"
                    Layout.preferredHeight: Theme.touch
                    Layout.preferredWidth: 88
                    checkable: true
                    autoExclusive: true
                    enabled: TerminalSettings.mayChange
                    checked: TerminalSettings.printerPaper !== 58
                    text: qsTr("80 mm")
                }
                Button {
                    objectName: "printerSave"
                    Layout.preferredHeight: Theme.touch
                    Layout.preferredWidth: 96
                    enabled: TerminalSettings.mayChange
                    text: qsTr("Save")
                    onClicked: {
                        if (!TerminalSettings.setPrinter(printerField.text, paper58.checked ? 58 : 80))
                            printerField.text = Qt.binding(() => TerminalSettings.printerAddress)
                    }
                }
            }
            Label {
                objectName: "printerState"
                Layout.fillWidth: true
                visible: ReceiptController.printerSet
                text: ReceiptController.printerReady
                      ? qsTr("The printer is ready.")
                      : ReceiptController.printerMessage
                wrapMode: Text.Wrap
                color: ReceiptController.printerReady ? Theme.success : Theme.danger
            }

            Label {
                text: qsTr("This terminal")
                font.pixelSize: 18
                font.bold: true
            }
            GridLayout {
                objectName: "terminalDetails"
                Layout.fillWidth: true
                columns: 2
                columnSpacing: Theme.spacing
                rowSpacing: 6
                Repeater {
                    model: TerminalSettings.details
                    delegate: Label {
                        required property var modelData
                        required property int index
                        // Each detail is a label and its value: the model lists them once, the grid shows both.
                        Layout.row: index
                        Layout.column: 0
                        text: modelData.label
                        color: Theme.muted
                    }
                }
                Repeater {
                    model: TerminalSettings.details
                    delegate: Label {
                        required property var modelData
                        required property int index
                        Layout.row: index
                        Layout.column: 1
                        Layout.fillWidth: true
                        text: modelData.value
                        wrapMode: Text.WrapAnywhere
                    }
                }
            }
        }
    }
}

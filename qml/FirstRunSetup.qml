// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// A new store with nobody set up (and no hub to send its staff): the first manager is created here, with a PIN
// typed twice, and signed in.
Popup {
    id: root

    objectName: "firstRunSetup"
    parent: Overlay.overlay
    x: 0
    y: 0
    width: parent.width
    height: parent.height
    modal: true
    closePolicy: Popup.NoAutoClose
    padding: 24

    onAboutToShow: name.forceActiveFocus()

    background: Rectangle { color: Theme.panel }

    contentItem: Flickable {
        clip: true
        contentWidth: width
        contentHeight: column.implicitHeight
        ColumnLayout {
            id: column
            width: Math.min(parent.width, 640)
            x: (parent.width - width) / 2
            spacing: Theme.spacing
            Label {
                Layout.fillWidth: true
                text: qsTr("Welcome to OmniTill")
                font.pixelSize: 28
                font.bold: true
                wrapMode: Text.Wrap
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("This till has no staff yet. Create the store's first manager, who can then add everyone else.")
                wrapMode: Text.Wrap
                font.pixelSize: 18
            }
            TextField {
                id: name
                objectName: "setupName"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                placeholderText: qsTr("Manager's name")
                onAccepted: pin.forceActiveFocus()
            }
            TextField {
                id: pin
                objectName: "setupPin"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                echoMode: TextInput.Password
                inputMethodHints: Qt.ImhDigitsOnly | Qt.ImhSensitiveData
                placeholderText: qsTr("PIN (4 to 8 digits)")
                onActiveFocusChanged: if (activeFocus) keypad.target = pin
                onAccepted: pinAgain.forceActiveFocus()
            }
            TextField {
                id: pinAgain
                objectName: "setupPinAgain"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                echoMode: TextInput.Password
                inputMethodHints: Qt.ImhDigitsOnly | Qt.ImhSensitiveData
                placeholderText: qsTr("The same PIN again")
                onActiveFocusChanged: if (activeFocus) keypad.target = pinAgain
                onAccepted: create.clicked()
            }
            Label {
                objectName: "setupMessage"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.messageHeight
                text: StaffSession.message
                color: Theme.danger
                wrapMode: Text.Wrap
                verticalAlignment: Text.AlignVCenter
            }
            NumericKeypad {
                id: keypad
                Layout.fillWidth: true
                Layout.maximumWidth: 360
                Layout.alignment: Qt.AlignHCenter
                decimals: false
                target: pin
            }
            Button {
                id: create
                objectName: "setupCreate"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                text: qsTr("Create manager and sign in")
                highlighted: true
                enabled: name.text.trim().length > 0 && pin.text.length > 0 && pinAgain.text.length > 0
                onClicked: StaffSession.setUpFirstManager(name.text.trim(), pin.text, pinAgain.text)
            }
        }
    }
}

// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// Over the whole till while nobody is signed in: choose your name and type your PIN, or scan your staff badge with
// the hand scanner (TillComposition routes a scan here while the till is locked). The sale underneath stays as it is.
Popup {
    id: root

    objectName: "lockScreen"
    parent: Overlay.overlay
    x: 0
    y: 0
    width: parent.width
    height: parent.height
    modal: true
    closePolicy: Popup.NoAutoClose
    padding: 24

    onAboutToShow: {
        entry.people = StaffSession.people()
        entry.clear()
    }

    background: Rectangle { color: Theme.panel }

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        Label {
            Layout.fillWidth: true
            text: qsTr("OmniTill is locked")
            font.pixelSize: 28
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("Choose your name and type your PIN, or scan your staff badge.")
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
            font.pixelSize: 18
        }
        Label {
            objectName: "lockMessage"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.messageHeight
            text: StaffSession.message
            color: Theme.danger
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
        }
        PinEntry {
            id: entry
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.maximumWidth: 900
            Layout.alignment: Qt.AlignHCenter
            onSubmitted: (staffId, pin) => StaffSession.signIn(staffId, pin)
        }
    }
}

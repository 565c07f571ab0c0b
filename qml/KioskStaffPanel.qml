// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// Staff only: a manager signs in with PIN or badge to end the kiosk (for maintenance; the system's service starts it
// again at boot). Closes by itself after a minute, so a customer who found it is not left in it.
Dialog {
    id: root

    objectName: "kioskStaffPanel"
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(parent.width - 64, 900)
    height: Math.min(parent.height - 64, 900)
    modal: true
    closePolicy: Popup.NoAutoClose
    title: qsTr("Staff: leave the kiosk")
    font.pixelSize: 22

    onClosed: KioskExit.closePanel()
    onOpened: giveUp.restart()

    Timer {
        id: giveUp
        interval: 60000
        onTriggered: root.close()
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        Label {
            objectName: "staffMessage"
            Layout.fillWidth: true
            visible: text.length > 0
            text: KioskExit.message
            color: Theme.danger
            wrapMode: Text.Wrap
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("A manager's PIN, or their badge on the scanner.")
            wrapMode: Text.Wrap
            color: Theme.muted
        }
        PinEntry {
            Layout.fillWidth: true
            Layout.fillHeight: true
            people: KioskExit.staff
            confirmText: qsTr("Leave the kiosk")
            onSubmitted: (staffId, pin) => {
                giveUp.restart()
                KioskExit.leave(staffId, pin)
            }
        }
    }

    footer: DialogButtonBox {
        Button {
            objectName: "staffCancel"
            text: qsTr("Cancel")
            implicitHeight: Theme.touch
            DialogButtonBox.buttonRole: Dialog.RejectRole
        }
    }
}

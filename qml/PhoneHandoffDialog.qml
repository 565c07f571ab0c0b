// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// "Continue on your phone": the sale's basket as a QR code the customer scans with the phone's camera. The page it
// opens lists the basket with prices and stock, and shows a code to bring it back to any till.
Dialog {
    id: root

    objectName: "phoneHandoffDialog"
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(parent.width - 32, 460)
    height: Math.min(parent.height - 32, implicitHeight)
    modal: true
    closePolicy: Popup.CloseOnEscape
    title: qsTr("Continue on the phone")
    visible: HandoffController.phoneUrl.length > 0

    onClosed: HandoffController.closePhone()

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        Label {
            Layout.fillWidth: true
            text: qsTr("The customer scans this with the phone's camera: the basket opens there, with prices and stock.")
            wrapMode: Text.Wrap
        }
        QrCode {
            objectName: "phoneQr"
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 260
            Layout.preferredHeight: 260
            text: HandoffController.phoneUrl
        }
        Label {
            objectName: "phoneUrl"
            Layout.fillWidth: true
            text: HandoffController.phoneUrl
            horizontalAlignment: Text.AlignHCenter
            color: Theme.muted
            elide: Text.ElideMiddle
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("The sale stays on the till: take payment, or void it if the customer pays online.")
            wrapMode: Text.Wrap
            color: Theme.muted
        }
    }

    footer: DialogButtonBox {
        Button {
            objectName: "phoneDone"
            text: qsTr("Done")
            implicitHeight: Theme.touch
            DialogButtonBox.buttonRole: Dialog.AcceptRole
        }
    }
}

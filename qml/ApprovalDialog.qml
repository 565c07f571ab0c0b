// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// A counter action the cashier may not do waits here for a manager on this till: PIN or badge, offline too. Open
// while SaleController.approvalPending; Cancel drops the action.
Dialog {
    id: root

    objectName: "approvalDialog"
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(parent.width - 32, 760)
    height: Math.min(parent.height - 32, implicitHeight)
    modal: true
    closePolicy: Popup.NoAutoClose
    title: qsTr("A manager's approval is needed")

    Connections {
        target: SaleController
        function onApprovalChanged() {
            if (SaleController.approvalPending && !root.opened)
                root.open()
            else if (!SaleController.approvalPending)
                root.close()
        }
    }
    onAboutToShow: entry.clear()

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        Label {
            objectName: "approvalAction"
            Layout.fillWidth: true
            text: qsTr("To %1, a manager signs in here with PIN or badge.").arg(SaleController.approvalAction)
            wrapMode: Text.Wrap
            font.pixelSize: 18
        }
        Label {
            objectName: "approvalMessage"
            Layout.fillWidth: true
            visible: text.length > 0
            text: SaleController.approvalMessage
            color: Theme.danger
            wrapMode: Text.Wrap
        }
        PinEntry {
            id: entry
            Layout.fillWidth: true
            Layout.fillHeight: true
            people: SaleController.approvers
            confirmText: qsTr("Approve")
            onSubmitted: (staffId, pin) => SaleController.approve(staffId, pin)
        }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "approvalCancel"
            text: qsTr("Cancel")
            implicitHeight: Theme.touch
            DialogButtonBox.buttonRole: Dialog.RejectRole
        }
        onRejected: SaleController.cancelApproval()
    }
}

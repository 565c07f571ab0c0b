// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// A counter action the cashier may not do waits here for a manager on this till: PIN or badge, offline too. Open
// while the controller's approvalPending (the sale's, or the return's); Cancel drops the action.
Dialog {
    id: root

    // SaleController or ReturnController: both offer approvalPending, approvalAction, approvalMessage, approvers,
    // approve() and cancelApproval().
    property var controller: SaleController

    objectName: "approvalDialog"
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(parent.width - 32, 760)
    height: Math.min(parent.height - 32, implicitHeight)
    modal: true
    closePolicy: Popup.NoAutoClose
    title: qsTr("A manager's approval is needed")

    Connections {
        target: root.controller
        function onApprovalChanged() {
            if (root.controller.approvalPending && !root.opened)
                root.open()
            else if (!root.controller.approvalPending)
                root.close()
        }
    }
    onAboutToShow: entry.clear()

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        Label {
            objectName: "approvalAction"
            Layout.fillWidth: true
            text: qsTr("To %1, a manager signs in here with PIN or badge.").arg(root.controller.approvalAction)
            wrapMode: Text.Wrap
            font.pixelSize: 18
        }
        Label {
            objectName: "approvalMessage"
            Layout.fillWidth: true
            visible: text.length > 0
            text: root.controller.approvalMessage
            color: Theme.danger
            wrapMode: Text.Wrap
        }
        PinEntry {
            id: entry
            Layout.fillWidth: true
            Layout.fillHeight: true
            people: root.controller.approvers
            confirmText: qsTr("Approve")
            onSubmitted: (staffId, pin) => root.controller.approve(staffId, pin)
        }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "approvalCancel"
            text: qsTr("Cancel")
            implicitHeight: Theme.touch
            DialogButtonBox.buttonRole: Dialog.RejectRole
        }
        onRejected: root.controller.cancelApproval()
    }
}

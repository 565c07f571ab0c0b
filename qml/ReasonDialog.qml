// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// Asks why before a counter action (void, discount, price override): one tap on one of the store's reasons, or a
// reason typed in. Choosing a reason is the confirmation; Cancel does nothing.
Dialog {
    id: root

    property var pendingDone: null

    // Opens the dialog for `action` (what the cashier is about to do); `done(reason)` runs on a choice.
    function ask(action: string, done) {
        root.title = action
        root.pendingDone = done
        other.text = ""
        root.open()
    }

    function choose(reason: string) {
        const done = root.pendingDone
        root.pendingDone = null
        root.close()
        if (done)
            done(reason)
    }

    objectName: "reasonDialog"
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(parent.width - 32, 560)
    height: Math.min(parent.height - 32, implicitHeight)
    modal: true
    closePolicy: Popup.CloseOnEscape

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        Label {
            Layout.fillWidth: true
            text: qsTr("Choose a reason")
            wrapMode: Text.Wrap
        }
        ListView {
            id: reasons
            objectName: "reasonList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredHeight: contentHeight
            clip: true
            spacing: 4
            model: SaleController.reasons
            delegate: Button {
                required property string modelData
                required property int index
                objectName: "reason" + index
                width: reasons.width
                height: Theme.touch
                text: modelData
                onClicked: root.choose(modelData)
            }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            TextField {
                id: other
                objectName: "otherReason"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                placeholderText: qsTr("Other reason")
                onAccepted: if (text.trim().length > 0) root.choose(text.trim())
            }
            Button {
                objectName: "otherReasonButton"
                Layout.preferredHeight: Theme.touch
                text: qsTr("Use")
                enabled: other.text.trim().length > 0
                onClicked: root.choose(other.text.trim())
            }
        }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "reasonCancel"
            text: qsTr("Cancel")
            implicitHeight: Theme.touch
            DialogButtonBox.buttonRole: Dialog.RejectRole
        }
        onRejected: {
            root.pendingDone = null
            root.close()
        }
    }
}

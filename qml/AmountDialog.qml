// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// One number from the keypad (a cart discount in percent, say), then `done(text)`.
Dialog {
    id: root

    property var pendingDone: null

    function ask(title: string, placeholder: string, done) {
        root.title = title
        value.placeholderText = placeholder
        value.text = ""
        root.pendingDone = done
        root.open()
    }
    function finish() {
        const done = root.pendingDone
        const text = value.text
        root.pendingDone = null
        root.close()
        if (done)
            done(text)
    }

    objectName: "amountDialog"
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(parent.width - 32, 420)
    height: Math.min(parent.height - 32, implicitHeight)
    modal: true
    closePolicy: Popup.CloseOnEscape
    onOpened: value.forceActiveFocus()

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        TextField {
            id: value
            objectName: "amountField"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            font.pixelSize: 22
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            onAccepted: if (text.length > 0) root.finish()
        }
        NumericKeypad {
            Layout.fillWidth: true
            target: value
        }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "amountCancel"
            text: qsTr("Cancel")
            implicitHeight: Theme.touch
            DialogButtonBox.buttonRole: Dialog.RejectRole
        }
        Button {
            objectName: "amountOk"
            text: qsTr("OK")
            implicitHeight: Theme.touch
            enabled: value.text.length > 0
            DialogButtonBox.buttonRole: Dialog.ApplyRole
            onClicked: root.finish()
        }
        onRejected: {
            root.pendingDone = null
            root.close()
        }
    }
}

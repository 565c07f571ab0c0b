// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// Selling a gift card as a line of the sale: the value, and the card's number when the customer brings a card to
// activate or top up (scanned or typed); with no number the till makes a new one and prints it once the sale is
// paid. The dialog stays open with the till's message when the card is refused.
Dialog {
    id: root

    property string error

    objectName: "giftCardDialog"
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(parent.width - 32, 460)
    height: Math.min(parent.height - 32, implicitHeight)
    modal: true
    closePolicy: Popup.CloseOnEscape
    title: qsTr("Sell a gift card")

    onAboutToShow: {
        number.text = ""
        value.text = ""
        error = ""
    }
    onOpened: value.forceActiveFocus()

    function add() {
        root.error = ""
        if (SaleController.loadStoredValue(number.text, value.text))
            root.close()
    }

    Connections {
        target: SaleController
        function onErrorOccurred(message: string) {
            if (root.opened)
                root.error = message
        }
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        TextField {
            id: value
            objectName: "giftCardValue"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            font.pixelSize: 22
            placeholderText: qsTr("Value")
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            onAccepted: root.add()
        }
        TextField {
            id: number
            objectName: "giftCardNumber"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            font.pixelSize: 18
            placeholderText: qsTr("Card number (empty = a new card)")
            inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhUppercaseOnly
            onAccepted: root.add()
        }
        Label {
            objectName: "giftCardError"
            Layout.fillWidth: true
            visible: root.error.length > 0
            text: root.error
            color: Theme.danger
            wrapMode: Text.Wrap
        }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "giftCardCancel"
            text: qsTr("Cancel")
            implicitHeight: Theme.touch
            DialogButtonBox.buttonRole: Dialog.RejectRole
        }
        Button {
            objectName: "giftCardAdd"
            text: qsTr("Add to sale")
            implicitHeight: Theme.touch
            enabled: value.text.length > 0
            DialogButtonBox.buttonRole: Dialog.ApplyRole
            onClicked: root.add()
        }
        onRejected: root.close()
    }
}

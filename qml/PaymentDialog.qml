// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// Taking payment, in any mix of tenders. The amount field says how much: cash handed over (less than is left is a
// part payment, empty is exact) or what to charge on the card (empty is all that is left). Card goes through the
// store's card terminal: the dialog says what to charge, then the cashier types or scans the approval code from the
// terminal's slip, or says it was declined; a declined card leaves the sale open. Part payments are listed with
// what is left, and each can be taken back. The dialog closes when the sale completes.
Dialog {
    id: root

    property string error

    objectName: "paymentDialog"
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(parent.width - 32, 760)
    height: Math.min(parent.height - 32, implicitHeight)
    modal: true
    // While a card charge waits for the terminal's answer, the cashier must give it: the dialog does not close.
    closePolicy: SaleController.cardPending ? Popup.NoAutoClose : Popup.CloseOnEscape
    title: SaleController.cardPending ? qsTr("Card payment") : qsTr("Payment")

    onAboutToShow: {
        amount.text = ""
        error = ""
        quick.model = SaleController.quickCash()
        amount.forceActiveFocus()
    }

    Connections {
        target: SaleController
        function onSaleCompleted() { root.close() }
        function onPaymentChanged() {
            root.error = ""
            amount.text = ""
            approval.text = ""
            quick.model = SaleController.quickCash()
            if (SaleController.cardPending)
                approval.forceActiveFocus()
            else
                amount.forceActiveFocus()
        }
        function onErrorOccurred(message: string) {
            if (root.opened)
                root.error = message
        }
    }

    contentItem: GridLayout {
        columns: root.width > 600 ? 2 : 1
        columnSpacing: 24
        rowSpacing: Theme.spacing

        ColumnLayout {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            spacing: Theme.spacing
            Label {
                objectName: "paymentTotal"
                Layout.fillWidth: true
                text: SaleController.tenders.length > 0
                      ? qsTr("Left to pay: %1 %2").arg(SaleController.currency).arg(SaleController.remaining)
                      : qsTr("To pay: %1 %2").arg(SaleController.currency).arg(SaleController.total)
                font.pixelSize: 26
                font.bold: true
                wrapMode: Text.Wrap
            }
            // The part payments taken so far, each with a way to take it back.
            Repeater {
                objectName: "tenderRows"
                model: SaleController.tenders
                delegate: RowLayout {
                    id: tenderRow
                    required property var modelData
                    required property int index
                    readonly property alias text: tenderLabel.text
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    Label {
                        id: tenderLabel
                        objectName: "tender" + tenderRow.index
                        Layout.fillWidth: true
                        text: tenderRow.modelData.reference.length > 0
                              ? qsTr("%1 %2 (approval %3)").arg(tenderRow.modelData.name)
                                    .arg(tenderRow.modelData.amount).arg(tenderRow.modelData.reference)
                              : qsTr("%1 %2").arg(tenderRow.modelData.name).arg(tenderRow.modelData.amount)
                        font.pixelSize: 18
                        elide: Text.ElideRight
                    }
                    Button {
                        objectName: "removeTender" + tenderRow.index
                        implicitHeight: Theme.touch
                        text: qsTr("Take back")
                        onClicked: SaleController.removeTender(tenderRow.modelData.id)
                    }
                }
            }
            Label {
                objectName: "paymentError"
                Layout.fillWidth: true
                visible: root.error.length > 0
                text: root.error
                color: Theme.danger
                wrapMode: Text.Wrap
                font.pixelSize: 16
            }

            // Step one: how much, and which tender.
            ColumnLayout {
                Layout.fillWidth: true
                visible: !SaleController.cardPending
                spacing: Theme.spacing
                TextField {
                    id: amount
                    objectName: "tenderedField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    font.pixelSize: 22
                    placeholderText: qsTr("Amount (empty = all that is left)")
                    inputMethodHints: Qt.ImhFormattedNumbersOnly
                    onAccepted: cash.clicked()
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: 8
                    Repeater {
                        id: quick
                        delegate: Button {
                            required property string modelData
                            required property int index
                            objectName: "quickCash" + index
                            width: Math.max(implicitWidth, 120)
                            height: Theme.touch
                            text: modelData
                            font.pixelSize: 18
                            onClicked: SaleController.payCash(modelData)
                        }
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    Button {
                        id: cash
                        objectName: "cashButton"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        text: qsTr("Cash")
                        highlighted: true
                        onClicked: SaleController.payCash(amount.text)
                    }
                    Button {
                        objectName: "cardButton"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        text: qsTr("Card")
                        onClicked: SaleController.startCard(amount.text)
                    }
                }
                // A gift card or store credit pays the amount (empty: as much as it can of what is left).
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    TextField {
                        id: giftCard
                        objectName: "giftCardField"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        font.pixelSize: 18
                        placeholderText: qsTr("Gift card or credit number")
                        inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhUppercaseOnly
                        onAccepted: giftCardPay.clicked()
                    }
                    Button {
                        id: giftCardPay
                        objectName: "giftCardPayButton"
                        Layout.preferredHeight: Theme.touch
                        text: qsTr("Gift card")
                        enabled: giftCard.text.length > 0
                        onClicked: {
                            if (SaleController.payStoredValue(giftCard.text, amount.text))
                                giftCard.text = ""
                        }
                    }
                }
                // The customer's loyalty points pay (empty: as many as the rest needs and they may redeem).
                RowLayout {
                    objectName: "pointsRow"
                    Layout.fillWidth: true
                    visible: SaleController.loyaltyActive
                    spacing: Theme.spacing
                    TextField {
                        id: points
                        objectName: "pointsField"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        font.pixelSize: 18
                        placeholderText: qsTr("Points (%1)").arg(SaleController.customerDetail)
                        inputMethodHints: Qt.ImhDigitsOnly
                        onAccepted: pointsPay.clicked()
                    }
                    Button {
                        id: pointsPay
                        objectName: "pointsPayButton"
                        Layout.preferredHeight: Theme.touch
                        text: qsTr("Points")
                        onClicked: {
                            if (SaleController.payPoints(points.text))
                                points.text = ""
                        }
                    }
                }
                // The chain's rewards: a fixed number of points for a fixed amount off.
                Flow {
                    objectName: "rewards"
                    Layout.fillWidth: true
                    visible: SaleController.loyaltyActive && SaleController.rewards.length > 0
                    spacing: Theme.spacing
                    Repeater {
                        model: SaleController.rewards
                        delegate: Button {
                            required property var modelData
                            required property int index
                            objectName: "reward" + index
                            height: Theme.touch
                            text: qsTr("%1: %2 points, %3").arg(modelData.name).arg(modelData.points).arg(modelData.value)
                            onClicked: SaleController.redeemReward(modelData.id)
                        }
                    }
                }
            }

            // Step two for a card: the terminal's answer.
            ColumnLayout {
                Layout.fillWidth: true
                visible: SaleController.cardPending
                spacing: Theme.spacing
                Label {
                    objectName: "cardCharge"
                    Layout.fillWidth: true
                    text: qsTr("Charge %1 %2 on the card terminal, then enter the approval code from its slip.")
                              .arg(SaleController.currency).arg(SaleController.cardAmount)
                    wrapMode: Text.Wrap
                    font.pixelSize: 18
                }
                TextField {
                    id: approval
                    objectName: "approvalField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    font.pixelSize: 22
                    font.capitalization: Font.AllUppercase
                    placeholderText: qsTr("Approval code")
                    inputMethodHints: Qt.ImhUppercaseOnly | Qt.ImhNoPredictiveText
                    onAccepted: approved.clicked()
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    Button {
                        id: approved
                        objectName: "cardApproved"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        text: qsTr("Approved")
                        highlighted: true
                        onClicked: SaleController.cardApproved(approval.text)
                    }
                    Button {
                        objectName: "cardDeclined"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        text: qsTr("Declined")
                        onClicked: {
                            if (SaleController.cardDeclined("declined"))
                                root.error = qsTr("Declined: nothing was charged and the sale is still open.")
                        }
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    Button {
                        objectName: "cardCancelled"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        text: qsTr("Cancelled on the terminal")
                        onClicked: {
                            if (SaleController.cardDeclined("cancelled on the terminal"))
                                root.error = qsTr("Cancelled: nothing was charged and the sale is still open.")
                        }
                    }
                    Button {
                        objectName: "cardBack"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        text: qsTr("Not charged")
                        onClicked: SaleController.cancelCard()
                    }
                }
            }
        }
        NumericKeypad {
            Layout.fillWidth: true
            Layout.maximumWidth: 320
            Layout.alignment: Qt.AlignTop | Qt.AlignHCenter
            target: SaleController.cardPending ? approval : amount
        }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "paymentCancel"
            enabled: !SaleController.cardPending
            text: qsTr("Close")
            implicitHeight: Theme.touch
            DialogButtonBox.buttonRole: Dialog.RejectRole
        }
        onRejected: root.close()
    }
}

// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// The Returns page: scan the receipt's QR code (or type a receipt or online order number), choose how many of each
// line come back and whether they go back on the shelf, see where the refund goes, and take it back. Without a
// receipt the items are scanned. ReturnController (core) finds the original, checks and records; a scan while this
// page is shown comes here.
Pane {
    id: root

    readonly property bool portrait: width < height
    readonly property var original: ReturnController.original
    readonly property bool open: original.receiptNo !== undefined || ReturnController.withoutReceipt

    padding: Theme.spacing

    GridLayout {
        anchors.fill: parent
        columns: root.portrait ? 1 : 2
        columnSpacing: 16
        rowSpacing: Theme.spacing

        // Finding the original, and what comes back.
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: root.portrait ? root.availableWidth : Math.round(root.availableWidth * 0.6)
            spacing: Theme.spacing

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                TextField {
                    id: findField
                    objectName: "returnFind"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    font.pixelSize: 18
                    placeholderText: qsTr("Scan the receipt's QR code, or type its number")
                    onAccepted: {
                        if (ReturnController.find(text))
                            text = ""
                    }
                }
                Button {
                    objectName: "returnFindButton"
                    Layout.preferredHeight: Theme.touch
                    text: qsTr("Find")
                    enabled: findField.text.trim().length > 0
                    onClicked: findField.accepted()
                }
                Button {
                    objectName: "returnNoReceipt"
                    Layout.preferredHeight: Theme.touch
                    text: qsTr("No receipt")
                    onClicked: ReturnController.startWithoutReceipt()
                }
            }

            Label {
                objectName: "returnDone"
                Layout.fillWidth: true
                visible: text.length > 0
                text: ReturnController.done
                wrapMode: Text.Wrap
                font.pixelSize: 18
                font.bold: true
                color: Theme.success
            }

            Frame {
                objectName: "returnOriginal"
                Layout.fillWidth: true
                visible: root.open
                ColumnLayout {
                    anchors.fill: parent
                    spacing: 4
                    Label {
                        Layout.fillWidth: true
                        font.pixelSize: 20
                        font.bold: true
                        text: ReturnController.withoutReceipt ? qsTr("Return without a receipt")
                            : qsTr("%1 · %2").arg(root.original.receiptNo ?? "").arg(root.original.channel ?? "")
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: !ReturnController.withoutReceipt
                        text: qsTr("%1 · paid %2 · %3 can still come back").arg(root.original.date ?? "")
                            .arg(root.original.total ?? "").arg(root.original.returnable ?? "")
                        wrapMode: Text.Wrap
                    }
                    Label {
                        objectName: "returnSource"
                        Layout.fillWidth: true
                        text: ReturnController.withoutReceipt
                            ? qsTr("Scan each item. The refund is store credit unless a manager allows otherwise.")
                            : (root.original.sourceText ?? "")
                        wrapMode: Text.Wrap
                        color: Theme.muted
                    }
                }
            }

            ListView {
                id: lineList
                objectName: "returnLines"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: 4
                model: ReturnController.lines
                delegate: Frame {
                    id: lineRow
                    required property var modelData
                    required property int index
                    width: ListView.view.width
                    opacity: modelData.none ? 0.5 : 1
                    RowLayout {
                        anchors.fill: parent
                        spacing: Theme.spacing
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 2
                            Label {
                                Layout.fillWidth: true
                                text: lineRow.modelData.name
                                font.bold: true
                                elide: Text.ElideRight
                            }
                            Label {
                                Layout.fillWidth: true
                                color: Theme.muted
                                text: lineRow.modelData.scanned ? lineRow.modelData.sku
                                    : lineRow.modelData.none ? qsTr("bought %1, all returned").arg(lineRow.modelData.bought)
                                    : qsTr("bought %1 · returned %2 · up to %3 can come back")
                                        .arg(lineRow.modelData.bought).arg(lineRow.modelData.returned)
                                        .arg(lineRow.modelData.returnable)
                                elide: Text.ElideRight
                            }
                        }
                        TextField {
                            objectName: "returnQty_" + lineRow.index
                            Layout.preferredWidth: 90
                            Layout.preferredHeight: Theme.touch
                            horizontalAlignment: Text.AlignRight
                            enabled: !lineRow.modelData.none
                            text: lineRow.modelData.qty
                            inputMethodHints: Qt.ImhFormattedNumbersOnly
                            onEditingFinished: {
                                if (text !== lineRow.modelData.qty)
                                    ReturnController.setQuantity(lineRow.index, text)
                            }
                        }
                        Label {
                            Layout.preferredWidth: 100
                            horizontalAlignment: Text.AlignRight
                            text: lineRow.modelData.amount
                            font.bold: true
                        }
                        CheckBox {
                            objectName: "returnRestock_" + lineRow.index
                            Layout.preferredHeight: Theme.minTouch
                            text: qsTr("Restock")
                            checked: lineRow.modelData.restock
                            enabled: !lineRow.modelData.none
                            onToggled: ReturnController.setRestock(lineRow.index, checked)
                        }
                    }
                }
                Label {
                    anchors.centerIn: parent
                    width: parent.width - 32
                    visible: lineList.count === 0
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    color: Theme.muted
                    font.pixelSize: 18
                    text: !root.open ? qsTr("Scan the QR code on the receipt, or type the receipt or online order number. "
                                            + "Any store's receipt, and online orders, can come back here.")
                        : qsTr("Scan the items that come back.")
                }
            }
        }

        // The refund.
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: !root.portrait
            Layout.alignment: Qt.AlignTop
            spacing: Theme.spacing
            visible: root.open

            Label {
                objectName: "returnTotal"
                Layout.fillWidth: true
                text: qsTr("Refund %1").arg(ReturnController.total)
                font.pixelSize: 28
                font.bold: true
            }
            Repeater {
                model: ReturnController.refunds
                delegate: RowLayout {
                    id: refundRow
                    required property var modelData
                    Layout.fillWidth: true
                    Label {
                        Layout.fillWidth: true
                        text: refundRow.modelData.name
                        font.pixelSize: 18
                    }
                    Label {
                        text: refundRow.modelData.amount
                        font.pixelSize: 18
                        font.bold: true
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: 4
                Label {
                    text: qsTr("Refund to")
                }
                ComboBox {
                    id: refundTo
                    objectName: "returnRefundTo"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.minTouch
                    textRole: "text"
                    valueRole: "kind"
                    model: [
                        { kind: "", text: ReturnController.withoutReceipt ? qsTr("Store credit") : qsTr("How it was paid") },
                        { kind: "cash", text: qsTr("Cash (manager)") },
                        { kind: "card", text: qsTr("Card (manager)") },
                        { kind: "store_credit", text: qsTr("Store credit") }
                    ]
                    currentIndex: Math.max(0, indexOfValue(ReturnController.refundKind))
                    onActivated: ReturnController.setRefundKind(currentValue)
                }
            }
            TextField {
                id: cardCode
                objectName: "returnCardCode"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                visible: ReturnController.needsCardCode
                placeholderText: qsTr("Card terminal's approval code for the refund")
            }
            TextField {
                id: giftCard
                objectName: "returnGiftCard"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                visible: ReturnController.needsGiftCard
                placeholderText: qsTr("Scan or type the gift card that paid")
            }
            TextField {
                id: reason
                objectName: "returnReason"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                placeholderText: qsTr("Why does it come back? (wrong size, faulty, …)")
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                Button {
                    objectName: "returnClear"
                    Layout.preferredHeight: Theme.touch
                    text: qsTr("Cancel")
                    onClicked: ReturnController.clear()
                }
                Button {
                    objectName: "returnExchange"
                    Layout.preferredHeight: Theme.touch
                    enabled: ReturnController.refunds.length > 0 && reason.text.trim().length > 0
                    text: qsTr("Exchange")
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("What comes back pays toward other goods, in one sale")
                    onClicked: {
                        if (ReturnController.exchange(reason.text, cardCode.text)) {
                            reason.clear()
                            cardCode.clear()
                            giftCard.clear()
                        }
                    }
                }
                Button {
                    objectName: "returnComplete"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    highlighted: true
                    enabled: ReturnController.refunds.length > 0 && reason.text.trim().length > 0
                    text: qsTr("Take back and refund")
                    onClicked: {
                        if (ReturnController.complete(reason.text, cardCode.text, giftCard.text)) {
                            reason.clear()
                            cardCode.clear()
                            giftCard.clear()
                        }
                    }
                }
            }
            Item {
                Layout.fillHeight: true
            }
        }
    }
}

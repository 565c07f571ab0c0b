// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// Taking payment: the cash handed over on the keypad or one tap on a quick-cash amount (the exact total, then the
// next round notes), or card. Amounts are typed the store's way ("50,00" in a German store).
Dialog {
    id: root

    objectName: "paymentDialog"
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(parent.width - 32, 720)
    height: Math.min(parent.height - 32, implicitHeight)
    modal: true
    closePolicy: Popup.CloseOnEscape
    title: qsTr("Payment")

    onAboutToShow: {
        tendered.text = ""
        quick.model = SaleController.quickCash()
        tendered.forceActiveFocus()
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
                text: qsTr("To pay: %1 %2").arg(SaleController.currency).arg(SaleController.total)
                font.pixelSize: 26
                font.bold: true
                wrapMode: Text.Wrap
            }
            TextField {
                id: tendered
                objectName: "tenderedField"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                font.pixelSize: 22
                placeholderText: qsTr("Cash handed over (empty = exact)")
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
                        onClicked: if (SaleController.payCash(modelData)) root.close()
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
                    onClicked: if (SaleController.payCash(tendered.text)) root.close()
                }
                Button {
                    objectName: "cardButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    text: qsTr("Card")
                    onClicked: if (SaleController.payCard()) root.close()
                }
            }
        }
        NumericKeypad {
            Layout.fillWidth: true
            Layout.maximumWidth: 320
            Layout.alignment: Qt.AlignTop | Qt.AlignHCenter
            target: tendered
        }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "paymentCancel"
            text: qsTr("Cancel")
            implicitHeight: Theme.touch
            DialogButtonBox.buttonRole: Dialog.RejectRole
        }
        onRejected: root.close()
    }
}

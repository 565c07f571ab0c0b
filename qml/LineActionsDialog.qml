// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// What can be done to one line of the sale: a new quantity, a price override or a line discount in percent (both
// with a reason, and a manager's approval where the role asks for one), or voiding the line. Numbers come from the
// keypad, typed the store's way.
Dialog {
    id: root

    property int row: -1
    property string lineName
    property string mode: "quantity"
    signal reasonNeeded(string action, var done)

    function show(row: int, name: string, quantity: string) {
        root.row = row
        root.lineName = name
        root.mode = "quantity"
        value.text = quantity
        root.open()
    }

    function apply() {
        const row = root.row
        const text = value.text
        if (root.mode === "quantity") {
            if (SaleController.setQuantity(row, text))
                root.close()
            return
        }
        root.close()
        if (root.mode === "price")
            root.reasonNeeded(qsTr("Override the price"), (reason) => SaleController.overridePrice(row, text, reason))
        else
            root.reasonNeeded(qsTr("Discount the line"), (reason) => SaleController.setLineDiscountPercent(row, text, reason))
    }

    objectName: "lineActions"
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(parent.width - 32, 720)
    height: Math.min(parent.height - 32, implicitHeight)
    modal: true
    closePolicy: Popup.CloseOnEscape
    title: root.lineName

    contentItem: GridLayout {
        columns: root.width > 600 ? 2 : 1
        columnSpacing: 24
        rowSpacing: Theme.spacing

        ColumnLayout {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            spacing: Theme.spacing
            RowLayout {
                Layout.fillWidth: true
                spacing: 8
                Repeater {
                    model: [
                        { mode: "quantity", label: qsTr("Quantity") },
                        { mode: "price", label: qsTr("Price") },
                        { mode: "discount", label: qsTr("Discount %") }
                    ]
                    delegate: Button {
                        required property var modelData
                        objectName: "mode_" + modelData.mode
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        checkable: true
                        checked: root.mode === modelData.mode
                        text: modelData.label
                        onClicked: {
                            root.mode = modelData.mode
                            value.text = ""
                            value.forceActiveFocus()
                        }
                    }
                }
            }
            TextField {
                id: value
                objectName: "lineValue"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                font.pixelSize: 22
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                placeholderText: root.mode === "quantity" ? qsTr("New quantity")
                               : root.mode === "price" ? qsTr("New unit price %1").arg(SaleController.currency)
                               : qsTr("Discount in percent")
                onAccepted: root.apply()
            }
            Button {
                objectName: "lineApply"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                text: qsTr("Apply")
                highlighted: true
                enabled: value.text.length > 0
                onClicked: root.apply()
            }
            Button {
                objectName: "lineVoid"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                text: qsTr("Void this line")
                onClicked: {
                    const row = root.row
                    root.close()
                    root.reasonNeeded(qsTr("Void the line"), (reason) => SaleController.voidLine(row, reason))
                }
            }
        }
        NumericKeypad {
            Layout.fillWidth: true
            Layout.maximumWidth: 320
            Layout.alignment: Qt.AlignTop | Qt.AlignHCenter
            target: value
        }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "lineCancel"
            text: qsTr("Cancel")
            implicitHeight: Theme.touch
            DialogButtonBox.buttonRole: Dialog.RejectRole
        }
        onRejected: root.close()
    }
}

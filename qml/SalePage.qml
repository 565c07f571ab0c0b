// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

Pane {
    id: root

    signal scanned()

    RowLayout {
        anchors.fill: parent
        spacing: 16

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true

            RowLayout {
                Layout.fillWidth: true
                TextField {
                    id: scanField
                    objectName: "scanField"
                    Layout.fillWidth: true
                    focus: true
                    placeholderText: qsTr("Scan or type a barcode or SKU, then Enter")
                    font.pixelSize: 18
                    onAccepted: {
                        if (SaleController.scan(text))
                            root.scanned()
                        text = ""
                    }
                }
                Button {
                    id: cameraButton
                    objectName: "cameraButton"
                    text: qsTr("Camera")
                    checkable: true
                    onToggled: scanField.forceActiveFocus()
                }
            }

            // The camera (and QtMultimedia with it) is created only when the cashier turns it on.
            Loader {
                objectName: "cameraLoader"
                Layout.fillWidth: true
                Layout.preferredHeight: 240
                visible: active
                active: cameraButton.checked
                // By URL: a component declared in this file would be bound to it, and Qt 6.4's Loader refuses those.
                source: Qt.resolvedUrl("CameraScanPanel.qml")
            }

            ListView {
                id: cartView
                objectName: "cartView"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: SaleController.lines
                delegate: CartLineDelegate {
                    width: cartView.width
                    onRemoveRequested: (row) => SaleController.voidLine(row, qsTr("removed at the till"))
                    onQuantityEdited: (row, quantity) => SaleController.setQuantity(row, quantity)
                }
                Label {
                    anchors.centerIn: parent
                    visible: cartView.count === 0
                    text: qsTr("The cart is empty")
                    opacity: 0.6
                }
            }
        }

        ColumnLayout {
            Layout.preferredWidth: 380
            Layout.maximumWidth: 380
            Layout.fillWidth: false
            Layout.fillHeight: true

            TextField {
                id: searchField
                objectName: "searchField"
                Layout.fillWidth: true
                placeholderText: qsTr("Search by name")
                onTextEdited: CatalogSearchModel.query = text
            }
            ListView {
                id: searchView
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: CatalogSearchModel
                delegate: SearchResultDelegate {
                    width: searchView.width
                    onChosen: (sku) => {
                        if (SaleController.scan(sku))
                            root.scanned()
                        scanField.forceActiveFocus()
                    }
                }
            }
            TotalsCard {
                Layout.fillWidth: true
            }
            RowLayout {
                Layout.fillWidth: true
                Button {
                    text: qsTr("Void")
                    enabled: SaleController.lineCount > 0
                    onClicked: SaleController.voidSale(qsTr("voided at the till"))
                }
                Item { Layout.fillWidth: true }
                Button {
                    objectName: "payButton"
                    text: qsTr("Pay %1 %2").arg(SaleController.currency).arg(SaleController.total)
                    enabled: SaleController.lineCount > 0
                    highlighted: true
                    onClicked: paymentDialog.open()
                }
            }
        }
    }

    PaymentDialog {
        id: paymentDialog
        anchors.centerIn: parent
        onClosed: scanField.forceActiveFocus()
    }
}

// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// A product scanned: its price (per kg, l or m for goods sold by measure), a running promotion and its end, the
// stock here and in the stores nearby with when it was counted, and its page for the phone as a QR code.
Flickable {
    id: root
    objectName: "productScreen"

    readonly property var product: KioskSession.product

    contentHeight: column.implicitHeight
    clip: true
    boundsBehavior: Flickable.StopAtBounds

    ColumnLayout {
        id: column
        width: root.width
        spacing: 16

        Label {
            objectName: "productName"
            Layout.fillWidth: true
            text: root.product.name ?? ""
            font.pixelSize: 44
            font.bold: true
            wrapMode: Text.Wrap
        }
        Label {
            Layout.fillWidth: true
            visible: text.length > 0
            text: root.product.brand ?? ""
            font.pixelSize: 26
            color: Theme.muted
            elide: Text.ElideRight
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: 24
            Label {
                objectName: "productPrice"
                text: (root.product.total ?? "").length > 0 ? root.product.total : (root.product.price ?? "")
                font.pixelSize: 72
                font.bold: true
                color: (root.product.regularPrice ?? "").length > 0 ? Theme.danger : palette.windowText
            }
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 4
                Label {
                    objectName: "productRegular"
                    Layout.fillWidth: true
                    visible: (root.product.regularPrice ?? "").length > 0
                    text: qsTr("Offer until %1, then %2").arg(root.product.promotionUntil ?? "")
                                                          .arg(root.product.regularPrice ?? "")
                    font.pixelSize: 24
                    wrapMode: Text.Wrap
                }
                Label {
                    objectName: "productUnitPrice"
                    Layout.fillWidth: true
                    visible: text.length > 0
                    text: (root.product.quantity ?? "").length > 0
                          ? qsTr("%1 at %2").arg(root.product.quantity).arg(root.product.unitPrice ?? "")
                          : (root.product.unitPrice ?? "")
                    font.pixelSize: 24
                    color: Theme.muted
                    wrapMode: Text.Wrap
                }
            }
        }

        GridLayout {
            Layout.fillWidth: true
            columns: root.width > 900 ? 2 : 1
            columnSpacing: 32
            rowSpacing: 16

            ColumnLayout {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                spacing: 8
                Label {
                    text: qsTr("In this store")
                    font.pixelSize: 24
                    font.bold: true
                }
                Label {
                    objectName: "stockHere"
                    Layout.fillWidth: true
                    text: (root.product.stockHere ?? "").length > 0 ? root.product.stockHere
                                                                    : qsTr("Ask a member of staff")
                    font.pixelSize: 30
                    wrapMode: Text.Wrap
                }
                Label {
                    Layout.fillWidth: true
                    visible: (root.product.stockNearby ?? []).length > 0
                    text: qsTr("Nearby")
                    font.pixelSize: 24
                    font.bold: true
                }
                // One label for all the nearby stores: a kiosk shows thousands of products a day, and delegates made
                // for each would each leave memory behind (tests/bench/bench_kiosk_soak.cpp).
                Label {
                    objectName: "stockNearby"
                    Layout.fillWidth: true
                    visible: text.length > 0
                    text: (root.product.stockNearby ?? []).map(s => qsTr("%1: %2").arg(s.store).arg(s.stock)).join("\n")
                    font.pixelSize: 24
                    wrapMode: Text.Wrap
                }
                Label {
                    objectName: "stockAsOf"
                    Layout.fillWidth: true
                    visible: text.length > 0
                    text: root.product.asOf ?? ""
                    font.pixelSize: 20
                    color: Theme.muted
                    wrapMode: Text.Wrap
                }
            }

            ColumnLayout {
                Layout.alignment: Qt.AlignTop | Qt.AlignHCenter
                visible: (root.product.phoneUrl ?? "").length > 0
                spacing: 8
                QrCode {
                    objectName: "productQr"
                    Layout.alignment: Qt.AlignHCenter
                    Layout.preferredWidth: 240
                    Layout.preferredHeight: 240
                    text: root.product.phoneUrl ?? ""
                }
                Label {
                    Layout.preferredWidth: 300
                    text: qsTr("Continue on your phone: scan this with its camera.")
                    font.pixelSize: 20
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.topMargin: 16
            spacing: 16
            Button {
                objectName: "addToBasket"
                Layout.fillWidth: true
                Layout.preferredHeight: 88
                text: qsTr("Add to basket")
                highlighted: true
                font.pixelSize: 28
                onClicked: KioskSession.addToBasket()
            }
            Button {
                objectName: "productBasket"
                Layout.fillWidth: true
                Layout.preferredHeight: 88
                visible: KioskSession.basketCount > 0
                text: qsTr("Basket (%1)").arg(KioskSession.basketCount)
                font.pixelSize: 28
                onClicked: KioskSession.showBasket()
            }
            Button {
                objectName: "productDone"
                Layout.fillWidth: true
                Layout.preferredHeight: 88
                text: qsTr("Done")
                font.pixelSize: 28
                onClicked: KioskSession.reset()
            }
        }
    }
}

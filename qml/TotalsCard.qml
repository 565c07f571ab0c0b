// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

Frame {
    id: root

    GridLayout {
        anchors.fill: parent
        columns: 2
        Label { text: qsTr("Subtotal") }
        Label { Layout.alignment: Qt.AlignRight; text: SaleController.subtotal }
        Label { text: qsTr("Discounts") }
        Label { Layout.alignment: Qt.AlignRight; text: SaleController.discount }
        Label { text: qsTr("Included tax") }
        Label { Layout.alignment: Qt.AlignRight; text: SaleController.tax }
        Label {
            text: qsTr("Total %1").arg(SaleController.currency)
            font.bold: true
            font.pixelSize: 22
        }
        Label {
            objectName: "totalLabel"
            Layout.alignment: Qt.AlignRight
            text: SaleController.total
            font.bold: true
            font.pixelSize: 22
        }
    }
}

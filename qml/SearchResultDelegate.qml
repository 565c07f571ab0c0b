// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// A search hit: name, SKU and brand, the price now and the stock here, so two items of the same name can be told
// apart.
ItemDelegate {
    id: root

    required property string sku
    required property string name
    required property string brand
    required property string price
    required property string stock

    signal chosen(string sku)

    implicitHeight: Math.max(Theme.touch, implicitContentHeight + topPadding + bottomPadding)
    onClicked: root.chosen(root.sku)

    contentItem: RowLayout {
        spacing: 8
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            Label {
                Layout.fillWidth: true
                text: root.name
                elide: Text.ElideRight
                font.pixelSize: 16
            }
            Label {
                Layout.fillWidth: true
                text: root.brand.length > 0 ? qsTr("%1 · %2").arg(root.sku).arg(root.brand) : root.sku
                elide: Text.ElideRight
                color: Theme.muted
            }
        }
        ColumnLayout {
            spacing: 2
            Label {
                objectName: "hitPrice"
                Layout.alignment: Qt.AlignRight
                text: root.price
                font.pixelSize: 16
                font.bold: true
            }
            Label {
                objectName: "hitStock"
                Layout.alignment: Qt.AlignRight
                visible: root.stock.length > 0
                text: root.stock
                color: Theme.muted
            }
        }
    }
}

// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// One tile of the favourites and category grid: an item (name, price, stock here) rings up on a tap; a category
// opens its items.
ItemDelegate {
    id: root

    required property int index
    required property string kind
    required property string code
    required property string name
    required property string price
    required property string stock

    readonly property bool isCategory: kind === "category"
    signal itemChosen(string sku)
    signal categoryChosen(string code)

    objectName: "tile" + index
    onClicked: isCategory ? root.categoryChosen(root.code) : root.itemChosen(root.code)

    background: Rectangle {
        radius: 6
        color: root.down ? Qt.darker(base, 1.1) : base
        border.color: root.isCategory ? Theme.accent : "#d0d4da"
        readonly property color base: root.isCategory ? "#e4ecf7" : Theme.panel
    }

    contentItem: ColumnLayout {
        spacing: 2
        Label {
            Layout.fillWidth: true
            Layout.fillHeight: true
            text: root.name
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            font.pixelSize: 15
            font.bold: root.isCategory
            verticalAlignment: root.isCategory ? Text.AlignVCenter : Text.AlignTop
        }
        Label {
            objectName: "tilePrice"
            visible: !root.isCategory
            text: root.price
            font.bold: true
        }
        Label {
            objectName: "tileStock"
            Layout.fillWidth: true
            visible: !root.isCategory && root.stock.length > 0
            text: root.stock
            color: Theme.muted
            elide: Text.ElideRight
        }
    }
}

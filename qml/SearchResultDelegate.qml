// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick.Controls

ItemDelegate {
    id: root

    required property string sku
    required property string name
    required property string brand

    signal chosen(string sku)

    text: root.name
    onClicked: root.chosen(root.sku)
    ToolTip.visible: hovered
    ToolTip.text: qsTr("%1 · %2").arg(root.sku).arg(root.brand)
}

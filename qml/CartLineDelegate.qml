// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ItemDelegate {
    id: root

    required property int index
    required property string name
    required property string sku
    required property string quantity
    required property string unit
    required property string unitPrice
    required property string discount
    required property string total

    signal removeRequested(int row)
    signal quantityEdited(int row, string quantity)

    contentItem: RowLayout {
        spacing: 12
        ColumnLayout {
            Layout.fillWidth: true
            Label {
                text: root.name
                font.pixelSize: 16
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: qsTr("%1 · %2 %3 × %4").arg(root.sku).arg(root.quantity).arg(root.unit).arg(root.unitPrice)
                opacity: 0.7
            }
        }
        TextField {
            Layout.preferredWidth: 80
            text: root.quantity
            horizontalAlignment: Text.AlignRight
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            onEditingFinished: if (text !== root.quantity) root.quantityEdited(root.index, text)
        }
        Label {
            visible: root.discount.length > 0
            text: root.discount
            color: "#b3261e"
        }
        Label {
            Layout.preferredWidth: 90
            horizontalAlignment: Text.AlignRight
            text: root.total
            font.pixelSize: 16
            font.bold: true
        }
        ToolButton {
            text: "×"
            font.pixelSize: 20
            onClicked: root.removeRequested(root.index)
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Remove line")
        }
    }
}

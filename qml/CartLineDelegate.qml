// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// One line of the sale: one tap on − or + changes the quantity by one; a tap on the line opens what else can be done
// to it (quantity, price, discount, void).
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
    required property string note

    signal stepRequested(int row, int delta, bool last)
    signal actionsRequested(int row, string name, string quantity)

    implicitHeight: Math.max(Theme.touch + 8, implicitContentHeight + topPadding + bottomPadding)
    onClicked: root.actionsRequested(root.index, root.name, root.quantity)

    contentItem: RowLayout {
        spacing: 8
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            Label {
                Layout.fillWidth: true
                text: root.name
                font.pixelSize: 17
                elide: Text.ElideRight
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("%1 · %2 per %3").arg(root.sku).arg(root.unitPrice).arg(root.unit)
                elide: Text.ElideRight
                color: Theme.muted
            }
            // An online cart's line: its online price and the stock here.
            Label {
                objectName: "lineNote"
                Layout.fillWidth: true
                visible: root.note.length > 0
                text: root.note
                color: Theme.accent
                elide: Text.ElideRight
            }
            Label {
                objectName: "lineDiscount"
                Layout.fillWidth: true
                visible: root.discount.length > 0
                text: qsTr("Discount %1").arg(root.discount)
                color: Theme.danger
                elide: Text.ElideRight
            }
        }
        Button {
            objectName: "minusButton"
            Layout.preferredWidth: Theme.minTouch
            Layout.preferredHeight: Theme.minTouch
            text: "−"
            font.pixelSize: 22
            focusPolicy: Qt.NoFocus
            Accessible.name: qsTr("One less")
            onClicked: root.stepRequested(root.index, -1, root.quantity === "1")
        }
        Label {
            objectName: "lineQuantity"
            Layout.preferredWidth: 64
            horizontalAlignment: Text.AlignHCenter
            text: root.quantity
            font.pixelSize: 17
            elide: Text.ElideRight
        }
        Button {
            objectName: "plusButton"
            Layout.preferredWidth: Theme.minTouch
            Layout.preferredHeight: Theme.minTouch
            text: "+"
            font.pixelSize: 22
            focusPolicy: Qt.NoFocus
            Accessible.name: qsTr("One more")
            onClicked: root.stepRequested(root.index, 1, false)
        }
        Label {
            objectName: "lineTotal"
            Layout.preferredWidth: 96
            horizontalAlignment: Text.AlignRight
            text: root.total
            font.pixelSize: 17
            font.bold: true
            elide: Text.ElideLeft
        }
    }
}

// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// The products the customer put aside: each can come off again; the basket goes on to a till (paid there) and to the
// phone in one step.
ColumnLayout {
    objectName: "basketScreen"
    spacing: 16

    Label {
        Layout.fillWidth: true
        text: qsTr("Your basket")
        font.pixelSize: 44
        font.bold: true
    }
    ListView {
        id: lines
        objectName: "basketLines"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        spacing: 8
        model: KioskSession.basketModel
        delegate: Rectangle {
            id: line
            required property string name
            required property string quantity
            required property string total
            required property int index
            width: lines.width
            height: 96
            radius: 10
            color: Theme.panel
            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: 16
                anchors.rightMargin: 8
                spacing: 16
                Label {
                    Layout.fillWidth: true
                    text: qsTr("%1 × %2").arg(line.quantity).arg(line.name)
                    font.pixelSize: 26
                    elide: Text.ElideRight
                }
                Label {
                    text: line.total
                    font.pixelSize: 28
                    font.bold: true
                }
                Button {
                    objectName: "removeLine" + line.index
                    Layout.preferredWidth: 160
                    Layout.preferredHeight: 72
                    text: qsTr("Remove")
                    font.pixelSize: 22
                    onClicked: KioskSession.removeFromBasket(line.index)
                }
            }
        }
        Label {
            anchors.centerIn: parent
            visible: lines.count === 0
            text: qsTr("Empty: scan a product and add it.")
            color: Theme.muted
        }
    }
    RowLayout {
        Layout.fillWidth: true
        Label {
            Layout.fillWidth: true
            text: qsTr("Total")
            font.pixelSize: 32
        }
        Label {
            objectName: "basketTotal"
            text: KioskSession.basketTotal
            font.pixelSize: 44
            font.bold: true
        }
    }
    Label {
        Layout.fillWidth: true
        text: qsTr("Pay at any till: the cashier scans your basket's code. Or take it with you on your phone.")
        font.pixelSize: 22
        color: Theme.muted
        wrapMode: Text.Wrap
    }
    RowLayout {
        Layout.fillWidth: true
        spacing: 16
        Button {
            objectName: "handOn"
            Layout.fillWidth: true
            Layout.preferredHeight: 88
            enabled: lines.count > 0
            highlighted: true
            text: qsTr("Pay at the till or on my phone")
            font.pixelSize: 26
            onClicked: KioskSession.handOn()
        }
        Button {
            objectName: "basketDone"
            Layout.preferredWidth: 220
            Layout.preferredHeight: 88
            text: qsTr("Start again")
            font.pixelSize: 26
            onClicked: KioskSession.reset()
        }
    }
}

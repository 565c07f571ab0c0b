// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// The basket went on: one code for the till (the cashier scans it, the customer pays there), one for the phone (the
// basket's page, with a code to bring it to any till later).
ColumnLayout {
    objectName: "handoffScreen"
    spacing: 24

    Label {
        Layout.fillWidth: true
        text: qsTr("Your basket is ready")
        font.pixelSize: 44
        font.bold: true
        wrapMode: Text.Wrap
    }
    GridLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        columns: width > 760 ? 2 : 1
        columnSpacing: 32
        rowSpacing: 24
        ColumnLayout {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            spacing: 8
            Label {
                Layout.fillWidth: true
                text: qsTr("At the till: show this to the cashier")
                font.pixelSize: 26
                font.bold: true
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
            }
            QrCode {
                objectName: "tillQr"
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: 300
                Layout.preferredHeight: 300
                text: KioskSession.tillCode
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("It works once, at a till of this store, for the next 15 minutes. The phone's page makes a new one.")
                font.pixelSize: 20
                color: Theme.muted
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
            }
        }
        ColumnLayout {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            spacing: 8
            Label {
                Layout.fillWidth: true
                text: qsTr("On your phone: scan this with its camera")
                font.pixelSize: 26
                font.bold: true
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
            }
            QrCode {
                objectName: "phoneQr"
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: 300
                Layout.preferredHeight: 300
                text: KioskSession.phoneUrl
            }
        }
    }
    Button {
        objectName: "handoffDone"
        Layout.fillWidth: true
        Layout.preferredHeight: 88
        text: qsTr("Done")
        font.pixelSize: 28
        onClicked: KioskSession.reset()
    }
}

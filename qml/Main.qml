// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

ApplicationWindow {
    id: root

    width: 1180
    height: 760
    visible: true
    title: qsTr("OmniTill")

    // The single place where the cashier is told about problems.
    function showError(message: string) {
        errorBanner.text = message
        errorBanner.visible = true
        errorTimer.restart()
    }

    Connections {
        target: SaleController
        function onErrorOccurred(message: string) { root.showError(message) }
        function onSaleCompleted(receiptNo: string, change: string) {
            infoBanner.text = qsTr("Sale %1 complete. Change: %2 %3").arg(receiptNo).arg(SaleController.currency).arg(change)
            infoBanner.visible = true
            errorBanner.visible = false
        }
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 12
            spacing: 24
            Label {
                text: qsTr("OmniTill")
                font.bold: true
                font.pixelSize: 20
            }
            Item { Layout.fillWidth: true }
            Label {
                objectName: "syncLabel"
                text: SyncService.summary
                color: SyncService.attention ? "#b3261e" : palette.windowText
                font.bold: SyncService.attention
            }
            Label {
                objectName: "lastReceiptLabel"
                text: SaleController.lastReceipt.length > 0 ? qsTr("Last receipt %1").arg(SaleController.lastReceipt) : ""
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Label {
            id: errorBanner
            objectName: "errorBanner"
            Layout.fillWidth: true
            visible: false
            padding: 10
            color: "white"
            wrapMode: Text.Wrap
            background: Rectangle { color: "#b3261e" }
            Timer {
                id: errorTimer
                interval: 6000
                onTriggered: errorBanner.visible = false
            }
        }
        // What the cashier must know before going on, e.g. that the till stopped unexpectedly and which sale it
        // completed last; it stays until the cashier has read it.
        Pane {
            objectName: "noticeBanner"
            Layout.fillWidth: true
            visible: SaleController.notice.length > 0
            padding: 10
            background: Rectangle { color: "#fff3c4"; border.color: "#b58a00" }
            RowLayout {
                anchors.fill: parent
                spacing: 12
                Label {
                    objectName: "noticeText"
                    Layout.fillWidth: true
                    text: SaleController.notice
                    wrapMode: Text.Wrap
                    color: "#3d2e00"
                }
                Button {
                    objectName: "noticeDismiss"
                    text: qsTr("OK")
                    onClicked: SaleController.dismissNotice()
                }
            }
        }
        Label {
            id: infoBanner
            objectName: "infoBanner"
            Layout.fillWidth: true
            visible: false
            padding: 10
            color: "white"
            background: Rectangle { color: "#1b6e3a" }
        }
        SalePage {
            Layout.fillWidth: true
            Layout.fillHeight: true
            onScanned: infoBanner.visible = false
        }
    }
}

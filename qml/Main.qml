// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// The till's shell: who is serving and the sync state on top, one fixed line for messages below it (nothing moves
// when a message comes or goes), the pages under that. The till opens full screen on a device (app/till/main.cpp);
// the layouts adapt to landscape and portrait screens from 800 px wide up. Only pages that are built are offered: a
// navigation rail appears once there is more than one.
ApplicationWindow {
    id: root

    width: 1280
    height: 800
    visible: true
    title: qsTr("OmniTill")
    font.pixelSize: 16

    // Pages that are built; a later issue adds Reports here.
    readonly property var pages: [
        { name: "sell", title: qsTr("Sell") },
        { name: "customers", title: qsTr("Customers") },
        { name: "returns", title: qsTr("Returns") },
        { name: "shift", title: qsTr("Shift") },
        { name: "reports", title: qsTr("Reports") },
        { name: "settings", title: qsTr("Settings") }
    ]
    property int currentPage: 0
    readonly property bool portrait: width < height

    // The one place where the cashier is told what went wrong; it stays until the next message or 8 seconds.
    function showError(message: string) {
        messageLine.text = message
        messageLine.error = true
        messageTimer.restart()
    }

    // Who is at the till decides what is over the pages: the first-run setup, the lock screen, or nothing.
    function followStaff() {
        if (StaffSession.needsSetup) {
            lockScreen.close()
            firstRun.open()
        } else if (!StaffSession.signedIn) {
            firstRun.close()
            lockScreen.open()
            // The next person to sign in starts at the counter.
            root.currentPage = 0
        } else {
            firstRun.close()
            lockScreen.close()
        }
    }
    Component.onCompleted: followStaff()

    Connections {
        target: StaffSession
        function onChanged() { root.followStaff() }
    }
    Connections {
        target: SaleController
        function onErrorOccurred(message: string) { root.showError(message) }
        function onSaleCompleted() {
            messageLine.text = ""
            messageTimer.stop()
        }
        function onTotalsChanged() {
            if (!messageLine.error)
                messageLine.text = ""
        }
        // A scan belongs to the sale: the till shows it whatever page was open (the Returns page takes its own).
        function onScanHandled() { root.currentPage = 0 }
    }

    // The printer's trouble (paper, cover, gone) is said where every message is; the queue waits and goes on.
    Connections {
        target: ReceiptController
        function onChanged() {
            if (!ReceiptController.printerReady && ReceiptController.printerMessage.length > 0
                    && messageLine.text !== ReceiptController.printerMessage)
                root.showError(ReceiptController.printerMessage)
        }
    }

    // The scan sounds, while the terminal has them on (Settings).
    Loader {
        id: scanSounds
        objectName: "scanSounds"
        active: TerminalSettings.scanSounds
        source: Qt.resolvedUrl("ScanSounds.qml")
    }

    header: ToolBar {
        objectName: "topBar"
        implicitHeight: Theme.barHeight
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.spacing
            anchors.rightMargin: Theme.spacing
            spacing: Theme.spacing
            Label {
                text: qsTr("OmniTill")
                font.bold: true
                font.pixelSize: 20
            }
            Label {
                objectName: "syncLabel"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: SyncService.summary
                elide: Text.ElideRight
                color: SyncService.attention ? Theme.danger : palette.windowText
                font.bold: SyncService.attention
            }
            Label {
                objectName: "lastReceiptLabel"
                visible: root.width >= 1200 && text.length > 0
                text: SaleController.lastReceipt.length > 0 ? qsTr("Last receipt %1").arg(SaleController.lastReceipt) : ""
            }
            Label {
                objectName: "cashierLabel"
                Layout.maximumWidth: root.width / 4
                text: StaffSession.signedIn ? StaffSession.name : ""
                elide: Text.ElideRight
                font.bold: true
            }
            Button {
                objectName: "lockButton"
                Layout.preferredHeight: Theme.minTouch
                text: qsTr("Lock")
                enabled: StaffSession.signedIn
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Lock the till so the next cashier can sign in")
                onClicked: StaffSession.lock()
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // Messages in a fixed place: the line is always there, so a message never moves what is under the finger.
        Rectangle {
            objectName: "messageArea"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.messageHeight
            color: SaleController.notice.length > 0 ? Theme.noticeBackground
                 : messageLine.text.length === 0 ? "transparent"
                 : messageLine.error ? Theme.danger : Theme.success
            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: Theme.spacing
                anchors.rightMargin: Theme.spacing
                spacing: Theme.spacing
                Label {
                    id: messageLine
                    property bool error: false
                    objectName: "messageLine"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    visible: SaleController.notice.length === 0
                    verticalAlignment: Text.AlignVCenter
                    color: "white"
                    wrapMode: Text.Wrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                    fontSizeMode: Text.VerticalFit
                    minimumPixelSize: 11
                    font.pixelSize: 16
                    Timer {
                        id: messageTimer
                        interval: 8000
                        onTriggered: {
                            messageLine.text = ""
                            messageLine.error = false
                        }
                    }
                }
                // What the cashier must know before going on (the till stopped unexpectedly, and which sale it
                // completed last); it stays until the cashier has read it.
                Label {
                    objectName: "noticeText"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    visible: SaleController.notice.length > 0
                    text: SaleController.notice
                    verticalAlignment: Text.AlignVCenter
                    wrapMode: Text.Wrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                    fontSizeMode: Text.VerticalFit
                    minimumPixelSize: 11
                    font.pixelSize: 16
                    color: Theme.noticeText
                }
                Button {
                    objectName: "noticeDismiss"
                    Layout.preferredHeight: Theme.minTouch - 4
                    Layout.preferredWidth: 96
                    visible: SaleController.notice.length > 0
                    text: qsTr("OK")
                    onClicked: SaleController.dismissNotice()
                }
            }
        }

        // The pages, with the navigation beside them on a landscape screen and above them on a portrait one.
        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: root.portrait ? 1 : 2
            columnSpacing: 0
            rowSpacing: 0

            // Shown once more than one page is built.
            GridLayout {
                objectName: "navigation"
                Layout.fillHeight: !root.portrait
                Layout.fillWidth: root.portrait
                Layout.preferredWidth: root.portrait ? -1 : 104
                Layout.margins: 4
                visible: root.pages.length > 1
                columns: root.portrait ? root.pages.length : 1
                columnSpacing: 4
                rowSpacing: 4
                Repeater {
                    model: root.pages
                    delegate: Button {
                        required property var modelData
                        required property int index
                        objectName: "nav_" + modelData.name
                        Layout.fillWidth: true
                        Layout.preferredHeight: root.portrait ? Theme.touch : 72
                        Layout.alignment: Qt.AlignTop
                        checkable: true
                        checked: root.currentPage === index
                        text: modelData.title
                        onClicked: root.currentPage = index
                    }
                }
                Item {
                    visible: !root.portrait
                    Layout.fillHeight: true
                }
            }

            StackLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                currentIndex: root.currentPage
                SalePage {
                    objectName: "salePage"
                    onCustomersRequested: root.currentPage = 1
                }
                CustomersPage {
                    objectName: "customersPage"
                    onSaleRequested: root.currentPage = 0
                }
                ReturnsPage {
                    objectName: "returnsPage"
                }
                ShiftPage {
                    objectName: "shiftPage"
                }
                ReportsPage {
                    objectName: "reportsPage"
                }
                SettingsPage {
                    objectName: "settingsPage"
                    speakerFound: !scanSounds.item || (scanSounds.item as ScanSounds).speakerFound
                }
            }
        }
    }

    ApprovalDialog {}
    ApprovalDialog {
        objectName: "returnApprovalDialog"
        controller: ReturnController
    }
    // While the Returns page is shown, scans go to the return.
    Binding {
        target: ReturnController
        property: "active"
        value: StaffSession.signedIn && root.pages[root.currentPage].name === "returns"
    }
    Connections {
        target: ReturnController
        function onErrorOccurred(message: string) { root.showError(message) }
        // An exchange continues on the Sell page, where the goods taken instead are scanned.
        function onExchangeStarted() { root.currentPage = 0 }
    }
    LockScreen {
        id: lockScreen
    }
    FirstRunSetup {
        id: firstRun
    }
}

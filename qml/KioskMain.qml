// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// The customer kiosk (omnitill-kiosk): full screen, portrait (1080x1920) or landscape (1920x1080), nobody from
// staff at it. The camera and any hand scanner read a product or a loyalty card at all times; the screen shows what
// the KioskSession says: the attract screen with the store's promotions, a product, a member, the basket, or the
// codes that take the basket on to a till or a phone. It cannot be closed: only a manager's PIN or badge in the staff
// panel (a long press on the top right corner) ends it.
ApplicationWindow {
    id: root
    objectName: "kioskWindow"

    width: 1080
    height: 1920
    visible: true
    title: qsTr("OmniTill kiosk")
    font.pixelSize: 26

    readonly property bool portrait: width < height
    property bool leaving: false

    // No key combination and no close button ends the kiosk; the staff panel does.
    onClosing: close => close.accepted = root.leaving
    Connections {
        target: KioskExit
        function onLeaveRequested() { root.leaving = true }
    }

    header: ToolBar {
        implicitHeight: 88
        background: Rectangle { color: Theme.accent }
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 32
            anchors.rightMargin: 32
            spacing: 24
            Label {
                objectName: "kioskTitle"
                Layout.fillWidth: true
                text: KioskSession.screen === "attract" ? qsTr("Scan a product or your loyalty card")
                                                        : qsTr("Price check")
                color: "white"
                font.pixelSize: 34
                font.bold: true
                elide: Text.ElideRight
            }
        }
        // The staff's way out: a long press on the corner (nothing shows it to customers).
        MouseArea {
            objectName: "staffCorner"
            anchors.right: parent.right
            anchors.top: parent.top
            width: 96
            height: parent.height
            pressAndHoldInterval: 3000
            onPressAndHold: {
                KioskExit.openPanel()
                staffPanel.open()
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // Offline, or never synced: what the kiosk shows is its own copy, and it says from when.
        Rectangle {
            objectName: "offlineNote"
            Layout.fillWidth: true
            Layout.preferredHeight: offlineText.implicitHeight + 20
            visible: !SyncService.online
            color: Theme.panel
            Label {
                id: offlineText
                anchors.fill: parent
                anchors.leftMargin: 32
                anchors.rightMargin: 32
                verticalAlignment: Text.AlignVCenter
                text: SyncService.lastContact.length > 0
                      ? qsTr("Offline: prices and stock as of %1").arg(SyncService.lastContact)
                      : qsTr("Offline: prices and stock as this kiosk last had them")
                color: Theme.muted
                font.pixelSize: 20
                wrapMode: Text.Wrap
            }
        }

        // What went wrong with the last scan, said kindly; it stays until the next scan.
        Rectangle {
            objectName: "kioskMessage"
            Layout.fillWidth: true
            Layout.preferredHeight: messageText.implicitHeight + 32
            visible: KioskSession.message.length > 0
            color: Theme.noticeBackground
            border.color: Theme.noticeBorder
            Label {
                id: messageText
                anchors.fill: parent
                anchors.margins: 16
                text: KioskSession.message
                color: Theme.noticeText
                wrapMode: Text.Wrap
                font.pixelSize: 26
                verticalAlignment: Text.AlignVCenter
            }
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.margins: 32
            columns: root.portrait ? 1 : 2
            rowSpacing: 24
            columnSpacing: 32

            StackLayout {
                objectName: "kioskScreens"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: 0 // each screen fits what it gets (the walk checks)
                currentIndex: {
                    switch (KioskSession.screen) {
                    case "product": return 1
                    case "member": return 2
                    case "basket": return 3
                    case "handoff": return 4
                    default: return 0
                    }
                }

                KioskAttract {}
                KioskProduct {}
                KioskMember {}
                KioskBasket {}
                KioskHandoff {}
            }

            // Without a camera, a strip that says where to scan; with one, the live view (large while nobody is
            // here, smaller beside a product).
            KioskCamera {
                id: camera
                Layout.fillWidth: root.portrait
                Layout.fillHeight: !root.portrait
                Layout.preferredWidth: root.portrait ? -1 : root.width * (camera.hasCamera ? 0.34 : 0.22)
                Layout.preferredHeight: !root.portrait ? -1
                                        : !camera.hasCamera ? 140
                                        : root.height * (KioskSession.screen === "attract" ? 0.34 : 0.2)
            }
        }
    }

    KioskStaffPanel {
        id: staffPanel
    }
}

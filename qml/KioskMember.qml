// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// A loyalty card scanned: the first name, the card's last digits, the tier, the points and the rewards they reach.
// Nothing else of the customer is on the kiosk's screen, and nothing stays when they walk away.
ColumnLayout {
    id: root
    objectName: "memberScreen"

    readonly property var member: KioskSession.member

    spacing: 20

    Label {
        objectName: "memberGreeting"
        Layout.fillWidth: true
        text: qsTr("Hello, %1").arg(root.member.firstName ?? "")
        font.pixelSize: 48
        font.bold: true
        elide: Text.ElideRight
    }
    Label {
        Layout.fillWidth: true
        text: (root.member.tier ?? "").length > 0 ? qsTr("Card %1 · %2").arg(root.member.card ?? "").arg(root.member.tier)
                                                 : qsTr("Card %1").arg(root.member.card ?? "")
        font.pixelSize: 26
        color: Theme.muted
        elide: Text.ElideRight
    }
    Label {
        objectName: "memberPoints"
        Layout.fillWidth: true
        text: qsTr("%1 points").arg(root.member.points ?? "0")
        font.pixelSize: 72
        font.bold: true
        color: Theme.accent
        elide: Text.ElideRight
    }
    Label {
        Layout.fillWidth: true
        text: (root.member.offers ?? []).length > 0 ? qsTr("Your points are enough for")
                                                    : qsTr("Collect points with every purchase, in the store and online.")
        font.pixelSize: 28
        wrapMode: Text.Wrap
    }
    ListView {
        objectName: "memberOffers"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        spacing: 8
        model: root.member.offers ?? []
        delegate: Rectangle {
            required property var modelData
            width: ListView.view.width
            height: 72
            radius: 10
            color: Theme.panel
            Label {
                anchors.fill: parent
                anchors.margins: 16
                verticalAlignment: Text.AlignVCenter
                text: qsTr("%1: %2 for %3 points").arg(parent.modelData.name).arg(parent.modelData.value)
                                                     .arg(parent.modelData.points)
                font.pixelSize: 26
                elide: Text.ElideRight
            }
        }
    }
    Label {
        Layout.fillWidth: true
        text: qsTr("Redeem them at the till.")
        font.pixelSize: 22
        color: Theme.muted
        wrapMode: Text.Wrap
    }
    Button {
        objectName: "memberDone"
        Layout.fillWidth: true
        Layout.preferredHeight: 88
        text: qsTr("Done")
        font.pixelSize: 28
        onClicked: KioskSession.reset()
    }
}

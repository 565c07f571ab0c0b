// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// Nobody at the kiosk: what it does, and the store's promotions (the hub's kiosk.promotions, else the catalog's
// promotions ending soonest).
ColumnLayout {
    objectName: "attractScreen"
    spacing: 24

    Label {
        Layout.fillWidth: true
        text: qsTr("See the price, the stock here and in the stores nearby, and your points.")
        wrapMode: Text.Wrap
        font.pixelSize: 30
        color: Theme.muted
    }
    Label {
        Layout.fillWidth: true
        visible: KioskSession.promotions.length > 0
        text: qsTr("On offer now")
        font.pixelSize: 34
        font.bold: true
    }
    GridView {
        id: grid
        objectName: "promotionGrid"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        interactive: false
        readonly property int columns: Math.max(1, Math.floor(width / 420))
        cellWidth: width / columns
        cellHeight: 200
        model: KioskSession.promotions
        delegate: Item {
            id: slide
            required property var modelData
            width: grid.cellWidth
            height: grid.cellHeight
            Rectangle {
                anchors.fill: parent
                anchors.margins: 8
                radius: 12
                color: Theme.panel
                ColumnLayout {
                    anchors.fill: parent
                    anchors.margins: 16
                    spacing: 4
                    Label {
                        Layout.fillWidth: true
                        text: slide.modelData.name
                        font.pixelSize: 26
                        font.bold: true
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        text: slide.modelData.brand
                        color: Theme.muted
                        font.pixelSize: 20
                        elide: Text.ElideRight
                    }
                    RowLayout {
                        spacing: 16
                        Label {
                            text: slide.modelData.price
                            font.pixelSize: 36
                            font.bold: true
                            color: Theme.danger
                        }
                        Label {
                            visible: (slide.modelData.regularPrice ?? "").length > 0
                            text: slide.modelData.regularPrice ?? ""
                            font.pixelSize: 22
                            font.strikeout: true
                            color: Theme.muted
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: (slide.modelData.until ?? "").length > 0
                        text: qsTr("Until %1").arg(slide.modelData.until ?? "")
                        font.pixelSize: 20
                        elide: Text.ElideRight
                    }
                }
            }
        }
    }
}

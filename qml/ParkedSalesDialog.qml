// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// The sales parked on this till, oldest first, with who parked them and when; one tap takes a sale up again.
Dialog {
    id: root

    objectName: "parkedSales"
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(parent.width - 32, 640)
    height: Math.min(parent.height - 32, implicitHeight)
    modal: true
    closePolicy: Popup.CloseOnEscape
    title: qsTr("Parked sales")

    onAboutToShow: list.model = SaleController.parkedSales()

    contentItem: ListView {
        id: list
        objectName: "parkedList"
        implicitHeight: Math.max(Theme.touch, contentHeight)
        clip: true
        spacing: 4
        delegate: ItemDelegate {
            id: parked
            required property var modelData
            required property int index
            objectName: "parked" + index
            width: list.width
            implicitHeight: Math.max(Theme.touch + 8, implicitContentHeight + topPadding + bottomPadding)
            onClicked: {
                if (SaleController.resumeParked(modelData.id))
                    root.close()
                else
                    list.model = SaleController.parkedSales()
            }
            contentItem: RowLayout {
                spacing: Theme.spacing
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Parked %1 by %2").arg(parked.modelData.parkedAt)
                                  .arg(parked.modelData.staffName.length > 0 ? parked.modelData.staffName : qsTr("nobody"))
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        text: parked.modelData.note.length > 0
                              ? qsTr("%n line(s) · %1", "", parked.modelData.lines).arg(parked.modelData.note)
                              : qsTr("%n line(s)", "", parked.modelData.lines)
                        elide: Text.ElideRight
                        color: Theme.muted
                    }
                }
                Label {
                    text: qsTr("%1 %2").arg(SaleController.currency).arg(parked.modelData.total)
                    font.bold: true
                }
            }
        }
        Label {
            anchors.centerIn: parent
            visible: list.count === 0
            text: qsTr("No sales are parked on this till.")
            color: Theme.muted
        }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "parkedClose"
            text: qsTr("Close")
            implicitHeight: Theme.touch
            DialogButtonBox.buttonRole: Dialog.RejectRole
        }
        onRejected: root.close()
    }
}

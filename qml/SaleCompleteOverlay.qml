// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// After a sale: the change due, large, for the cashier to count out. The next scan (or New sale) clears it.
Popup {
    id: root

    property string receiptNo
    property string change

    objectName: "saleComplete"
    x: 0
    y: 0
    width: parent ? parent.width : 0
    height: parent ? parent.height : 0
    modal: true
    dim: false
    closePolicy: Popup.CloseOnEscape
    padding: 24

    Connections {
        target: SaleController
        function onSaleCompleted(receiptNo: string, change: string) {
            root.receiptNo = receiptNo
            root.change = change
            root.open()
        }
        function onTotalsChanged() {
            if (SaleController.lineCount > 0)
                root.close()
        }
    }

    background: Rectangle {
        color: "#e8f3ec"
        border.color: Theme.success
        border.width: 2
        radius: 8
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        Item { Layout.fillHeight: true }
        Label {
            Layout.fillWidth: true
            text: qsTr("Change due")
            horizontalAlignment: Text.AlignHCenter
            font.pixelSize: 28
        }
        Label {
            objectName: "changeDue"
            Layout.fillWidth: true
            text: qsTr("%1 %2").arg(SaleController.currency).arg(root.change)
            horizontalAlignment: Text.AlignHCenter
            font.pixelSize: 96
            font.bold: true
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: 32
            color: Theme.success
        }
        Label {
            objectName: "completedReceipt"
            Layout.fillWidth: true
            text: qsTr("Sale %1 complete").arg(root.receiptNo)
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            font.pixelSize: 20
        }
        Button {
            objectName: "nextSaleButton"
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredHeight: Theme.touch
            Layout.preferredWidth: 240
            text: qsTr("New sale")
            highlighted: true
            onClicked: root.close()
        }
        Item { Layout.fillHeight: true }
    }
}

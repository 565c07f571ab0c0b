// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// After a sale: the change due, large, for the cashier to count out; the receipt to show and a copy to print. The
// next scan (or New sale) clears it.
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
            showReceipt.checked = false
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
        Item {
            Layout.fillHeight: !showReceipt.checked
        }
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
        // The receipt as it prints, and a copy on the printer.
        Flickable {
            objectName: "receiptPreview"
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: Math.min(root.availableWidth, previewText.implicitWidth + 24)
            Layout.fillHeight: true
            Layout.minimumHeight: 0
            visible: showReceipt.checked
            clip: true
            contentWidth: previewText.implicitWidth + 24
            contentHeight: previewText.implicitHeight + 24
            boundsBehavior: Flickable.StopAtBounds
            Rectangle {
                anchors.fill: parent
                color: "white"
                border.color: "#d0d4da"
            }
            Label {
                id: previewText
                x: 12
                y: 12
                text: ReceiptController.preview
                font.family: "monospace"
                font.pixelSize: 14
            }
        }
        RowLayout {
            Layout.alignment: Qt.AlignHCenter
            spacing: Theme.spacing
            Button {
                id: showReceipt
                objectName: "showReceiptButton"
                Layout.preferredHeight: Theme.touch
                Layout.preferredWidth: 160
                checkable: true
                visible: ReceiptController.preview.length > 0
                text: checked ? qsTr("Hide receipt") : qsTr("Receipt")
            }
            Button {
                objectName: "reprintButton"
                Layout.preferredHeight: Theme.touch
                Layout.preferredWidth: 160
                visible: ReceiptController.printerSet
                text: qsTr("Print a copy")
                onClicked: ReceiptController.reprintLast()
            }
            Button {
                objectName: "nextSaleButton"
                Layout.preferredHeight: Theme.touch
                Layout.preferredWidth: 200
                text: qsTr("New sale")
                highlighted: true
                onClicked: root.close()
            }
        }
        Item {
            Layout.fillHeight: !showReceipt.checked
        }
    }
}

// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

Dialog {
    id: root

    title: qsTr("Payment: %1 %2").arg(SaleController.currency).arg(SaleController.total)
    modal: true
    standardButtons: Dialog.Cancel

    onOpened: {
        tendered.text = ""
        tendered.forceActiveFocus()
    }

    ColumnLayout {
        anchors.fill: parent
        TextField {
            id: tendered
            objectName: "tenderedField"
            Layout.fillWidth: true
            placeholderText: qsTr("Cash handed over (empty = exact)")
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            onAccepted: cashButton.clicked()
        }
        RowLayout {
            Button {
                id: cashButton
                objectName: "cashButton"
                text: qsTr("Cash")
                onClicked: if (SaleController.payCash(tendered.text)) root.close()
            }
            Button {
                objectName: "cardButton"
                text: qsTr("Card")
                onClicked: if (SaleController.payCard()) root.close()
            }
        }
    }
}

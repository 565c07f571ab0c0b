// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// The Shift page: open the shift with the float counted into the drawer; cash in, cash out and no-sale with a
// reason; the X report; the close, a blind count by denomination that shows only what was counted, then the Z
// report. ShiftController (core) checks who may do what and keeps every step in the journal.
Pane {
    id: root

    property bool counting: false
    // What is typed for each denomination, in ShiftController.denominations order.
    property var countsTyped: []

    signal resetCounts()

    padding: Theme.spacing

    component CountRow: RowLayout {
        id: countRow
        required property var modelData
        required property int index
        spacing: Theme.spacing
        Connections {
            target: root
            function onResetCounts() { countField.text = "" }
        }
        Label {
            Layout.preferredWidth: 120
            horizontalAlignment: Text.AlignRight
            text: countRow.modelData.label
            font.pixelSize: 18
        }
        Label {
            text: "×"
            font.pixelSize: 18
        }
        TextField {
            id: countField
            objectName: "count" + countRow.index
            Layout.preferredWidth: 110
            Layout.preferredHeight: Theme.minTouch
            font.pixelSize: 18
            inputMethodHints: Qt.ImhDigitsOnly
            placeholderText: "0"
            onTextChanged: {
                const typed = root.countsTyped.slice()
                typed[countRow.index] = text
                root.countsTyped = typed
            }
            onActiveFocusChanged: if (activeFocus) keypad.target = countField
        }
    }

    Connections {
        target: ShiftController
        function onChanged() {
            if (!ShiftController.open)
                root.counting = false
        }
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentWidth: width
        contentHeight: page.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        GridLayout {
            id: page
            width: Math.min(flick.width, 1100)
            columns: flick.width > 760 ? 2 : 1
            columnSpacing: 24
            rowSpacing: Theme.spacing

            ColumnLayout {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                spacing: Theme.spacing

                Label {
                    text: qsTr("Shift")
                    font.pixelSize: 24
                    font.bold: true
                }
                Label {
                    objectName: "shiftSummary"
                    Layout.fillWidth: true
                    text: ShiftController.summary
                    wrapMode: Text.Wrap
                    font.pixelSize: 18
                }

                // No shift: the float, then open.
                ColumnLayout {
                    Layout.fillWidth: true
                    visible: !ShiftController.open
                    spacing: Theme.spacing
                    TextField {
                        id: floatField
                        objectName: "floatField"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        font.pixelSize: 22
                        placeholderText: qsTr("Float in the drawer, %1").arg(ShiftController.currency)
                        inputMethodHints: Qt.ImhFormattedNumbersOnly
                        onActiveFocusChanged: if (activeFocus) keypad.target = floatField
                        onAccepted: openButton.clicked()
                    }
                    Button {
                        id: openButton
                        objectName: "openShiftButton"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        highlighted: true
                        text: qsTr("Open shift")
                        onClicked: if (ShiftController.openShift(floatField.text)) floatField.text = ""
                    }
                }

                // An open shift: cash moves, the X report, the close.
                ColumnLayout {
                    Layout.fillWidth: true
                    visible: ShiftController.open && !root.counting
                    spacing: Theme.spacing
                    TextField {
                        id: cashAmount
                        objectName: "cashAmountField"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        font.pixelSize: 20
                        placeholderText: qsTr("Amount, %1").arg(ShiftController.currency)
                        inputMethodHints: Qt.ImhFormattedNumbersOnly
                        onActiveFocusChanged: if (activeFocus) keypad.target = cashAmount
                    }
                    TextField {
                        id: cashReason
                        objectName: "cashReasonField"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        font.pixelSize: 20
                        placeholderText: qsTr("Reason")
                    }
                    GridLayout {
                        Layout.fillWidth: true
                        columns: 3
                        columnSpacing: Theme.spacing
                        rowSpacing: Theme.spacing
                        Button {
                            objectName: "cashInButton"
                            Layout.fillWidth: true
                            Layout.preferredHeight: Theme.touch
                            text: qsTr("Cash in")
                            onClicked: if (ShiftController.cashIn(cashAmount.text, cashReason.text)) {
                                cashAmount.text = ""
                                cashReason.text = ""
                            }
                        }
                        Button {
                            objectName: "cashOutButton"
                            Layout.fillWidth: true
                            Layout.preferredHeight: Theme.touch
                            text: qsTr("Cash out")
                            onClicked: if (ShiftController.cashOut(cashAmount.text, cashReason.text)) {
                                cashAmount.text = ""
                                cashReason.text = ""
                            }
                        }
                        Button {
                            objectName: "noSaleButton"
                            Layout.fillWidth: true
                            Layout.preferredHeight: Theme.touch
                            text: qsTr("No sale")
                            onClicked: if (ShiftController.noSale(cashReason.text)) cashReason.text = ""
                        }
                        Button {
                            objectName: "xReportButton"
                            Layout.fillWidth: true
                            Layout.preferredHeight: Theme.touch
                            text: qsTr("X report")
                            onClicked: ShiftController.showX()
                        }
                        Button {
                            objectName: "closeShiftButton"
                            Layout.fillWidth: true
                            Layout.columnSpan: 2
                            Layout.preferredHeight: Theme.touch
                            text: qsTr("Count and close")
                            onClicked: {
                                ShiftController.clearReport()
                                root.resetCounts()
                                root.countsTyped = []
                                root.counting = true
                            }
                        }
                    }
                }

                // Any receipt again, by its number, on this till's printer or another one.
                ColumnLayout {
                    Layout.fillWidth: true
                    visible: !root.counting
                    spacing: Theme.spacing
                    Label {
                        Layout.topMargin: Theme.spacing
                        text: qsTr("Receipts")
                        font.pixelSize: 20
                        font.bold: true
                    }
                    TextField {
                        id: reprintNumber
                        objectName: "reprintNumberField"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        font.pixelSize: 18
                        placeholderText: SaleController.lastReceipt.length > 0
                                         ? qsTr("Receipt number (empty: %1)").arg(SaleController.lastReceipt)
                                         : qsTr("Receipt number")
                    }
                    TextField {
                        id: reprintPrinter
                        objectName: "reprintPrinterField"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        font.pixelSize: 18
                        placeholderText: qsTr("Printer (empty: this till's), e.g. tcp://192.168.1.51")
                    }
                    Button {
                        objectName: "reprintByNumberButton"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        text: qsTr("Print a copy")
                        onClicked: {
                            const number = reprintNumber.text.trim().length > 0 ? reprintNumber.text
                                                                                : SaleController.lastReceipt
                            if (ReceiptController.reprint(number, reprintPrinter.text))
                                reprintNumber.text = ""
                        }
                    }
                }

                // The blind count: what the drawer holds, note by note; what was expected comes with the Z report.
                ColumnLayout {
                    Layout.fillWidth: true
                    visible: ShiftController.open && root.counting
                    spacing: 8
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Count the drawer: how many of each note and coin.")
                        wrapMode: Text.Wrap
                        font.pixelSize: 18
                    }
                    GridLayout {
                        columns: flick.width > 1000 || flick.width < 760 ? 2 : 1
                        columnSpacing: 24
                        rowSpacing: 6
                        Repeater {
                            id: countRows
                            model: ShiftController.denominations
                            delegate: CountRow {}
                        }
                    }
                    Label {
                        id: counted
                        objectName: "countedTotal"
                        Layout.fillWidth: true
                        font.pixelSize: 22
                        font.bold: true
                        text: ShiftController.countedTotal(root.countsTyped)
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacing
                        Button {
                            objectName: "confirmCloseButton"
                            Layout.fillWidth: true
                            Layout.preferredHeight: Theme.touch
                            highlighted: true
                            text: qsTr("Close shift with %1 %2").arg(ShiftController.currency).arg(counted.text)
                            onClicked: ShiftController.close(root.countsTyped)
                        }
                        Button {
                            objectName: "countBackButton"
                            Layout.preferredHeight: Theme.touch
                            text: qsTr("Back")
                            onClicked: root.counting = false
                        }
                    }
                }
            }

            ColumnLayout {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                spacing: Theme.spacing

                NumericKeypad {
                    id: keypad
                    Layout.maximumWidth: 320
                    Layout.alignment: Qt.AlignHCenter
                    visible: !ShiftController.open || root.counting || ShiftController.report.length === 0
                    target: floatField
                }

                // The X or Z report, as it prints.
                ColumnLayout {
                    Layout.fillWidth: true
                    visible: ShiftController.report.length > 0
                    spacing: Theme.spacing
                    Label {
                        text: ShiftController.reportTitle
                        font.pixelSize: 20
                        font.bold: true
                    }
                    Frame {
                        Layout.fillWidth: true
                        Label {
                            objectName: "shiftReport"
                            width: parent.width
                            text: ShiftController.report
                            font.family: "monospace"
                            font.pixelSize: 14
                            // As it prints, 42 characters a line: smaller type on a narrow screen, never cut.
                            fontSizeMode: Text.HorizontalFit
                            minimumPixelSize: 8
                            wrapMode: Text.NoWrap
                        }
                    }
                    RowLayout {
                        spacing: Theme.spacing
                        Button {
                            objectName: "printReportButton"
                            Layout.preferredHeight: Theme.touch
                            text: qsTr("Print")
                            enabled: ReceiptController.printerSet
                            onClicked: ShiftController.printReport()
                        }
                        Button {
                            objectName: "clearReportButton"
                            Layout.preferredHeight: Theme.touch
                            text: qsTr("Done")
                            onClicked: ShiftController.clearReport()
                        }
                    }
                }
            }
        }
    }
}

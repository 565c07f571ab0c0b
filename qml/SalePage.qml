// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// The Sell page: scan or find items, change lines, pay. Side by side on a landscape screen (the sale on the left,
// search, totals and Pay on the right); one above the other on a portrait one, with Pay at the bottom under the
// thumb. Nothing here scales: the layouts rearrange.
Pane {
    id: root

    readonly property bool portrait: width < height
    signal scanned()
    // Asks Main to show the Customers page, to find a customer for the sale.
    signal customersRequested()

    function askReason(action: string, done) {
        reasonDialog.ask(action, done)
    }

    padding: Theme.spacing

    GridLayout {
        anchors.fill: parent
        columns: root.portrait ? 1 : 2
        columnSpacing: 16
        rowSpacing: Theme.spacing

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacing

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                TextField {
                    id: scanField
                    objectName: "scanField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    focus: true
                    placeholderText: qsTr("Scan or type a barcode or SKU, then Enter")
                    font.pixelSize: 18
                    onAccepted: {
                        // A hand-off code typed from under the QR code on the customer's phone, or an item.
                        if (!HandoffController.scan(text) && SaleController.scan(text))
                            root.scanned()
                        text = ""
                    }
                }
                Button {
                    id: cameraButton
                    objectName: "cameraButton"
                    Layout.preferredHeight: Theme.touch
                    Layout.minimumWidth: Theme.touch
                    text: qsTr("Camera")
                    checkable: true
                    onToggled: scanField.forceActiveFocus()
                }
            }

            // The customer the sale is for: scanned (their card) or found on the Customers page, at any point.
            RowLayout {
                objectName: "customerPanel"
                Layout.fillWidth: true
                spacing: Theme.spacing
                Label {
                    objectName: "saleCustomer"
                    Layout.fillWidth: true
                    text: SaleController.customerName.length > 0
                          ? qsTr("Customer: %1").arg(SaleController.customerName)
                          : qsTr("No customer: scan their card, or find them")
                    font.bold: SaleController.customerName.length > 0
                    color: SaleController.customerName.length > 0 ? palette.windowText : Theme.muted
                    elide: Text.ElideRight
                }
                Label {
                    objectName: "saleCustomerDetail"
                    visible: text.length > 0
                    text: SaleController.customerDetail
                    color: Theme.accent
                }
                Button {
                    objectName: "findCustomer"
                    Layout.preferredHeight: Theme.minTouch
                    text: SaleController.customerName.length > 0 ? qsTr("Change") : qsTr("Find customer")
                    onClicked: root.customersRequested()
                }
                Button {
                    objectName: "removeCustomer"
                    Layout.preferredHeight: Theme.minTouch
                    visible: SaleController.customerName.length > 0
                    text: qsTr("Remove")
                    onClicked: SaleController.detachCustomer()
                }
            }

            // An online cart on the sale: where it came from, and what the cashier must know about it.
            ColumnLayout {
                objectName: "onlineCartPanel"
                Layout.fillWidth: true
                visible: HandoffController.active
                spacing: 4
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label {
                            objectName: "onlineCartTitle"
                            Layout.fillWidth: true
                            text: HandoffController.title
                            font.bold: true
                            color: Theme.accent
                            elide: Text.ElideRight
                        }
                        Label {
                            objectName: "onlineCartDetail"
                            Layout.fillWidth: true
                            text: HandoffController.detail
                            elide: Text.ElideRight
                        }
                    }
                    Button {
                        objectName: "handOverButton"
                        Layout.preferredHeight: Theme.minTouch
                        visible: HandoffController.pickup
                        text: qsTr("Hand over")
                        onClicked: HandoffController.handOver()
                    }
                    Button {
                        objectName: "loadCartChanges"
                        Layout.preferredHeight: Theme.minTouch
                        visible: HandoffController.changeWaiting
                        text: qsTr("Load the changes")
                        onClicked: HandoffController.loadChanges()
                    }
                }
                Repeater {
                    model: HandoffController.notices
                    Label {
                        required property string modelData
                        objectName: "onlineCartNotice"
                        Layout.fillWidth: true
                        text: modelData
                        wrapMode: Text.Wrap
                        color: Theme.noticeText
                    }
                }
            }

            // The camera (and QtMultimedia with it) is created only when the cashier turns it on.
            Loader {
                objectName: "cameraLoader"
                Layout.fillWidth: true
                Layout.preferredHeight: 240
                visible: active
                active: cameraButton.checked
                // By URL: a component declared in this file would be bound to it, and Qt 6.4's Loader refuses those.
                source: Qt.resolvedUrl("CameraScanPanel.qml")
            }

            // No payment without an open shift: say so before the cashier rings anything up.
            Label {
                objectName: "noShiftNotice"
                Layout.fillWidth: true
                visible: !ShiftController.open
                text: qsTr("No shift is open: open one on the Shift page, with the cash counted into the drawer, before taking payments.")
                wrapMode: Text.Wrap
                color: Theme.noticeText
                padding: 8
                background: Rectangle {
                    color: Theme.noticeBackground
                    border.color: Theme.noticeBorder
                    radius: 4
                }
            }

            // A receipt that was being printed when the till stopped may or may not have come out: the cashier
            // looks at the printer and says which.
            ColumnLayout {
                id: interruptedBar
                objectName: "interruptedReceipt"
                readonly property var job: ReceiptController.interrupted > 0 ? ReceiptController.interruptedJobs()[0]
                                                                              : null
                Layout.fillWidth: true
                visible: job !== null && job !== undefined
                spacing: 6
                Label {
                    Layout.fillWidth: true
                    text: interruptedBar.job
                          ? qsTr("Receipt %1 was being printed when the till stopped: did it come out?")
                                .arg(interruptedBar.job.receiptNo)
                          : ""
                    wrapMode: Text.Wrap
                    color: Theme.noticeText
                }
                RowLayout {
                    Layout.alignment: Qt.AlignRight
                    spacing: Theme.spacing
                    Button {
                        objectName: "interruptedReprint"
                        Layout.preferredHeight: Theme.touch
                        text: qsTr("Print again")
                        onClicked: ReceiptController.reprintJob(interruptedBar.job.id)
                    }
                    Button {
                        objectName: "interruptedDismiss"
                        Layout.preferredHeight: Theme.touch
                        text: qsTr("It printed")
                        onClicked: ReceiptController.dismissJob(interruptedBar.job.id)
                    }
                }
            }

            ListView {
                id: cartView
                objectName: "cartView"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: 2 * Theme.touch
                clip: true
                model: SaleController.lines
                delegate: CartLineDelegate {
                    width: cartView.width
                    // One less of the last piece voids the line, which needs a reason.
                    onStepRequested: (row, delta, last) => {
                        if (last)
                            root.askReason(qsTr("Void the line"), (reason) => SaleController.stepQuantity(row, delta, reason))
                        else
                            SaleController.stepQuantity(row, delta)
                    }
                    onActionsRequested: (row, name, quantity) => lineActions.show(row, name, quantity)
                }
                Label {
                    anchors.centerIn: parent
                    width: parent.width - 2 * Theme.spacing
                    visible: cartView.count === 0
                    text: qsTr("Scan an item or search for it to start a sale")
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    color: Theme.muted
                    font.pixelSize: 18
                }
            }
        }

        ColumnLayout {
            Layout.fillWidth: root.portrait
            Layout.fillHeight: !root.portrait
            Layout.preferredWidth: root.portrait ? -1 : Math.min(440, Math.max(340, root.width * 0.36))
            Layout.preferredHeight: root.portrait ? root.height * 0.5 : -1
            spacing: Theme.spacing

            TextField {
                id: searchField
                objectName: "searchField"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                placeholderText: qsTr("Search by name")
                onTextEdited: {
                    CatalogSearchModel.query = text
                    if (text.length === 0)
                        CatalogBrowseModel.refresh()
                }
            }
            // With nothing searched: the store's favourites and categories, by touch.
            RowLayout {
                Layout.fillWidth: true
                visible: browseView.visible && CatalogBrowseModel.category.length > 0
                spacing: Theme.spacing
                Button {
                    objectName: "browseBack"
                    Layout.preferredHeight: Theme.touch
                    Layout.minimumWidth: Theme.touch
                    text: qsTr("Back")
                    onClicked: CatalogBrowseModel.back()
                }
                Label {
                    Layout.fillWidth: true
                    text: CatalogBrowseModel.categoryName
                    elide: Text.ElideRight
                    font.pixelSize: 18
                    font.bold: true
                }
            }
            GridView {
                id: browseView
                objectName: "browseView"
                readonly property int columns: Math.max(2, Math.floor(width / 150))
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: Theme.touch
                visible: searchField.text.length === 0
                clip: true
                cellWidth: Math.floor(width / columns)
                cellHeight: 116
                model: CatalogBrowseModel
                delegate: BrowseTile {
                    width: browseView.cellWidth - 6
                    height: browseView.cellHeight - 6
                    onItemChosen: (sku) => {
                        if (SaleController.scan(sku))
                            root.scanned()
                        scanField.forceActiveFocus()
                    }
                    onCategoryChosen: (code) => CatalogBrowseModel.openCategory(code)
                }
            }
            ListView {
                id: searchView
                objectName: "searchView"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: Theme.touch
                visible: !browseView.visible
                clip: true
                model: CatalogSearchModel
                delegate: SearchResultDelegate {
                    width: searchView.width
                    onChosen: (sku) => {
                        if (SaleController.scan(sku))
                            root.scanned()
                        scanField.forceActiveFocus()
                    }
                }
            }
            TotalsCard {
                Layout.fillWidth: true
            }
            // The sale's actions: one row where they fit with their labels, else two.
            GridLayout {
                Layout.fillWidth: true
                columns: width >= 600 ? 5 : 3
                columnSpacing: Theme.spacing
                rowSpacing: Theme.spacing
                Button {
                    objectName: "voidSaleButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    text: qsTr("Void sale")
                    enabled: SaleController.lineCount > 0
                    onClicked: root.askReason(qsTr("Void the whole sale"), (reason) => SaleController.voidSale(reason))
                }
                // Park this sale, or, with none in progress, take up a parked one.
                Button {
                    objectName: "parkButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    text: SaleController.lineCount > 0 || SaleController.parkedCount === 0 ? qsTr("Park")
                                                                                         : qsTr("Parked (%1)").arg(SaleController.parkedCount)
                    enabled: SaleController.lineCount > 0 || SaleController.parkedCount > 0
                    onClicked: {
                        if (SaleController.lineCount > 0)
                            SaleController.park()
                        else
                            parkedDialog.open()
                    }
                }
                Button {
                    objectName: "cartDiscountButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    text: qsTr("Discount")
                    enabled: SaleController.lineCount > 0
                    onClicked: amountDialog.ask(qsTr("Discount the whole sale"), qsTr("Discount in percent"),
                        (percent) => root.askReason(qsTr("Discount the whole sale"),
                            (reason) => SaleController.setCartDiscountPercent(percent, reason)))
                }
                // The basket onto the customer's phone: a QR code with the link to its page.
                Button {
                    objectName: "phoneButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    text: qsTr("To phone")
                    enabled: SaleController.lineCount > 0 && SaleController.tenders.length === 0
                    onClicked: HandoffController.continueOnPhone()
                }
                Button {
                    objectName: "giftCardButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    text: qsTr("Gift card")
                    enabled: SaleController.tenders.length === 0
                    onClicked: giftCardDialog.open()
                }
            }
            Button {
                objectName: "payButton"
                Layout.fillWidth: true
                Layout.preferredHeight: 72
                text: qsTr("Pay %1 %2").arg(SaleController.currency)
                          .arg(SaleController.tenders.length > 0 ? SaleController.remaining : SaleController.total)
                font.pixelSize: 22
                font.bold: true
                enabled: SaleController.lineCount > 0
                highlighted: true
                onClicked: paymentDialog.open()
            }
        }
    }

    PaymentDialog {
        id: paymentDialog
        onClosed: scanField.forceActiveFocus()
    }
    LineActionsDialog {
        id: lineActions
        onReasonNeeded: (action, done) => root.askReason(action, done)
        onClosed: scanField.forceActiveFocus()
    }
    ReasonDialog {
        id: reasonDialog
        onClosed: scanField.forceActiveFocus()
    }
    ParkedSalesDialog {
        id: parkedDialog
        onClosed: scanField.forceActiveFocus()
    }
    AmountDialog {
        id: amountDialog
        onClosed: scanField.forceActiveFocus()
    }
    GiftCardDialog {
        id: giftCardDialog
        onClosed: scanField.forceActiveFocus()
    }
    SaleCompleteOverlay {
        id: complete
    }
    PhoneHandoffDialog {
        onClosed: scanField.forceActiveFocus()
    }
}

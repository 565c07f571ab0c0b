// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import OmniTill

TestCase {
    id: testCase

    name: "SalePage"
    when: windowShown
    width: 1100
    height: 700
    visible: true

    Component {
        id: pageComponent
        SalePage {
            width: testCase.width
            height: testCase.height
        }
    }

    SignalSpy {
        id: errorSpy
        target: SaleController
        signalName: "errorOccurred"
    }

    // A keyboard-wedge scanner types the digits and presses Enter; keySequence() aborts on Qt 6.4.
    function typeCode(code: string) {
        for (let i = 0; i < code.length; ++i)
            keyClick(code[i])
        keyClick(Qt.Key_Return)
    }

    function init() {
        SaleController.voidSale("next test")
        if (!ShiftController.open)
            verify(ShiftController.openShift("100"))
        errorSpy.clear()
    }

    function test_scanAddsAndMergesLines() {
        const page = createTemporaryObject(pageComponent, testCase)
        const field = findChild(page, "scanField")
        field.forceActiveFocus()
        typeCode("SKU0000001")
        typeCode("SKU0000002")
        typeCode("SKU0000001")
        compare(SaleController.lineCount, 2)
        compare(findChild(page, "cartView").count, 2)
        compare(field.text, "")
        compare(errorSpy.count, 0)
    }

    function test_badBarcodeIsReportedAndAddsNothing() {
        const page = createTemporaryObject(pageComponent, testCase)
        findChild(page, "scanField").forceActiveFocus()
        typeCode("4006381333932")
        compare(SaleController.lineCount, 0)
        compare(errorSpy.count, 1)
        verify(errorSpy.signalArguments[0][0].indexOf("check digit") >= 0)
    }

    // A scanner burst lands in the sale, not in whatever text field has focus; slow typing still reaches the field.
    function test_scannerBurstsNeverLeakIntoTextFields() {
        const page = createTemporaryObject(pageComponent, testCase)
        const search = findChild(page, "searchField")
        search.forceActiveFocus()
        typeCode("SKU0000004")
        compare(SaleController.lineCount, 1)
        compare(search.text, "")
        // The same kind of code typed by a person, key by key, is text for the field, even with Enter after it.
        for (const c of "SKU0000005") {
            wait(400)
            keyClick(c)
        }
        wait(400)
        keyClick(Qt.Key_Return)
        tryCompare(search, "text", "SKU0000005")
        compare(SaleController.lineCount, 1)
        compare(errorSpy.count, 0)
    }

    function test_payByCardWithTouch() {
        const page = createTemporaryObject(pageComponent, testCase)
        findChild(page, "scanField").forceActiveFocus()
        typeCode("SKU0000003")
        compare(SaleController.lineCount, 1)
        const pay = findChild(page, "payButton")
        verify(pay.enabled)
        touchEvent(pay).press(0, pay, pay.width / 2, pay.height / 2).commit()
        touchEvent(pay).release(0, pay, pay.width / 2, pay.height / 2).commit()
        const card = findChild(page, "cardButton")
        tryVerify(() => card.visible && card.width > 0)
        mouseClick(card)
        tryVerify(() => SaleController.cardPending)
        compare(SaleController.lineCount, 1, "the sale waits for the terminal's answer")
        const approval = findChild(page, "approvalField")
        tryVerify(() => approval.visible && approval.activeFocus)
        mouseClick(findChild(page, "cardApproved"))
        compare(errorSpy.count, 1, "no approval code")
        compare(SaleController.lineCount, 1)
        keyClick(Qt.Key_A)
        keyClick(Qt.Key_1)
        keyClick(Qt.Key_B)
        keyClick(Qt.Key_2)
        keyClick(Qt.Key_Return)
        tryCompare(SaleController, "lineCount", 0)
        verify(SaleController.lastReceipt.length > 0)
        verify(!SaleController.cardPending)
    }

    // Part by card, declined first; then the rest in cash.
    function test_splitTenderWithTouch() {
        const page = createTemporaryObject(pageComponent, testCase)
        verify(SaleController.scan("SKU0000003"))
        verify(SaleController.scan("SKU0000004"))
        mouseClick(findChild(page, "payButton"))
        const amount = findChild(page, "tenderedField")
        tryVerify(() => amount.visible && amount.activeFocus)
        amount.text = "1" + SaleController.decimalPoint + "00"
        mouseClick(findChild(page, "cardButton"))
        tryVerify(() => SaleController.cardPending)
        compare(SaleController.cardAmount, "1" + SaleController.decimalPoint + "00")
        mouseClick(findChild(page, "cardDeclined"))
        verify(!SaleController.cardPending)
        verify(findChild(page, "paymentError").text.indexOf("Declined") === 0)
        compare(SaleController.tenders.length, 0)
        amount.text = "1" + SaleController.decimalPoint + "00"
        mouseClick(findChild(page, "cardButton"))
        const approval = findChild(page, "approvalField")
        approval.text = "777111"
        mouseClick(findChild(page, "cardApproved"))
        tryCompare(SaleController.tenders, "length", 1)
        const rows = findChild(page, "tenderRows")
        tryCompare(rows, "count", 1)
        verify(rows.itemAt(0).text.indexOf("777111") > 0, rows.itemAt(0).text)
        verify(findChild(page, "paymentTotal").text.indexOf(SaleController.remaining) > 0)
        compare(SaleController.lineCount, 2, "the sale is still open")
        mouseClick(findChild(page, "cashButton"))
        tryCompare(SaleController, "lineCount", 0)
        compare(errorSpy.count, 0)
    }

    // The camera panel opens even where there is no camera (CI, a till without one), says so, and the hand scanner
    // keeps working while it is open; its last-scan label shows what any scanner read.
    function test_cameraPanelWithoutACamera() {
        const page = createTemporaryObject(pageComponent, testCase)
        verify(!ScanService.cameraAvailable, "the decoder process starts only with the camera view")
        const button = findChild(page, "cameraButton")
        mouseClick(button)
        verify(button.checked)
        const loader = findChild(page, "cameraLoader")
        tryVerify(() => loader.status === Loader.Ready)
        const panel = loader.item
        tryVerify(() => ScanService.cameraAvailable, 10000, "the decoder process is running")
        verify(!panel.hasCamera)
        typeCode("SKU0000006")
        compare(SaleController.lineCount, 1)
        const last = findChild(panel, "lastScanLabel")
        tryVerify(() => last.visible)
        compare(last.text, "SKU0000006")
        compare(ScanService.lastScan.symbologyId, "")
        mouseClick(button)
        tryVerify(() => !loader.active && loader.item === null)
        compare(errorSpy.count, 0)
    }
}

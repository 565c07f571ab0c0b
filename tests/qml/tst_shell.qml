// SPDX-License-Identifier: GPL-3.0-or-later
// The counter flows by touch, on the real till (tst_qml.cpp builds it): signing in on the lock screen by PIN and by
// badge, a wrong PIN, the keypad, quick cash and the change due, +/- on a line, a price override and a line void with
// a reason, a cart discount, and a cashier's void that waits for a manager's PIN.
import QtQuick
import QtTest
import OmniTill

TestCase {
    id: testCase

    name: "Shell"
    when: windowShown
    width: 1280
    height: 800
    visible: true

    Component {
        id: pageComponent
        SalePage {
            width: testCase.width
            height: testCase.height
        }
    }
    Component {
        id: lockComponent
        LockScreen {}
    }
    Component {
        id: approvalComponent
        ApprovalDialog {}
    }

    SignalSpy {
        id: errorSpy
        target: SaleController
        signalName: "errorOccurred"
    }

    // A finger on the item's centre, lifted again.
    function tap(item) {
        verify(item, "the item to tap exists")
        verify(item.visible && item.enabled, "the item to tap is visible and enabled: " + item.objectName)
        touchEvent(item).press(0, item, item.width / 2, item.height / 2).commit()
        touchEvent(item).release(0, item, item.width / 2, item.height / 2).commit()
    }
    // The front-most visible item called `name` under `root` (by default all the window shows, popups included):
    // TestCase.findChild does not look into popups or list delegates.
    function shown(name: string, root) {
        const from = root ? root : testCase.Window.window.contentItem
        for (let i = from.children.length - 1; i >= 0; --i) {
            const child = from.children[i]
            if (!child.visible)
                continue
            if (child.objectName === name)
                return child
            const found = shown(name, child)
            if (found)
                return found
        }
        return null
    }
    function tapNamed(root, name: string) {
        let found = null
        tryVerify(() => {
            found = shown(name, root)
            return found !== null && found.width > 0 && found.enabled
        }, 3000, name + " is shown")
        tap(found)
    }
    function typeOnKeypad(root, digits: string) {
        for (const d of digits)
            tapNamed(root, d === "." || d === "," ? "keyDecimal" : "key" + d)
    }
    // A keyboard-wedge scanner: the characters in a burst, then Enter.
    function typeCode(code: string) {
        for (let i = 0; i < code.length; ++i)
            keyClick(code[i])
        keyClick(Qt.Key_Return)
    }
    function personId(name: string): string {
        for (const p of StaffSession.people()) {
            if (p.name === name)
                return p.id
        }
        return ""
    }
    function signInAs(name: string, pin: string) {
        if (StaffSession.signedIn && StaffSession.name === name)
            return
        verify(StaffSession.signIn(personId(name), pin), StaffSession.message)
    }

    function init() {
        signInAs("Maria", "2468")
        SaleController.voidSale("next test")
        if (!ShiftController.open)
            verify(ShiftController.openShift("100"))
        errorSpy.clear()
    }

    function test_signInByTouchAndByBadge() {
        StaffSession.lock()
        const lock = createTemporaryObject(lockComponent, testCase)
        lock.open()
        tryVerify(() => lock.opened)
        // Carl, a wrong PIN: counted, said, nobody signed in.
        tapNamed(null, "person0")
        typeOnKeypad(null, "9999")
        tapNamed(null, "pinConfirm")
        verify(!StaffSession.signedIn)
        verify(StaffSession.message.indexOf("wrong PIN") >= 0, StaffSession.message)
        compare(shown("lockMessage").text, StaffSession.message)
        // The right one, with a slip corrected on the keypad.
        typeOnKeypad(null, "1358")
        tapNamed(null, "keyBack")
        typeOnKeypad(null, "7")
        compare(shown("pinField").text, "1357")
        tapNamed(null, "pinConfirm")
        verify(StaffSession.signedIn)
        compare(StaffSession.name, "Carl")
        // Locked again, Carl's badge through the hand scanner signs him in without a PIN.
        StaffSession.lock()
        typeCode("STAFF0002")
        tryVerify(() => StaffSession.signedIn)
        compare(StaffSession.name, "Carl")
        compare(SaleController.lineCount, 0, "a badge at the lock screen is no item")
    }

    function test_quickCashShowsTheChangeUntilTheNextScan() {
        const page = createTemporaryObject(pageComponent, testCase)
        verify(SaleController.scan("SKU0000003"))
        verify(SaleController.scan("SKU0000004"))
        tapNamed(null, "payButton")
        const amounts = SaleController.quickCash()
        verify(amounts.length >= 2)
        tapNamed(null, "quickCash1")
        tryCompare(SaleController, "lineCount", 0)
        tryVerify(() => shown("changeDue") !== null)
        const change = shown("changeDue")
        verify(change.text.indexOf("EUR") === 0)
        verify(change.font.pixelSize >= 64, "the change due is large")
        // The next customer's first item clears it.
        verify(SaleController.scan("SKU0000005"))
        tryVerify(() => !change.visible)
        compare(errorSpy.count, 0)
    }

    function test_cashOnTheKeypad() {
        const page = createTemporaryObject(pageComponent, testCase)
        verify(SaleController.scan("SKU0000003"))
        tapNamed(null, "payButton")
        typeOnKeypad(null, "100" + SaleController.decimalPoint + "00")
        compare(shown("tenderedField").text, "100" + SaleController.decimalPoint + "00")
        tapNamed(null, "cashButton")
        tryCompare(SaleController, "lineCount", 0)
        compare(errorSpy.count, 0)
    }

    function test_plusAndMinusOnALine() {
        const page = createTemporaryObject(pageComponent, testCase)
        verify(SaleController.scan("SKU0000006"))
        const cart = findChild(page, "cartView")
        tryCompare(cart, "count", 1)
        const before = SaleController.total
        tapNamed(cart, "plusButton")
        tryCompare(shown("lineQuantity", cart), "text", "2")
        verify(SaleController.total !== before)
        tapNamed(cart, "minusButton")
        tryCompare(shown("lineQuantity", cart), "text", "1")
        compare(SaleController.total, before)
        // One less of the last piece voids the line, after a reason.
        tapNamed(cart, "minusButton")
        tapNamed(null, "reason1")
        tryCompare(SaleController, "lineCount", 0)
        compare(errorSpy.count, 0)
    }

    function test_priceOverrideAndVoidWithAReason() {
        const page = createTemporaryObject(pageComponent, testCase)
        verify(SaleController.scan("SKU0000007"))
        verify(SaleController.scan("SKU0000008"))
        const cart = findChild(page, "cartView")
        tryCompare(cart, "count", 2)
        tryVerify(() => cart.itemAtIndex(1) !== null)
        tap(cart.itemAtIndex(0))
        tapNamed(null, "mode_price")
        typeOnKeypad(null, "1" + SaleController.decimalPoint + "50")
        tapNamed(null, "lineApply")
        tapNamed(null, "reason3")
        tryCompare(shown("lineTotal", cart.itemAtIndex(0)), "text", "1.50")
        // A discount over 100 % is refused with a message and changes nothing.
        const total = SaleController.total
        tap(cart.itemAtIndex(1))
        tapNamed(null, "mode_discount")
        typeOnKeypad(null, "150")
        tapNamed(null, "lineApply")
        tapNamed(null, "reason0")
        compare(errorSpy.count, 1)
        compare(SaleController.total, total)
        // Void the second line: choosing the reason confirms it; Cancel would not.
        tap(cart.itemAtIndex(1))
        tapNamed(null, "lineVoid")
        tapNamed(null, "reasonCancel")
        compare(SaleController.lineCount, 2)
        tap(cart.itemAtIndex(1))
        tapNamed(null, "lineVoid")
        tapNamed(null, "reason1")
        tryCompare(SaleController, "lineCount", 1)
    }

    function test_cartDiscount() {
        const page = createTemporaryObject(pageComponent, testCase)
        verify(SaleController.scan("SKU0000009"))
        const before = SaleController.total
        tapNamed(null, "cartDiscountButton")
        typeOnKeypad(null, "10")
        tapNamed(null, "amountOk")
        tapNamed(null, "reason5")
        tryVerify(() => SaleController.total !== before)
        verify(SaleController.discount !== "0.00")
        compare(errorSpy.count, 0)
    }

    // Carl may not void a sale: the approval dialog asks for a manager, Maria types her PIN on this till, and the
    // sale is voided, by Carl with Maria's approval.
    function test_aCashiersVoidWaitsForAManager() {
        signInAs("Carl", "1357")
        const page = createTemporaryObject(pageComponent, testCase)
        const approval = createTemporaryObject(approvalComponent, testCase)
        verify(SaleController.scan("SKU0000010"))
        tapNamed(null, "voidSaleButton")
        tapNamed(null, "reason1")
        verify(SaleController.approvalPending)
        tryVerify(() => approval.opened)
        compare(SaleController.lineCount, 1, "nothing is voided before a manager approves")
        // Only those who may approve are offered: Maria, not Carl himself.
        compare(SaleController.approvers.length, 1)
        tapNamed(null, "person0")
        typeOnKeypad(null, "2468")
        tapNamed(null, "pinConfirm")
        tryCompare(SaleController, "lineCount", 0)
        verify(!SaleController.approvalPending)
        tryVerify(() => !approval.visible)
        compare(StaffSession.name, "Carl", "the cashier stays signed in")
    }

    // With nothing searched the grid shows; a category tile opens its items, an item tile rings it up, Back returns;
    // typing a search shows the hits instead, each with its price and SKU.
    function test_gridAndSearchByTouch() {
        const page = createTemporaryObject(pageComponent, testCase)
        const grid = findChild(page, "browseView")
        tryVerify(() => grid.visible && grid.count > 0)
        let category = -1
        for (let i = 0; i < grid.count && category < 0; ++i) {
            if (grid.itemAtIndex(i) && grid.itemAtIndex(i).isCategory)
                category = i
        }
        verify(category >= 0, "the grid offers categories")
        const categoryName = grid.itemAtIndex(category).name
        tap(grid.itemAtIndex(category))
        tryCompare(CatalogBrowseModel, "categoryName", categoryName)
        tryVerify(() => grid.count > 0 && grid.itemAtIndex(0) !== null && !grid.itemAtIndex(0).isCategory)
        const first = grid.itemAtIndex(0)
        verify(first.price.length > 0)
        tap(first)
        tryCompare(SaleController, "lineCount", 1)
        const cart = findChild(page, "cartView")
        tryVerify(() => cart.itemAtIndex(0) !== null)
        compare(cart.itemAtIndex(0).sku, first.code)
        tapNamed(page, "browseBack")
        tryCompare(CatalogBrowseModel, "category", "")

        const search = findChild(page, "searchField")
        search.forceActiveFocus()
        keyClick(Qt.Key_B)
        keyClick(Qt.Key_I)
        keyClick(Qt.Key_O)
        tryVerify(() => !grid.visible && CatalogSearchModel.rowCount() > 0)
        tryVerify(() => shown("hitPrice", page) !== null)
        verify(shown("hitPrice", page).text.length > 0)
        search.text = ""
        CatalogSearchModel.query = ""
        tryVerify(() => grid.visible)
        compare(errorSpy.count, 0)
    }

    // Park a sale with one tap, serve someone else, take it up again from the list (who parked it is shown).
    function test_parkAndResume() {
        const page = createTemporaryObject(pageComponent, testCase)
        verify(SaleController.scan("SKU0000011"))
        verify(SaleController.scan("SKU0000012"))
        const total = SaleController.total
        const parkedBefore = SaleController.parkedCount
        tapNamed(null, "parkButton")
        compare(SaleController.lineCount, 0)
        compare(SaleController.parkedCount, parkedBefore + 1)
        compare(shown("parkButton").text, "Parked (" + (parkedBefore + 1) + ")")
        tapNamed(null, "parkButton")
        tryVerify(() => shown("parked" + parkedBefore) !== null)
        verify(shown("parked" + parkedBefore).modelData.staffName === "Maria")
        tapNamed(null, "parked" + parkedBefore)
        tryCompare(SaleController, "lineCount", 2)
        compare(SaleController.total, total)
        compare(SaleController.parkedCount, parkedBefore)
        compare(errorSpy.count, 0)
    }
}

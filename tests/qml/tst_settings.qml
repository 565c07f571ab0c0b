// SPDX-License-Identifier: GPL-3.0-or-later
// The Settings page by touch on the real till (tst_qml.cpp builds it), and the scan sounds: a cashier may look but
// not change, and core refuses too; a manager changes the language and turns the sounds off; a good and a bad scan
// each play their own sound.
import QtQuick
import QtTest
import OmniTill

TestCase {
    id: testCase

    name: "Settings"
    when: windowShown
    width: 1280
    height: 800
    visible: true

    Component {
        id: settingsComponent
        SettingsPage {
            width: testCase.width
            height: testCase.height
        }
    }
    Component {
        id: soundsComponent
        ScanSounds {}
    }

    SignalSpy {
        id: errorSpy
        target: SaleController
        signalName: "errorOccurred"
    }

    function tap(item) {
        verify(item, "the item to tap exists")
        touchEvent(item).press(0, item, item.width / 2, item.height / 2).commit()
        touchEvent(item).release(0, item, item.width / 2, item.height / 2).commit()
    }
    function shown(name: string, root) {
        for (let i = root.children.length - 1; i >= 0; --i) {
            const child = root.children[i]
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
        StaffSession.lock()
        verify(StaffSession.signIn(personId(name), pin), StaffSession.message)
    }

    function init() {
        signInAs("Maria", "2468")
        SaleController.voidSale("next test")
        if (!ShiftController.open)
            verify(ShiftController.openShift("100"))
        errorSpy.clear()
    }
    function cleanup() {
        signInAs("Maria", "2468")
        TerminalSettings.setLanguage("")
        TerminalSettings.setScanSounds(true)
        TerminalSettings.setPrinter("", 80)
    }

    // The receipt printer set by touch; an address that cannot be one is said and nothing changes.
    function test_thePrinterIsSetByTouch() {
        const page = createTemporaryObject(settingsComponent, testCase)
        const field = shown("printerAddress", page)
        field.text = "lpt1"
        tap(shown("printerSave", page))
        compare(errorSpy.count, 1)
        verify(errorSpy.signalArguments[0][0].indexOf("is not a printer address") > 0, errorSpy.signalArguments[0][0])
        compare(TerminalSettings.printerAddress, "")
        compare(field.text, "", "the field shows the setting again")
        field.text = "tcp://127.0.0.1:9"
        tap(shown("paper58", page))
        tap(shown("printerSave", page))
        compare(TerminalSettings.printerAddress, "tcp://127.0.0.1:9")
        compare(TerminalSettings.printerPaper, 58)
        verify(ReceiptController.printerSet)
        compare(errorSpy.count, 1)
    }

    function test_aCashierLooksAManagerChanges() {
        const page = createTemporaryObject(settingsComponent, testCase)
        signInAs("Carl", "1357")
        tryVerify(() => shown("settingsReadOnly", page) !== null)
        verify(shown("settingsReadOnly", page).text.indexOf("Carl") === 0)
        const german = shown("language2", page)
        compare(german.text, "Deutsch")
        verify(!german.enabled, "Carl cannot touch the language")
        verify(!shown("scanSoundsSwitch", page).enabled)
        // Not only hidden: core refuses him, with a message for the cashier.
        verify(!TerminalSettings.setScanSounds(false))
        compare(errorSpy.count, 1)
        compare(errorSpy.signalArguments[0][0], "Carl may not change the settings: a manager can")
        verify(TerminalSettings.scanSounds)

        // Maria may: German from the next start, and the sounds off.
        signInAs("Maria", "2468")
        tryVerify(() => shown("settingsReadOnly", page) === null)
        tap(shown("language2", page))
        compare(TerminalSettings.language, "de")
        tryVerify(() => shown("restartNote", page) !== null)
        verify(shown("language2", page).checked)
        verify(!shown("language0", page).checked)
        tap(shown("scanSoundsSwitch", page))
        verify(!TerminalSettings.scanSounds)
        verify(!shown("scanSoundsSwitch", page).checked)
        // The system's language again: nothing waits for a restart.
        tap(shown("language0", page))
        compare(TerminalSettings.language, "")
        tryVerify(() => shown("restartNote", page) === null)
        compare(errorSpy.count, 1)
        // What a support call asks for.
        const details = TerminalSettings.details
        verify(details.length >= 4)
        compare(details[0].label, "Terminal")
        verify(details[0].value.length >= 32, details[0].value)
    }

    // A till without a speaker says so while the sounds are on.
    function test_noSpeakerIsSaid() {
        const page = createTemporaryObject(settingsComponent, testCase, { speakerFound: false })
        tryVerify(() => shown("noSpeaker", page) !== null)
        tap(shown("scanSoundsSwitch", page))
        verify(!TerminalSettings.scanSounds)
        tryVerify(() => shown("noSpeaker", page) === null)
        page.speakerFound = true
        tap(shown("scanSoundsSwitch", page))
        verify(TerminalSettings.scanSounds)
        verify(shown("noSpeaker", page) === null)
    }

    function test_aGoodAndABadScanEachHaveTheirSound() {
        const sounds = createTemporaryObject(soundsComponent, testCase)
        tryVerify(() => sounds.ready, 5000, "both sounds are loaded from the till's resources")
        verify(SaleController.scan("SKU0000003"))
        compare(sounds.goodPlayed, 1)
        compare(sounds.badPlayed, 0)
        verify(!SaleController.scan("NO-SUCH-SKU"))
        compare(sounds.goodPlayed, 1)
        compare(sounds.badPlayed, 1)
        compare(errorSpy.count, 1)
    }
}

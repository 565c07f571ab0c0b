// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// An on-screen keypad for quantities, prices, cash and PINs: it types into `target` (a TextField) as a keyboard would.
// The decimal key types the store's separator ("," in a German store); `decimals: false` hides it for PINs.
GridLayout {
    id: root

    property TextField target
    property bool decimals: true
    signal entered()

    columns: 3
    rowSpacing: 8
    columnSpacing: 8

    function type(key: string) {
        if (!root.target)
            return
        if (key === "back")
            root.target.text = root.target.text.slice(0, -1)
        else if (key === "clear")
            root.target.text = ""
        else
            root.target.text += key
    }

    Repeater {
        model: ["7", "8", "9", "4", "5", "6", "1", "2", "3"]
        delegate: KeypadKey {
            required property string modelData
            text: modelData
            objectName: "key" + modelData
            onClicked: root.type(modelData)
        }
    }
    KeypadKey {
        objectName: "keyDecimal"
        text: root.decimals ? SaleController.decimalPoint : qsTr("Clear")
        onClicked: root.type(root.decimals ? SaleController.decimalPoint : "clear")
    }
    KeypadKey {
        objectName: "key0"
        text: "0"
        onClicked: root.type("0")
    }
    KeypadKey {
        objectName: "keyBack"
        text: "⌫"
        Accessible.name: qsTr("Delete")
        onClicked: root.type("back")
    }

    component KeypadKey: Button {
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumWidth: Theme.keypadKey
        Layout.minimumHeight: Theme.keypadKey
        Layout.preferredWidth: Theme.keypadKey
        Layout.preferredHeight: Theme.keypadKey
        font.pixelSize: 24
        focusPolicy: Qt.NoFocus
    }
}

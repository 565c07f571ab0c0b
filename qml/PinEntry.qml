// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// Choose a person, type their PIN on the keypad (or the keyboard), confirm. Used by the lock screen and by a
// manager's approval. Side by side when there is room, one above the other on a portrait screen.
GridLayout {
    id: root

    property var people: []
    property string chosenId: people.length === 1 ? people[0].id : ""
    property string confirmText: qsTr("Sign in")
    signal submitted(string staffId, string pin)

    function clear() {
        pin.text = ""
        pin.forceActiveFocus()
    }
    function submit() {
        if (root.chosenId.length > 0 && pin.text.length > 0) {
            root.submitted(root.chosenId, pin.text)
            pin.text = ""
        }
    }

    columns: width > 640 ? 2 : 1
    columnSpacing: 24
    rowSpacing: Theme.spacing

    ListView {
        id: list
        objectName: "peopleList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: Theme.touch
        Layout.preferredHeight: Math.min(contentHeight, 6 * (Theme.touch + 4))
        Layout.preferredWidth: 280
        clip: true
        spacing: 4
        model: root.people
        delegate: Button {
            id: person
            required property var modelData
            required property int index
            objectName: "person" + index
            width: list.width
            height: Theme.touch
            checkable: true
            checked: root.chosenId === modelData.id
            text: qsTr("%1 (%2)").arg(modelData.name).arg(modelData.role)
            font.pixelSize: 18
            onClicked: {
                root.chosenId = modelData.id
                pin.forceActiveFocus()
            }
        }
    }

    ColumnLayout {
        Layout.fillWidth: true
        Layout.alignment: Qt.AlignTop
        spacing: Theme.spacing
        TextField {
            id: pin
            objectName: "pinField"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            echoMode: TextInput.Password
            inputMethodHints: Qt.ImhDigitsOnly | Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
            placeholderText: root.chosenId.length > 0 ? qsTr("PIN") : qsTr("Choose your name first")
            font.pixelSize: 22
            onAccepted: root.submit()
        }
        NumericKeypad {
            Layout.fillWidth: true
            target: pin
            decimals: false
        }
        Button {
            objectName: "pinConfirm"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            text: root.confirmText
            highlighted: true
            enabled: root.chosenId.length > 0 && pin.text.length > 0
            onClicked: root.submit()
        }
    }
}

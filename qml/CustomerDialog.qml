// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// Making or changing a customer at the till, offline too: name, email, phone (with the country code, or the
// store's), loyalty cards, and the customer's consent to email and text messages, asked out loud and recorded with
// the time and this till. The dialog stays open with what to fix when something is refused.
Dialog {
    id: root

    property string customerId

    objectName: "customerDialog"
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(parent.width - 32, 520)
    height: Math.min(parent.height - 32, implicitHeight)
    modal: true
    closePolicy: Popup.CloseOnEscape
    title: customerId.length > 0 ? qsTr("Change customer") : qsTr("New customer")

    // A new customer; what was searched for fills the field it looks like.
    function create(searched: string) {
        customerId = ""
        name.text = searched.indexOf("@") < 0 && !/^[+0-9 ]+$/.test(searched) ? searched : ""
        email.text = searched.indexOf("@") >= 0 ? searched : ""
        phone.text = /^[+0-9 ]+$/.test(searched) ? searched : ""
        cards.text = ""
        emailConsent.checked = false
        smsConsent.checked = false
        open()
    }
    function edit(profile: var) {
        customerId = profile.id
        name.text = profile.name
        email.text = profile.email
        phone.text = profile.phone
        cards.text = profile.cardNumbers
        emailConsent.checked = profile.emailConsent
        smsConsent.checked = profile.smsConsent
        open()
    }
    function save() {
        if (CustomerController.save(customerId, name.text, email.text, phone.text, cards.text, emailConsent.checked,
                                    smsConsent.checked))
            close()
    }

    onOpened: name.forceActiveFocus()

    component Field: TextField {
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.touch
        font.pixelSize: 18
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        Field {
            id: name
            onAccepted: root.save()
            objectName: "customerName"
            placeholderText: qsTr("Name")
        }
        Field {
            id: email
            onAccepted: root.save()
            objectName: "customerEmail"
            placeholderText: qsTr("Email")
            inputMethodHints: Qt.ImhEmailCharactersOnly | Qt.ImhNoAutoUppercase
        }
        Field {
            id: phone
            onAccepted: root.save()
            objectName: "customerPhone"
            placeholderText: qsTr("Phone, e.g. +49 171 2345678")
            inputMethodHints: Qt.ImhDialableCharactersOnly
        }
        Field {
            id: cards
            onAccepted: root.save()
            objectName: "customerCards"
            placeholderText: qsTr("Loyalty cards, commas between")
        }
        CheckBox {
            id: emailConsent
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.minTouch
            objectName: "customerEmailConsent"
            text: qsTr("Agrees to offers by email")
        }
        CheckBox {
            id: smsConsent
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.minTouch
            objectName: "customerSmsConsent"
            text: qsTr("Agrees to offers by text message")
        }
        Label {
            objectName: "customerDialogError"
            Layout.fillWidth: true
            visible: root.opened && CustomerController.error.length > 0
            text: CustomerController.error
            color: Theme.danger
            wrapMode: Text.Wrap
        }
    }

    footer: DialogButtonBox {
        Button {
            objectName: "customerCancel"
            text: qsTr("Cancel")
            implicitHeight: Theme.touch
            DialogButtonBox.buttonRole: Dialog.RejectRole
        }
        Button {
            objectName: "customerSave"
            text: qsTr("Save")
            implicitHeight: Theme.touch
            highlighted: true
            DialogButtonBox.buttonRole: Dialog.ApplyRole
            onClicked: root.save()
        }
        onRejected: root.close()
    }
}

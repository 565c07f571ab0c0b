// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// The Customers page: find a customer by what they tell the cashier (name, email, phone, card number) or by scanning
// their card; see who they are, their points and what they bought on every channel; attach them to the sale; create
// or change a customer, offline too. CustomerController (core) does the finding, checking and journaling.
Pane {
    id: root

    readonly property bool portrait: width < height
    readonly property var profile: CustomerController.profile
    readonly property bool open: profile.id !== undefined
    // Asks Main to show the Sell page.
    signal saleRequested()

    padding: Theme.spacing

    CustomerDialog {
        id: editor
    }

    GridLayout {
        anchors.fill: parent
        columns: root.portrait ? 1 : 2
        columnSpacing: 16
        rowSpacing: Theme.spacing

        // Finding.
        ColumnLayout {
            Layout.fillWidth: root.portrait
            Layout.fillHeight: !root.portrait || !root.open
            Layout.preferredWidth: root.portrait ? root.availableWidth : Math.round(root.availableWidth * 0.4)
            Layout.preferredHeight: root.portrait && root.open ? 3 * Theme.touch + 120 : -1
            spacing: Theme.spacing
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                TextField {
                    id: searchField
                    objectName: "customerSearch"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    font.pixelSize: 18
                    placeholderText: qsTr("Name, email, phone or card number")
                    onTextEdited: searchTimer.restart()
                    onAccepted: {
                        searchTimer.stop()
                        CustomerController.search(text)
                        if (CustomerController.matches.length === 1)
                            CustomerController.open(CustomerController.matches[0].id)
                    }
                    Timer {
                        id: searchTimer
                        interval: 250
                        onTriggered: CustomerController.search(searchField.text)
                    }
                }
                Button {
                    objectName: "newCustomer"
                    Layout.preferredHeight: Theme.touch
                    text: qsTr("New customer")
                    onClicked: editor.create(searchField.text)
                }
            }
            Label {
                objectName: "customerError"
                Layout.fillWidth: true
                visible: CustomerController.error.length > 0
                text: CustomerController.error
                wrapMode: Text.Wrap
                color: Theme.danger
            }
            ListView {
                id: matchList
                objectName: "customerMatches"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: CustomerController.matches
                delegate: ItemDelegate {
                    id: match
                    required property var modelData
                    required property int index
                    objectName: "match" + index
                    width: matchList.width
                    height: Theme.touch + 8
                    highlighted: root.open && root.profile.id === modelData.id
                    onClicked: CustomerController.open(modelData.id)
                    contentItem: ColumnLayout {
                        spacing: 2
                        RowLayout {
                            Layout.fillWidth: true
                            Label {
                                Layout.fillWidth: true
                                text: match.modelData.name
                                font.bold: true
                                elide: Text.ElideRight
                            }
                            Label {
                                text: match.modelData.tier.length > 0
                                      ? qsTr("%1 · %2 points").arg(match.modelData.tier).arg(match.modelData.points)
                                      : qsTr("%1 points").arg(match.modelData.points)
                                color: Theme.muted
                            }
                        }
                        Label {
                            Layout.fillWidth: true
                            text: [match.modelData.contact, match.modelData.card].filter(s => s.length > 0).join("  ·  ")
                                  + (match.modelData.local ? "  ·  " + qsTr("not yet at the hub") : "")
                            color: Theme.muted
                            elide: Text.ElideRight
                        }
                    }
                }
                Label {
                    anchors.centerIn: parent
                    width: parent.width - 2 * Theme.spacing
                    visible: matchList.count === 0 && CustomerController.error.length === 0
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    color: Theme.muted
                    text: qsTr("Type part of a name, an email address, a phone number or a card number, or scan the customer's card.")
                }
            }
        }

        // Nothing open yet: what the page is for.
        Label {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: 1
            visible: !root.open && !root.portrait
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            wrapMode: Text.Wrap
            color: Theme.muted
            text: qsTr("A customer's points, consent and purchases on every channel show here.")
        }

        // The customer.
        Frame {
            objectName: "customerProfile"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: 1
            visible: root.open
            ColumnLayout {
                anchors.fill: parent
                spacing: 6
                Label {
                    objectName: "profileName"
                    Layout.fillWidth: true
                    text: root.profile.name ?? ""
                    font.pixelSize: 26
                    font.bold: true
                    elide: Text.ElideRight
                }
                Label {
                    objectName: "profilePoints"
                    Layout.fillWidth: true
                    text: (root.profile.tier ?? "").length > 0
                          ? qsTr("%1 · %2 points").arg(root.profile.tier).arg(root.profile.points)
                          : qsTr("%1 points").arg(root.profile.points ?? "0")
                    font.pixelSize: 20
                    color: Theme.accent
                    elide: Text.ElideRight
                }
                Label {
                    objectName: "profileAsOf"
                    Layout.fillWidth: true
                    text: root.profile.asOf ?? ""
                    color: root.profile.live ? Theme.success : Theme.noticeText
                    wrapMode: Text.Wrap
                }
                Label {
                    Layout.fillWidth: true
                    text: [root.profile.email, root.profile.phone, root.profile.cards]
                          .filter(s => s !== undefined && s.length > 0).join("  ·  ")
                    wrapMode: Text.Wrap
                }
                Label {
                    objectName: "profileConsent"
                    Layout.fillWidth: true
                    text: root.profile.consentText ?? ""
                    color: Theme.muted
                    wrapMode: Text.Wrap
                }
                Label {
                    objectName: "profileCart"
                    Layout.fillWidth: true
                    visible: text.length > 0
                    text: root.profile.cart ?? ""
                    font.bold: true
                    wrapMode: Text.Wrap
                }
                Label {
                    Layout.fillWidth: true
                    visible: text.length > 0
                    text: root.profile.note ?? ""
                    color: Theme.noticeText
                    wrapMode: Text.Wrap
                }
                Label {
                    text: qsTr("Purchases on every channel")
                    font.bold: true
                    topPadding: 6
                }
                ListView {
                    id: orderList
                    objectName: "profileOrders"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.minimumHeight: 3 * Theme.minTouch
                    clip: true
                    model: root.profile.orders ?? []
                    delegate: ColumnLayout {
                        id: order
                        required property var modelData
                        width: orderList.width
                        spacing: 0
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: Theme.spacing
                            Label {
                                text: order.modelData.channelName
                                font.bold: true
                            }
                            Label {
                                Layout.fillWidth: true
                                text: order.modelData.date
                                elide: Text.ElideRight
                            }
                            Label {
                                text: order.modelData.total
                            }
                        }
                        Label {
                            Layout.fillWidth: true
                            bottomPadding: 6
                            text: [order.modelData.order, order.modelData.store, qsTr("%n item(s)", "", order.modelData.items)]
                                  .filter(s => s.length > 0).join("  ·  ")
                            elide: Text.ElideRight
                            color: Theme.muted
                        }
                    }
                    Label {
                        anchors.centerIn: parent
                        visible: orderList.count === 0
                        text: qsTr("No purchases yet")
                        color: Theme.muted
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    Button {
                        objectName: "attachCustomer"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        highlighted: true
                        text: SaleController.customerId === root.profile.id ? qsTr("On this sale")
                                                                             : qsTr("Add to sale")
                        enabled: SaleController.customerId !== root.profile.id
                        onClicked: {
                            if (SaleController.attachCustomer(root.profile.id))
                                root.saleRequested()
                        }
                    }
                    Button {
                        objectName: "editCustomer"
                        Layout.preferredHeight: Theme.touch
                        text: qsTr("Edit")
                        onClicked: editor.edit(root.profile)
                    }
                    Button {
                        objectName: "closeCustomer"
                        Layout.preferredHeight: Theme.touch
                        text: qsTr("Close")
                        onClicked: CustomerController.close()
                    }
                }
            }
        }
    }
}

// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import OmniTill

// The Reports page, for managers: a day of this till from its own journal (offline too), and the hub's report of the
// store for the same day when the hub answers. ReportsController (core) checks who may read it.
Pane {
    id: root

    readonly property var tillDay: ReportsController.till
    readonly property var storeDay: ReportsController.store

    padding: Theme.spacing

    onVisibleChanged: if (visible) ReportsController.load()
    // A manager signing in while the page is shown: read the day for them (after the signal, not inside it).
    Connections {
        target: ReportsController
        function onChanged() {
            if (root.visible && ReportsController.mayRead && Object.keys(root.tillDay).length === 0)
                loadLater.start()
        }
    }
    Timer {
        id: loadLater
        interval: 0
        onTriggered: ReportsController.load()
    }

    component Heading: Label {
        Layout.fillWidth: true
        font.pixelSize: 18
        font.bold: true
        elide: Text.ElideRight
    }
    component Figure: Rectangle {
        id: figure
        property string value
        property string caption
        implicitWidth: 150
        implicitHeight: 64
        radius: 6
        color: "white"
        border.color: "#d5dae0"
        Column {
            anchors.fill: parent
            anchors.margins: 8
            Label {
                width: parent.width
                text: figure.value
                font.pixelSize: 22
                font.bold: true
                elide: Text.ElideRight
            }
            Label {
                width: parent.width
                text: figure.caption
                font.pixelSize: 13
                color: Theme.muted
                elide: Text.ElideRight
            }
        }
    }
    component MoneyRow: RowLayout {
        id: moneyRow
        required property var modelData
        spacing: Theme.spacing
        Label {
            Layout.fillWidth: true
            text: moneyRow.modelData.name
            elide: Text.ElideRight
        }
        Label {
            Layout.preferredWidth: 48
            horizontalAlignment: Text.AlignRight
            text: moneyRow.modelData.count
        }
        Label {
            Layout.preferredWidth: 130
            horizontalAlignment: Text.AlignRight
            text: moneyRow.modelData.amount + (moneyRow.modelData.currency ? " " + moneyRow.modelData.currency : "")
            elide: Text.ElideLeft
        }
    }
    component HealthChip: Rectangle {
        id: chip
        property string health
        implicitWidth: 72
        implicitHeight: 26
        radius: 13
        color: health === "red" ? "#f9d3d0" : health === "amber" ? "#fde9c4" : "#d8f0dd"
        Label {
            anchors.centerIn: parent
            width: parent.width - 8
            horizontalAlignment: Text.AlignHCenter
            elide: Text.ElideRight
            text: chip.health === "red" ? qsTr("red") : chip.health === "amber" ? qsTr("amber") : qsTr("green")
            color: chip.health === "red" ? "#8a1c12" : chip.health === "amber" ? "#7a4a00" : "#145c2a"
            font.bold: true
        }
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentWidth: width
        contentHeight: column.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            width: Math.min(flick.width, 1200)
            spacing: Theme.spacing

            // The day shown, and the days before it.
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                Label {
                    Layout.fillWidth: true
                    text: qsTr("Reports")
                    font.pixelSize: 24
                    font.bold: true
                    elide: Text.ElideRight
                }
                Button {
                    objectName: "reportsDayBefore"
                    Layout.preferredHeight: Theme.minTouch
                    Layout.preferredWidth: Theme.minTouch
                    enabled: ReportsController.mayRead
                    text: "◀"
                    Accessible.name: qsTr("Day before")
                    onClicked: ReportsController.moveDay(-1)
                }
                Label {
                    objectName: "reportsDay"
                    Layout.preferredWidth: Math.min(implicitWidth, 280)
                    text: ReportsController.dayText
                    font.pixelSize: 16
                    elide: Text.ElideRight
                }
                Button {
                    objectName: "reportsDayAfter"
                    Layout.preferredHeight: Theme.minTouch
                    Layout.preferredWidth: Theme.minTouch
                    enabled: ReportsController.mayRead && !ReportsController.isToday
                    text: "▶"
                    Accessible.name: qsTr("Day after")
                    onClicked: ReportsController.moveDay(1)
                }
                Button {
                    objectName: "reportsRefresh"
                    Layout.preferredHeight: Theme.minTouch
                    enabled: ReportsController.mayRead
                    text: ReportsController.isToday ? qsTr("Refresh") : qsTr("Today")
                    onClicked: ReportsController.isToday ? ReportsController.load() : ReportsController.showToday()
                }
            }
            Label {
                objectName: "reportsNotAllowed"
                Layout.fillWidth: true
                visible: !ReportsController.mayRead
                text: qsTr("Reports are for managers: a person whose role may see reports signs in to read them.")
                wrapMode: Text.Wrap
                color: Theme.muted
            }

            GridLayout {
                Layout.fillWidth: true
                visible: ReportsController.mayRead
                columns: root.width > 1000 ? 2 : 1
                columnSpacing: Theme.spacing * 2
                rowSpacing: Theme.spacing * 2

                // This till, from its journal.
                ColumnLayout {
                    objectName: "reportsTill"
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    Layout.preferredWidth: 1
                    spacing: Theme.spacing / 2
                    Heading {
                        text: qsTr("This till")
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: root.tillDay.error !== undefined
                        text: root.tillDay.error ?? ""
                        wrapMode: Text.Wrap
                        color: Theme.danger
                    }
                    Flow {
                        Layout.fillWidth: true
                        spacing: Theme.spacing / 2
                        Figure {
                            objectName: "reportsTillSales"
                            value: root.tillDay.sales ?? "–"
                            caption: qsTr("sales recorded")
                        }
                        Figure {
                            objectName: "reportsTillPending"
                            value: root.tillDay.pendingSales ?? "–"
                            caption: qsTr("not yet at the hub")
                        }
                        Figure {
                            value: root.tillDay.pendingNow ?? "–"
                            caption: root.tillDay.oldestPending
                                     ? qsTr("waiting since %1").arg(root.tillDay.oldestPending)
                                     : qsTr("waiting to sync")
                        }
                    }
                    // Sales by hour.
                    Item {
                        id: hoursChart
                        objectName: "reportsHours"
                        readonly property var hours: root.tillDay.hours ?? []
                        readonly property int highest: Math.max(1, ...hours)
                        Layout.fillWidth: true
                        Layout.preferredHeight: 96
                        visible: hours.length > 0
                        Row {
                            anchors.fill: parent
                            anchors.bottomMargin: 18
                            Repeater {
                                model: hoursChart.hours
                                delegate: Item {
                                    id: hour
                                    required property int modelData
                                    required property int index
                                    width: hoursChart.width / Math.max(1, hoursChart.hours.length)
                                    height: parent.height
                                    Rectangle {
                                        anchors.bottom: parent.bottom
                                        anchors.horizontalCenter: parent.horizontalCenter
                                        width: parent.width * 0.7
                                        height: parent.height * hour.modelData / hoursChart.highest
                                        color: Theme.success
                                    }
                                }
                            }
                        }
                        Repeater {
                            model: [0, 6, 12, 18]
                            delegate: Label {
                                required property int modelData
                                x: hoursChart.width * modelData / Math.max(1, hoursChart.hours.length)
                                y: hoursChart.height - 16
                                width: 40
                                text: String(modelData).padStart(2, "0") + ":00"
                                font.pixelSize: 11
                                color: Theme.muted
                                elide: Text.ElideRight
                            }
                        }
                    }
                    Heading {
                        text: qsTr("Business")
                        font.pixelSize: 16
                    }
                    Repeater {
                        model: root.tillDay.money ?? []
                        delegate: MoneyRow {
                            Layout.fillWidth: true
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: (root.tillDay.money ?? []).length === 0
                        text: qsTr("Nothing sold this day.")
                        color: Theme.muted
                        elide: Text.ElideRight
                    }
                    Heading {
                        text: qsTr("To read")
                        font.pixelSize: 16
                        visible: (root.tillDay.listed ?? []).length > 0
                    }
                    Repeater {
                        model: root.tillDay.listed ?? []
                        delegate: Label {
                            required property var modelData
                            Layout.fillWidth: true
                            wrapMode: Text.Wrap
                            text: modelData.time + "  " + modelData.what + (modelData.amount ? "  " + modelData.amount : "")
                                  + (modelData.by ? "\n" + qsTr("by %1").arg(modelData.by) : "")
                                  + (modelData.approvedBy ? ", " + qsTr("approved by %1").arg(modelData.approvedBy) : "")
                                  + (modelData.reason ? ": " + modelData.reason : "")
                        }
                    }
                }

                // The store, as the hub sees it.
                ColumnLayout {
                    objectName: "reportsStore"
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    Layout.preferredWidth: 1
                    spacing: Theme.spacing / 2
                    Heading {
                        text: root.storeDay.code
                              ? qsTr("Store %1, from the hub").arg(root.storeDay.code)
                              : qsTr("The store, from the hub")
                    }
                    Label {
                        objectName: "reportsStoreStatus"
                        Layout.fillWidth: true
                        visible: text.length > 0
                        text: ReportsController.storeStatus
                        wrapMode: Text.Wrap
                        color: Theme.muted
                    }
                    Repeater {
                        model: root.storeDay.terminals ?? []
                        delegate: ColumnLayout {
                            id: terminalRow
                            required property var modelData
                            Layout.fillWidth: true
                            spacing: 2
                            RowLayout {
                                Layout.fillWidth: true
                                spacing: Theme.spacing
                                HealthChip {
                                    health: terminalRow.modelData.health
                                }
                                Label {
                                    Layout.preferredWidth: Math.min(implicitWidth, 170)
                                    text: terminalRow.modelData.self ? qsTr("%1 (this till)").arg(terminalRow.modelData.code)
                                                                     : terminalRow.modelData.code
                                    font.bold: terminalRow.modelData.self
                                    elide: Text.ElideRight
                                }
                                Label {
                                    Layout.fillWidth: true
                                    text: qsTr("%1 recorded, %2 at the hub, %3 pending")
                                              .arg(terminalRow.modelData.recorded)
                                              .arg(terminalRow.modelData.received)
                                              .arg(terminalRow.modelData.pending)
                                          + (terminalRow.modelData.quarantined > 0
                                             ? ", " + qsTr("%1 quarantined").arg(terminalRow.modelData.quarantined) : "")
                                    elide: Text.ElideRight
                                }
                            }
                            Label {
                                Layout.fillWidth: true
                                Layout.leftMargin: 72 + Theme.spacing
                                visible: terminalRow.modelData.reasons.length > 0
                                text: terminalRow.modelData.reasons
                                wrapMode: Text.Wrap
                                font.pixelSize: 13
                                color: Theme.muted
                            }
                        }
                    }
                    Heading {
                        text: qsTr("The store's business")
                        font.pixelSize: 16
                        visible: (root.storeDay.money ?? []).length > 0
                    }
                    Repeater {
                        model: root.storeDay.money ?? []
                        delegate: MoneyRow {
                            Layout.fillWidth: true
                        }
                    }
                }
            }
        }
    }
}

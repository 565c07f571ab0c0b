// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtMultimedia
import OmniTill

// The camera as a scanner: live view, an aiming reticle over the region that is decoded, and the last code read.
// Decoding happens in the decoder process (ScanService); codes reach the sale through the same path as the hand scanner.
Pane {
    id: root
    objectName: "cameraPanel"

    property bool active: true
    property string mode: "retail"
    readonly property bool hasCamera: devices.videoInputs.length > 0

    padding: 0
    background: Rectangle {
        color: "#1e1e1e"
    }

    MediaDevices {
        id: devices
    }

    CaptureSession {
        camera: Camera {
            active: root.active && root.hasCamera
            focusMode: Camera.FocusModeAutoNear
        }
        videoOutput: output
    }

    VideoOutput {
        id: output
        anchors.fill: parent
        fillMode: VideoOutput.PreserveAspectCrop
    }

    CameraScanner {
        id: cameraScanner
        videoSink: output.videoSink
        scanner: ScanService
        mode: root.mode
        active: root.active
        roiFraction: 0.6
    }

    // The aiming region: the part of each frame that is decoded.
    Rectangle {
        anchors.centerIn: parent
        width: parent.width * cameraScanner.roiFraction
        height: parent.height * cameraScanner.roiFraction
        color: "transparent"
        border.color: ScanService.cameraAvailable ? "#2e7d32" : "#b3261e"
        border.width: 3
        radius: 6
        visible: root.hasCamera
    }

    Label {
        anchors.centerIn: parent
        width: parent.width - 32
        color: "white"
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        visible: !root.hasCamera || !ScanService.cameraAvailable
        text: !root.hasCamera ? qsTr("No camera found. Hand-held scanners still work.")
                              : qsTr("Starting the camera decoder…")
    }

    Label {
        objectName: "lastScanLabel"
        anchors.bottom: parent.bottom
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottomMargin: 8
        padding: 6
        color: "white"
        background: Rectangle { color: "#99000000"; radius: 4 }
        visible: ScanService.lastScan.hasContent
        text: ScanService.lastScan.symbology.length > 0
              ? qsTr("%1: %2").arg(ScanService.lastScan.symbology).arg(ScanService.lastScan.text)
              : ScanService.lastScan.text
        elide: Text.ElideMiddle
        width: Math.min(implicitWidth, parent.width - 16)
    }
}

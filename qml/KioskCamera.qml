// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtMultimedia
import OmniTill

// The kiosk's camera: always scanning, the whole frame (a phone held close fills it), kept running without staff by
// a CameraKeeper (a camera unplugged and plugged back in, or one that stops sending frames, starts again by itself).
// The hand scanner works whatever this shows.
Rectangle {
    id: root
    objectName: "kioskCamera"

    property bool awake: true
    readonly property bool hasCamera: keeper.hasCamera

    color: "#1e1e1e"
    radius: 12
    clip: true

    CameraKeeper {
        id: keeper
        wanted: root.awake
    }

    // The camera's pipeline exists only while there is a camera: a kiosk without one (or a test machine) starts no
    // Qt Multimedia capture at all, and one plugged in later gets a fresh pipeline.
    Loader {
        anchors.fill: parent
        active: keeper.hasCamera
        sourceComponent: Item {
            CaptureSession {
                camera: Camera {
                    cameraDevice: keeper.cameraDevice
                    active: keeper.running
                    focusMode: Camera.FocusModeAutoNear
                    onErrorOccurred: (error, errorString) => keeper.reportError(errorString)
                }
                videoOutput: output
            }

            VideoOutput {
                id: output
                anchors.fill: parent
                fillMode: VideoOutput.PreserveAspectCrop
            }

            CameraScanner {
                videoSink: output.videoSink
                scanner: ScanService
                mode: "retail" // EAN/UPC, GS1 DataMatrix and QR (loyalty cards, Digital Links)
                active: keeper.running
                roiFraction: 0.6 // read first; the whole frame when it holds nothing (a phone held close)
                onStatsChanged: keeper.frames = framesSeen
            }
        }
    }

    Label {
        objectName: "cameraNote"
        anchors.centerIn: parent
        width: parent.width - 48
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        color: "white"
        font.pixelSize: 24
        visible: !keeper.running || !ScanService.cameraAvailable
        text: !keeper.hasCamera ? qsTr("Hold the barcode or your card under the scanner.")
                                : !keeper.running ? qsTr("The camera is starting again…")
                                                  : qsTr("Starting the camera…")
    }
}

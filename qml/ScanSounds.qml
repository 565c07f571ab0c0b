// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtMultimedia
import OmniTill

// The scan sounds: a short high beep when a scan adds an item, two low tones when it is refused. Main.qml loads this
// only while the terminal's sounds are on, so a till with them off never loads QtMultimedia for them.
Item {
    id: root

    // How many of each were played, and which last: the Settings page and the tests read them.
    property int goodPlayed: 0
    property int badPlayed: 0
    readonly property bool ready: good.status === SoundEffect.Ready && bad.status === SoundEffect.Ready
    // Without a speaker the sounds load but nobody hears them; the Settings page says so.
    readonly property bool speakerFound: devices.audioOutputs.length > 0

    MediaDevices {
        id: devices
    }

    SoundEffect {
        id: good
        source: "qrc:/sounds/scan-good.wav"
    }
    SoundEffect {
        id: bad
        source: "qrc:/sounds/scan-bad.wav"
    }

    Connections {
        target: SaleController
        function onScanHandled(accepted: bool) {
            if (accepted) {
                good.play()
                ++root.goodPlayed
            } else {
                bad.play()
                ++root.badPlayed
            }
        }
    }
}

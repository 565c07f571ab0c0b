// SPDX-License-Identifier: GPL-3.0-or-later
pragma Singleton

import QtQuick

// Sizes and colours shared by every page. Touch targets are at least `touch` (48 px) on every side; the layout test
// (tests/app/till/layouttest.cpp) checks it at each screen size.
QtObject {
    readonly property int touch: 56
    readonly property int minTouch: 48
    readonly property int spacing: 12
    readonly property int keypadKey: 64
    readonly property int barHeight: 56
    readonly property int messageHeight: 48

    readonly property color danger: "#b3261e"
    readonly property color success: "#1b6e3a"
    readonly property color noticeBackground: "#fff3c4"
    readonly property color noticeBorder: "#b58a00"
    readonly property color noticeText: "#3d2e00"
    readonly property color accent: "#1f5fa8"
    readonly property color muted: "#5f6368"
    readonly property color panel: "#f3f4f6"
}

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the till's two scan sounds (resources/sounds/scan-good.wav, scan-bad.wav): 16-bit mono PCM at 22,050 Hz,
# made from sine tones with short fades so they do not click. Run once after changing a tone; the WAV files are
# committed, so building needs no Python.
import math
import pathlib
import struct
import wave

RATE = 22050


def tone(freq, ms, volume=0.55, fade_ms=8):
    n = int(RATE * ms / 1000)
    fade = int(RATE * fade_ms / 1000)
    out = []
    for i in range(n):
        gain = min(1.0, i / fade, (n - 1 - i) / fade) if fade else 1.0
        out.append(volume * gain * math.sin(2 * math.pi * freq * i / RATE))
    return out


def silence(ms):
    return [0.0] * int(RATE * ms / 1000)


def write(path, samples):
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(s * 32767)) for s in samples))


here = pathlib.Path(__file__).resolve().parent.parent / "resources" / "sounds"
here.mkdir(parents=True, exist_ok=True)
# A good scan: one short high beep, as hand scanners make.
write(here / "scan-good.wav", tone(1760, 90))
# A bad scan: two low, longer tones, unlike the good one even in a noisy store.
write(here / "scan-bad.wav", tone(330, 160) + silence(60) + tone(262, 220))

// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/sha256.h"

#include <QCryptographicHash>

#include <gtest/gtest.h>

#include <random>

using namespace omnitill;

TEST(Sha256, KnownAnswers)
{
    EXPECT_EQ(Sha256::hash("").toHex(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(Sha256::hash("abc").toHex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// The journal's chain was written with QCryptographicHash: every length (across block boundaries) and every way of
// splitting the input over addData() gives Qt's digest, and result() starts over.
TEST(Sha256, AgreesWithQCryptographicHash)
{
    std::mt19937 rng(256);
    Sha256 ours;
    for (int size = 0; size < 3000; size += 1 + int(rng() % 7)) {
        QByteArray data(size, Qt::Uninitialized);
        for (char &c : data)
            c = char(rng());
        const QByteArray qt = QCryptographicHash::hash(data, QCryptographicHash::Sha256);
        ASSERT_EQ(Sha256::hash(data), qt) << size;
        qsizetype at = 0;
        while (at < size) {
            const qsizetype piece = std::min<qsizetype>(size - at, qsizetype(rng() % 200));
            ours.addData(QByteArrayView(data).sliced(at, piece));
            at += piece;
        }
        ASSERT_EQ(ours.result(), qt) << size;
    }
}

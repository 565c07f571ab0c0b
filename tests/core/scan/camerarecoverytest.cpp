// SPDX-License-Identifier: GPL-3.0-or-later
// An unattended camera comes back without staff: unplugged and plugged in again, replaced by another, failing and
// retried with a growing back-off that frames reset.
#include "core/scan/camerarecovery.h"

#include <gtest/gtest.h>

using namespace omnitill;
using namespace Qt::StringLiterals;

TEST(CameraRecoveryTest, ACameraUnpluggedAndPluggedInAgainRunsAgain)
{
    CameraRecovery r;
    EXPECT_FALSE(r.devicesChanged({})) << "no camera at start: nothing to run";
    EXPECT_FALSE(r.shouldRun());
    EXPECT_TRUE(r.devicesChanged({ u"/dev/video0"_s }));
    EXPECT_TRUE(r.shouldRun());
    EXPECT_EQ(r.device(), u"/dev/video0"_s);
    // Another camera comes: the one in use stays.
    EXPECT_FALSE(r.devicesChanged({ u"/dev/video2"_s, u"/dev/video0"_s }));
    EXPECT_EQ(r.device(), u"/dev/video0"_s);
    // The one in use goes: the one left takes over; then none; then the first comes back.
    EXPECT_TRUE(r.devicesChanged({ u"/dev/video2"_s }));
    EXPECT_EQ(r.device(), u"/dev/video2"_s);
    EXPECT_TRUE(r.devicesChanged({}));
    EXPECT_FALSE(r.shouldRun());
    EXPECT_TRUE(r.devicesChanged({ u"/dev/video0"_s }));
    EXPECT_TRUE(r.shouldRun());
    EXPECT_EQ(r.restarts(), 3);
}

TEST(CameraRecoveryTest, AFailingCameraIsRetriedWithABackOffThatFramesReset)
{
    CameraRecovery r;
    r.devicesChanged({ u"cam"_s });
    QList<int> delays;
    for (int i = 0; i < 8; ++i) {
        delays.append(r.failed());
        EXPECT_FALSE(r.shouldRun()) << "stopped while it waits";
        r.retryDue();
        EXPECT_TRUE(r.shouldRun());
    }
    EXPECT_EQ(delays, (QList<int> { 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000 }));
    r.working();
    EXPECT_EQ(r.failed(), 1000) << "frames came: the next failure starts the back-off again";
    // A camera plugged in while waiting is started at once.
    EXPECT_TRUE(r.devicesChanged({ u"other"_s }));
    EXPECT_TRUE(r.shouldRun());
}

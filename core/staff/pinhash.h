// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QStringView>

namespace omnitill::PinHash {

// PBKDF2-HMAC-SHA256 (libcrypto) with a 16-byte random salt: OWASP's 2023 count for it is 600,000 iterations, about
// 0.1 s per check here, paid once per sign-in. The count is stored with each hash so it can be raised later.
inline constexpr int kIterations = 600'000;

struct Hashed
{
    QByteArray salt;
    QByteArray hash; // 32 bytes
    int iterations = kIterations;
};

// A new salt from the system's CSPRNG, and the PIN's hash with it.
Hashed make(QStringView pin);
// Whether `pin` hashes to `hash` with `salt` and `iterations` (compared in constant time).
bool matches(QStringView pin, const QByteArray &salt, const QByteArray &hash, int iterations);

} // namespace omnitill::PinHash

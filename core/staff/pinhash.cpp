// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/staff/pinhash.h"

#include <QRandomGenerator>

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace omnitill::PinHash {

namespace {
QByteArray derive(QStringView pin, const QByteArray &salt, int iterations)
{
    const QByteArray utf8 = pin.toUtf8();
    QByteArray out(32, Qt::Uninitialized);
    PKCS5_PBKDF2_HMAC(utf8.constData(), int(utf8.size()), reinterpret_cast<const unsigned char *>(salt.constData()),
        int(salt.size()), iterations, EVP_sha256(), int(out.size()), reinterpret_cast<unsigned char *>(out.data()));
    return out;
}
} // namespace

Hashed make(QStringView pin)
{
    Hashed h;
    h.salt.resize(16);
    QRandomGenerator::system()->generate(
        reinterpret_cast<quint32 *>(h.salt.data()), reinterpret_cast<quint32 *>(h.salt.data() + h.salt.size()));
    h.hash = derive(pin, h.salt, h.iterations);
    return h;
}

bool matches(QStringView pin, const QByteArray &salt, const QByteArray &hash, int iterations)
{
    if (iterations <= 0 || hash.size() != 32)
        return false;
    const QByteArray candidate = derive(pin, salt, iterations);
    return CRYPTO_memcmp(candidate.constData(), hash.constData(), size_t(hash.size())) == 0;
}

} // namespace omnitill::PinHash

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

struct evp_md_ctx_st; // OpenSSL's EVP_MD_CTX

namespace omnitill {

// SHA-256 by OpenSSL's libcrypto, which uses the CPU's SHA extensions where there are any: about 7x faster than
// QCryptographicHash on a 13 KB journal payload (docs/PERFORMANCE.md). Every sale hashes its payload into the chain
// and every catalog row is hashed on the way to a terminal, so this is on the hot paths of both.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    Sha256 &addData(QByteArrayView bytes);
    // The 32-byte digest of everything added; the object starts over afterwards.
    QByteArray result();

    static QByteArray hash(QByteArrayView bytes);

private:
    evp_md_ctx_st *m_ctx;
};

} // namespace omnitill

// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/sha256.h"

#include <QtGlobal>

#include <openssl/evp.h>

namespace omnitill {

namespace {
// libcrypto fails these only when it cannot allocate; a chain hash that silently came out wrong would be worse
// than stopping.
void check(int ok, const char *what)
{
    if (Q_UNLIKELY(ok != 1))
        qFatal("SHA-256: %s failed", what);
}
} // namespace

Sha256::Sha256()
    : m_ctx(EVP_MD_CTX_new())
{
    if (Q_UNLIKELY(!m_ctx))
        qFatal("SHA-256: out of memory");
    check(EVP_DigestInit_ex(m_ctx, EVP_sha256(), nullptr), "init");
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(m_ctx);
}

Sha256 &Sha256::addData(QByteArrayView bytes)
{
    check(EVP_DigestUpdate(m_ctx, bytes.data(), size_t(bytes.size())), "update");
    return *this;
}

QByteArray Sha256::result()
{
    QByteArray digest(32, Qt::Uninitialized);
    unsigned int size = 0;
    check(EVP_DigestFinal_ex(m_ctx, reinterpret_cast<unsigned char *>(digest.data()), &size), "final");
    check(EVP_DigestInit_ex(m_ctx, EVP_sha256(), nullptr), "init");
    return digest;
}

QByteArray Sha256::hash(QByteArrayView bytes)
{
    QByteArray digest(32, Qt::Uninitialized);
    unsigned int size = 0;
    check(EVP_Digest(bytes.data(), size_t(bytes.size()), reinterpret_cast<unsigned char *>(digest.data()), &size,
              EVP_sha256(), nullptr),
        "digest");
    return digest;
}

} // namespace omnitill

// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/searchindex.h"
#include "core/storage/database.h"
#include "core/storage/logging.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace omnitill::SearchIndex {

namespace {

Result<fts5_api *> fts5Api(QSqlDatabase &db)
{
    sqlite3 *handle = sqliteHandle(db);
    if (!handle)
        return makeError(ErrorCode::Storage, QStringLiteral("the store is not open"));
    // The documented way to reach FTS5's C API: it hands its pointer to a bound pointer parameter.
    fts5_api *api = nullptr;
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(handle, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
        sqlite3_bind_pointer(stmt, 1, static_cast<void *>(&api), "fts5_api_ptr", nullptr);
        sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
    if (!api || api->iVersion < 2)
        return makeError(ErrorCode::Storage,
            QStringLiteral("this SQLite has no FTS5 (version 2 or later), which the catalog needs"));
    return api;
}

// Each distinct prefix of up to kCountedPrefixChars characters of the tokens, once.
// Every prefix of up to kCountedPrefixChars characters of the tokens in `tokens` (laid end to end, each token's
// end in `ends`), each once.
void distinctPrefixes(std::string_view tokens, const std::vector<size_t> &ends, std::vector<std::string_view> &out)
{
    out.clear();
    size_t begin = 0;
    for (size_t end : ends) {
        const std::string_view token = tokens.substr(begin, end - begin);
        begin = end;
        int chars = 0;
        for (size_t n = 1; n <= token.size() && chars < kCountedPrefixChars; ++n) {
            // A prefix ends before a UTF-8 lead byte or at the end: never inside a character.
            if (n < token.size() && (static_cast<unsigned char>(token[n]) & 0xC0) == 0x80)
                continue;
            ++chars;
            out.push_back(token.substr(0, n));
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
}

// --- omnitill_rank: FTS5's bm25() with the rows per phrase given ---

struct RankData
{
    std::vector<double> idf;
    std::vector<double> freq;
    double avgdl = 0;
};

// The counts given as text, or an empty list when they do not fit the query (then every phrase is counted).
std::vector<qint64> givenCounts(const unsigned char *text, int phrases)
{
    std::vector<qint64> counts;
    const char *p = reinterpret_cast<const char *>(text);
    while (p && *p) {
        char *end = nullptr;
        const long long n = std::strtoll(p, &end, 10);
        if (end == p)
            return {};
        counts.push_back(n);
        p = end;
        while (*p == ' ')
            ++p;
    }
    if (int(counts.size()) != phrases)
        return {};
    return counts;
}

int countRow(const Fts5ExtensionApi *, Fts5Context *, void *hits)
{
    ++*static_cast<sqlite3_int64 *>(hits);
    return SQLITE_OK;
}

int rankData(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_value *counts, RankData **out)
{
    auto *data = static_cast<RankData *>(api->xGetAuxdata(fts, 0));
    if (data) {
        *out = data;
        return SQLITE_OK;
    }
    auto owned = std::make_unique<RankData>();
    const int phrases = api->xPhraseCount(fts);
    sqlite3_int64 rows = 0;
    sqlite3_int64 tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK)
        rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc != SQLITE_OK)
        return rc;
    owned->avgdl = double(tokens) / double(rows);
    const std::vector<qint64> given = givenCounts(counts ? sqlite3_value_text(counts) : nullptr, phrases);
    for (int i = 0; i < phrases; ++i) {
        sqlite3_int64 hits = given.empty() ? -1 : given[size_t(i)];
        if (hits < 0) {
            hits = 0;
            rc = api->xQueryPhrase(fts, i, &hits, countRow);
            if (rc != SQLITE_OK)
                return rc;
        }
        // As bm25(): IDF = log((N - n + 0.5) / (n + 0.5)), at least 1e-6.
        double idf = std::log((double(rows - hits) + 0.5) / (double(hits) + 0.5));
        if (idf <= 0.0)
            idf = 1e-6;
        owned->idf.push_back(idf);
    }
    owned->freq.assign(size_t(phrases), 0.0);
    data = owned.release();
    rc = api->xSetAuxdata(fts, data, [](void *p) { delete static_cast<RankData *>(p); });
    if (rc != SQLITE_OK)
        return rc; // FTS5 has deleted it
    *out = data;
    return SQLITE_OK;
}

void rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *result, int argc, sqlite3_value **argv)
{
    // bm25()'s constants and its order of operations, so that the scores are bm25()'s to the bit.
    const double k1 = 1.2;
    const double b = 0.75;
    RankData *data = nullptr;
    int rc = rankData(api, fts, argc > 0 ? argv[0] : nullptr, &data);
    int instances = 0;
    if (rc == SQLITE_OK) {
        std::fill(data->freq.begin(), data->freq.end(), 0.0);
        rc = api->xInstCount(fts, &instances);
    }
    for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
        int phrase = 0, column = 0, offset = 0;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK)
            data->freq[size_t(phrase)] += 1.0;
    }
    double D = 0.0;
    if (rc == SQLITE_OK) {
        int rowTokens = 0;
        rc = api->xColumnSize(fts, -1, &rowTokens);
        D = double(rowTokens);
    }
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(result, rc);
        return;
    }
    double score = 0.0;
    for (size_t i = 0; i < data->idf.size(); ++i) {
        score += data->idf[i] * ((data->freq[i] * (k1 + 1.0)) / (data->freq[i] + k1 * (1 - b + b * D / data->avgdl)));
    }
    sqlite3_result_double(result, -1.0 * score);
}

Status countAll(QSqlDatabase &db, Tokenizer &tokenizer, PrefixCounts &counts)
{
    auto rows = Statement::prepare(db, "SELECT text FROM variant_fts");
    if (!rows)
        return rows.error();
    for (;;) {
        auto row = rows->next(u"reading the search index");
        if (!row)
            return row.error();
        if (!*row)
            return Ok {};
        if (auto st = counts.add(tokenizer, rows->blob(0), +1); !st)
            return st;
    }
}

} // namespace

// --- Tokenizer ---

struct Tokenizer::Private
{
    fts5_tokenizer api {};
    Fts5Tokenizer *handle = nullptr;
};

Tokenizer::Tokenizer(std::unique_ptr<Private> p)
    : d(std::move(p))
{ }

Tokenizer::~Tokenizer()
{
    if (d && d->handle)
        d->api.xDelete(d->handle);
}

Result<std::unique_ptr<Tokenizer>> Tokenizer::open(QSqlDatabase &db)
{
    auto api = fts5Api(db);
    if (!api)
        return api.error();
    auto p = std::make_unique<Private>();
    void *context = nullptr;
    if ((*api)->xFindTokenizer(*api, "unicode61", &context, &p->api) != SQLITE_OK)
        return makeError(ErrorCode::Storage, QStringLiteral("FTS5's unicode61 tokenizer is missing"));
    // The arguments variant_fts was created with (core/storage/migrations.cpp).
    const char *arguments[] = { "remove_diacritics", "2" };
    if (p->api.xCreate(context, arguments, 2, &p->handle) != SQLITE_OK)
        return makeError(ErrorCode::Storage, QStringLiteral("cannot start FTS5's unicode61 tokenizer"));
    return std::unique_ptr<Tokenizer>(new Tokenizer(std::move(p)));
}

Result<QList<QByteArray>> Tokenizer::tokens(QByteArrayView utf8, Purpose purpose)
{
    QList<QByteArray> out;
    if (auto st = forEachToken(
            utf8, purpose, [&](std::string_view t) { out.append(QByteArray(t.data(), qsizetype(t.size()))); });
        !st)
        return st.error();
    return out;
}

Status Tokenizer::forEachToken(QByteArrayView utf8, Purpose purpose, const std::function<void(std::string_view)> &each)
{
    const int flags
        = purpose == Purpose::Document ? FTS5_TOKENIZE_DOCUMENT : (FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX);
    const auto collect = [](void *context, int, const char *token, int size, int, int) {
        (*static_cast<const std::function<void(std::string_view)> *>(context))(std::string_view(token, size_t(size)));
        return SQLITE_OK;
    };
    if (utf8.size() > std::numeric_limits<int>::max())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the text is too long to index"));
    const int rc = d->api.xTokenize(d->handle, const_cast<std::function<void(std::string_view)> *>(&each), flags,
        utf8.data(), int(utf8.size()), collect);
    if (rc != SQLITE_OK)
        return makeError(ErrorCode::Storage, QStringLiteral("FTS5 could not tokenize a text (error %1)").arg(rc));
    return Ok {};
}

// --- PrefixCounts ---

Status PrefixCounts::add(Tokenizer &tokenizer, QByteArrayView utf8, int delta)
{
    m_tokens.clear();
    thread_local std::vector<size_t> ends;
    ends.clear();
    auto st = tokenizer.forEachToken(utf8, Tokenizer::Purpose::Document, [&](std::string_view token) {
        m_tokens.append(token);
        ends.push_back(m_tokens.size());
    });
    if (!st)
        return st;
    distinctPrefixes(m_tokens, ends, m_prefixes);
    for (std::string_view p : m_prefixes) {
        if (auto it = m_delta.find(p); it != m_delta.end())
            it->second += delta;
        else
            m_delta.emplace(std::string(p), delta);
    }
    return Ok {};
}

QHash<QByteArray, qint64> PrefixCounts::changes() const
{
    QHash<QByteArray, qint64> out;
    out.reserve(qsizetype(m_delta.size()));
    for (const auto &[prefix, delta] : m_delta)
        out.insert(QByteArray(prefix.data(), qsizetype(prefix.size())), delta);
    return out;
}

Status PrefixCounts::save(QSqlDatabase &db)
{
    auto upsert = Statement::prepare(db,
        "INSERT INTO search_prefix (prefix, rows) VALUES (?, ?) "
        "ON CONFLICT (prefix) DO UPDATE SET rows = rows + excluded.rows");
    if (!upsert)
        return upsert.error();
    auto drop = Statement::prepare(db, "DELETE FROM search_prefix WHERE prefix = ? AND rows <= 0");
    if (!drop)
        return drop.error();
    for (const auto &[prefix, delta] : m_delta) {
        if (delta == 0)
            continue;
        const QByteArrayView key(prefix.data(), qsizetype(prefix.size()));
        upsert->bindBlob(0, key).bind(1, delta);
        if (auto st = upsert->run(u"counting search words"); !st)
            return st;
        if (delta < 0) {
            drop->bindBlob(0, key);
            if (auto st = drop->run(u"counting search words"); !st)
                return st;
        }
    }
    m_delta.clear();
    return Ok {};
}

// --- the rest ---

Status registerRank(QSqlDatabase &db)
{
    auto api = fts5Api(db);
    if (!api)
        return api.error();
    if ((*api)->xCreateFunction(*api, "omnitill_rank", nullptr, rank, nullptr) != SQLITE_OK)
        return makeError(ErrorCode::Storage, QStringLiteral("cannot register the search ranking function"));
    return Ok {};
}

Status rebuild(QSqlDatabase &db)
{
    auto tokenizer = Tokenizer::open(db);
    if (!tokenizer)
        return tokenizer.error();
    if (auto st = execDirect(db, QStringLiteral("DELETE FROM search_prefix")); !st)
        return st;
    PrefixCounts counts;
    if (auto st = countAll(db, **tokenizer, counts); !st)
        return st;
    return counts.save(db);
}

Result<QList<QByteArray>> verify(QSqlDatabase &db)
{
    auto tokenizer = Tokenizer::open(db);
    if (!tokenizer)
        return tokenizer.error();
    PrefixCounts expected;
    if (auto st = countAll(db, **tokenizer, expected); !st)
        return st.error();
    QHash<QByteArray, qint64> wrong = expected.changes();
    auto stored = Statement::prepare(db, "SELECT prefix, rows FROM search_prefix");
    if (!stored)
        return stored.error();
    for (;;) {
        auto row = stored->next(u"reading the search counts");
        if (!row)
            return row.error();
        if (!*row)
            break;
        wrong[stored->blob(0)] -= stored->int64(1);
    }
    QList<QByteArray> out;
    for (auto it = wrong.cbegin(); it != wrong.cend(); ++it) {
        if (it.value() != 0)
            out.append(it.key());
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace omnitill::SearchIndex

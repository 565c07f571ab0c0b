// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSqlDatabase>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace omnitill {

// The catalog's name search is FTS5 (table variant_fts) ranked by BM25 among the first candidates. BM25 weighs each
// query word by how many rows contain it, and FTS5's bm25() counts those rows by reading the word's whole posting
// list on every query: 424,000 rows for "b" at 1M SKUs, 15 ms, most of a search. The store keeps those counts
// instead (table search_prefix: every prefix of up to kCountedPrefixChars characters of every indexed token, with the
// number of rows having a token that starts with it), kept exact by CatalogWriter in the same transaction as the
// index, and omnitill_rank() is bm25() with the counts given: the same formula in the same order of operations, so
// the same scores to the bit, and a count it is not given it takes as bm25() does (docs/PERFORMANCE.md).
namespace SearchIndex {

inline constexpr int kCountedPrefixChars = 8;

// FTS5's own tokenizer with variant_fts's arguments (unicode61, remove_diacritics 2): the tokens it indexes a text
// as, and reads a query word as.
class Tokenizer
{
public:
    static Result<std::unique_ptr<Tokenizer>> open(QSqlDatabase &db);
    ~Tokenizer();
    Tokenizer(const Tokenizer &) = delete;
    Tokenizer &operator=(const Tokenizer &) = delete;

    enum class Purpose
    {
        Document,
        PrefixQuery
    };
    // The tokens of `utf8`, in order, as UTF-8 (folded and without diacritics).
    Result<QList<QByteArray>> tokens(QByteArrayView utf8, Purpose purpose);
    // The same tokens handed to `each` one at a time; the view is valid during the call only.
    Status forEachToken(QByteArrayView utf8, Purpose purpose, const std::function<void(std::string_view)> &each);

private:
    struct Private;
    explicit Tokenizer(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

// Changes to search_prefix, collected over many rows and written at once.
class PrefixCounts
{
public:
    // Counts (delta = +1) or uncounts (delta = -1) one row's text: each distinct prefix of its tokens once.
    Status add(Tokenizer &tokenizer, QByteArrayView utf8, int delta);
    bool isEmpty() const { return m_delta.empty(); }
    // Applies the changes inside the caller's transaction.
    Status save(QSqlDatabase &db);
    QHash<QByteArray, qint64> changes() const;

private:
    // Looked up by string_view: a prefix costs an allocation only the first time it is seen.
    struct Hash
    {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
    };
    std::unordered_map<std::string, qint64, Hash, std::equal_to<>> m_delta;
    std::string m_tokens; // the current row's tokens, end to end
    std::vector<std::string_view> m_prefixes; // the current row's distinct prefixes
};

// Makes omnitill_rank(variant_fts, counts) available on this connection; Database does it for every store it opens.
// `counts` is text: the number of rows matching each phrase of the query in order, separated by spaces, -1 where
// it is not known (the function counts those itself, as bm25() does).
Status registerRank(QSqlDatabase &db);

// Counts every row of variant_fts from scratch into search_prefix (replacing what it held). For the schema step
// that adds the table and for a repair.
Status rebuild(QSqlDatabase &db);

// Recounts and compares with search_prefix: the prefixes whose count is wrong, or none.
Result<QList<QByteArray>> verify(QSqlDatabase &db);

} // namespace SearchIndex
} // namespace omnitill

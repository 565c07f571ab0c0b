// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace omnitill {

// What went wrong, in terms a caller can act on. The CLI maps these to exit codes, the UI to a cashier message.
enum class ErrorCode
{
    InvalidInput, // malformed barcode, quantity, CSV/JSON, script: the input must be fixed
    NotFound, // unknown barcode, SKU, tax class
    Conflict, // e.g. a barcode already assigned to another SKU
    StorageFull, // SQLITE_FULL: disk or quota full; nothing was written
    Storage, // any other database failure; nothing was written
    Corrupt, // the file is not an OmniTill database or is damaged
    SchemaTooNew, // the database was written by a newer OmniTill
    Io, // a file could not be read or written
    Refused, // not allowed: a wrong PIN, a locked or deactivated person, an action their role does not permit
    Unavailable, // another system did not answer (down, slow, the network): the same request may work later
};

struct Error
{
    ErrorCode code = ErrorCode::InvalidInput;
    QString message;
};

// A value or an Error. Deliberately small: construct from either, test with ok(), read with value()/error().
template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value) // NOLINT(google-explicit-constructor): implicit by design, like std::expected
        : m_v(std::move(value))
    { }
    Result(Error error) // NOLINT(google-explicit-constructor)
        : m_v(std::move(error))
    { }

    bool ok() const { return std::holds_alternative<T>(m_v); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<T>(m_v); }
    T &value() & { return std::get<T>(m_v); }
    T &&value() && { return std::get<T>(std::move(m_v)); }
    const Error &error() const { return std::get<Error>(m_v); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }
    T value_or(T fallback) const & { return ok() ? value() : std::move(fallback); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }

private:
    std::variant<T, Error> m_v;
};

// For operations that return nothing but can fail.
struct Ok
{
};
using Status = Result<Ok>;

// The outcome of `r` without its value.
template<typename T> Status statusOf(const Result<T> &r)
{
    return r ? Status(Ok {}) : Status(r.error());
}

inline Error makeError(ErrorCode code, QString message)
{
    return Error { code, std::move(message) };
}

} // namespace omnitill

#pragma once

#include <QString>
#include <utility>
#include <variant>

namespace Earmark {

// What failed and what the user can do about it, in one sentence a person can act on.
struct Error
{
    QString message;
};

inline Error makeError(QString message)
{
    return Error {std::move(message)};
}

// std::expected-style result: a value or an Error. Never throws across Qt boundaries.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    { }
    Result(Error error)
        : m_value(std::move(error))
    { }

    bool ok() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(m_value); }
    const T& value() const& { return std::get<T>(m_value); }
    T&& value() && { return std::get<T>(std::move(m_value)); }
    T* operator->() { return &std::get<T>(m_value); }
    const T* operator->() const { return &std::get<T>(m_value); }
    T& operator*() & { return std::get<T>(m_value); }
    T value_or(T fallback) const& { return ok() ? std::get<T>(m_value) : std::move(fallback); }

    const Error& error() const { return std::get<Error>(m_value); }
    QString errorMessage() const { return ok() ? QString() : error().message; }

private:
    std::variant<T, Error> m_value;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
        , m_ok(false)
    { }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error& error() const { return m_error; }
    QString errorMessage() const { return m_ok ? QString() : m_error.message; }

private:
    Error m_error;
    bool m_ok = true;
};

using Status = Result<void>;

} // namespace Earmark

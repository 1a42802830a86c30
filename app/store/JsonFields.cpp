#include "store/JsonFields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringDecoder>
#include <cmath>

namespace Earmark::JsonFields {

namespace {
Error missing(const QString& path)
{
    return makeError(QStringLiteral("required field \"%1\" is missing").arg(path));
}

Error wrongType(const QString& path, const char* expected, const QJsonValue& v)
{
    return makeError(QStringLiteral("field \"%1\" must be %2, not %3").arg(path, QLatin1String(expected), typeName(v)));
}
} // namespace

QJsonValue at(const QJsonObject& root, const QString& path)
{
    const QStringList parts = path.split(QLatin1Char('.'));
    QJsonValue v = root;
    for (const QString& p : parts) {
        if (!v.isObject()) {
            return QJsonValue(QJsonValue::Undefined);
        }
        v = v.toObject().value(p);
    }
    return v;
}

QString typeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

Result<QString> requiredString(const QJsonObject& root, const QString& path)
{
    const QJsonValue v = at(root, path);
    if (v.isUndefined()) {
        return missing(path);
    }
    if (!v.isString()) {
        return wrongType(path, "a string", v);
    }
    return v.toString();
}

Result<std::optional<QString>> optionalString(const QJsonObject& root, const QString& path)
{
    const QJsonValue v = at(root, path);
    if (v.isUndefined() || v.isNull()) {
        return std::optional<QString>();
    }
    if (!v.isString()) {
        return wrongType(path, "a string", v);
    }
    return std::optional<QString>(v.toString());
}

Result<double> requiredNumber(const QJsonObject& root, const QString& path)
{
    const QJsonValue v = at(root, path);
    if (v.isUndefined()) {
        return missing(path);
    }
    if (!v.isDouble() || !std::isfinite(v.toDouble())) {
        return wrongType(path, "a number", v);
    }
    return v.toDouble();
}

Result<std::optional<double>> optionalNumber(const QJsonObject& root, const QString& path)
{
    const QJsonValue v = at(root, path);
    if (v.isUndefined() || v.isNull()) {
        return std::optional<double>();
    }
    if (!v.isDouble()) {
        return wrongType(path, "a number", v);
    }
    return std::optional<double>(v.toDouble());
}

Result<qint64> requiredInteger(const QJsonObject& root, const QString& path)
{
    auto n = requiredNumber(root, path);
    if (!n) {
        return n.error();
    }
    if (n.value() != std::floor(n.value()) || std::fabs(n.value()) > 9.0e15) {
        return makeError(QStringLiteral("field \"%1\" must be a whole number, not %2").arg(path).arg(n.value()));
    }
    return static_cast<qint64>(n.value());
}

Result<std::optional<qint64>> optionalInteger(const QJsonObject& root, const QString& path)
{
    const QJsonValue v = at(root, path);
    if (v.isUndefined() || v.isNull()) {
        return std::optional<qint64>();
    }
    auto n = requiredInteger(root, path);
    if (!n) {
        return n.error();
    }
    return std::optional<qint64>(n.value());
}

Result<std::optional<bool>> optionalBool(const QJsonObject& root, const QString& path)
{
    const QJsonValue v = at(root, path);
    if (v.isUndefined() || v.isNull()) {
        return std::optional<bool>();
    }
    if (!v.isBool()) {
        return wrongType(path, "true, false or null", v);
    }
    return std::optional<bool>(v.toBool());
}

Result<QStringList> optionalStringArray(const QJsonObject& root, const QString& path)
{
    const QJsonValue v = at(root, path);
    if (v.isUndefined() || v.isNull()) {
        return QStringList();
    }
    if (!v.isArray()) {
        return wrongType(path, "an array of strings", v);
    }
    QStringList out;
    for (const QJsonValue& item : v.toArray()) {
        if (!item.isString()) {
            return wrongType(path, "an array of strings", item);
        }
        out << item.toString();
    }
    return out;
}

Result<QJsonObject> optionalObject(const QJsonObject& root, const QString& path)
{
    const QJsonValue v = at(root, path);
    if (v.isUndefined() || v.isNull()) {
        return QJsonObject();
    }
    if (!v.isObject()) {
        return wrongType(path, "an object", v);
    }
    return v.toObject();
}

Result<QJsonObject> parseObject(const QByteArray& input)
{
    // Tolerate a UTF-8 byte order mark, which some Windows tools write.
    const QByteArray bytes = input.startsWith("\xEF\xBB\xBF") ? input.mid(3) : input;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringConverter::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        return makeError(QStringLiteral("the file is not valid UTF-8 text"));
    }
    Q_UNUSED(text)
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
    if (pe.error != QJsonParseError::NoError) {
        return makeError(QStringLiteral("malformed JSON at byte %1: %2").arg(pe.offset).arg(pe.errorString()));
    }
    if (!doc.isObject()) {
        return makeError(QStringLiteral("the file must hold a JSON object"));
    }
    return doc.object();
}

} // namespace Earmark::JsonFields

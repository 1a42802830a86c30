#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <optional>

namespace Earmark::JsonFields {

// Typed access to (dotted) fields of a JSON object, with errors that name the field and the type expected.
QJsonValue at(const QJsonObject& root, const QString& path);
QString typeName(const QJsonValue& v);

Result<QString> requiredString(const QJsonObject& root, const QString& path);
Result<std::optional<QString>> optionalString(const QJsonObject& root, const QString& path);
Result<double> requiredNumber(const QJsonObject& root, const QString& path);
Result<std::optional<double>> optionalNumber(const QJsonObject& root, const QString& path);
Result<qint64> requiredInteger(const QJsonObject& root, const QString& path);
Result<std::optional<qint64>> optionalInteger(const QJsonObject& root, const QString& path);
// A bool, null or absent.
Result<std::optional<bool>> optionalBool(const QJsonObject& root, const QString& path);
Result<QStringList> optionalStringArray(const QJsonObject& root, const QString& path);
Result<QJsonObject> optionalObject(const QJsonObject& root, const QString& path);

// Parses bytes as a UTF-8 JSON object, refusing invalid UTF-8 and other top-level types.
Result<QJsonObject> parseObject(const QByteArray& bytes);

} // namespace Earmark::JsonFields

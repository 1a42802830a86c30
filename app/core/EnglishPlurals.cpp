#include "core/EnglishPlurals.h"

#include <QRegularExpression>

namespace Earmark {

QString EnglishPlurals::translate(const char*, const char* sourceText, const char*, int n) const
{
    if (n < 0 || !sourceText) {
        return {}; // not a %n text: the source text stands
    }
    const QString text = QString::fromUtf8(sourceText);
    if (!text.contains(QLatin1String("(s)")) && !text.contains(QLatin1String("(es)"))) {
        return {};
    }
    return resolve(text, n);
}

QString EnglishPlurals::resolve(const QString& text, int n)
{
    // Only a marker that follows a letter: "(s)" in "call(s)", not a parenthesis of the text's own.
    static const QRegularExpression marker(QStringLiteral("(?<=\\p{L})\\((s|es)\\)"));
    QString out;
    qsizetype from = 0;
    for (auto it = marker.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(from, m.capturedStart() - from);
        if (n != 1) {
            out += m.captured(1);
        }
        from = m.capturedEnd();
    }
    out += text.mid(from);
    // Qt puts the number in for %n after the translation, as it does with any translation.
    return out;
}

} // namespace Earmark

#pragma once

#include <QTranslator>

namespace Earmark {

// English plurals for the texts written with Qt's %n ("%n call(s) held"): "1 call held", "3 calls held". Earmark's
// source texts are its English; Qt gives them plural forms only through a translation, so this translator is that
// translation, for every text at once: "(s)" and "(es)" after a word become nothing for one and the suffix
// otherwise. Installed by the window and the CLI; other languages' .qm files, when there are any, come first.
class EnglishPlurals : public QTranslator
{
public:
    using QTranslator::QTranslator;

    bool isEmpty() const override { return false; }
    QString translate(
        const char* context, const char* sourceText, const char* disambiguation = nullptr, int n = -1) const override;

    // The text with its plural markers resolved for n (what translate returns).
    static QString resolve(const QString& text, int n);
};

} // namespace Earmark

#pragma once

#include "anonymise/Entities.h"
#include "anonymise/SpokenText.h"
#include "core/Result.h"

#include <QJsonObject>

namespace Earmark {
struct Transcript;
}

namespace Earmark::Anonymise {

// One redaction of the output: where, what type; never the value.
struct Redaction
{
    int segment = 0;
    Entity type = Entity::Person;
    double startS = 0;
    double endS = 0;
};

struct Result_
{
    QJsonObject transcript; // earmark.transcript/1 with "anonymised": true (shared/spec/anonymisation.md)
    QList<Redaction> redactions;
};

// Anonymises an earmark.transcript/1 per shared/spec/anonymisation.md: every detected span is replaced in the
// text by [TYPE] or a per-call pseudonym [PERSON_n]; in the words, the first word of a span carries the
// placeholder with the span's times and the rest are removed; the redactions are listed without values. Fields
// the format does not define are dropped from segments and words (they could carry the values). Deterministic.
class Anonymiser
{
public:
    // /2: reviews, spelled doubles, numbered months; /3: the question asked, reply structure, name cues, fillers
    static constexpr const char* Version = "earmark-anonymiser/3";

    explicit Anonymiser(Options options = {});

    Result<Result_> anonymise(const QByteArray& transcriptJson) const;
    // The spans the detectors find in each segment, before any review (for the review screen).
    QList<QList<Span>> detect(const Transcript& transcript) const;
    // One segment's spans after the options' review: detected minus rejected, plus accepted and added.
    static QList<Span> reviewed(QList<Span> detected, const SegmentReview& review, const QList<Token>& tokens);
    // The same for a single line of text (as one respondent segment): for tests and quick checks.
    QString anonymiseText(const QString& text, const QString& speaker = QStringLiteral("respondent")) const;

private:
    Options m_options;
};

} // namespace Earmark::Anonymise

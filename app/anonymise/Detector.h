#pragma once

#include "anonymise/Entities.h"
#include "anonymise/SpokenText.h"

namespace Earmark::Anonymise {

class NameFinder;

// Finds personal data in one segment's tokens: numbers and codes on the normalised view (spoken digits, letters
// and NATO words as characters), e-mail addresses written or spoken, addresses, dates of birth, and names.
// Overlapping finds are merged; the longer wins.
class Detector
{
public:
    explicit Detector(Options options);
    ~Detector();

    QList<Span> detect(const QList<Token>& tokens, const SegmentContext& context) const;

private:
    void numbers(const QList<Token>& t, const QList<Symbol>& s, const QString& context, QList<Span>* out) const;
    void codes(const QList<Symbol>& s, QList<Span>* out) const;
    void datesOfBirth(const QList<Token>& t, const QString& context, QList<Span>* out) const;
    // Every date said in the tokens, in any form, whatever it is.
    void datesIn(const QList<Token>& t, QList<Span>* out) const;

    Options m_options;
    std::unique_ptr<NameFinder> m_names;
};

// Keeps the longest of overlapping spans (earlier first on ties), in token order.
QList<Span> mergeSpans(QList<Span> spans);

} // namespace Earmark::Anonymise

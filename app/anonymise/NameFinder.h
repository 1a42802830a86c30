#pragma once

#include "anonymise/Entities.h"
#include "anonymise/SpokenText.h"

#include <QSet>

namespace Earmark::Anonymise {

// Finds people's names in a segment: names known from the call's metadata; names after titles ("Mrs Ashworth"),
// introductions ("my name is", "this is ... speaking") and relations ("my husband Kwame"); and names on the name
// lists, with the family name that follows. Given names that are everyday words ("Mark my words") count only with
// such context. The agent introducing themselves is kept unless asked.
class NameFinder
{
public:
    explicit NameFinder(const Options& options);

    QList<Span> find(const QList<Token>& tokens, const SegmentContext& context) const;

    static bool isFirstName(const QString& lower);
    static bool isSurname(const QString& lower);
    static bool isCommonWordName(const QString& lower);
    static bool isTitle(const QString& lower); // "mrs", "dr", "doctor", "auntie" ...
    static bool isRelation(const QString& lower); // "husband", "mum", "neighbour" ...
    static bool isNotName(const QString& lower); // words never names, capitalised or not ("the", "yes", "thanks")

private:
    // Extends a name starting at token i over a family name (and a middle name); returns the last token.
    int extend(const QList<Token>& t, int i) const;
    bool looksLikeName(const Token& t, bool withContext) const;
    bool isAgentName(const QString& lower) const;

    const Options& m_options;
    QSet<QString> m_known; // lower-case parts of the known names
    QSet<QString> m_agent;
};

} // namespace Earmark::Anonymise

#pragma once

#include <QList>
#include <QString>

namespace Earmark::Anonymise {

// A word of a segment's text: where it is (its core, without surrounding punctuation) and its lower-case form.
struct Token
{
    QString text; // as written, e.g. "SW1A", "07700", "Featherstone"
    QString lower; // lower case, for matching
    int begin = 0; // offset of the core in the segment text
    int end = 0; // one past it
    bool sentenceStart = false; // first word, or after . ? !
    QChar punctAfter; // the punctuation right after the word (',' '.' '?' '!' ...), null when none
};

// Splits a segment's text into tokens. Inner punctuation stays in a token ("a.b@example.co.uk", "20-00-00",
// "03/03/1982", "o'brien"); surrounding punctuation does not.
QList<Token> tokenize(const QString& text);

// What a token or a group of tokens says in characters, for recognisers that work on the normalised view:
// "oh" -> "0", "double seven" -> "77", "nine hundred" -> "900", "twenty three" -> "23", "plus" -> "+",
// "S" -> "S", "sierra" -> "S", "SW1A" -> "SW1A", "at" -> "@" (in e-mail context), "dot" -> ".".
struct Symbol
{
    enum class Kind
    {
        Digits, // only digits (and a leading '+')
        Letters, // letters and digits of a spelled or written code ("S", "SW1A", "1AA")
        Word, // anything else
    };
    Kind kind = Kind::Word;
    QString chars; // the normalised characters (upper case for letters)
    int first = 0; // first token
    int last = 0; // last token (inclusive)
    bool spoken = false; // from words rather than written digits or letters
};

// The normalised view of a token list: one symbol per token or per spoken group.
QList<Symbol> normalise(const QList<Token>& tokens);

// Spoken digit or number words.
int digitWord(const QString& lower); // "oh"/"zero"/"nought" 0, "one" 1 ... "nine" 9; -1 otherwise
int numberWord(const QString& lower); // digitWord, "ten" .. "nineteen", "twenty" .. "ninety"; -1 otherwise
QChar natoLetter(const QString& lower); // "alpha" -> 'A', ... ; null otherwise
// "um", "er", "erm", "uh", "ah", "hmm": said inside a number or a date without ending it.
bool isFiller(const QString& lower);
// Ordinals as said or written: "third", "twenty-second", "3rd", "23"; months: "march", "feb" -> 3, 2; 0 otherwise.
bool isOrdinal(const QString& lower);
int monthOf(const QString& lower);

} // namespace Earmark::Anonymise

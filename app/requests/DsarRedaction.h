#pragma once

#include "anonymise/Anonymiser.h"
#include "core/Result.h"
#include "store/Transcript.h"

#include <QJsonObject>

namespace Earmark {

// What a subject-access pack does with the names of the company's staff (the agent on the call).
enum class StaffNames
{
    Keep, // the agent's whole name stays
    FirstName, // the agent's first name stays, surnames are removed (the default)
    Remove, // the agent's names are removed like any other person's
};
QString staffNamesText(StaffNames policy); // "keep", "first-name", "remove"
std::optional<StaffNames> staffNamesFromText(const QString& text);

// Whose data a call holds, as the pack needs to know it.
struct CallParties
{
    QString respondentName; // the requester's name from the call's metadata ("" when unknown)
    QString respondentPhoneE164; // the requester's number (their calls were found by it)
    QString agentName; // the agent's full name from the metadata
};

// One decision of the redaction log: where, what kind, what was done and why; never the value.
struct RedactionDecision
{
    int segment = 0;
    double atS = 0;
    QString type; // PERSON, PHONE, ...
    bool redacted = false;
    QString reason;
};

struct DsarTranscript
{
    QJsonObject transcript; // earmark.transcript/1 with "redaction": {"kind": "subject-access", ...}
    QList<Anonymise::Redaction> redactions; // for the audio (bleeped at these times)
    QList<RedactionDecision> decisions;
};

// The requester's copy of a transcript (UK GDPR Art. 15(4), DPA 2018 Sch. 2 para 16): other people's personal
// data is removed, the requester's own is kept. The anonymiser finds every span; then the requester's own name and
// number and what they said about themselves stay, other people's names and numbers become placeholders
// ([PERSON_n], [PHONE]), and the agent's name follows the staff policy. Deterministic.
Result<DsarTranscript> redactForRequester(const Transcript& transcript, const CallParties& parties, StaffNames policy);

} // namespace Earmark

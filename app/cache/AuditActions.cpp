#include "cache/AuditActions.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace Earmark {

QString auditActionText(const QString& action)
{
    // QT_TRANSLATE_NOOP marks them for the translators; translate() reads them in the user's language.
    static const QHash<QString, const char*> texts {
        {QStringLiteral("access.refused"), QT_TRANSLATE_NOOP("AuditActions", "Refused: no role for it")},
        {QStringLiteral("audit.accept"), QT_TRANSLATE_NOOP("AuditActions", "Audit log accepted as it is")},
        {QStringLiteral("audit.export"), QT_TRANSLATE_NOOP("AuditActions", "Audit log exported")},
        {QStringLiteral("call.open"), QT_TRANSLATE_NOOP("AuditActions", "Call opened")},
        {QStringLiteral("calls.phone-search"), QT_TRANSLATE_NOOP("AuditActions", "Calls searched by number")},
        {QStringLiteral("case.add-call"), QT_TRANSLATE_NOOP("AuditActions", "Call added to a case")},
        {QStringLiteral("case.close"), QT_TRANSLATE_NOOP("AuditActions", "Case closed")},
        {QStringLiteral("case.create"), QT_TRANSLATE_NOOP("AuditActions", "Case opened")},
        {QStringLiteral("case.note"), QT_TRANSLATE_NOOP("AuditActions", "Case note added")},
        {QStringLiteral("case.read"), QT_TRANSLATE_NOOP("AuditActions", "Case read")},
        {QStringLiteral("case.remove-call"), QT_TRANSLATE_NOOP("AuditActions", "Call taken out of a case")},
        {QStringLiteral("case.set-aside"),
            QT_TRANSLATE_NOOP("AuditActions", "Call of the number set aside: it names someone else")},
        {QStringLiteral("certificate.export"), QT_TRANSLATE_NOOP("AuditActions", "Destruction certificate exported")},
        {QStringLiteral("destroy"), QT_TRANSLATE_NOOP("AuditActions", "Call destroyed")},
        {QStringLiteral("destruction.certificate"), QT_TRANSLATE_NOOP("AuditActions", "Destruction certified")},
        {QStringLiteral("dsar.pack"), QT_TRANSLATE_NOOP("AuditActions", "Subject access pack built")},
        {QStringLiteral("dsar.pack-failed"), QT_TRANSLATE_NOOP("AuditActions", "Subject access pack failed")},
        {QStringLiteral("erase.deferred"), QT_TRANSLATE_NOOP("AuditActions", "Erasure deferred by a hold")},
        {QStringLiteral("evaluation.draft"), QT_TRANSLATE_NOOP("AuditActions", "Evaluation started")},
        {QStringLiteral("evaluation.submitted"), QT_TRANSLATE_NOOP("AuditActions", "Evaluation submitted")},
        {QStringLiteral("evaluation.acknowledged"), QT_TRANSLATE_NOOP("AuditActions", "Evaluation acknowledged")},
        {QStringLiteral("evaluation.disputed"), QT_TRANSLATE_NOOP("AuditActions", "Evaluation disputed")},
        {QStringLiteral("evaluation.resolved"), QT_TRANSLATE_NOOP("AuditActions", "Dispute resolved")},
        {QStringLiteral("evaluation.pdf"), QT_TRANSLATE_NOOP("AuditActions", "Evaluation saved as PDF")},
        {QStringLiteral("evaluation.rescore"), QT_TRANSLATE_NOOP("AuditActions", "Evaluation re-scored")},
        {QStringLiteral("evidence.export"), QT_TRANSLATE_NOOP("AuditActions", "Evidence pack exported")},
        {QStringLiteral("evidence.export-failed"), QT_TRANSLATE_NOOP("AuditActions", "Evidence pack failed")},
        {QStringLiteral("hold.place"), QT_TRANSLATE_NOOP("AuditActions", "Hold placed")},
        {QStringLiteral("hold.release"), QT_TRANSLATE_NOOP("AuditActions", "Hold released")},
        {QStringLiteral("hold.remove-call"), QT_TRANSLATE_NOOP("AuditActions", "Call taken out of a hold")},
        {QStringLiteral("keys.rotate"), QT_TRANSLATE_NOOP("AuditActions", "Keys rotated")},
        {QStringLiteral("phones.hide"), QT_TRANSLATE_NOOP("AuditActions", "Numbers hidden")},
        {QStringLiteral("phones.reveal"), QT_TRANSLATE_NOOP("AuditActions", "Numbers revealed")},
        {QStringLiteral("policy.staff-names"), QT_TRANSLATE_NOOP("AuditActions", "Staff-name policy set")},
        {QStringLiteral("redaction.policy"), QT_TRANSLATE_NOOP("AuditActions", "Redaction-review rule set")},
        {QStringLiteral("redactions.review"), QT_TRANSLATE_NOOP("AuditActions", "Redactions reviewed")},
        {QStringLiteral("report.export"), QT_TRANSLATE_NOOP("AuditActions", "Report exported")},
        {QStringLiteral("request.confirm-call"),
            QT_TRANSLATE_NOOP("AuditActions", "Call confirmed as the requester's")},
        {QStringLiteral("request.exclude-call"),
            QT_TRANSLATE_NOOP("AuditActions", "Call taken out of a subject access request: not the requester's")},
        {QStringLiteral("request.name"), QT_TRANSLATE_NOOP("AuditActions", "Requester's name recorded")},
        {QStringLiteral("request.close"), QT_TRANSLATE_NOOP("AuditActions", "Subject access request closed")},
        {QStringLiteral("request.create"), QT_TRANSLATE_NOOP("AuditActions", "Subject access request recorded")},
        {QStringLiteral("request.extend"), QT_TRANSLATE_NOOP("AuditActions", "Subject access deadline extended")},
        {QStringLiteral("request.identity"), QT_TRANSLATE_NOOP("AuditActions", "Requester's identity confirmed")},
        {QStringLiteral("request.read"), QT_TRANSLATE_NOOP("AuditActions", "Subject access request read")},
        {QStringLiteral("retention.policy"), QT_TRANSLATE_NOOP("AuditActions", "Retention period set")},
        {QStringLiteral("retention.run"), QT_TRANSLATE_NOOP("AuditActions", "Retention run")},
        {QStringLiteral("roles.assign"), QT_TRANSLATE_NOOP("AuditActions", "Role assigned")},
        {QStringLiteral("roles.revoke"), QT_TRANSLATE_NOOP("AuditActions", "Role revoked")},
        {QStringLiteral("safety.flag"), QT_TRANSLATE_NOOP("AuditActions", "Staff-safety moment flagged")},
        {QStringLiteral("sample.draw"), QT_TRANSLATE_NOOP("AuditActions", "Sample drawn")},
        {QStringLiteral("scenario.create"), QT_TRANSLATE_NOOP("AuditActions", "Training scenario saved")},
        {QStringLiteral("scenario.policy"), QT_TRANSLATE_NOOP("AuditActions", "Training-scenario policy set")},
        {QStringLiteral("scenario.remove"), QT_TRANSLATE_NOOP("AuditActions", "Training scenario removed")},
        {QStringLiteral("scorecard.restore"), QT_TRANSLATE_NOOP("AuditActions", "Scorecard restored")},
        {QStringLiteral("scorecard.retire"), QT_TRANSLATE_NOOP("AuditActions", "Scorecard retired")},
        {QStringLiteral("scorecard.store"), QT_TRANSLATE_NOOP("AuditActions", "Scorecard saved")},
        {QStringLiteral("sync"), QT_TRANSLATE_NOOP("AuditActions", "Store synced")},
        {QStringLiteral("training.export"), QT_TRANSLATE_NOOP("AuditActions", "Training pack exported")},
        {QStringLiteral("transcript.export-anonymised"),
            QT_TRANSLATE_NOOP("AuditActions", "Anonymised transcript exported")},
        {QStringLiteral("transcript.read"), QT_TRANSLATE_NOOP("AuditActions", "Transcript read")},
        {QStringLiteral("transcript.revise"), QT_TRANSLATE_NOOP("AuditActions", "Transcript corrected")},
        {QStringLiteral("transcript.search"), QT_TRANSLATE_NOOP("AuditActions", "Transcripts searched")},
    };
    const auto it = texts.constFind(action);
    return it == texts.constEnd() ? action : QCoreApplication::translate("AuditActions", it.value());
}

namespace {
QString valueText(const QJsonValue& v)
{
    if (v.isArray()) {
        QStringList items;
        for (const QJsonValue& item : v.toArray()) {
            items << valueText(item);
        }
        return items.join(QStringLiteral(", "));
    }
    if (v.isBool()) {
        return v.toBool() ? QCoreApplication::translate("AuditActions", "yes")
                          : QCoreApplication::translate("AuditActions", "no");
    }
    if (v.isDouble()) {
        return QString::number(v.toDouble());
    }
    if (v.isObject()) {
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    }
    return v.toString();
}
} // namespace

QString auditDetailText(const QString& action, const QString& detail)
{
    if (!detail.startsWith(u'{')) {
        return detail;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(detail.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        return detail;
    }
    const QJsonObject o = doc.object();
    const auto n = [&o](const char* key) { return o.value(QLatin1String(key)).toInteger(); };
    if (action == QLatin1String("sync") && o.contains(QLatin1String("imported"))) {
        return QCoreApplication::translate(
            "AuditActions", "%1 imported, %2 updated, %3 unchanged, %4 erased, %5 rejected; from %6")
            .arg(n("imported"))
            .arg(n("updated"))
            .arg(n("unchanged"))
            .arg(n("erased"))
            .arg(n("rejected"))
            .arg(o.value(QLatin1String("store")).toString());
    }
    if (action == QLatin1String("retention.run") && o.contains(QLatin1String("destroyed"))) {
        return QCoreApplication::translate(
            "AuditActions", "%1 destroyed, %2 kept by holds; retention %3 days, as of %4")
            .arg(n("destroyed"))
            .arg(n("held"))
            .arg(n("retention_days"))
            .arg(o.value(QLatin1String("as_of")).toString());
    }
    QStringList fields;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        QString key = it.key();
        key.replace(u'_', u' ');
        fields << QStringLiteral("%1: %2").arg(key, valueText(it.value()));
    }
    return fields.join(QStringLiteral("; "));
}

} // namespace Earmark

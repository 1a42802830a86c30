#include "scorecard/Scorecard.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <cmath>

namespace Earmark::Scorecard {

namespace {
bool isId(const QString& s)
{
    static const QRegularExpression re(QStringLiteral("\\A[a-z0-9][a-z0-9._-]{0,39}\\z"));
    return re.match(s).hasMatch();
}

bool isInteger(const QJsonValue& v)
{
    return v.isDouble() && std::floor(v.toDouble()) == v.toDouble() && std::isfinite(v.toDouble());
}

class Validator
{
public:
    QList<Problem> problems;
    QSet<QString> ids;

    void problem(const QString& path, const QString& message) { problems.append({path, message}); }

    double weight(const QJsonObject& o, const QString& path)
    {
        const QJsonValue w = o.value(QStringLiteral("weight"));
        if (w.isUndefined()) {
            return 1;
        }
        if (!w.isDouble() || w.toDouble() < 0 || !std::isfinite(w.toDouble())) {
            problem(path + QStringLiteral(".weight"), QStringLiteral("must be a number >= 0"));
            return 1;
        }
        return w.toDouble();
    }

    QString id(const QJsonObject& o, const QString& path)
    {
        const QJsonValue v = o.value(QStringLiteral("id"));
        if (!v.isString() || !isId(v.toString())) {
            problem(path + QStringLiteral(".id"), QStringLiteral("must match ^[a-z0-9][a-z0-9._-]{0,39}$"));
            return {};
        }
        if (ids.contains(v.toString())) {
            problem(path + QStringLiteral(".id"),
                QStringLiteral("\"%1\" is used twice (ids are unique in a template)").arg(v.toString()));
        }
        ids.insert(v.toString());
        return v.toString();
    }

    bool boolean(const QJsonObject& o, const QString& key, bool fallback, const QString& path)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            return fallback;
        }
        if (!v.isBool()) {
            problem(path + QLatin1Char('.') + key, QStringLiteral("must be true or false"));
            return fallback;
        }
        return v.toBool();
    }

    void condition(const QJsonValue& v, const QString& path, QList<QPair<QString, QString>>& references)
    {
        if (!v.isObject()) {
            problem(path,
                QStringLiteral(
                    "must be an object: {\"question\": ID, \"answer\": VALUE}, {\"any\": [...]} or {\"all\": [...]}"));
            return;
        }
        const QJsonObject o = v.toObject();
        for (const char* list : {"any", "all"}) {
            if (o.contains(QLatin1String(list))) {
                const QJsonValue items = o.value(QLatin1String(list));
                if (!items.isArray() || items.toArray().isEmpty()) {
                    problem(path + QLatin1Char('.') + QLatin1String(list),
                        QStringLiteral("must be a non-empty array of conditions"));
                    return;
                }
                int i = 0;
                for (const QJsonValue& item : items.toArray()) {
                    condition(item, path + QStringLiteral(".%1[%2]").arg(QLatin1String(list)).arg(i++), references);
                }
                return;
            }
        }
        if (!o.value(QStringLiteral("question")).isString() || !o.contains(QStringLiteral("answer"))) {
            problem(path, QStringLiteral("needs \"question\" (an id) and \"answer\""));
            return;
        }
        references.append({o.value(QStringLiteral("question")).toString(), path + QStringLiteral(".question")});
    }
};

Question parseQuestion(const QJsonObject& o, const QString& path, Validator& v, QList<QPair<QString, QString>>& refs)
{
    Question q;
    q.id = v.id(o, path);
    q.text = o.value(QStringLiteral("text")).toString();
    if (!o.value(QStringLiteral("text")).isString() || q.text.isEmpty()) {
        v.problem(path + QStringLiteral(".text"), QStringLiteral("must be a non-empty string"));
    }
    const QString type = o.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("yes_no")) {
        q.type = Type::YesNo;
    } else if (type == QLatin1String("scale")) {
        q.type = Type::Scale;
    } else if (type == QLatin1String("choice")) {
        q.type = Type::Choice;
    } else if (type == QLatin1String("text")) {
        q.type = Type::Text;
    } else {
        v.problem(path + QStringLiteral(".type"), QStringLiteral("must be yes_no, scale, choice or text"));
    }
    q.weight = v.weight(o, path);
    q.naAllowed = v.boolean(o, QStringLiteral("na_allowed"), true, path);
    q.required = v.boolean(o, QStringLiteral("required"), q.type != Type::Text, path);
    if (q.type == Type::Scale) {
        const QJsonValue mn = o.value(QStringLiteral("min"));
        const QJsonValue mx = o.value(QStringLiteral("max"));
        if (!isInteger(mn) || !isInteger(mx)) {
            v.problem(path, QStringLiteral("a scale needs integer \"min\" and \"max\""));
        } else if (mn.toInt() >= mx.toInt()) {
            v.problem(path + QStringLiteral(".max"), QStringLiteral("must be greater than min"));
        }
        q.min = mn.toInt();
        q.max = mx.toInt();
    }
    if (q.type == Type::Choice) {
        const QJsonArray options = o.value(QStringLiteral("options")).toArray();
        if (options.isEmpty()) {
            v.problem(path + QStringLiteral(".options"), QStringLiteral("a choice needs a non-empty array of options"));
        }
        QSet<QString> optionIds;
        for (int i = 0; i < options.size(); ++i) {
            const QString opath = path + QStringLiteral(".options[%1]").arg(i);
            const QJsonObject oo = options.at(i).toObject();
            Option opt;
            opt.id = oo.value(QStringLiteral("id")).toString();
            if (!isId(opt.id)) {
                v.problem(opath + QStringLiteral(".id"), QStringLiteral("must match ^[a-z0-9][a-z0-9._-]{0,39}$"));
            } else if (optionIds.contains(opt.id)) {
                v.problem(
                    opath + QStringLiteral(".id"), QStringLiteral("\"%1\" is used twice in this question").arg(opt.id));
            }
            optionIds.insert(opt.id);
            opt.label = oo.value(QStringLiteral("label")).toString();
            const QJsonValue points = oo.value(QStringLiteral("points"));
            if (!points.isDouble() || points.toDouble() < 0) {
                v.problem(opath + QStringLiteral(".points"), QStringLiteral("must be a number >= 0"));
            }
            opt.points = points.toDouble();
            const QJsonValue fail = oo.value(QStringLiteral("fail"));
            if (fail.toString() == QLatin1String("form")) {
                opt.fail = Fail::Form;
            } else if (fail.toString() == QLatin1String("section")) {
                opt.fail = Fail::Section;
            } else if (!fail.isUndefined() && !fail.isNull()) {
                v.problem(opath + QStringLiteral(".fail"), QStringLiteral("must be \"form\" or \"section\""));
            }
            q.options << opt;
        }
    }
    const QJsonValue critical = o.value(QStringLiteral("critical"));
    if (!critical.isUndefined() && !critical.isNull()) {
        if (critical.toString() == QLatin1String("fail_form")) {
            q.critical = Fail::Form;
        } else if (critical.toString() == QLatin1String("fail_section")) {
            q.critical = Fail::Section;
        } else {
            v.problem(path + QStringLiteral(".critical"), QStringLiteral("must be \"fail_form\" or \"fail_section\""));
        }
        if (q.type != Type::YesNo) {
            v.problem(path + QStringLiteral(".critical"),
                QStringLiteral("only a yes_no question can be critical (a choice option uses \"fail\")"));
        }
    }
    if (o.contains(QStringLiteral("show_if"))) {
        v.condition(o.value(QStringLiteral("show_if")), path + QStringLiteral(".show_if"), refs);
        q.showIf = o.value(QStringLiteral("show_if")).toObject();
    }
    if (o.contains(QStringLiteral("auto"))) {
        const QJsonObject a = o.value(QStringLiteral("auto")).toObject();
        q.autoCheck = a.value(QStringLiteral("check")).toString();
        q.autoWithinS = a.value(QStringLiteral("within_s")).toDouble(60);
        if (q.autoCheck != QLatin1String("recording_notice")) {
            v.problem(path + QStringLiteral(".auto.check"), QStringLiteral("unknown check (known: recording_notice)"));
        }
        if (q.autoWithinS <= 0) {
            v.problem(path + QStringLiteral(".auto.within_s"), QStringLiteral("must be a number of seconds > 0"));
        }
    }
    return q;
}
} // namespace

const Question* Template::question(const QString& questionId) const
{
    for (const Section& s : sections) {
        for (const Question& q : s.questions) {
            if (q.id == questionId) {
                return &q;
            }
        }
    }
    return nullptr;
}

Result<Template> Template::parse(const QByteArray& json, QList<Problem>* problems)
{
    Validator v;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    Template t;
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        v.problem(QStringLiteral("$"),
            pe.error != QJsonParseError::NoError
                ? QStringLiteral("malformed JSON at byte %1: %2").arg(pe.offset).arg(pe.errorString())
                : QStringLiteral("must be a JSON object"));
    } else {
        const QJsonObject o = doc.object();
        if (o.value(QStringLiteral("schema")).toString() != QLatin1String("earmark.scorecard/1")) {
            v.problem(QStringLiteral("$.schema"), QStringLiteral("must be \"earmark.scorecard/1\""));
        }
        t.id = v.id(o, QStringLiteral("$"));
        const QJsonValue version = o.value(QStringLiteral("version"));
        if (!isInteger(version) || version.toInt() < 1) {
            v.problem(QStringLiteral("$.version"), QStringLiteral("must be a positive integer"));
        }
        t.version = version.toInt();
        t.title = o.value(QStringLiteral("title")).toString();
        if (t.title.isEmpty()) {
            v.problem(QStringLiteral("$.title"), QStringLiteral("must be a non-empty string"));
        }
        const QJsonValue pass = o.value(QStringLiteral("pass_mark"));
        if (!pass.isDouble() || pass.toDouble() < 0 || pass.toDouble() > 100) {
            v.problem(QStringLiteral("$.pass_mark"), QStringLiteral("must be a number from 0 to 100"));
        }
        t.passMark = pass.toDouble();
        const QJsonArray sections = o.value(QStringLiteral("sections")).toArray();
        if (sections.isEmpty()) {
            v.problem(QStringLiteral("$.sections"), QStringLiteral("must be a non-empty array"));
        }
        QList<QPair<QString, QString>> refs;
        for (int i = 0; i < sections.size(); ++i) {
            const QString spath = QStringLiteral("$.sections[%1]").arg(i);
            const QJsonObject so = sections.at(i).toObject();
            Section s;
            s.id = v.id(so, spath);
            s.title = so.value(QStringLiteral("title")).toString();
            s.weight = v.weight(so, spath);
            const QJsonArray questions = so.value(QStringLiteral("questions")).toArray();
            if (questions.isEmpty()) {
                v.problem(spath + QStringLiteral(".questions"), QStringLiteral("must be a non-empty array"));
            }
            for (int k = 0; k < questions.size(); ++k) {
                s.questions << parseQuestion(
                    questions.at(k).toObject(), spath + QStringLiteral(".questions[%1]").arg(k), v, refs);
            }
            t.sections << s;
        }
        for (const auto& [target, path] : refs) {
            if (!t.question(target)) {
                v.problem(path, QStringLiteral("names no question of this template (\"%1\")").arg(target));
            }
        }
    }
    if (problems) {
        *problems = v.problems;
    }
    if (!v.problems.isEmpty()) {
        return makeError(v.problems.first().text());
    }
    return t;
}

} // namespace Earmark::Scorecard

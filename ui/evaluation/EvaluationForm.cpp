#include "ui/evaluation/EvaluationForm.h"

#include "core/TimeText.h"
#include "ui/evaluation/AnswerButtons.h"

#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace Earmark::Gui {

namespace {
QString answerLabel(const Scorecard::Question& q, const QString& answer)
{
    if (answer == QLatin1String("yes")) {
        return QObject::tr("Yes");
    }
    if (answer == QLatin1String("no")) {
        return QObject::tr("No");
    }
    if (answer == QLatin1String("na")) {
        return QObject::tr("Not applicable");
    }
    for (const Scorecard::Option& o : q.options) {
        if (o.id == answer) {
            return o.label;
        }
    }
    return answer;
}

QVariant toData(const QJsonValue& v)
{
    return v.isDouble() ? QVariant(v.toInt()) : QVariant(v.toString());
}

QJsonValue toJson(const QVariant& d)
{
    return d.typeId() == QMetaType::Int ? QJsonValue(d.toInt()) : QJsonValue(d.toString());
}

// What a point of a scale means: five points read very poor to excellent, three poor to good; longer scales name
// their ends.
QString scaleCaption(int v, int min, int max)
{
    if (max - min == 4) {
        const QString words[] = {QObject::tr("Very poor"), QObject::tr("Poor"), QObject::tr("Adequate"),
            QObject::tr("Good"), QObject::tr("Excellent")};
        return words[v - min];
    }
    if (max - min == 2) {
        const QString words[] = {QObject::tr("Poor"), QObject::tr("Adequate"), QObject::tr("Good")};
        return words[v - min];
    }
    return v == min ? QObject::tr("Lowest") : v == max ? QObject::tr("Highest") : QString();
}
} // namespace

EvaluationForm::EvaluationForm(QWidget* parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
}

void EvaluationForm::clearRows()
{
    m_rows.clear();
    while (QLayoutItem* item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

void EvaluationForm::setScorecard(const Scorecard::Template& scorecard)
{
    clearRows();
    m_scorecard = scorecard;
    for (const Scorecard::Section& section : std::as_const(m_scorecard.sections)) {
        auto* group = new QGroupBox(section.title, this);
        auto* gl = new QVBoxLayout(group);
        for (const Scorecard::Question& q : std::as_const(section.questions)) {
            addRow(q, gl);
        }
        m_layout->addWidget(group);
    }
    m_layout->addStretch(1);
    refresh();
}

void EvaluationForm::addRow(const Scorecard::Question& q, QVBoxLayout* layout)
{
    Row row;
    row.question = &q;
    row.box = new QWidget;
    auto* l = new QVBoxLayout(row.box);
    l->setContentsMargins(0, 2, 0, 6);
    QString label = q.text.toHtmlEscaped();
    if (q.required) {
        label += QStringLiteral(" <span style='color:#b00'>*</span>");
    }
    if (q.critical == Scorecard::Fail::Form) {
        label += tr(" <small>(critical: “no” fails the whole form)</small>");
    } else if (q.critical == Scorecard::Fail::Section) {
        label += tr(" <small>(critical: “no” fails the section)</small>");
    }
    auto* text = new QLabel(label, row.box);
    text->setWordWrap(true);
    l->addWidget(text);
    if (q.scored()) {
        // Choices whose labels would not sit side by side in the panel stack one under the other.
        qsizetype letters = 0;
        for (const Scorecard::Option& o : q.options) {
            letters += o.label.size() + 2;
        }
        row.answer
            = new AnswerButtons(letters > 26 ? AnswerButtons::Layout::Column : AnswerButtons::Layout::Row, row.box);
        row.answer->setObjectName(QStringLiteral("answer-") + q.id);
        switch (q.type) {
        case Scorecard::Type::YesNo:
            row.answer->addChoice(tr("Yes"), QStringLiteral("yes"));
            row.answer->addChoice(tr("No"), QStringLiteral("no"));
            break;
        case Scorecard::Type::Scale:
            for (int v = q.min; v <= q.max; ++v) {
                row.answer->addChoice(
                    QString::number(v), v, scaleCaption(v, q.min, q.max), v >= 0 && v <= 9 ? v : AnswerButtons::NoKey);
            }
            break;
        case Scorecard::Type::Choice:
            for (const Scorecard::Option& o : q.options) {
                row.answer->addChoice(o.label, o.id);
            }
            break;
        case Scorecard::Type::Text:
            break;
        }
        if (q.naAllowed) {
            row.answer->addChoice(tr("N/A"), QStringLiteral("na"), tr("Not applicable"),
                q.type == Scorecard::Type::Scale ? AnswerButtons::NoKey : -1);
        }
        text->setBuddy(row.answer);
        l->addWidget(row.answer);
        connect(row.answer, &AnswerButtons::changed, this, [this] {
            refresh();
            if (!m_loading) {
                Q_EMIT changed();
            }
        });
    } else {
        row.text = new QPlainTextEdit(row.box);
        row.text->setObjectName(QStringLiteral("answer-") + q.id);
        row.text->setTabChangesFocus(true);
        row.text->setMaximumHeight(70);
        l->addWidget(row.text);
        connect(row.text, &QPlainTextEdit::textChanged, this, [this] {
            if (!m_loading) {
                Q_EMIT changed();
            }
        });
    }
    row.suggestion = new QLabel(row.box);
    row.suggestion->setWordWrap(true);
    row.suggestion->setTextFormat(Qt::RichText);
    row.suggestion->hide();
    connect(row.suggestion, &QLabel::linkActivated, this,
        [this](const QString& link) { Q_EMIT seekRequested(link.mid(5).toDouble()); });
    l->addWidget(row.suggestion);
    row.override = new QLineEdit(row.box);
    row.override->setObjectName(QStringLiteral("override-") + q.id);
    row.override->setPlaceholderText(tr("Why does your answer differ from the suggestion? (required)"));
    row.override->hide();
    connect(row.override, &QLineEdit::textChanged, this, [this] {
        if (!m_loading) {
            Q_EMIT changed();
        }
    });
    l->addWidget(row.override);
    layout->addWidget(row.box);
    m_rows.append(row);
}

void EvaluationForm::setAnswers(
    const QJsonObject& answers, const QHash<QString, Suggestion>& suggestions, const QHash<QString, QString>& overrides)
{
    m_loading = true;
    m_suggestions = suggestions;
    for (Row& row : m_rows) {
        const QJsonValue a = answers.value(row.question->id);
        if (row.answer) {
            if (a.isUndefined() || !row.answer->setValue(toData(a))) {
                row.answer->setValue({});
            }
        } else {
            row.text->setPlainText(a.toString());
        }
        row.override->setText(overrides.value(row.question->id));
        if (const auto it = suggestions.constFind(row.question->id); it != suggestions.constEnd()) {
            QString html = tr("Suggested: <b>%1</b>").arg(answerLabel(*row.question, it->answer));
            if (it->atS) {
                html += tr(", heard at <a href='seek:%1'>%2</a>").arg(*it->atS).arg(clockText(*it->atS));
            }
            if (!it->evidence.isEmpty()) {
                html += QStringLiteral(" <i>“%1”</i>").arg(it->evidence.toHtmlEscaped());
            }
            row.suggestion->setText(html);
            row.suggestion->show();
            // The "why" line has its room kept under a suggestion, so that answering never moves the form.
            QSizePolicy keep = row.override->sizePolicy();
            keep.setRetainSizeWhenHidden(true);
            row.override->setSizePolicy(keep);
        } else {
            row.suggestion->hide();
        }
    }
    m_loading = false;
    refresh();
}

void EvaluationForm::setEditable(bool editable)
{
    m_editable = editable;
    for (Row& row : m_rows) {
        if (row.answer) {
            row.answer->setReadOnly(!editable);
        } else {
            row.text->setReadOnly(!editable);
        }
        row.override->setReadOnly(!editable);
    }
}

QJsonObject EvaluationForm::answers() const
{
    QJsonObject out;
    for (const Row& row : m_rows) {
        if (row.answer && row.answer->value().isValid()) {
            out.insert(row.question->id, toJson(row.answer->value()));
        } else if (row.text && !row.text->toPlainText().trimmed().isEmpty()) {
            out.insert(row.question->id, row.text->toPlainText().trimmed());
        }
    }
    // Hidden questions are not applicable: their answers are dropped so that they never count.
    for (const Row& row : m_rows) {
        if (!Scorecard::isShown(*row.question, out)) {
            out.remove(row.question->id);
        }
    }
    return out;
}

QHash<QString, QString> EvaluationForm::overrides() const
{
    QHash<QString, QString> out;
    for (const Row& row : m_rows) {
        if (!row.override->text().trimmed().isEmpty() && m_suggestions.contains(row.question->id)) {
            out.insert(row.question->id, row.override->text().trimmed());
        }
    }
    return out;
}

void EvaluationForm::refresh()
{
    QJsonObject current;
    for (const Row& row : m_rows) {
        if (row.answer && row.answer->value().isValid()) {
            current.insert(row.question->id, toJson(row.answer->value()));
        }
    }
    for (Row& row : m_rows) {
        row.box->setVisible(Scorecard::isShown(*row.question, current));
        const auto it = m_suggestions.constFind(row.question->id);
        const bool differs = it != m_suggestions.constEnd() && current.contains(row.question->id)
            && current.value(row.question->id).toString() != it->answer;
        row.override->setVisible(differs || !row.override->text().isEmpty());
    }
}

QWidget* EvaluationForm::editorFor(const QString& questionId) const
{
    for (const Row& row : m_rows) {
        if (row.question->id == questionId) {
            return row.answer ? static_cast<QWidget*>(row.answer) : row.text;
        }
    }
    return nullptr;
}

QLineEdit* EvaluationForm::overrideEditorFor(const QString& questionId) const
{
    for (const Row& row : m_rows) {
        if (row.question->id == questionId) {
            return row.override;
        }
    }
    return nullptr;
}

bool EvaluationForm::isQuestionVisible(const QString& questionId) const
{
    for (const Row& row : m_rows) {
        if (row.question->id == questionId) {
            return !row.box->isHidden();
        }
    }
    return false;
}

bool EvaluationForm::choose(const QString& questionId, const QJsonValue& answer)
{
    auto* buttons = qobject_cast<AnswerButtons*>(editorFor(questionId));
    return buttons && buttons->setValue(toData(answer));
}

} // namespace Earmark::Gui

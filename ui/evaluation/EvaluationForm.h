#pragma once

#include "quality/Evaluation.h"
#include "scorecard/Scorecard.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QVBoxLayout;

namespace Earmark::Gui {

class AnswerButtons;

// The questions of a scorecard as a form: one row per question (segmented buttons for scored questions, a labelled
// scale, digits and first letters as keys; a text box for text), shown or hidden by their conditions, with the
// automatic checks' suggestions and their evidence (a link that seeks the player) and, when an answer differs from a
// suggestion, the comment that says why.
class EvaluationForm : public QWidget
{
    Q_OBJECT

public:
    explicit EvaluationForm(QWidget* parent = nullptr);

    void setScorecard(const Scorecard::Template& scorecard);
    void setAnswers(const QJsonObject& answers, const QHash<QString, Suggestion>& suggestions,
        const QHash<QString, QString>& overrides);
    void setEditable(bool editable);

    QJsonObject answers() const;
    QHash<QString, QString> overrides() const;

    // For tests and keyboard use: the editor of a question (AnswerButtons or a QPlainTextEdit).
    QWidget* editorFor(const QString& questionId) const;
    QLineEdit* overrideEditorFor(const QString& questionId) const;
    bool isQuestionVisible(const QString& questionId) const;
    // Sets a scored question's answer as a reviewer would pick it ("yes", "na", an option id, or a scale number).
    bool choose(const QString& questionId, const QJsonValue& answer);

Q_SIGNALS:
    void changed();
    void seekRequested(double seconds);

private:
    struct Row
    {
        const Scorecard::Question* question = nullptr;
        QWidget* box = nullptr;
        AnswerButtons* answer = nullptr;
        QPlainTextEdit* text = nullptr;
        QLabel* suggestion = nullptr;
        QLineEdit* override = nullptr;
    };
    void clearRows();
    void addRow(const Scorecard::Question& q, QVBoxLayout* layout);
    void refresh();

    Scorecard::Template m_scorecard;
    QList<Row> m_rows;
    QHash<QString, Suggestion> m_suggestions;
    QVBoxLayout* m_layout;
    bool m_loading = false;
    bool m_editable = true;
};

} // namespace Earmark::Gui

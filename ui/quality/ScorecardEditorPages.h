#pragma once

#include <QJsonObject>
#include <QStackedWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace Earmark::Gui {

// The scorecard editor's property pages, one for what is selected in its tree: the template's (id, title, pass
// mark), a section's (id, title, weight) or a question's (text, type, weight, critical flag, scale, options,
// condition, automatic check). Showing one fills its editors; an edit is reported at once (templateEdited, ...) and
// written back into the JSON object by write*(). Only the editors the question's type allows are enabled.
class ScorecardEditorPages : public QStackedWidget
{
    Q_OBJECT

public:
    explicit ScorecardEditorPages(QWidget* parent = nullptr);

    void showTemplate(const QJsonObject& scorecard);
    void showSection(const QJsonObject& section);
    void showQuestion(const QJsonObject& question);

    // The edited properties written into the object the page shows.
    void writeTemplate(QJsonObject& scorecard) const;
    void writeSection(QJsonObject& section) const;
    void writeQuestion(QJsonObject& question);

    QLineEdit* titleEdit() const { return m_title; }
    QDoubleSpinBox* passMarkEdit() const { return m_passMark; }
    QLineEdit* questionTextEdit() const { return m_qText; }
    QComboBox* questionTypeEdit() const { return m_qType; }
    QComboBox* criticalEdit() const { return m_qCritical; }
    QLineEdit* showIfEdit() const { return m_qShowIf; }
    QComboBox* autoCheckEdit() const { return m_qAuto; }

Q_SIGNALS:
    void templateEdited();
    void sectionEdited();
    void questionEdited();

private:
    QWidget* templatePage();
    QWidget* sectionPage();
    QWidget* questionPage();
    void connectEditors();
    void enableForType(const QString& type, bool autoCheck);

    bool m_loading = false; // filling the editors: their changes are not edits
    // template
    QLineEdit* m_id;
    QLineEdit* m_title;
    QDoubleSpinBox* m_passMark;
    // section
    QLineEdit* m_sId;
    QLineEdit* m_sTitle;
    QDoubleSpinBox* m_sWeight;
    // question
    QLineEdit* m_qId;
    QLineEdit* m_qText;
    QComboBox* m_qType;
    QDoubleSpinBox* m_qWeight;
    QComboBox* m_qCritical;
    QCheckBox* m_qNa;
    QCheckBox* m_qRequired;
    QSpinBox* m_qMin;
    QSpinBox* m_qMax;
    QTableWidget* m_qOptions;
    QLineEdit* m_qShowIf;
    QComboBox* m_qAuto;
    QDoubleSpinBox* m_qWithin;
};

} // namespace Earmark::Gui

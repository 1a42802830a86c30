#pragma once

#include <QDialog>
#include <QJsonObject>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableWidget;
class QTreeWidget;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

// The scorecard editor for administrators: sections and questions as a tree, each one's properties beside it
// (types, weights, critical flags, conditions, automatic checks), validated by the scorecard rules as you type.
// Saving stores the next version (a stored version never changes); import and export use the JSON file format.
class ScorecardEditor : public QDialog
{
    Q_OBJECT

public:
    ScorecardEditor(CacheWorker* service, QWidget* parent = nullptr);

    // Loads a scorecard to edit (the JSON of a stored version or of a file).
    void setJson(const QByteArray& json);
    QByteArray json() const;
    QStringList problems() const;
    bool importFile(const QString& path);
    bool exportFile(const QString& path);
    void save();
    void loadStored(const QString& id, int version);

    QTreeWidget* tree() const { return m_tree; }
    void selectTemplate();
    void selectSection(int section);
    void selectQuestion(int section, int question);
    void addSection();
    void addQuestion();
    void removeSelected();
    void moveSelected(int delta);

    // The property editors (for tests and keyboard use).
    QLineEdit* titleEdit() const { return m_title; }
    QDoubleSpinBox* passMarkEdit() const { return m_passMark; }
    QLineEdit* questionTextEdit() const { return m_qText; }
    QComboBox* questionTypeEdit() const { return m_qType; }
    QComboBox* criticalEdit() const { return m_qCritical; }
    QLineEdit* showIfEdit() const { return m_qShowIf; }
    QComboBox* autoCheckEdit() const { return m_qAuto; }
    QPushButton* saveButton() const { return m_save; }

Q_SIGNALS:
    void saved(const QString& id, int version);
    void storedListChanged();

private:
    void buildPages();
    void rebuildTree();
    void showSelected();
    void revalidate();
    void writeTemplate();
    void writeSection();
    void writeQuestion();
    void refreshStored();
    QJsonObject question(int s, int q) const;
    void setQuestion(int s, int q, const QJsonObject& o);

    CacheWorker* m_worker;
    QJsonObject m_doc;
    int m_section = -1;
    int m_question = -1;
    bool m_loading = false;
    bool m_dirty = false;

    QComboBox* m_stored;
    QTreeWidget* m_tree;
    QStackedWidget* m_pages;
    QListWidget* m_problems;
    QLabel* m_state;
    QPushButton* m_save;
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

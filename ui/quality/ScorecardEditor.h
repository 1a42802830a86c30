#pragma once

#include "ui/quality/ScorecardDocument.h"
#include "ui/quality/ScorecardEditorPages.h"
#include "ui/quality/ScorecardTree.h"

#include <QDialog>

class QLabel;
class QListWidget;
class QPushButton;

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
    ScorecardEditor(CacheWorker* worker, QWidget* parent = nullptr);

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
    QLineEdit* titleEdit() const { return m_pages->titleEdit(); }
    QDoubleSpinBox* passMarkEdit() const { return m_pages->passMarkEdit(); }
    QLineEdit* questionTextEdit() const { return m_pages->questionTextEdit(); }
    QComboBox* questionTypeEdit() const { return m_pages->questionTypeEdit(); }
    QComboBox* criticalEdit() const { return m_pages->criticalEdit(); }
    QLineEdit* showIfEdit() const { return m_pages->showIfEdit(); }
    QComboBox* autoCheckEdit() const { return m_pages->autoCheckEdit(); }
    QPushButton* saveButton() const { return m_save; }

Q_SIGNALS:
    void saved(const QString& id, int version);
    void storedListChanged();

private:
    void rebuildTree();
    void showSelected();
    void revalidate();
    void writeTemplate();
    void writeSection();
    void writeQuestion();
    void refreshStored();

    CacheWorker* m_worker;
    ScorecardDocument m_doc;
    int m_section = -1;
    int m_question = -1;
    bool m_dirty = false;

    QComboBox* m_stored;
    ScorecardTree* m_tree;
    ScorecardEditorPages* m_pages;
    QListWidget* m_problems;
    QLabel* m_state;
    QPushButton* m_save;
};

} // namespace Earmark::Gui

#pragma once

#include <QTreeWidget>

namespace Earmark::Gui {

class ScorecardDocument;

// The scorecard editor's outline: the template, its sections and their questions, each with its type and weight.
// Choosing an item reports its section and question (-1: the template, or the section itself).
class ScorecardTree : public QTreeWidget
{
    Q_OBJECT

public:
    explicit ScorecardTree(QWidget* parent = nullptr);

    // Shows the document with section and question selected (not reported as a choice).
    void showDocument(const ScorecardDocument& doc, int section, int question);
    void setTitle(const QString& title);

Q_SIGNALS:
    void chosen(int section, int question);

private:
    bool m_rebuilding = false;
};

} // namespace Earmark::Gui

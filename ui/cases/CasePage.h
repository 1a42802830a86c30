#pragma once

#include "cases/Cases.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;

namespace Earmark::Gui {

// One case: its record, hold state, calls and flagged moments as links that play them, its notes with who and when,
// and what can be done with it (add a note, link the respondent's newer calls, export evidence, close).
class CasePage : public QWidget
{
    Q_OBJECT

public:
    explicit CasePage(QWidget* parent = nullptr);

    void showCase(const CaseRecord& record);
    void clear(const QString& message);
    const CaseRecord& record() const { return m_record; }
    bool hasCase() const { return !m_record.caseId.isEmpty(); }
    QString pageText() const;
    QTextBrowser* browser() const { return m_page; }
    QPlainTextEdit* noteEdit() const { return m_note; }
    QPushButton* addNoteButton() const { return m_addNote; }
    QPushButton* exportButton() const { return m_export; }
    QPushButton* closeButton() const { return m_close; }
    QPushButton* linkButton() const { return m_link; }
    QPushButton* addCallsButton() const { return m_addCalls; }
    // Follows a link of the page ("play:<call id>:<ms>", "remove:<call id>", "add:<call id>", "case:<case id>"), as a
    // click on it does.
    void openLink(const QUrl& url);
    // While a pack is written, Export stays disabled whatever case is shown.
    void setExporting(bool on);

Q_SIGNALS:
    void playRequested(const QString& callId, double seconds);
    void noteRequested(const QString& text);
    void exportRequested();
    void closeRequested();
    void linkRequested();
    void addCallsRequested();
    // A call taken out of the case (not its respondent's), or one set aside brought back.
    void removeCallRequested(const QString& callId);
    void addCallRequested(const QString& callId);
    void caseRequested(const QString& caseId);

private:
    CaseRecord m_record;
    QTextBrowser* m_page;
    QPlainTextEdit* m_note;
    QPushButton* m_addNote;
    QPushButton* m_addCalls;
    QPushButton* m_link;
    QPushButton* m_export;
    QPushButton* m_close;
    bool m_exporting = false;
};

} // namespace Earmark::Gui

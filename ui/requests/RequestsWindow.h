#pragma once

#include "requests/Requests.h"
#include "ui/shell/ToolWindow.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QTextBrowser;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

class StatusLine;
// The data-protection officer's window: subject access requests with their deadlines and days left, the requester's
// calls held while a request is open, the identity check, extensions with reasons, the pack, and closing.
class RequestsWindow : public ToolWindow
{
    Q_OBJECT

public:
    explicit RequestsWindow(CacheWorker* worker, QWidget* parent = nullptr);

    void refresh();
    void newRequest();
    // Writes the selected request's pack to zipPath (Build pack… asks for it).
    void buildPack(const QString& zipPath, bool identityUnconfirmed);
    // Follows a link of the details ("name:", "exclude:<call id>", "confirm:<call id>"), as a click on it does.
    void openLink(const QUrl& url);

    QTableWidget* list() const { return m_list; }
    QTextBrowser* details() const { return m_details; }
    QCheckBox* showClosed() const { return m_showClosed; }
    QCheckBox* withAudio() const { return m_audio; }
    QPushButton* button(const QString& objectName) const;
    QString statusText() const;
    StatusLine* statusLine() const { return m_statusText; }
    // "12 days left", "due today", "3 days overdue", "identity pending".
    static QString daysLeftText(const SubjectRequest& r, const QDate& today);

Q_SIGNALS:
    void message(const QString& text);
    // Requests changed: the main window's badge and the holds may differ.
    void requestsChanged();

private:
    SubjectRequest selected() const;
    void showDetails();
    // The requester's name and every call of the number with the name it records and the decision on it, with links
    // to record the name and to decide on a call.
    QString callsHtml(const SubjectRequest& r) const;
    void update(const QString& title, std::function<Status(Requests&)> work, const QString& done);
    void setDone(const QString& text);

    CacheWorker* m_worker;
    QTableWidget* m_list;
    QTextBrowser* m_details;
    QCheckBox* m_showClosed;
    QCheckBox* m_audio;
    QList<QPushButton*> m_buttons;
    QLabel* m_count;
    StatusLine* m_statusText;
    QList<SubjectRequest> m_requests;
    QString m_wanted;
    int m_pending = 0; // changes and packs of this window on their way
};

} // namespace Earmark::Gui

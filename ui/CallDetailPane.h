#pragma once

#include <QWidget>

class QLabel;
class QTextBrowser;

namespace Earmark {
class CacheService;
}

namespace Earmark::Gui {

// The selected call: its facts and its transcript (speaker turns with times). Decrypted text lives only in this
// widget's memory. Calls without a transcript say so plainly.
class CallDetailPane : public QWidget
{
    Q_OBJECT

public:
    explicit CallDetailPane(QWidget* parent = nullptr);
    void setService(CacheService* service) { m_service = service; }
    void showCall(const QString& callId);
    void clear();
    QString transcriptText() const;
    QString headerText() const;

Q_SIGNALS:
    void loaded(const QString& callId);

private:
    CacheService* m_service = nullptr;
    QString m_callId;
    QLabel* m_header;
    QTextBrowser* m_transcript;
};

} // namespace Earmark::Gui

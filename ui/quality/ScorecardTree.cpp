#include "ui/quality/ScorecardTree.h"

#include "ui/quality/ScorecardDocument.h"

namespace Earmark::Gui {

ScorecardTree::ScorecardTree(QWidget* parent)
    : QTreeWidget(parent)
{
    setHeaderLabels({tr("Section / question"), tr("Type"), tr("Weight")});
    setColumnWidth(0, 300);
    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (m_rebuilding || !item) {
            return;
        }
        Q_EMIT chosen(item->data(0, Qt::UserRole).toInt(), item->data(0, Qt::UserRole + 1).toInt());
    });
}

void ScorecardTree::showDocument(const ScorecardDocument& doc, int section, int question)
{
    m_rebuilding = true;
    clear();
    auto* root = new QTreeWidgetItem(this, {doc.value(QStringLiteral("title")).toString()});
    root->setData(0, Qt::UserRole, -1);
    root->setData(0, Qt::UserRole + 1, -1);
    const QJsonArray sections = doc.sections();
    for (int s = 0; s < sections.size(); ++s) {
        const QJsonObject so = sections.at(s).toObject();
        auto* si = new QTreeWidgetItem(root,
            {so.value(QStringLiteral("title")).toString(), tr("section"),
                QString::number(so.value(QStringLiteral("weight")).toDouble(1))});
        si->setData(0, Qt::UserRole, s);
        si->setData(0, Qt::UserRole + 1, -1);
        const QJsonArray questions = so.value(QStringLiteral("questions")).toArray();
        for (int q = 0; q < questions.size(); ++q) {
            const QJsonObject qo = questions.at(q).toObject();
            auto* qi = new QTreeWidgetItem(si,
                {qo.value(QStringLiteral("text")).toString(), qo.value(QStringLiteral("type")).toString(),
                    QString::number(qo.value(QStringLiteral("weight")).toDouble(1))});
            qi->setData(0, Qt::UserRole, s);
            qi->setData(0, Qt::UserRole + 1, q);
        }
    }
    expandAll();
    for (QTreeWidgetItemIterator it(this); *it; ++it) {
        if ((*it)->data(0, Qt::UserRole).toInt() == section && (*it)->data(0, Qt::UserRole + 1).toInt() == question) {
            setCurrentItem(*it);
        }
    }
    m_rebuilding = false;
}

void ScorecardTree::setTitle(const QString& title)
{
    if (QTreeWidgetItem* root = topLevelItem(0)) {
        root->setText(0, title);
    }
}

} // namespace Earmark::Gui

// ScorecardEditor: the tree of sections and questions and the property pages that edit them.
#include "ui/quality/ScorecardEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTreeWidget>

namespace Earmark::Gui {

namespace {
enum Page
{
    TemplatePage,
    SectionPage,
    QuestionPage
};

QDoubleSpinBox* weightBox(QWidget* parent)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(0, 1000);
    box->setDecimals(1);
    return box;
}

QJsonArray sectionsOf(const QJsonObject& doc)
{
    return doc.value(QStringLiteral("sections")).toArray();
}
} // namespace

void ScorecardEditor::buildPages()
{
    auto* templatePage = new QWidget;
    auto* tf = new QFormLayout(templatePage);
    m_id = new QLineEdit(templatePage);
    m_title = new QLineEdit(templatePage);
    m_title->setObjectName(QStringLiteral("scorecardTitle"));
    m_passMark = weightBox(templatePage);
    m_passMark->setRange(-1000, 1000); // out-of-range values are shown as problems, not silently clamped
    m_passMark->setObjectName(QStringLiteral("passMark"));
    tf->addRow(tr("Id (kept across versions):"), m_id);
    tf->addRow(tr("Title:"), m_title);
    tf->addRow(tr("Pass mark (0-100):"), m_passMark);

    auto* sectionPage = new QWidget;
    auto* sf = new QFormLayout(sectionPage);
    m_sId = new QLineEdit(sectionPage);
    m_sTitle = new QLineEdit(sectionPage);
    m_sWeight = weightBox(sectionPage);
    sf->addRow(tr("Id:"), m_sId);
    sf->addRow(tr("Title:"), m_sTitle);
    sf->addRow(tr("Weight:"), m_sWeight);

    auto* questionPage = new QWidget;
    auto* qf = new QFormLayout(questionPage);
    m_qId = new QLineEdit(questionPage);
    m_qText = new QLineEdit(questionPage);
    m_qText->setObjectName(QStringLiteral("questionText"));
    m_qType = new QComboBox(questionPage);
    m_qType->addItem(tr("Yes / no"), QStringLiteral("yes_no"));
    m_qType->addItem(tr("Scale"), QStringLiteral("scale"));
    m_qType->addItem(tr("Choice"), QStringLiteral("choice"));
    m_qType->addItem(tr("Text (not scored)"), QStringLiteral("text"));
    m_qWeight = weightBox(questionPage);
    m_qCritical = new QComboBox(questionPage);
    m_qCritical->addItem(tr("Not critical"), QString());
    m_qCritical->addItem(tr("“No” fails the section"), QStringLiteral("fail_section"));
    m_qCritical->addItem(tr("“No” fails the whole form"), QStringLiteral("fail_form"));
    m_qNa = new QCheckBox(tr("“Not applicable” allowed"), questionPage);
    m_qRequired = new QCheckBox(tr("Required before submitting"), questionPage);
    m_qMin = new QSpinBox(questionPage);
    m_qMax = new QSpinBox(questionPage);
    m_qMin->setRange(-100, 100);
    m_qMax->setRange(-100, 100);
    m_qOptions = new QTableWidget(0, 4, questionPage);
    m_qOptions->setHorizontalHeaderLabels({tr("Id"), tr("Label"), tr("Points"), tr("Fails")});
    m_qOptions->horizontalHeader()->setStretchLastSection(true);
    m_qOptions->setMinimumHeight(120);
    auto* addOption = new QPushButton(tr("+ Option"), questionPage);
    auto* removeOption = new QPushButton(tr("− Option"), questionPage);
    m_qShowIf = new QLineEdit(questionPage);
    m_qShowIf->setObjectName(QStringLiteral("showIf"));
    m_qShowIf->setPlaceholderText(QStringLiteral(R"({"question": "complaint-raised", "answer": "yes"})"));
    m_qAuto = new QComboBox(questionPage);
    m_qAuto->addItem(tr("None"), QString());
    m_qAuto->addItem(tr("Recording notice (from the transcript)"), QStringLiteral("recording_notice"));
    m_qWithin = weightBox(questionPage);
    m_qWithin->setSuffix(tr(" s"));
    qf->addRow(tr("Id:"), m_qId);
    qf->addRow(tr("Question:"), m_qText);
    qf->addRow(tr("Type:"), m_qType);
    qf->addRow(tr("Weight:"), m_qWeight);
    qf->addRow(tr("Critical:"), m_qCritical);
    qf->addRow(QString(), m_qNa);
    qf->addRow(QString(), m_qRequired);
    qf->addRow(tr("Scale from:"), m_qMin);
    qf->addRow(tr("Scale to:"), m_qMax);
    qf->addRow(tr("Options:"), m_qOptions);
    auto* optionButtons = new QHBoxLayout;
    optionButtons->addWidget(addOption);
    optionButtons->addWidget(removeOption);
    qf->addRow(QString(), optionButtons);
    qf->addRow(tr("Shown only if:"), m_qShowIf);
    qf->addRow(tr("Automatic check:"), m_qAuto);
    qf->addRow(tr("Within the first:"), m_qWithin);

    m_pages->insertWidget(TemplatePage, templatePage);
    m_pages->insertWidget(SectionPage, sectionPage);
    m_pages->insertWidget(QuestionPage, questionPage);

    for (QLineEdit* e : {m_id, m_title}) {
        connect(e, &QLineEdit::textEdited, this, &ScorecardEditor::writeTemplate);
    }
    connect(m_passMark, &QDoubleSpinBox::valueChanged, this, &ScorecardEditor::writeTemplate);
    for (QLineEdit* e : {m_sId, m_sTitle}) {
        connect(e, &QLineEdit::textEdited, this, &ScorecardEditor::writeSection);
    }
    connect(m_sWeight, &QDoubleSpinBox::valueChanged, this, &ScorecardEditor::writeSection);
    for (QLineEdit* e : {m_qId, m_qText, m_qShowIf}) {
        connect(e, &QLineEdit::textEdited, this, &ScorecardEditor::writeQuestion);
    }
    for (QComboBox* c : {m_qType, m_qCritical, m_qAuto}) {
        connect(c, &QComboBox::currentIndexChanged, this, &ScorecardEditor::writeQuestion);
    }
    for (QDoubleSpinBox* b : {m_qWeight, m_qWithin}) {
        connect(b, &QDoubleSpinBox::valueChanged, this, &ScorecardEditor::writeQuestion);
    }
    for (QSpinBox* b : {m_qMin, m_qMax}) {
        connect(b, &QSpinBox::valueChanged, this, &ScorecardEditor::writeQuestion);
    }
    for (QCheckBox* c : {m_qNa, m_qRequired}) {
        connect(c, &QCheckBox::toggled, this, &ScorecardEditor::writeQuestion);
    }
    connect(m_qOptions, &QTableWidget::itemChanged, this, &ScorecardEditor::writeQuestion);
    connect(addOption, &QPushButton::clicked, this, [this] {
        const int row = m_qOptions->rowCount();
        m_loading = true;
        m_qOptions->insertRow(row);
        m_qOptions->setItem(row, 0, new QTableWidgetItem(QStringLiteral("option-%1").arg(row + 1)));
        m_qOptions->setItem(row, 1, new QTableWidgetItem(tr("Option %1").arg(row + 1)));
        m_qOptions->setItem(row, 2, new QTableWidgetItem(QStringLiteral("0")));
        m_qOptions->setItem(row, 3, new QTableWidgetItem(QString()));
        m_loading = false;
        writeQuestion();
    });
    connect(removeOption, &QPushButton::clicked, this, [this] {
        if (m_qOptions->currentRow() >= 0) {
            m_qOptions->removeRow(m_qOptions->currentRow());
            writeQuestion();
        }
    });
}

void ScorecardEditor::rebuildTree()
{
    m_loading = true;
    m_tree->clear();
    auto* root = new QTreeWidgetItem(m_tree, {m_doc.value(QStringLiteral("title")).toString()});
    root->setData(0, Qt::UserRole, -1);
    root->setData(0, Qt::UserRole + 1, -1);
    const QJsonArray sections = sectionsOf(m_doc);
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
    m_tree->expandAll();
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        if ((*it)->data(0, Qt::UserRole).toInt() == m_section
            && (*it)->data(0, Qt::UserRole + 1).toInt() == m_question) {
            m_tree->setCurrentItem(*it);
        }
    }
    m_loading = false;
}

void ScorecardEditor::selectTemplate()
{
    m_section = -1;
    m_question = -1;
    rebuildTree();
    showSelected();
}

void ScorecardEditor::selectSection(int section)
{
    m_section = section;
    m_question = -1;
    rebuildTree();
    showSelected();
}

void ScorecardEditor::selectQuestion(int section, int question)
{
    m_section = section;
    m_question = question;
    rebuildTree();
    showSelected();
}

void ScorecardEditor::showSelected()
{
    m_loading = true;
    if (m_section < 0) {
        m_pages->setCurrentIndex(TemplatePage);
        m_id->setText(m_doc.value(QStringLiteral("id")).toString());
        m_title->setText(m_doc.value(QStringLiteral("title")).toString());
        m_passMark->setValue(m_doc.value(QStringLiteral("pass_mark")).toDouble());
    } else if (m_question < 0) {
        m_pages->setCurrentIndex(SectionPage);
        const QJsonObject so = sectionsOf(m_doc).at(m_section).toObject();
        m_sId->setText(so.value(QStringLiteral("id")).toString());
        m_sTitle->setText(so.value(QStringLiteral("title")).toString());
        m_sWeight->setValue(so.value(QStringLiteral("weight")).toDouble(1));
    } else {
        m_pages->setCurrentIndex(QuestionPage);
        const QJsonObject q = question(m_section, m_question);
        const QString type = q.value(QStringLiteral("type")).toString();
        m_qId->setText(q.value(QStringLiteral("id")).toString());
        m_qText->setText(q.value(QStringLiteral("text")).toString());
        m_qType->setCurrentIndex(std::max(0, m_qType->findData(type)));
        m_qWeight->setValue(q.value(QStringLiteral("weight")).toDouble(1));
        m_qCritical->setCurrentIndex(
            std::max(0, m_qCritical->findData(q.value(QStringLiteral("critical")).toString())));
        m_qNa->setChecked(q.value(QStringLiteral("na_allowed")).toBool(true));
        m_qRequired->setChecked(q.value(QStringLiteral("required")).toBool(type != QLatin1String("text")));
        m_qMin->setValue(q.value(QStringLiteral("min")).toInt(1));
        m_qMax->setValue(q.value(QStringLiteral("max")).toInt(5));
        const QJsonArray options = q.value(QStringLiteral("options")).toArray();
        m_qOptions->setRowCount(int(options.size()));
        for (int i = 0; i < options.size(); ++i) {
            const QJsonObject o = options.at(i).toObject();
            m_qOptions->setItem(i, 0, new QTableWidgetItem(o.value(QStringLiteral("id")).toString()));
            m_qOptions->setItem(i, 1, new QTableWidgetItem(o.value(QStringLiteral("label")).toString()));
            m_qOptions->setItem(
                i, 2, new QTableWidgetItem(QString::number(o.value(QStringLiteral("points")).toDouble())));
            m_qOptions->setItem(i, 3, new QTableWidgetItem(o.value(QStringLiteral("fail")).toString()));
        }
        const QJsonValue showIf = q.value(QStringLiteral("show_if"));
        m_qShowIf->setText(showIf.isObject()
                ? QString::fromUtf8(QJsonDocument(showIf.toObject()).toJson(QJsonDocument::Compact))
                : showIf.toString());
        const QJsonObject autoCheck = q.value(QStringLiteral("auto")).toObject();
        m_qAuto->setCurrentIndex(std::max(0, m_qAuto->findData(autoCheck.value(QStringLiteral("check")).toString())));
        m_qWithin->setValue(autoCheck.value(QStringLiteral("within_s")).toDouble(30));
        const bool scale = type == QLatin1String("scale");
        m_qMin->setEnabled(scale);
        m_qMax->setEnabled(scale);
        m_qOptions->setEnabled(type == QLatin1String("choice"));
        m_qCritical->setEnabled(type == QLatin1String("yes_no"));
        m_qWithin->setEnabled(!autoCheck.isEmpty());
    }
    m_loading = false;
}

void ScorecardEditor::writeTemplate()
{
    if (m_loading) {
        return;
    }
    m_doc.insert(QStringLiteral("id"), m_id->text());
    m_doc.insert(QStringLiteral("title"), m_title->text());
    m_doc.insert(QStringLiteral("pass_mark"), m_passMark->value());
    m_dirty = true;
    if (QTreeWidgetItem* root = m_tree->topLevelItem(0)) {
        root->setText(0, m_title->text());
    }
    revalidate();
}

void ScorecardEditor::writeSection()
{
    if (m_loading || m_section < 0) {
        return;
    }
    QJsonArray sections = sectionsOf(m_doc);
    QJsonObject so = sections.at(m_section).toObject();
    so.insert(QStringLiteral("id"), m_sId->text());
    so.insert(QStringLiteral("title"), m_sTitle->text());
    so.insert(QStringLiteral("weight"), m_sWeight->value());
    sections.replace(m_section, so);
    m_doc.insert(QStringLiteral("sections"), sections);
    m_dirty = true;
    rebuildTree();
    revalidate();
}

void ScorecardEditor::writeQuestion()
{
    if (m_loading || m_section < 0 || m_question < 0) {
        return;
    }
    QJsonObject q = question(m_section, m_question);
    const QString type = m_qType->currentData().toString();
    q.insert(QStringLiteral("id"), m_qId->text());
    q.insert(QStringLiteral("text"), m_qText->text());
    q.insert(QStringLiteral("type"), type);
    q.insert(QStringLiteral("weight"), m_qWeight->value());
    auto setOrRemove = [&q](const QString& key, bool set, const QJsonValue& value) {
        if (set) {
            q.insert(key, value);
        } else {
            q.remove(key);
        }
    };
    setOrRemove(QStringLiteral("critical"),
        !m_qCritical->currentData().toString().isEmpty() && type == QLatin1String("yes_no"),
        m_qCritical->currentData().toString());
    setOrRemove(QStringLiteral("na_allowed"), !m_qNa->isChecked(), false);
    setOrRemove(QStringLiteral("required"), m_qRequired->isChecked() != (type != QLatin1String("text")),
        m_qRequired->isChecked());
    setOrRemove(QStringLiteral("min"), type == QLatin1String("scale"), m_qMin->value());
    setOrRemove(QStringLiteral("max"), type == QLatin1String("scale"), m_qMax->value());
    QJsonArray options;
    for (int r = 0; r < m_qOptions->rowCount(); ++r) {
        auto text
            = [&](int c) { return m_qOptions->item(r, c) ? m_qOptions->item(r, c)->text().trimmed() : QString(); };
        QJsonObject o {{QStringLiteral("id"), text(0)}, {QStringLiteral("label"), text(1)}};
        bool number = false;
        const double points = text(2).toDouble(&number);
        o.insert(QStringLiteral("points"), number ? QJsonValue(points) : QJsonValue(text(2)));
        if (!text(3).isEmpty()) {
            o.insert(QStringLiteral("fail"), text(3));
        }
        options.append(o);
    }
    setOrRemove(QStringLiteral("options"), type == QLatin1String("choice"), options);
    // A condition that is not valid JSON is kept as typed so the problem list can point at it.
    const QString showIf = m_qShowIf->text().trimmed();
    const QJsonDocument condition = QJsonDocument::fromJson(showIf.toUtf8());
    setOrRemove(QStringLiteral("show_if"), !showIf.isEmpty(),
        condition.isObject() ? QJsonValue(condition.object()) : QJsonValue(showIf));
    const QString check = m_qAuto->currentData().toString();
    setOrRemove(QStringLiteral("auto"), !check.isEmpty(),
        QJsonObject {{QStringLiteral("check"), check}, {QStringLiteral("within_s"), m_qWithin->value()}});
    setQuestion(m_section, m_question, q);
    m_dirty = true;
    rebuildTree(); // the editors keep their text and cursor: only what a type allows changes
    m_qMin->setEnabled(type == QLatin1String("scale"));
    m_qMax->setEnabled(type == QLatin1String("scale"));
    m_qOptions->setEnabled(type == QLatin1String("choice"));
    m_qCritical->setEnabled(type == QLatin1String("yes_no"));
    m_qWithin->setEnabled(!check.isEmpty());
    revalidate();
}

void ScorecardEditor::addSection()
{
    QJsonArray sections = sectionsOf(m_doc);
    const int n = int(sections.size()) + 1;
    sections.append(QJsonObject {{QStringLiteral("id"), QStringLiteral("section-%1").arg(n)},
        {QStringLiteral("title"), tr("Section %1").arg(n)}, {QStringLiteral("weight"), 1},
        {QStringLiteral("questions"), QJsonArray()}});
    m_doc.insert(QStringLiteral("sections"), sections);
    m_dirty = true;
    selectSection(n - 1);
    revalidate();
}

void ScorecardEditor::addQuestion()
{
    const int s = std::max(0, m_section);
    QJsonArray sections = sectionsOf(m_doc);
    if (sections.isEmpty()) {
        addSection();
        sections = sectionsOf(m_doc);
    }
    QJsonObject so = sections.at(s).toObject();
    QJsonArray questions = so.value(QStringLiteral("questions")).toArray();
    int n = 1;
    while (QJsonDocument(m_doc).toJson().contains(QStringLiteral("\"question-%1\"").arg(n).toUtf8())) {
        ++n;
    }
    questions.append(QJsonObject {{QStringLiteral("id"), QStringLiteral("question-%1").arg(n)},
        {QStringLiteral("text"), tr("New question")}, {QStringLiteral("type"), QStringLiteral("yes_no")},
        {QStringLiteral("weight"), 1}});
    so.insert(QStringLiteral("questions"), questions);
    sections.replace(s, so);
    m_doc.insert(QStringLiteral("sections"), sections);
    m_dirty = true;
    selectQuestion(s, int(questions.size()) - 1);
    revalidate();
}

void ScorecardEditor::removeSelected()
{
    if (m_section < 0) {
        return;
    }
    QJsonArray sections = sectionsOf(m_doc);
    if (m_question < 0) {
        sections.removeAt(m_section);
        m_doc.insert(QStringLiteral("sections"), sections);
    } else {
        QJsonObject so = sections.at(m_section).toObject();
        QJsonArray questions = so.value(QStringLiteral("questions")).toArray();
        questions.removeAt(m_question);
        so.insert(QStringLiteral("questions"), questions);
        sections.replace(m_section, so);
        m_doc.insert(QStringLiteral("sections"), sections);
    }
    m_dirty = true;
    selectTemplate();
    revalidate();
}

void ScorecardEditor::moveSelected(int delta)
{
    if (m_section < 0) {
        return;
    }
    QJsonArray sections = sectionsOf(m_doc);
    if (m_question < 0) {
        const int to = m_section + delta;
        if (to < 0 || to >= sections.size()) {
            return;
        }
        const QJsonValue v = sections.at(m_section);
        sections.removeAt(m_section);
        sections.insert(to, v);
        m_doc.insert(QStringLiteral("sections"), sections);
        m_dirty = true;
        selectSection(to);
    } else {
        QJsonObject so = sections.at(m_section).toObject();
        QJsonArray questions = so.value(QStringLiteral("questions")).toArray();
        const int to = m_question + delta;
        if (to < 0 || to >= questions.size()) {
            return;
        }
        const QJsonValue v = questions.at(m_question);
        questions.removeAt(m_question);
        questions.insert(to, v);
        so.insert(QStringLiteral("questions"), questions);
        sections.replace(m_section, so);
        m_doc.insert(QStringLiteral("sections"), sections);
        m_dirty = true;
        selectQuestion(m_section, to);
    }
    revalidate();
}

} // namespace Earmark::Gui

#include "ui/quality/ScorecardEditorPages.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>

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
} // namespace

ScorecardEditorPages::ScorecardEditorPages(QWidget* parent)
    : QStackedWidget(parent)
{
    insertWidget(TemplatePage, templatePage());
    insertWidget(SectionPage, sectionPage());
    insertWidget(QuestionPage, questionPage());
    connectEditors();
}

QWidget* ScorecardEditorPages::templatePage()
{
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    m_id = new QLineEdit(page);
    m_title = new QLineEdit(page);
    m_title->setObjectName(QStringLiteral("scorecardTitle"));
    m_passMark = weightBox(page);
    m_passMark->setRange(-1000, 1000); // out-of-range values are shown as problems, not silently clamped
    m_passMark->setObjectName(QStringLiteral("passMark"));
    form->addRow(tr("Id (kept across versions):"), m_id);
    form->addRow(tr("Title:"), m_title);
    form->addRow(tr("Pass mark (0-100):"), m_passMark);
    return page;
}

QWidget* ScorecardEditorPages::sectionPage()
{
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    m_sId = new QLineEdit(page);
    m_sTitle = new QLineEdit(page);
    m_sWeight = weightBox(page);
    form->addRow(tr("Id:"), m_sId);
    form->addRow(tr("Title:"), m_sTitle);
    form->addRow(tr("Weight:"), m_sWeight);
    return page;
}

QWidget* ScorecardEditorPages::questionPage()
{
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    m_qId = new QLineEdit(page);
    m_qText = new QLineEdit(page);
    m_qText->setObjectName(QStringLiteral("questionText"));
    m_qType = new QComboBox(page);
    m_qType->addItem(tr("Yes / no"), QStringLiteral("yes_no"));
    m_qType->addItem(tr("Scale"), QStringLiteral("scale"));
    m_qType->addItem(tr("Choice"), QStringLiteral("choice"));
    m_qType->addItem(tr("Text (not scored)"), QStringLiteral("text"));
    m_qWeight = weightBox(page);
    m_qCritical = new QComboBox(page);
    m_qCritical->addItem(tr("Not critical"), QString());
    m_qCritical->addItem(tr("“No” fails the section"), QStringLiteral("fail_section"));
    m_qCritical->addItem(tr("“No” fails the whole form"), QStringLiteral("fail_form"));
    m_qNa = new QCheckBox(tr("“Not applicable” allowed"), page);
    m_qRequired = new QCheckBox(tr("Required before submitting"), page);
    m_qMin = new QSpinBox(page);
    m_qMax = new QSpinBox(page);
    m_qMin->setRange(-100, 100);
    m_qMax->setRange(-100, 100);
    m_qOptions = new QTableWidget(0, 4, page);
    m_qOptions->setHorizontalHeaderLabels({tr("Id"), tr("Label"), tr("Points"), tr("Fails")});
    m_qOptions->horizontalHeader()->setStretchLastSection(true);
    m_qOptions->setMinimumHeight(120);
    auto* addOption = new QPushButton(tr("+ Option"), page);
    auto* removeOption = new QPushButton(tr("− Option"), page);
    m_qShowIf = new QLineEdit(page);
    m_qShowIf->setObjectName(QStringLiteral("showIf"));
    m_qShowIf->setPlaceholderText(QStringLiteral(R"({"question": "complaint-raised", "answer": "yes"})"));
    m_qAuto = new QComboBox(page);
    m_qAuto->addItem(tr("None"), QString());
    m_qAuto->addItem(tr("Recording notice (from the transcript)"), QStringLiteral("recording_notice"));
    m_qWithin = weightBox(page);
    m_qWithin->setSuffix(tr(" s"));
    form->addRow(tr("Id:"), m_qId);
    form->addRow(tr("Question:"), m_qText);
    form->addRow(tr("Type:"), m_qType);
    form->addRow(tr("Weight:"), m_qWeight);
    form->addRow(tr("Critical:"), m_qCritical);
    form->addRow(QString(), m_qNa);
    form->addRow(QString(), m_qRequired);
    form->addRow(tr("Scale from:"), m_qMin);
    form->addRow(tr("Scale to:"), m_qMax);
    form->addRow(tr("Options:"), m_qOptions);
    auto* optionButtons = new QHBoxLayout;
    optionButtons->addWidget(addOption);
    optionButtons->addWidget(removeOption);
    form->addRow(QString(), optionButtons);
    form->addRow(tr("Shown only if:"), m_qShowIf);
    form->addRow(tr("Automatic check:"), m_qAuto);
    form->addRow(tr("Within the first:"), m_qWithin);

    connect(addOption, &QPushButton::clicked, this, [this] {
        const int row = m_qOptions->rowCount();
        m_loading = true;
        m_qOptions->insertRow(row);
        m_qOptions->setItem(row, 0, new QTableWidgetItem(QStringLiteral("option-%1").arg(row + 1)));
        m_qOptions->setItem(row, 1, new QTableWidgetItem(tr("Option %1").arg(row + 1)));
        m_qOptions->setItem(row, 2, new QTableWidgetItem(QStringLiteral("0")));
        m_qOptions->setItem(row, 3, new QTableWidgetItem(QString()));
        m_loading = false;
        Q_EMIT questionEdited();
    });
    connect(removeOption, &QPushButton::clicked, this, [this] {
        if (m_qOptions->currentRow() >= 0) {
            m_qOptions->removeRow(m_qOptions->currentRow());
            Q_EMIT questionEdited();
        }
    });
    return page;
}

// Every editor reports its edits, unless the page is being filled.
void ScorecardEditorPages::connectEditors()
{
    auto edited = [this](void (ScorecardEditorPages::*signal)()) {
        return [this, signal] {
            if (!m_loading) {
                Q_EMIT(this->*signal)();
            }
        };
    };
    for (QLineEdit* e : {m_id, m_title}) {
        connect(e, &QLineEdit::textEdited, this, edited(&ScorecardEditorPages::templateEdited));
    }
    connect(m_passMark, &QDoubleSpinBox::valueChanged, this, edited(&ScorecardEditorPages::templateEdited));
    for (QLineEdit* e : {m_sId, m_sTitle}) {
        connect(e, &QLineEdit::textEdited, this, edited(&ScorecardEditorPages::sectionEdited));
    }
    connect(m_sWeight, &QDoubleSpinBox::valueChanged, this, edited(&ScorecardEditorPages::sectionEdited));
    const auto question = edited(&ScorecardEditorPages::questionEdited);
    for (QLineEdit* e : {m_qId, m_qText, m_qShowIf}) {
        connect(e, &QLineEdit::textEdited, this, question);
    }
    for (QComboBox* c : {m_qType, m_qCritical, m_qAuto}) {
        connect(c, &QComboBox::currentIndexChanged, this, question);
    }
    for (QDoubleSpinBox* b : {m_qWeight, m_qWithin}) {
        connect(b, &QDoubleSpinBox::valueChanged, this, question);
    }
    for (QSpinBox* b : {m_qMin, m_qMax}) {
        connect(b, &QSpinBox::valueChanged, this, question);
    }
    for (QCheckBox* c : {m_qNa, m_qRequired}) {
        connect(c, &QCheckBox::toggled, this, question);
    }
    connect(m_qOptions, &QTableWidget::itemChanged, this, question);
}

void ScorecardEditorPages::showTemplate(const QJsonObject& scorecard)
{
    m_loading = true;
    setCurrentIndex(TemplatePage);
    m_id->setText(scorecard.value(QStringLiteral("id")).toString());
    m_title->setText(scorecard.value(QStringLiteral("title")).toString());
    m_passMark->setValue(scorecard.value(QStringLiteral("pass_mark")).toDouble());
    m_loading = false;
}

void ScorecardEditorPages::showSection(const QJsonObject& section)
{
    m_loading = true;
    setCurrentIndex(SectionPage);
    m_sId->setText(section.value(QStringLiteral("id")).toString());
    m_sTitle->setText(section.value(QStringLiteral("title")).toString());
    m_sWeight->setValue(section.value(QStringLiteral("weight")).toDouble(1));
    m_loading = false;
}

void ScorecardEditorPages::showQuestion(const QJsonObject& q)
{
    m_loading = true;
    setCurrentIndex(QuestionPage);
    const QString type = q.value(QStringLiteral("type")).toString();
    m_qId->setText(q.value(QStringLiteral("id")).toString());
    m_qText->setText(q.value(QStringLiteral("text")).toString());
    m_qType->setCurrentIndex(std::max(0, m_qType->findData(type)));
    m_qWeight->setValue(q.value(QStringLiteral("weight")).toDouble(1));
    m_qCritical->setCurrentIndex(std::max(0, m_qCritical->findData(q.value(QStringLiteral("critical")).toString())));
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
        m_qOptions->setItem(i, 2, new QTableWidgetItem(QString::number(o.value(QStringLiteral("points")).toDouble())));
        m_qOptions->setItem(i, 3, new QTableWidgetItem(o.value(QStringLiteral("fail")).toString()));
    }
    const QJsonValue showIf = q.value(QStringLiteral("show_if"));
    m_qShowIf->setText(showIf.isObject()
            ? QString::fromUtf8(QJsonDocument(showIf.toObject()).toJson(QJsonDocument::Compact))
            : showIf.toString());
    const QJsonObject autoCheck = q.value(QStringLiteral("auto")).toObject();
    m_qAuto->setCurrentIndex(std::max(0, m_qAuto->findData(autoCheck.value(QStringLiteral("check")).toString())));
    m_qWithin->setValue(autoCheck.value(QStringLiteral("within_s")).toDouble(30));
    enableForType(type, !autoCheck.isEmpty());
    m_loading = false;
}

void ScorecardEditorPages::enableForType(const QString& type, bool autoCheck)
{
    m_qMin->setEnabled(type == QLatin1String("scale"));
    m_qMax->setEnabled(type == QLatin1String("scale"));
    m_qOptions->setEnabled(type == QLatin1String("choice"));
    m_qCritical->setEnabled(type == QLatin1String("yes_no"));
    m_qWithin->setEnabled(autoCheck);
}

void ScorecardEditorPages::writeTemplate(QJsonObject& scorecard) const
{
    scorecard.insert(QStringLiteral("id"), m_id->text());
    scorecard.insert(QStringLiteral("title"), m_title->text());
    scorecard.insert(QStringLiteral("pass_mark"), m_passMark->value());
}

void ScorecardEditorPages::writeSection(QJsonObject& section) const
{
    section.insert(QStringLiteral("id"), m_sId->text());
    section.insert(QStringLiteral("title"), m_sTitle->text());
    section.insert(QStringLiteral("weight"), m_sWeight->value());
}

void ScorecardEditorPages::writeQuestion(QJsonObject& q)
{
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
    // The editors keep their text and cursor: only what a type allows changes.
    enableForType(type, !check.isEmpty());
}

} // namespace Earmark::Gui

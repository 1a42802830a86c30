#include "ui/quality/ScorecardEditor.h"

#include "cache/CacheWorker.h"
#include "core/Files.h"
#include "quality/ScorecardLibrary.h"
#include "ui/quality/ScorecardEditorPages.h"
#include "ui/quality/ScorecardTree.h"
#include "ui/shell/MessageBox.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace Earmark::Gui {

namespace {
QByteArray newScorecard()
{
    return QByteArrayLiteral(
        R"({"schema": "earmark.scorecard/1", "id": "new-scorecard", "version": 1, "title": "New scorecard",
            "pass_mark": 80, "sections": [{"id": "section-1", "title": "Section 1", "weight": 1, "questions": [
            {"id": "question-1", "text": "New question", "type": "yes_no", "weight": 1}]}]})");
}
} // namespace

ScorecardEditor::ScorecardEditor(CacheWorker* worker, QWidget* parent)
    : QDialog(parent)
    , m_worker(worker)
    , m_stored(new QComboBox(this))
    , m_tree(new ScorecardTree(this))
    , m_pages(new ScorecardEditorPages(this))
    , m_problems(new QListWidget(this))
    , m_state(new QLabel(this))
    , m_save(new QPushButton(tr("&Save as next version"), this))
{
    setWindowTitle(tr("Scorecards"));
    setObjectName(QStringLiteral("scorecardEditor"));
    m_problems->setObjectName(QStringLiteral("scorecardProblems"));
    m_problems->setMaximumHeight(110);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Stored:"), this));
    top->addWidget(m_stored, 1);
    auto* newButton = new QPushButton(tr("&New"), this);
    auto* importButton = new QPushButton(tr("&Import…"), this);
    auto* exportButton = new QPushButton(tr("E&xport…"), this);
    top->addWidget(newButton);
    top->addWidget(importButton);
    top->addWidget(exportButton);

    auto* treeButtons = new QHBoxLayout;
    auto* addSectionButton = new QPushButton(tr("+ Section"), this);
    auto* addQuestionButton = new QPushButton(tr("+ Question"), this);
    auto* removeButton = new QPushButton(tr("Remove"), this);
    auto* upButton = new QPushButton(tr("Up"), this);
    auto* downButton = new QPushButton(tr("Down"), this);
    for (auto* b : {addSectionButton, addQuestionButton, removeButton, upButton, downButton}) {
        treeButtons->addWidget(b);
    }
    auto* left = new QWidget(this);
    auto* ll = new QVBoxLayout(left);
    ll->setContentsMargins(0, 0, 0, 0);
    ll->addWidget(m_tree, 1);
    ll->addLayout(treeButtons);
    auto* split = new QSplitter(this);
    split->addWidget(left);
    split->addWidget(m_pages);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_save, QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addWidget(m_state);
    layout->addWidget(m_problems);
    layout->addWidget(buttons);
    resize(1000, 680);
    // Return while typing a property never presses a button (import and export open file dialogs).
    for (QPushButton* b : findChildren<QPushButton*>()) {
        b->setAutoDefault(false);
        b->setDefault(false);
    }

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &ScorecardEditor::save);
    connect(newButton, &QPushButton::clicked, this, [this] { setJson(newScorecard()); });
    connect(importButton, &QPushButton::clicked, this, [this] {
        const QString path
            = QFileDialog::getOpenFileName(this, tr("Import a scorecard"), {}, tr("Scorecards (*.json)"));
        if (!path.isEmpty()) {
            importFile(path);
        }
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the scorecard"),
            m_doc.value(QStringLiteral("id")).toString() + QStringLiteral(".json"), tr("Scorecards (*.json)"));
        if (!path.isEmpty()) {
            exportFile(path);
        }
    });
    connect(addSectionButton, &QPushButton::clicked, this, &ScorecardEditor::addSection);
    connect(addQuestionButton, &QPushButton::clicked, this, &ScorecardEditor::addQuestion);
    connect(removeButton, &QPushButton::clicked, this, &ScorecardEditor::removeSelected);
    connect(upButton, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(downButton, &QPushButton::clicked, this, [this] { moveSelected(1); });
    connect(m_tree, &ScorecardTree::chosen, this, [this](int section, int question) {
        m_section = section;
        m_question = question;
        showSelected();
    });
    connect(m_pages, &ScorecardEditorPages::templateEdited, this, &ScorecardEditor::writeTemplate);
    connect(m_pages, &ScorecardEditorPages::sectionEdited, this, &ScorecardEditor::writeSection);
    connect(m_pages, &ScorecardEditorPages::questionEdited, this, &ScorecardEditor::writeQuestion);
    connect(m_stored, &QComboBox::activated, this, [this](int index) {
        const QStringList key = m_stored->itemData(index).toStringList();
        if (key.size() == 2) {
            loadStored(key[0], key[1].toInt());
        }
    });
    setJson(ScorecardLibrary::defaultScorecardJson());
    m_dirty = false;
    revalidate();
    refreshStored();
}

void ScorecardEditor::refreshStored()
{
    if (!m_worker) {
        return;
    }
    m_worker->run<ScorecardLibrary>(
        this, [](ScorecardLibrary& library) { return library.list(); },
        [this](Result<QList<ScorecardVersion>> list) {
            m_stored->clear();
            if (!list) {
                m_state->setText(tr("The stored scorecards cannot be read: %1").arg(list.errorMessage()));
                Q_EMIT storedListChanged();
                return;
            }
            for (const ScorecardVersion& v : list.value()) {
                m_stored->addItem(
                    tr("%1 · version %2%3").arg(v.title).arg(v.version).arg(v.retired ? tr(" (retired)") : QString()),
                    QStringList {v.id, QString::number(v.version)});
            }
            Q_EMIT storedListChanged();
        });
}

void ScorecardEditor::loadStored(const QString& id, int version)
{
    m_worker->run<ScorecardLibrary>(
        this, [id, version](ScorecardLibrary& library) { return library.json(id, version); },
        [this](Result<QByteArray> bytes) {
            if (!bytes) {
                MessageBox::critical(this, tr("Open scorecard"), bytes.errorMessage());
                return;
            }
            setJson(bytes.value());
            m_dirty = false;
            revalidate();
        });
}

void ScorecardEditor::setJson(const QByteArray& json)
{
    m_doc.setJson(json);
    m_dirty = true;
    m_section = -1;
    m_question = -1;
    rebuildTree();
    selectTemplate();
    revalidate();
}

QByteArray ScorecardEditor::json() const
{
    return m_doc.json();
}

QStringList ScorecardEditor::problems() const
{
    QStringList out;
    for (int i = 0; i < m_problems->count(); ++i) {
        if (m_problems->item(i)->data(Qt::UserRole).toBool()) {
            out << m_problems->item(i)->text();
        }
    }
    return out;
}

void ScorecardEditor::revalidate()
{
    QList<Scorecard::Problem> problems;
    auto parsed = Scorecard::Template::parse(json(), &problems);
    m_problems->clear();
    for (const Scorecard::Problem& p : problems) {
        auto* item = new QListWidgetItem(p.text(), m_problems);
        item->setData(Qt::UserRole, true);
        item->setForeground(QColor(0xb0, 0, 0));
    }
    if (!parsed && problems.isEmpty()) {
        auto* item = new QListWidgetItem(parsed.errorMessage(), m_problems);
        item->setData(Qt::UserRole, true);
    }
    const bool valid = parsed.ok();
    m_state->setText(valid ? (m_dirty ? tr("Valid. Saving stores it as the next version; evaluations keep theirs.")
                                      : tr("Valid. No changes."))
                           : tr("%n problem(s): fix them to save.", nullptr, int(problems.size())));
    m_save->setEnabled(valid && m_dirty);
}

bool ScorecardEditor::importFile(const QString& path)
{
    auto bytes = Files::readAll(path, 4 * 1024 * 1024);
    if (!bytes) {
        MessageBox::critical(this, tr("Import"), bytes.errorMessage());
        return false;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.value(), &error);
    if (!doc.isObject()) {
        MessageBox::critical(this, tr("Import"),
            tr("%1 is not a scorecard file: %2 at byte %3. Nothing was changed.")
                .arg(path, error.errorString())
                .arg(error.offset));
        return false;
    }
    setJson(bytes.value());
    return true;
}

bool ScorecardEditor::exportFile(const QString& path)
{
    if (auto st = Files::writeAtomically(path, json()); !st) {
        MessageBox::critical(this, tr("Export"), st.errorMessage());
        return false;
    }
    return true;
}

void ScorecardEditor::save()
{
    if (!m_worker) {
        return;
    }
    const QByteArray bytes = json();
    using Saved = QPair<int, QString>;
    m_worker->run<ScorecardLibrary>(
        this,
        [bytes](ScorecardLibrary& library) {
            QList<Scorecard::Problem> problems;
            auto stored = library.store(bytes, &problems);
            if (!stored) {
                return Saved {0, problems.isEmpty() ? stored.errorMessage() : problems.first().text()};
            }
            return Saved {stored->version, QString()};
        },
        [this](Saved result) {
            if (!result.second.isEmpty()) {
                MessageBox::critical(this, tr("Save scorecard"), result.second);
                return;
            }
            m_doc.insert(QStringLiteral("version"), result.first);
            m_dirty = false;
            revalidate();
            m_state->setText(tr("Saved as version %1.").arg(result.first));
            refreshStored();
            Q_EMIT saved(m_doc.value(QStringLiteral("id")).toString(), result.first);
        });
}

// The tree of sections and questions, and the selection in it: the property page beside it shows what is selected.

void ScorecardEditor::rebuildTree()
{
    m_tree->showDocument(m_doc, m_section, m_question);
}

void ScorecardEditor::selectTemplate()
{
    selectQuestion(-1, -1);
}

void ScorecardEditor::selectSection(int section)
{
    selectQuestion(section, -1);
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
    if (m_section < 0) {
        m_pages->showTemplate(m_doc.object());
    } else if (m_question < 0) {
        m_pages->showSection(m_doc.section(m_section));
    } else {
        m_pages->showQuestion(m_doc.question(m_section, m_question));
    }
}

void ScorecardEditor::writeTemplate()
{
    QJsonObject doc = m_doc.object();
    m_pages->writeTemplate(doc);
    m_doc.setObject(doc);
    m_dirty = true;
    m_tree->setTitle(m_doc.value(QStringLiteral("title")).toString());
    revalidate();
}

void ScorecardEditor::writeSection()
{
    if (m_section < 0) {
        return;
    }
    QJsonObject section = m_doc.section(m_section);
    m_pages->writeSection(section);
    m_doc.setSection(m_section, section);
    m_dirty = true;
    rebuildTree();
    revalidate();
}

void ScorecardEditor::writeQuestion()
{
    if (m_section < 0 || m_question < 0) {
        return;
    }
    QJsonObject q = m_doc.question(m_section, m_question);
    m_pages->writeQuestion(q);
    m_doc.setQuestion(m_section, m_question, q);
    m_dirty = true;
    rebuildTree(); // the editors keep their text and cursor
    revalidate();
}

void ScorecardEditor::addSection()
{
    const int s = m_doc.addSection();
    m_dirty = true;
    selectSection(s);
    revalidate();
}

void ScorecardEditor::addQuestion()
{
    const int s = std::max(0, m_section);
    const int q = m_doc.addQuestion(s);
    m_dirty = true;
    selectQuestion(s, q);
    revalidate();
}

void ScorecardEditor::removeSelected()
{
    if (m_section < 0) {
        return;
    }
    m_doc.remove(m_section, m_question);
    m_dirty = true;
    selectTemplate();
    revalidate();
}

void ScorecardEditor::moveSelected(int delta)
{
    if (m_section < 0) {
        return;
    }
    const auto to = m_doc.move(m_section, m_question, delta);
    if (!to) {
        return;
    }
    m_dirty = true;
    if (m_question < 0) {
        selectSection(*to);
    } else {
        selectQuestion(m_section, *to);
    }
    revalidate();
}

} // namespace Earmark::Gui

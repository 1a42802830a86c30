#pragma once

#include <QStringList>

class QTableWidget;

namespace Earmark::Gui {

// The look of a table of records (holds, certificates, audit entries, requests): whole rows selected one at a time,
// read-only, no row numbers, alternating rows, one line per row (a long cell elided, whole in its tooltip), the last
// column taking the rest of the width.
class RecordTable
{
public:
    static void setUp(QTableWidget* table, const QStringList& headers);
};

} // namespace Earmark::Gui

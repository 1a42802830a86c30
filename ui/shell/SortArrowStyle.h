#pragma once

#include <QProxyStyle>

namespace Earmark::Gui {

// The platform's style, with a sorted column's arrow pointing the way its rows run, as in a file manager or a mail
// client: down for newest first (descending), up for A to Z. Qt's own header asks the style for an up arrow when a
// column is sorted descending, which reads the wrong way in a list of calls, newest first.
class SortArrowStyle : public QProxyStyle
{
    Q_OBJECT

public:
    SortArrowStyle();
    void drawPrimitive(
        PrimitiveElement element, const QStyleOption* option, QPainter* painter, const QWidget* widget) const override;
    // Installs it for the whole application (once).
    static void install();
};

} // namespace Earmark::Gui

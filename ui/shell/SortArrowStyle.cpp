#include "ui/shell/SortArrowStyle.h"

#include <QApplication>
#include <QStyleOptionHeader>

namespace Earmark::Gui {

SortArrowStyle::SortArrowStyle()
    : QProxyStyle(nullptr) // the platform's default style
{ }

void SortArrowStyle::drawPrimitive(
    PrimitiveElement element, const QStyleOption* option, QPainter* painter, const QWidget* widget) const
{
    const auto* header = qstyleoption_cast<const QStyleOptionHeader*>(option);
    if (element != PE_IndicatorHeaderArrow || !header || header->sortIndicator == QStyleOptionHeader::None) {
        QProxyStyle::drawPrimitive(element, option, painter, widget);
        return;
    }
    QStyleOptionHeader turned(*header);
    turned.sortIndicator = header->sortIndicator == QStyleOptionHeader::SortUp ? QStyleOptionHeader::SortDown
                                                                               : QStyleOptionHeader::SortUp;
    QProxyStyle::drawPrimitive(element, &turned, painter, widget);
}

void SortArrowStyle::install()
{
    if (!qobject_cast<SortArrowStyle*>(QApplication::style())) {
        QApplication::setStyle(new SortArrowStyle); // the application owns it
    }
}

} // namespace Earmark::Gui

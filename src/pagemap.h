/* pagemap.h — the print pagination carried back into the TEI: one <pb n="LABEL" ed="print"/>
 * where each printed page begins, from the typesetter's page map (pages.h). The EPUB stage then
 * turns each pb into a page-break marker and a page-list, so TEI, EPUB and PDF agree. */
#ifndef FOLIO_PAGEMAP_H
#define FOLIO_PAGEMAP_H

#include <libxml/tree.h>

#include "diag.h"
#include "pages.h"

/* Inserts a pb into tei for every page start of pages whose source_id names an element of tei
 * (xml:id). Offsets are counted as pages.h says. Returns the number of pb inserted; a page
 * start that cannot be placed is reported as a warning and skipped. */
int pagemap_insert_pb(xmlDocPtr tei, const struct pg_doc *pages, struct diag *d);

#endif

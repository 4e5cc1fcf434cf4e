/* epub.h — the EPUB writer: zips the package tree made by xslt/tei2epub.xsl (libzip).
 * The tree lists every file of the publication (see xslt/tei2epub.xsl for its form);
 * this module only serialises and zips: `mimetype` first and stored, the rest deflated,
 * every entry dated mtime, entries in tree order, so the same tree gives the same bytes. */
#ifndef FOLIO_EPUB_H
#define FOLIO_EPUB_H

#include <libxml/tree.h>
#include <time.h>

#include "buf.h"
#include "diag.h"

/* Appends the EPUB's bytes to out. Returns 0, or -1 after reporting to d. */
int epub_pack(xmlDocPtr package, time_t mtime, struct buf *out, struct diag *d);

#endif

/* import.h — the first stage: a manuscript (plain text as extracted from a thesis PDF, or TEI
 * XML) becomes a TEI P5 tree (libxml2). Knows nothing of EPUB or PDF. */
#ifndef FOLIO_IMPORT_H
#define FOLIO_IMPORT_H

#include <libxml/tree.h>
#include <stddef.h>

#include "diag.h"

/* True when data is XML (by content: optional BOM and white space, then '<'), not by name. */
int imp_looks_like_xml(const char *data, size_t len);

/* Builds TEI from a plain-text manuscript: UTF-8, BOM and CRLF accepted. name is used in
 * diagnostics (FILE:LINE:COL). Warnings (lost notes, no structure) go to d.
 * Returns a new document the caller frees with xmlFreeDoc, or NULL after reporting an error
 * (empty input, NUL bytes, invalid UTF-8 with its line and column). */
xmlDocPtr imp_text(const char *data, size_t len, const char *name, struct diag *d);

/* Parses a TEI document safely: no network, no DTD loading, no entity expansion, depth capped.
 * Checks the root is TEI in the TEI namespace. Returns a new document (xmlFreeDoc), or NULL
 * after reporting `FILE:LINE:COL: message`. */
xmlDocPtr imp_tei(const char *data, size_t len, const char *name, struct diag *d);

#endif

/* fo.h — the typesetter: lays out an XSL-FO document (the subset in README) into pages.
 * Knows nothing of TEI or theses. Unsupported elements and properties give one warning per
 * name, never a crash. */
#ifndef FOLIO_FO_H
#define FOLIO_FO_H

#include <libxml/tree.h>

#include "diag.h"
#include "pages.h"

struct fo_options {
    const char *font_map;   /* fonts/fonts.map: family/weight/style → TrueType file */
    const char *hyphen_dir; /* directory of libhyphen .dic files (/usr/share/hyphen) */
    const char *name;       /* for diagnostics: the FO file's name */
};

/* Typesets fo. Returns the pages (free with pg_free), or NULL after reporting to d. */
struct pg_doc *fo_typeset(xmlDocPtr fo, const struct fo_options *opt, struct diag *d);

#endif

/* xform.h — the transform stage: applies an XSLT 1.0 (+EXSLT) stylesheet with libxslt.
 * Stylesheets may read only files under the directories they are allowed (their own and the
 * input's); no network, no writing, no DTD loading. */
#ifndef FOLIO_XFORM_H
#define FOLIO_XFORM_H

#include <libxml/tree.h>

#include "diag.h"

/* Applies the stylesheet at xsl_path to doc. params is NULL or a NULL-terminated list of
 * name, value, name, value … where values are plain strings (quoted here, not XPath).
 * read_dir, if not NULL, is one more directory document() may read from.
 * Returns a new document the caller frees with xmlFreeDoc, or NULL after reporting to d. */
xmlDocPtr xform_apply(const char *xsl_path, xmlDocPtr doc, const char *const *params,
                      const char *read_dir, struct diag *d);

/* Parses the XML file at path safely (no network, no DTD, no entity expansion, depth capped
 * by libxml2's default limits). Returns a new document (xmlFreeDoc), or NULL after reporting
 * `FILE:LINE:COL: message` to d. */
xmlDocPtr xform_load(const char *path, struct diag *d);

#endif

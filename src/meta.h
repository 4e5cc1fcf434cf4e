/* meta.h — document metadata from --meta FILE, merged into the TEI header so that every later
 * stage (title page, EPUB OPF, PDF Info and XMP) reads it from one place. Nothing is invented:
 * a field the file does not give is left as the manuscript had it.
 * FILE is either `key: value` lines (see meta.c for the keys) or a TEI <teiHeader> fragment. */
#ifndef FOLIO_META_H
#define FOLIO_META_H

#include <libxml/tree.h>

#include "diag.h"

/* Reads the metadata file at path and merges it into tei's teiHeader. Returns 0, or -1 after
 * reporting `FILE:LINE:COL: message` for an unknown key, a line without a colon, a bad
 * fragment or an unreadable file; tei is then unchanged. */
int meta_apply_file(xmlDocPtr tei, const char *path, struct diag *d);

/* Returns the text of the first node matching a TEI-namespace XPath (prefix tei:) in tei, or
 * NULL; the caller frees with xmlFree. Used to hand header fields to writers (PDF Info). */
xmlChar *meta_get(xmlDocPtr tei, const char *xpath);

/* Returns the string values of every node matching xpath, joined by sep, or NULL when none
 * matches; the caller frees with xmlFree. (Several authors; the terms of a keywords list.) */
xmlChar *meta_get_all(xmlDocPtr tei, const char *xpath, const char *sep);

#endif

/* import.h — the first stage: a manuscript (plain text as extracted from a thesis PDF, or TEI
 * XML) becomes a TEI P5 tree (libxml2). Knows nothing of EPUB or PDF.
 *
 * The TEI it builds (valid against tei_all and xml/folio-tei.rng): teiHeader (titleStmt with
 * the abstracts' titles, the Turkish one with xml:lang; publicationStmt; sourceDesc;
 * profileDesc/langUsage), text/front with div type="abstract" xml:lang="en|tr" (head, head
 * type="title", p), body with div type="chapter" n="1" (head type="label", head), nested
 * div type="section|subsection" n="1.1|4.1.1", p, list rend="bulleted"/item, quote, and
 * note place="foot" n="N" at each reference, holding the note's text or gap reason="lost" /
 * "truncated". Every div, head, p, list, item, quote and note has an xml:id derived from the
 * structure (ch1, s1.1, s1.1-p3, s1.3-l1-i2, fn9; ch2-fn1 when notes restart per chapter).
 * The same input gives the same tree. */
#ifndef FOLIO_IMPORT_H
#define FOLIO_IMPORT_H

#include <libxml/tree.h>
#include <stddef.h>

#include "diag.h"

/* True when data is XML (by content: optional BOM and white space, then '<'), not by name. */
int imp_looks_like_xml(const char *data, size_t len);

/* Builds TEI from a plain-text manuscript: UTF-8, BOM and CRLF (or CR) accepted, form feeds
 * read as page starts. name is used in diagnostics (FILE:LINE:COL). Warnings go to d: one per
 * note whose text is missing, cut off or only partly there (naming the source line), and one
 * when no chapter or section is recognised (the text then becomes paragraphs of one div).
 * Returns a new document the caller frees with xmlFreeDoc, or NULL after reporting an error
 * (empty or blank input, NUL or other control bytes, invalid UTF-8 with its line and column,
 * a line longer than 1 MiB). Time and memory are linear in len. */
xmlDocPtr imp_text(const char *data, size_t len, const char *name, struct diag *d);

/* Parses a TEI document safely: no network, no DTD loading, no entity expansion (entity
 * declarations and references are refused), nesting depth capped. Checks the root is TEI in
 * the TEI namespace. Returns a new document (xmlFreeDoc), or NULL after reporting
 * `FILE:LINE:COL: message`. */
xmlDocPtr imp_tei(const char *data, size_t len, const char *name, struct diag *d);

#endif

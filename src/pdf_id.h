/* pdf_id.h — the PDF file identifier derived from the content (ISO 19005-1 §6.1.3 wants an
 * /ID; libharu's hashes the clock, which would make every build differ). Used by pdf.c. */
#ifndef FOLIO_PDF_ID_H
#define FOLIO_PDF_ID_H

#include <time.h>

#include "pages.h"
#include "pdf.h"

#define PDF_ID_LEN 16

/* MD5 over everything the pages show (text, positions, fonts, rules, fills, links, dests,
 * bookmarks, page sizes and labels), the metadata, the producer and the date. */
void pdf_content_digest(const struct pg_doc *doc, const struct pdf_meta *meta, const char *producer,
                        time_t date, unsigned char out[PDF_ID_LEN]);

#endif

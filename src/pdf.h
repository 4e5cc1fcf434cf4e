/* pdf.h — the PDF writer: draws the laid-out pages with libharu as PDF/A-1b, with fonts
 * embedded, real Unicode text, links, bookmarks, page labels and metadata. Never re-lays text. */
#ifndef FOLIO_PDF_H
#define FOLIO_PDF_H

#include <time.h>

#include "buf.h"
#include "diag.h"
#include "pages.h"

/* Document metadata; any field may be NULL (nothing is invented). */
struct pdf_meta {
    const char *title;
    const char *author;
    const char *subject;
    const char *keywords;
    const char *language; /* BCP 47, e.g. "en" */
    const char *icc_profile; /* sRGB ICC file for the PDF/A output intent */
};

/* Appends the PDF's bytes to out; dates from `date` (SOURCE_DATE_EPOCH). Returns 0, or -1
 * after reporting to d. */
int pdf_write(const struct pg_doc *doc, const struct pdf_meta *meta, time_t date, struct buf *out,
              struct diag *d);

#endif

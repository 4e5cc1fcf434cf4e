/* pdf_id.h — the PDF file identifier derived from the file's own bytes (ISO 19005-1 §6.1.3
 * wants an /ID; libharu's hashes the clock, which would make every build differ). Used by
 * pdf.c: the file is written with a placeholder ID, then the placeholder is replaced by the
 * digest of everything else in the file. */
#ifndef FOLIO_PDF_ID_H
#define FOLIO_PDF_ID_H

#include <stddef.h>

#define PDF_ID_LEN 16

/* The ID the file is first written with: PDF_ID_LEN zero bytes, shown by libharu as 32 '0'
 * hex digits in each half of the trailer's /ID array. */
extern const unsigned char pdf_id_placeholder[PDF_ID_LEN];

/* Replaces both halves of the placeholder /ID in the trailer of the PDF in pdf[0..len) by the
 * MD5 of the whole file as written with the placeholder (so the same pages, metadata and date
 * give the same ID, and any change of a byte gives another). Returns 0, or -1 when the trailer
 * has no placeholder ID. */
int pdf_id_patch(unsigned char *pdf, size_t len);

#endif

/* pdf_xmp.h — the XMP metadata packet of the PDF (ISO 19005-1 §6.7): the same facts as the
 * document Info dictionary, plus the PDF/A identification. Used by src/pdf.c. */
#ifndef FOLIO_PDF_XMP_H
#define FOLIO_PDF_XMP_H

#include <time.h>

#include "buf.h"
#include "pdf.h"

/* Appends the packet for meta (only the fields given; nothing invented), the producer and
 * creator tool names, and `date` as xmp:CreateDate/ModifyDate/MetadataDate (UTC). */
void pdf_xmp_packet(const struct pdf_meta *meta, const char *creator, const char *producer,
                    time_t date, struct buf *out);

#endif

/* pdf_text.h — text encoding for the PDF writer (src/pdf.c): UTF-8 runs checked and reduced to
 * the codes a Type0 font with Identity-H shows (Unicode BMP, code = CID; pdf_font.c), the set
 * of codes each font shows, and the ToUnicode CMap written from that set (PDF 1.4 §5.9.2). */
#ifndef FOLIO_PDF_TEXT_H
#define FOLIO_PDF_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define PDF_CODE_SPACE 65536

/* The codes (= Unicode BMP code points = CIDs) a font has shown. */
struct pdf_codes {
    uint8_t bits[PDF_CODE_SPACE / 8];
};

/* Appends s (n bytes of UTF-8) to out as UTF-8 of BMP characters only, marking each code in used
 * (may be NULL). Malformed bytes, surrogates, controls and characters beyond U+FFFF become
 * U+FFFD. Returns how many characters were replaced. */
size_t pdf_text_to_bmp(const char *s, size_t n, struct buf *out, struct pdf_codes *used);

/* Marks in used the code of each character of s (n bytes of UTF-8) as pdf_text_to_bmp would
 * show it. */
void pdf_text_mark(const char *s, size_t n, struct pdf_codes *used);

/* Codes per string operand: PDF 1.4 strings hold at most 65535 bytes (Appendix C), and an
 * escaped code takes up to 4. */
#define PDF_SHOW_PIECE 16383

/* The advances of a font's codes as a reader takes them from the font's /W and /DW: advance[c]
 * in 1/1000 em for c <= last; codes above last advance by advance[0]. */
struct pdf_advances {
    const uint16_t *advance;
    unsigned last;
};

/* Appends s (n bytes of UTF-8) to out as string operands of a TJ array (PDF 1.4 §5.3.2): its
 * characters as 2-byte codes (code = BMP code point = CID under Identity-H, §5.6.4) in literal
 * strings (§3.2.3) of at most PDF_SHOW_PIECE codes, one after another (each moves the text
 * position on, so pieces join up). Replaces and marks codes as pdf_text_to_bmp does; adds the
 * advances of the codes shown (1/1000 em) to *width when adv is not NULL. Returns how many
 * characters were replaced. */
size_t pdf_text_show(const char *s, size_t n, struct buf *out, struct pdf_codes *used,
                     const struct pdf_advances *adv, unsigned long *width);

/* Cuts the UTF-8 in b to at most max bytes, on a character boundary (PDF 1.4 strings hold at
 * most 65535 bytes, Appendix C; titles are cut well before). */
void pdf_text_cut(struct buf *b, size_t max);

/* Whether code c is marked in used. */
int pdf_codes_has(const struct pdf_codes *used, unsigned c);

/* The first code >= c marked in used, or PDF_CODE_SPACE when there is none (empty bytes of the
 * set are skipped whole). */
unsigned pdf_codes_next(const struct pdf_codes *used, unsigned c);

/* Appends a ToUnicode CMap (PDF 1.4 §5.9.2, Adobe TN 5411) mapping every used code to itself
 * as UTF-16BE, in bfrange/bfchar blocks of at most 100 entries. */
void pdf_tounicode_cmap(const struct pdf_codes *used, struct buf *out);

#endif

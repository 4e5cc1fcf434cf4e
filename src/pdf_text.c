/* pdf_text.c — UTF-8 → the 2-byte codes the PDF writer shows (BMP code point = CID under
 * Identity-H, pdf_font.c), and the ToUnicode CMap for the codes a font used. Sits beside pdf.c:
 * every run of text passes through pdf_text_show into the page's content stream. */
#include "pdf_text.h"
#include "utf8.h"

#include <string.h>

#define REPLACEMENT UTF8_REPLACEMENT
#define CMAP_BLOCK 100 /* entries per begin…end block (Adobe TN 5014, CMap limits) */

/* Whether c can be shown as a real character: BMP only (codes are 16 bits under Identity-H,
 * PDF 1.4 §5.6.4), no noncharacter U+FFFE/U+FFFF, no byte order mark, and no C0/C1 controls,
 * which have no glyph to show. */
static int showable(unsigned c)
{
    return c >= 0x20 && !(c >= 0x7F && c <= 0x9F) && c < 0xFFFE && c != 0xFEFF;
}

static void put_utf8(struct buf *out, unsigned c)
{
    if (c < 0x80) {
        buf_putc(out, (char)c);
    } else if (c < 0x800) {
        buf_putc(out, (char)(0xC0 | (c >> 6)));
        buf_putc(out, (char)(0x80 | (c & 0x3F)));
    } else {
        buf_putc(out, (char)(0xE0 | (c >> 12)));
        buf_putc(out, (char)(0x80 | ((c >> 6) & 0x3F)));
        buf_putc(out, (char)(0x80 | (c & 0x3F)));
    }
}

void pdf_text_mark(const char *s, size_t n, struct pdf_codes *used)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        if (p[i] < 0x80) /* most text: no decoder call */
            c = p[i++];
        else
            i += utf8_decode(p + i, n - i, &c);
        if (!showable(c))
            c = REPLACEMENT;
        used->bits[c >> 3] |= (uint8_t)(1u << (c & 7));
    }
}

size_t pdf_text_to_bmp(const char *s, size_t n, struct buf *out, struct pdf_codes *used)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t replaced = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        i += utf8_decode(p + i, n - i, &c);
        if (!showable(c)) {
            c = REPLACEMENT;
            replaced++;
        } else if (c == REPLACEMENT) {
            replaced++;
        }
        put_utf8(out, c);
        if (used)
            used->bits[c >> 3] |= (uint8_t)(1u << (c & 7));
    }
    return replaced;
}

/* Writes one byte of a literal string at o (PDF 1.4 §3.2.3): backslash, parentheses and the
 * line end bytes escaped (an unescaped CR or CR LF would be read as LF), every other byte as
 * is. Returns the bytes written, at most 2. */
static inline size_t string_byte(char *o, unsigned b)
{
    if (b > ')' && b != '\\') { /* every byte to escape is ')' or below, but the backslash */
        o[0] = (char)b;
        return 1;
    }
    switch (b) {
    case '(':
    case ')':
    case '\\':
        o[0] = '\\';
        o[1] = (char)b;
        return 2;
    case '\r':
        o[0] = '\\';
        o[1] = 'r';
        return 2;
    case '\n':
        o[0] = '\\';
        o[1] = 'n';
        return 2;
    default:
        o[0] = (char)b;
        return 1;
    }
}

size_t pdf_text_show(const char *s, size_t n, struct buf *out, struct pdf_codes *used,
                     const struct pdf_advances *adv, unsigned long *width)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t replaced = 0, in_string = 0;
    unsigned long sum = 0;
    /* at most 4 bytes per code, 2 per piece boundary and the parentheses: written in place, as
     * every word of the document passes here */
    buf_grow(out, 4 * n + 2 * (n / PDF_SHOW_PIECE) + 2);
    char *o = out->data + out->len;
    *o++ = '(';
    for (size_t i = 0; i < n;) {
        uint32_t c = p[i];
        if (c < 0x80) /* most text: no decoder call */
            i++;
        else
            i += utf8_decode(p + i, n - i, &c);
        if (c < 0x20 || c >= 0x7F) { /* printable ASCII needs neither test */
            if (!showable(c)) {
                c = REPLACEMENT;
                replaced++;
            } else if (c == REPLACEMENT) {
                replaced++;
            }
        }
        if (in_string == PDF_SHOW_PIECE) {
            *o++ = ')';
            *o++ = '(';
            in_string = 0;
        }
        if (c >> 8)
            o += string_byte(o, c >> 8);
        else
            *o++ = '\0'; /* Latin: nothing to escape in the high byte */
        o += string_byte(o, c & 0xFF);
        in_string++;
        if (used)
            used->bits[c >> 3] |= (uint8_t)(1u << (c & 7));
        if (adv)
            sum += adv->advance[c <= adv->last ? c : 0];
    }
    *o++ = ')';
    *o = '\0'; /* as buf_put leaves it */
    out->len = (size_t)(o - out->data);
    if (width)
        *width += sum;
    return replaced;
}

void pdf_text_cut(struct buf *b, size_t max)
{
    if (b->len <= max)
        return;
    size_t end = max;
    while (end > 0 && (b->data[end] & 0xC0) == 0x80)
        end--;
    buf_truncate(b, end);
}

int pdf_codes_has(const struct pdf_codes *used, unsigned c)
{
    return c < PDF_CODE_SPACE && (used->bits[c >> 3] >> (c & 7)) & 1;
}

unsigned pdf_codes_next(const struct pdf_codes *used, unsigned c)
{
    while (c < PDF_CODE_SPACE && !(used->bits[c >> 3] >> (c & 7))) /* rest of c's byte empty */
        c = (c | 7) + 1;
    while (c < PDF_CODE_SPACE && !pdf_codes_has(used, c))
        c++;
    return c;
}

/* Length of the run of used codes starting at c that stays within one high byte: a bfrange may
 * only vary the last byte of its source codes (PDF 1.4 §5.9.2). */
static unsigned run_length(const struct pdf_codes *used, unsigned c)
{
    unsigned len = 0;
    while (c + len < PDF_CODE_SPACE && pdf_codes_has(used, c + len) && ((c + len) >> 8) == (c >> 8))
        len++;
    return len;
}

/* Writes one kind of mapping block (bfrange for runs of 2 or more codes, bfchar for single
 * codes), CMAP_BLOCK entries at most per block. */
static void write_blocks(const struct pdf_codes *used, int ranges, struct buf *out)
{
    struct buf entries;
    buf_init(&entries);
    unsigned count = 0;
    for (unsigned c = pdf_codes_next(used, 0); c < PDF_CODE_SPACE;) {
        unsigned len = run_length(used, c);
        if (ranges ? len < 2 : len != 1) {
            c = pdf_codes_next(used, c + len);
            continue;
        }
        if (ranges)
            buf_printf(&entries, "<%04X> <%04X> <%04X>\n", c, c + len - 1, c);
        else
            buf_printf(&entries, "<%04X> <%04X>\n", c, c);
        c = pdf_codes_next(used, c + len);
        if (++count == CMAP_BLOCK) {
            buf_printf(out, "%u begin%s\n%sendbf%s\n", count, ranges ? "bfrange" : "bfchar",
                       entries.data, ranges ? "range" : "char");
            buf_truncate(&entries, 0);
            count = 0;
        }
    }
    if (count)
        buf_printf(out, "%u begin%s\n%sendbf%s\n", count, ranges ? "bfrange" : "bfchar",
                   entries.data, ranges ? "range" : "char");
    buf_free(&entries);
}

void pdf_tounicode_cmap(const struct pdf_codes *used, struct buf *out)
{
    buf_puts(out, "/CIDInit /ProcSet findresource begin\n"
                  "12 dict begin\n"
                  "begincmap\n"
                  "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                  "/CMapName /Adobe-Identity-UCS def\n"
                  "/CMapType 2 def\n"
                  "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    write_blocks(used, 1, out);
    write_blocks(used, 0, out);
    buf_puts(out, "endcmap\n"
                  "CMapName currentdict /CMap defineresource pop\n"
                  "end\n"
                  "end\n");
}

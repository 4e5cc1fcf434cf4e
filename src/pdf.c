/* pdf.c — the last stage of the print path: draws the typesetter's pages (pages.h) with libharu
 * as PDF/A-1b (ISO 19005-1) into memory: page contents written and compressed here, font subsets
 * embedded by pdf_font.c (HarfBuzz's subsetter), navigation (pdf_nav.c), metadata (pdf_xmp.c)
 * and an ID derived from the file's bytes (pdf_id.c).
 * Never re-lays text: every run is shown where the typesetter put it. */
#include "pdf.h"

#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_pdfa.h>
#include <hpdf_streams.h>
#include <libdeflate.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_ctx.h"
#include "pdf_id.h"
#include "pdf_xmp.h"

#ifndef FOLIO_VERSION
#define FOLIO_VERSION "0.0.0"
#endif

#define PDF_CREATOR "folio"
#define PDF_PRODUCER "folio " FOLIO_VERSION " (libHaru " HPDF_VERSION_TEXT ")"
#define PDF_ICC_NAME "sRGB IEC61966-2.1"
#define NO_COLOR 0xFFFFFFFFu
#define PAGES_PER_NODE 4096
#define MAX_META 8192   /* bytes of one metadata field */
#define PDF_MAX_REAL 32767.0
/* libdeflate level for page contents and fonts. Measured on the thesis (whole build): level 6
 * (zlib's default size) 345 KB and 491 M instructions, 5 the same size for 4 M less, 4 2 %
 * larger for 15 M less, 1 5 % larger for 36 M less; 4 is the knee. */
#define CONTENT_DEFLATE_LEVEL 4

/* libharu's error callback: keeps the first error for the next stage check; returning lets
 * libharu unwind normally (never longjmp, STYLE lesson 16). */
static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    struct pdf_error *e = user;
    if (e->code == 0) {
        e->code = code;
        e->detail = detail;
    }
}

int pdf_check(struct pdf_ctx *c, const char *stage)
{
    HPDF_STATUS code = c->err.code ? c->err.code : HPDF_GetError(c->pdf);
    if (code == HPDF_OK)
        return 0;
    if (!c->err.reported)
        diag_report(c->diag, DIAG_ERROR, NULL, 0, 0,
                    "pdf: libharu error 0x%04X (detail %u) while %s", (unsigned)code,
                    (unsigned)c->err.detail, stage);
    c->err.reported = 1;
    return -1;
}

int pdf_fail(struct pdf_ctx *c, const char *stage)
{
    if (pdf_check(c, stage) == 0)
        diag_report(c->diag, DIAG_ERROR, NULL, 0, 0, "pdf: libharu failed while %s", stage);
    return -1;
}

const char *pdf_cstr(const struct pg_doc *doc, struct pg_str s, struct buf *b)
{
    buf_truncate(b, 0);
    buf_put(b, pg_text(doc, s), s.len);
    buf_putc(b, '\0');
    return b->data;
}

/* Document Info (PDF 1.4 §9.2.1): only the fields the metadata gives, then PDF/A conformance
 * (which must come before the dates: libharu's XMP date conversion fails otherwise), then the
 * dates from SOURCE_DATE_EPOCH in UTC. */
static int set_info(struct pdf_ctx *c, const struct pdf_meta *meta, time_t date)
{
    const char *values[] = {meta->title, meta->author, meta->subject, meta->keywords};
    const HPDF_InfoType types[] = {HPDF_INFO_TITLE, HPDF_INFO_AUTHOR, HPDF_INFO_SUBJECT,
                                   HPDF_INFO_KEYWORDS};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (values[i])
            HPDF_SetInfoAttr(c->pdf, types[i], values[i]);
    HPDF_SetInfoAttr(c->pdf, HPDF_INFO_CREATOR, PDF_CREATOR);
    HPDF_SetInfoAttr(c->pdf, HPDF_INFO_PRODUCER, PDF_PRODUCER);
    HPDF_PDFA_SetPDFAConformance(c->pdf, HPDF_PDFA_1B);
    struct tm tm;
    if (!gmtime_r(&date, &tm)) {
        diag_report(c->diag, DIAG_ERROR, NULL, 0, 0, "pdf: date %lld out of range",
                    (long long)date);
        return -1;
    }
    HPDF_Date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                   tm.tm_sec,         'Z',           0,          0};
    HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, d);
    HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, d);
    return pdf_check(c, "setting the document info");
}

/* The PDF/A output intent (ISO 19005-1 §6.2.2): an sRGB ICC profile, since all colours are
 * DeviceRGB. */
static int set_output_intent(struct pdf_ctx *c, const char *icc_path)
{
    if (!icc_path) {
        diag_report(c->diag, DIAG_ERROR, NULL, 0, 0,
                    "pdf: no ICC profile for the PDF/A output intent");
        return -1;
    }
    HPDF_OutputIntent icc = HPDF_LoadIccProfileFromFile(c->pdf, icc_path, 3);
    if (!icc) {
        diag_report(c->diag, DIAG_ERROR, icc_path, 0, 0, "pdf: cannot load the ICC profile");
        return -1;
    }
    icc->filter = HPDF_STREAM_FILTER_FLATE_DECODE; /* libharu leaves the profile uncompressed */
    HPDF_PDFA_AppendOutputIntents(c->pdf, PDF_ICC_NAME, icc);
    return pdf_check(c, "adding the output intent");
}

/* Whether s looks like a BCP 47 tag (letters, digits, hyphens), safe as a literal /Lang. */
static int is_language_tag(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-'))
            return 0;
    return 1;
}

/* The catalog's /Lang (PDF 1.4 §9.8.1): the natural language of the text; and, when there is a
 * title, a viewer window titled by it rather than by the file name (§8.1, DisplayDocTitle). */
static int set_catalog(struct pdf_ctx *c, const char *lang, const char *title)
{
    if (lang)
        HPDF_Dict_Add(c->pdf->catalog, "Lang", HPDF_String_New(c->pdf->mmgr, lang, NULL));
    HPDF_Dict prefs = title ? HPDF_Dict_New(c->pdf->mmgr) : NULL;
    if (prefs) {
        HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
        HPDF_Dict_Add(c->pdf->catalog, "ViewerPreferences", prefs);
    }
    return pdf_check(c, "setting the catalog");
}

static HPDF_REAL channel(uint32_t rgb, int shift)
{
    return (HPDF_REAL)((rgb >> shift) & 0xFF) / 255.0f;
}

/* Appends v as a PDF real (PDF 1.4 §3.2.2) with at most five decimals, as libharu writes its
 * operands, trailing zeros dropped; the decimal point is '.' whatever the C locale. */
static void put_real(struct buf *b, double v)
{
    long long n = llround(v * 1e5);
    unsigned long long u = n < 0 ? 0ull - (unsigned long long)n : (unsigned long long)n;
    char s[48], whole[24];
    size_t len = 0, w = 0;
    if (n < 0)
        s[len++] = '-';
    unsigned long long ip = u / 100000;
    do {
        whole[w++] = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip);
    while (w)
        s[len++] = whole[--w];
    unsigned frac = (unsigned)(u % 100000);
    if (frac)
        s[len++] = '.';
    for (unsigned div = 10000; frac; div /= 10) {
        s[len++] = (char)('0' + frac / div);
        frac %= div;
    }
    buf_put(b, s, len);
}

/* Appends the three channels of rgb and the colour operator op ("rg" fill, "RG" stroke). */
static void put_color(struct buf *content, uint32_t rgb, const char *op)
{
    for (int shift = 16; shift >= 0; shift -= 8) {
        put_real(content, channel(rgb, shift));
        buf_putc(content, ' ');
    }
    buf_puts(content, op);
    buf_putc(content, '\n');
}

/* Appends the operands v[0..n) separated by spaces, then the operator op on its line. */
static void put_op(struct buf *content, const double *v, int n, const char *op)
{
    for (int i = 0; i < n; i++) {
        put_real(content, v[i]);
        buf_putc(content, ' ');
    }
    buf_puts(content, op);
    buf_putc(content, '\n');
}

/* The filled rectangles of one page (background-color), under everything else
 * (PDF 1.4 §4.4.1 re, f). */
static void draw_fills(struct pdf_ctx *c, size_t p, struct buf *content)
{
    const struct pdf_by_page *ix = &c->fills;
    for (size_t k = ix->start[p]; k < ix->start[p + 1]; k++) {
        const struct pg_fill *f = &c->doc->fills[ix->order[k]];
        put_color(content, f->rgb, "rg");
        double box[4] = {f->x, f->y, f->w, f->h};
        put_op(content, box, 4, "re");
        buf_puts(content, "f\n");
    }
}

/* Appends v >= 0 in points with three decimals, whatever the C locale's decimal point. */
static void put_points(struct buf *b, double v)
{
    long milli = (long)(v * 1000 + 0.5);
    buf_printf(b, "%ld.%03ld", milli / 1000, milli % 1000);
}

/* Appends the dash pattern of a rule style (PDF 1.4 §4.3.2, the d operator): dotted as round
 * dots a line width apart (zero-length dashes with round caps), dashed as dashes and gaps of
 * three widths, as CSS draws them. */
static void put_rule_style(struct buf *content, const struct pg_rule *r)
{
    if (r->style == PG_RULE_SOLID)
        return;
    if (r->style == PG_RULE_DOTTED)
        buf_puts(content, "1 J\n");
    buf_puts(content, r->style == PG_RULE_DOTTED ? "[0 " : "[");
    if (r->style == PG_RULE_DASHED) {
        put_points(content, r->width * 3);
        buf_putc(content, ' ');
    }
    put_points(content, r->width * (r->style == PG_RULE_DOTTED ? 2 : 3));
    buf_puts(content, "] 0 d\n");
}

/* The rules of one page (borders, footnote separators, leaders of style rule), each stroked in
 * its own saved graphics state (PDF 1.4 §4.3.3 w, RG; §4.4.1 m, l, S). */
static void draw_rules(struct pdf_ctx *c, size_t p, struct buf *content)
{
    const struct pdf_by_page *ix = &c->rules;
    for (size_t k = ix->start[p]; k < ix->start[p + 1]; k++) {
        const struct pg_rule *r = &c->doc->rules[ix->order[k]];
        if (r->width <= 0)
            continue;
        buf_puts(content, "q\n");
        put_op(content, &r->width, 1, "w");
        put_color(content, r->rgb, "RG");
        put_rule_style(content, r);
        double from[2] = {r->x1, r->y1}, to[2] = {r->x2, r->y2};
        put_op(content, from, 2, "m");
        put_op(content, to, 2, "l");
        buf_puts(content, "S\nQ\n");
    }
}

/* The text state of one page's text object while its operators are written. */
struct text_state {
    uint32_t color;
    HPDF_Font font;
    double size;
    long long x, y; /* start of the current line, in units of 1e-5 pt (PDF 1.4 §5.3.1) */
    int started;    /* whether a text matrix has been set */
    int in_array;   /* whether a TJ array is open */
    double pen;     /* where the next string of the open array starts, in pt from the page's left */
};

/* Closes the open TJ array, if any. */
static void close_array(struct text_state *ts, struct buf *content)
{
    if (ts->in_array)
        buf_puts(content, "]TJ\n");
    ts->in_array = 0;
}

/* Whether run r, in face f, goes on in the open TJ array: same baseline, font, size and colour,
 * so only its horizontal place differs, which a number in the array gives. */
static int continues_array(const struct text_state *ts, const struct pg_run *r,
                           const struct pdf_face *f, long long y)
{
    return ts->in_array && y == ts->y && f->font == ts->font && r->size == ts->size &&
           r->rgb == ts->color;
}

/* Starts a TJ array for run r: colour and font only when they change, then the position
 * (PDF 1.4 §5.3.1): an absolute text matrix when the baseline changes, else a Td move along the
 * baseline from the previous array's start. Positions are kept as integers of 1e-5 pt so the
 * moves add up exactly and every baseline is written as one number (readers group words by
 * equal baselines). -1 on failure. */
static int open_array(struct pdf_ctx *c, HPDF_Page page, const struct pg_run *r,
                      const struct pdf_face *f, struct text_state *ts, struct buf *content)
{
    close_array(ts, content);
    if (r->rgb != ts->color) {
        put_color(content, r->rgb, "rg");
        ts->color = r->rgb;
    }
    if (f->font != ts->font || r->size != ts->size) {
        const char *name = pdf_face_resource(c, page, f);
        if (!name)
            return pdf_fail(c, "adding a font to a page");
        buf_putc(content, '/');
        buf_puts(content, name);
        buf_putc(content, ' ');
        put_real(content, r->size);
        buf_puts(content, " Tf\n");
        ts->font = f->font;
        ts->size = r->size;
    }
    long long x = llround(r->x * 1e5), y = llround(r->y * 1e5);
    if (!ts->started || y != ts->y) {
        buf_puts(content, "1 0 0 1 ");
        put_real(content, (double)x / 1e5);
        buf_putc(content, ' ');
        put_real(content, (double)y / 1e5);
        buf_puts(content, " Tm\n");
        ts->started = 1;
    } else {
        put_real(content, (double)(x - ts->x) / 1e5);
        buf_puts(content, " 0 Td\n");
    }
    ts->x = x;
    ts->y = y;
    ts->pen = (double)x / 1e5;
    ts->in_array = 1;
    buf_putc(content, '[');
    return 0;
}

/* Writes one run: in the open TJ array when it continues it, the gap from the previous string's
 * end given as a number in thousandths of the font size (PDF 1.4 §5.3.2: positive moves left);
 * else in a new array. The pen then moves by the run's advance as a reader computes it from the
 * font's widths, so every run starts where it was laid out. One array per line of one font
 * instead of a Td per word halves the bytes of the page contents to compress. */
static int write_run(struct pdf_ctx *c, HPDF_Page page, const struct pg_run *r,
                     struct text_state *ts, struct buf *content)
{
    struct pdf_face *f = pdf_face_for(c, r->font); /* font and size checked by mark_codes */
    if (!f)
        return -1;
    /* the gap in hundredths of 1/1000 em (under 0.0002 pt): the gaps of a justified line are
     * equal to that precision, so the numbers repeat and compress well; the pen follows the
     * number written, so the rounding never adds up along the line. A gap beyond PDF/A-1's
     * largest real (ISO 19005-1 §6.1.12) takes a Td in a new array instead. */
    double gap = (ts->pen - r->x) * 1000 / r->size * 100;
    if (continues_array(ts, r, f, llround(r->y * 1e5)) && fabs(gap) <= 100 * PDF_MAX_REAL) {
        long long adj = llround(gap);
        if (adj != 0) {
            put_real(content, (double)adj / 100);
            ts->pen -= (double)adj / 100 * r->size / 1000;
        }
    } else if (open_array(c, page, r, f, ts, content) != 0) {
        return -1;
    }
    struct pdf_advances adv = {f->advance, f->last};
    unsigned long width = 0;
    /* (the codes were marked by mark_codes before any face was embedded) */
    c->replaced += pdf_text_show(pg_text(c->doc, r->text), r->text.len, content, NULL, &adv,
                                 &width);
    ts->pen += (double)width * r->size / 1000;
    return 0;
}

/* Checks every run's font and size, and marks the codes each face shows before any face is
 * loaded (pdf_face_for builds a font from them); -1 after reporting a bad run. */
static int mark_codes(struct pdf_ctx *c)
{
    for (size_t i = 0; i < c->doc->n_runs; i++) {
        const struct pg_run *r = &c->doc->runs[i];
        if (r->text.len == 0)
            continue;
        if (r->font < 0 || (size_t)r->font >= c->doc->n_fonts || !(r->size > 0)) {
            diag_report(c->diag, DIAG_ERROR, NULL, 0, 0,
                        "pdf: run on page %d has font %d size %g", r->page + 1, r->font,
                        r->size);
            return -1;
        }
        pdf_text_mark(pg_text(c->doc, r->text), r->text.len, pdf_face_resolve(c, r->font)->used);
    }
    return 0;
}

/* All text of one page in one text object, on top of fills and rules (PDF 1.4 §5.3). */
static int draw_runs(struct pdf_ctx *c, HPDF_Page page, size_t p, struct buf *content)
{
    const struct pdf_by_page *ix = &c->runs;
    if (ix->start[p] == ix->start[p + 1])
        return 0;
    struct text_state ts = {.color = NO_COLOR};
    buf_puts(content, "BT\n");
    for (size_t k = ix->start[p]; k < ix->start[p + 1]; k++) {
        const struct pg_run *r = &c->doc->runs[ix->order[k]];
        if (r->text.len && write_run(c, page, r, &ts, content) != 0)
            return -1;
    }
    close_array(&ts, content);
    buf_puts(content, "ET\n");
    return 0;
}

/* libharu's hook for a dictionary's last entries: names the filter of a stream whose bytes we
 * compressed (libharu drops a /Filter entry of its own making when it does not compress). */
static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
    (void)dict;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

int pdf_put_flate(struct pdf_ctx *c, HPDF_Dict stream, const void *data, size_t n)
{
    size_t bound = libdeflate_zlib_compress_bound(c->deflater, n);
    buf_grow(&c->packed, bound);
    size_t len = libdeflate_zlib_compress(c->deflater, data, n, c->packed.data, bound);
    if (len == 0 || len > UINT32_MAX)
        return -1;
    stream->filter = HPDF_STREAM_FILTER_NONE;
    stream->write_fn = write_flate_filter;
    return HPDF_Stream_Write(stream->stream, (const HPDF_BYTE *)c->packed.data, (HPDF_UINT)len) ==
                   HPDF_OK
               ? 0
               : -1;
}

/* Puts a page's content (fills, rules, text, written by us rather than through libharu's
 * per-operator calls, which cost more than the rest of the writer) into its content stream,
 * compressed by pdf_put_flate. */
static int put_content(struct pdf_ctx *c, HPDF_Page page, const struct buf *content)
{
    if (content->len == 0)
        return 0;
    HPDF_PageAttr attr = page->attr;
    if (pdf_put_flate(c, attr->contents, content->data, content->len) != 0)
        return pdf_fail(c, "writing the content of a page");
    return 0;
}

/* Groups an array of page-tagged elements (each struct begins with `int page`) by page with a
 * stable counting sort, so drawing keeps the typesetter's order within a page even if the
 * array is not sorted as pages.h promises. -1 when an element names a page that does not exist. */
static int index_by_page(const void *items, size_t n, size_t size, size_t n_pages,
                         struct pdf_by_page *ix)
{
    ix->start = xcalloc(n_pages + 2, sizeof *ix->start);
    ix->order = xmalloc((n ? n : 1) * sizeof *ix->order);
    for (size_t i = 0; i < n; i++) {
        int p = *(const int *)(const void *)((const char *)items + i * size);
        if (p < 0 || (size_t)p >= n_pages)
            return -1;
        ix->start[p + 2]++;
    }
    for (size_t p = 2; p < n_pages + 2; p++)
        ix->start[p] += ix->start[p - 1];
    for (size_t i = 0; i < n; i++) {
        int p = *(const int *)(const void *)((const char *)items + i * size);
        ix->order[ix->start[p + 1]++] = i;
    }
    return 0;
}

/* Whether every value is a number a PDF 1.4 reader takes (Appendix C: reals within ±32767, a
 * limit ISO 19005-1 §6.1.12 makes binding). */
static int reals_ok(const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i]) || fabs(v[i]) > PDF_MAX_REAL)
            return 0;
    return 1;
}

/* The first page (1-based) with a size or a coordinate out of range, or 0 when all are in
 * range; pages are 3 to 14400 units a side (PDF 1.4 Appendix C). */
static size_t bad_page(const struct pg_doc *d)
{
    for (size_t i = 0; i < d->n_pages; i++)
        if (!(d->pages[i].width >= 3 && d->pages[i].width <= 14400 && d->pages[i].height >= 3 &&
              d->pages[i].height <= 14400))
            return i + 1;
    for (size_t i = 0; i < d->n_runs; i++) {
        const struct pg_run *r = &d->runs[i];
        if (!reals_ok((double[]){r->x, r->y, r->size}, 3))
            return (size_t)r->page + 1;
    }
    for (size_t i = 0; i < d->n_rules; i++) {
        const struct pg_rule *r = &d->rules[i];
        if (!reals_ok((double[]){r->x1, r->y1, r->x2, r->y2, r->width * 3}, 5))
            return (size_t)r->page + 1;
    }
    for (size_t i = 0; i < d->n_fills; i++) {
        const struct pg_fill *f = &d->fills[i];
        if (!reals_ok((double[]){f->x, f->y, f->w, f->h}, 4))
            return (size_t)f->page + 1;
    }
    for (size_t i = 0; i < d->n_links; i++) {
        const struct pg_link *l = &d->links[i];
        if (!reals_ok((double[]){l->x1, l->y1, l->x2, l->y2}, 4))
            return (size_t)l->page + 1;
    }
    for (size_t i = 0; i < d->n_dests; i++)
        if (!reals_ok(&d->dests[i].y, 1))
            return (size_t)d->dests[i].page + 1;
    return 0;
}

/* Checks the pages against what a PDF can hold and groups their contents by page; -1 after
 * reporting a document that cannot be written (no pages, content off the pages, sizes or
 * positions out of range). */
static int index_pages(struct pdf_ctx *c)
{
    const struct pg_doc *d = c->doc;
    size_t n = d->n_pages;
    if (n == 0) {
        diag_report(c->diag, DIAG_ERROR, NULL, 0, 0, "pdf: the document has no pages");
        return -1;
    }
    if (index_by_page(d->runs, d->n_runs, sizeof *d->runs, n, &c->runs) != 0 ||
        index_by_page(d->rules, d->n_rules, sizeof *d->rules, n, &c->rules) != 0 ||
        index_by_page(d->fills, d->n_fills, sizeof *d->fills, n, &c->fills) != 0 ||
        index_by_page(d->links, d->n_links, sizeof *d->links, n, &c->links) != 0) {
        diag_report(c->diag, DIAG_ERROR, NULL, 0, 0,
                    "pdf: text, a rule, a fill or a link is on a page that does not exist");
        return -1;
    }
    size_t bad = bad_page(d);
    if (bad) {
        diag_report(c->diag, DIAG_ERROR, NULL, 0, 0,
                    "pdf: page %zu has a size or position a PDF reader cannot take", bad);
        return -1;
    }
    return 0;
}

/* Creates every page at its size and draws its fills, rules and text, in that order. A long
 * document gets a two-level page tree (PDF 1.4 §3.6.2), as libharu's arrays hold at most
 * 32767 kids. */
static int draw_pages(struct pdf_ctx *c)
{
    const struct pg_doc *doc = c->doc;
    if (doc->n_pages > PAGES_PER_NODE)
        HPDF_SetPagesConfiguration(c->pdf, PAGES_PER_NODE);
    if (mark_codes(c) != 0)
        return -1;
    struct buf content;
    buf_init(&content);
    int status = 0;
    for (size_t p = 0; status == 0 && p < doc->n_pages; p++) {
        HPDF_Page page = HPDF_AddPage(c->pdf);
        c->pages[p] = page;
        if (!page) {
            status = pdf_fail(c, "adding a page");
            break;
        }
        HPDF_Page_SetWidth(page, (HPDF_REAL)doc->pages[p].width);
        HPDF_Page_SetHeight(page, (HPDF_REAL)doc->pages[p].height);
        buf_truncate(&content, 0);
        draw_fills(c, p, &content);
        draw_rules(c, p, &content);
        status = draw_runs(c, page, p, &content);
        if (status == 0)
            status = put_content(c, page, &content);
        if (status == 0 && c->err.code) {
            char stage[64];
            snprintf(stage, sizeof stage, "drawing page %zu", p + 1);
            status = pdf_fail(c, stage);
        }
    }
    buf_free(&content);
    if (status != 0)
        return -1;
    if (c->replaced)
        diag_report(c->diag, DIAG_WARNING, NULL, 0, 0,
                    "pdf: %zu characters outside the Basic Multilingual Plane or malformed "
                    "were shown as U+FFFD",
                    c->replaced);
    return 0;
}

/* Puts our XMP packet in the catalog's /Metadata stream, uncompressed and typed
 * /Type /Metadata /Subtype /XML (ISO 19005-1 §6.7.2; libharu writes "SubType"). */
static int set_xmp(struct pdf_ctx *c, const struct pdf_meta *meta, time_t date)
{
    HPDF_Dict md = HPDF_Dict_GetItem(c->pdf->catalog, "Metadata", HPDF_OCLASS_DICT);
    if (!md) {
        md = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
        if (!md || HPDF_Dict_Add(c->pdf->catalog, "Metadata", md) != HPDF_OK)
            return pdf_fail(c, "adding the XMP metadata");
    }
    if (HPDF_Dict_GetItem(md, "SubType", HPDF_OCLASS_NAME))
        HPDF_Dict_RemoveElement(md, "SubType");
    HPDF_Dict_AddName(md, "Type", "Metadata");
    HPDF_Dict_AddName(md, "Subtype", "XML");
    struct buf xmp;
    buf_init(&xmp);
    pdf_xmp_packet(meta, PDF_CREATOR, PDF_PRODUCER, date, &xmp);
    HPDF_MemStream_FreeData(md->stream);
    HPDF_Stream_Write(md->stream, (const HPDF_BYTE *)xmp.data, (HPDF_UINT)xmp.len);
    md->filter = HPDF_STREAM_FILTER_NONE;
    buf_free(&xmp);
    return pdf_check(c, "writing the XMP metadata");
}

/* The file identifier (PDF 1.4 §9.3, required by ISO 19005-1 §6.1.3), never the clock that
 * libharu's HPDF_PDFA_GenerateID hashes: a placeholder here, replaced by the digest of the saved
 * file (pdf_id_patch). Both halves are equal for a file never updated. */
static int set_id(struct pdf_ctx *c)
{
    HPDF_Array id = HPDF_Dict_GetItem(c->pdf->trailer, "ID", HPDF_OCLASS_ARRAY);
    if (id) {
        HPDF_Array_Clear(id);
    } else {
        id = HPDF_Array_New(c->pdf->mmgr);
        if (!id || HPDF_Dict_Add(c->pdf->trailer, "ID", id) != HPDF_OK)
            return pdf_fail(c, "setting the document ID");
    }
    for (int half = 0; half < 2; half++)
        HPDF_Array_Add(id, HPDF_Binary_New(c->pdf->mmgr, (HPDF_BYTE *)pdf_id_placeholder,
                                           PDF_ID_LEN));
    return pdf_check(c, "setting the document ID");
}

/* Serializes the document into libharu's memory stream and appends its bytes to out. */
static int save(struct pdf_ctx *c, struct buf *out)
{
    HPDF_SaveToStream(c->pdf);
    if (pdf_check(c, "saving") != 0)
        return -1;
    HPDF_UINT32 size = HPDF_GetStreamSize(c->pdf);
    buf_grow(out, size + 1);
    HPDF_UINT32 got = size;
    HPDF_ResetStream(c->pdf);
    HPDF_STATUS st = HPDF_ReadFromStream(c->pdf, (HPDF_BYTE *)out->data + out->len, &got);
    if ((st != HPDF_OK && st != HPDF_STREAM_EOF) || got != size) {
        diag_report(c->diag, DIAG_ERROR, NULL, 0, 0,
                    "pdf: read %u of %u bytes from libharu's stream (0x%04X)", (unsigned)got,
                    (unsigned)size, (unsigned)st);
        return -1;
    }
    if (pdf_id_patch((unsigned char *)out->data + out->len, got) != 0) {
        diag_report(c->diag, DIAG_ERROR, NULL, 0, 0, "pdf: no file identifier in the trailer");
        return -1;
    }
    out->len += got;
    out->data[out->len] = '\0';
    return 0;
}

/* Starts the document: error handler, compressor, and libharu 2.3's UTF-8 encoder, which the
 * Info strings and bookmark titles are written through (the text uses our own fonts). */
static int begin(struct pdf_ctx *c)
{
    c->pdf = HPDF_New(on_error, &c->err);
    if (!c->pdf) {
        diag_report(c->diag, DIAG_ERROR, NULL, 0, 0, "pdf: libharu could not start a document");
        return -1;
    }
    HPDF_SetCompressionMode(c->pdf, HPDF_COMP_ALL);
    c->deflater = libdeflate_alloc_compressor(CONTENT_DEFLATE_LEVEL);
    if (!c->deflater) {
        diag_report(c->diag, DIAG_ERROR, NULL, 0, 0, "pdf: out of memory for the compressor");
        return -1;
    }
    buf_init(&c->packed);
    HPDF_UseUTFEncodings(c->pdf);
    HPDF_SetCurrentEncoder(c->pdf, "UTF-8");
    return pdf_check(c, "starting the document");
}

static void end(struct pdf_ctx *c)
{
    if (c->pdf)
        HPDF_Free(c->pdf);
    if (c->deflater)
        libdeflate_free_compressor(c->deflater);
    buf_free(&c->packed);
    for (size_t i = 0; c->faces && i < c->doc->n_fonts; i++) {
        free(c->faces[i].used);
        free(c->faces[i].advance);
    }
    free(c->faces);
    free(c->pages);
    free(c->dests);
    free(c->keys);
    struct pdf_by_page *ix[] = {&c->runs, &c->rules, &c->fills, &c->links};
    for (size_t i = 0; i < sizeof ix / sizeof ix[0]; i++) {
        free(ix[i]->start);
        free(ix[i]->order);
    }
}

/* One metadata string as written to Info and XMP alike: BMP only (libharu's UTF-8 encoder),
 * white space collapsed as XPath normalize-space() does (TEI header text is often indented);
 * NULL when absent or blank (nothing is invented). */
static const char *clean_field(const char *s, struct buf *b)
{
    struct buf norm;
    buf_init(&norm);
    for (const char *p = s ? s : ""; *p; p++) {
        int space = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
        if (!space)
            buf_putc(&norm, *p);
        else if (norm.len && p[1] && !strchr(" \t\n\r", p[1]))
            buf_putc(&norm, ' ');
    }
    if (norm.len)
        pdf_text_to_bmp(norm.data, norm.len, b, NULL);
    pdf_text_cut(b, MAX_META);
    buf_free(&norm);
    return b->len ? b->data : NULL;
}

/* The metadata as written, its strings kept in store[6]; the language falls back to the one the
 * typesetter recorded for the root. */
static void clean_meta(const struct pg_doc *doc, const struct pdf_meta *in, struct buf *store,
                       struct pdf_meta *out)
{
    *out = *in;
    out->title = clean_field(in->title, &store[0]);
    out->author = clean_field(in->author, &store[1]);
    out->subject = clean_field(in->subject, &store[2]);
    out->keywords = clean_field(in->keywords, &store[3]);
    out->language = clean_field(in->language, &store[4]);
    if (!out->language && doc->language.len)
        out->language = clean_field(pdf_cstr(doc, doc->language, &store[5]), &store[4]);
}

int pdf_write(const struct pg_doc *doc, const struct pdf_meta *meta, time_t date, struct buf *out,
              struct diag *d)
{
    struct pdf_ctx c = {.doc = doc, .diag = d};
    struct buf store[6];
    for (int i = 0; i < 6; i++)
        buf_init(&store[i]);
    static const struct pdf_meta none = {0};
    struct pdf_meta m;
    clean_meta(doc, meta ? meta : &none, store, &m);
    meta = &m;
    if (m.language && !is_language_tag(m.language)) {
        diag_report(d, DIAG_WARNING, NULL, 0, 0, "pdf: language '%s' is not a BCP 47 tag; left out",
                    m.language);
        m.language = NULL;
    }
    int status = -1;
    if (index_pages(&c) != 0)
        goto cleanup;
    c.pages = xcalloc(doc->n_pages, sizeof *c.pages);
    c.faces = xcalloc(doc->n_fonts + 1, sizeof *c.faces);
    c.dests = xcalloc(doc->n_dests + 1, sizeof *c.dests);
    if (begin(&c) != 0 || set_info(&c, meta, date) != 0 ||
        set_output_intent(&c, meta->icc_profile) != 0 ||
        set_catalog(&c, meta->language, meta->title) != 0)
        goto cleanup;
    if (draw_pages(&c) != 0 || pdf_nav_labels(&c) != 0 || pdf_nav_links(&c) != 0 ||
        pdf_nav_outline(&c) != 0)
        goto cleanup;
    pdf_nav_unknown_summary(&c);
    if (pdf_fonts_finish(&c) != 0 || set_xmp(&c, meta, date) != 0 || set_id(&c) != 0)
        goto cleanup;
    status = save(&c, out);
cleanup:
    end(&c);
    for (int i = 0; i < 6; i++)
        buf_free(&store[i]);
    return status;
}

/* pdf_nav.c — navigation for the PDF writer (pdf.c): link annotations to destinations and URIs,
 * the outline (bookmarks) and page labels, from what the typesetter recorded in pages.h. */
#include <hpdf.h>
#include <hpdf_catalog.h>
#include <hpdf_objects.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_ctx.h"

#define MAX_LABEL_RANGES 4000
#define MAX_OUTLINE_DEPTH 16
#define MAX_ANNOTS 8000     /* links on one page (PDF 1.4 Appendix C: arrays of 8191) */
#define MAX_TITLE 1024      /* bytes of a bookmark title */
#define MAX_URI 8192        /* bytes of a URI (percent-encoded, it stays under 64 KiB) */
#define UNKNOWN_IDS_SHOWN 3 /* warnings about links to unknown ids before a summary */
#define ID_SHOWN 60         /* bytes of an id quoted in a warning */
#define ANNOT_PRINT 4 /* annotation flag Print (PDF 1.4 §8.4.2), required by ISO 19005-1 §6.5.3 */

static int key_cmp(const void *a, const void *b)
{
    const struct pdf_key *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int r = memcmp(x->id, y->id, n);
    if (r == 0)
        r = (x->len > y->len) - (x->len < y->len);
    if (r == 0)
        r = (x->index > y->index) - (x->index < y->index);
    return r;
}

/* The index of the first dest (in document order) whose id is id[0..len), or -1. */
static long find_dest(struct pdf_ctx *c, const char *id, size_t len)
{
    const struct pg_doc *doc = c->doc;
    if (!c->keys && doc->n_dests) {
        c->keys = xmalloc(doc->n_dests * sizeof *c->keys);
        for (size_t i = 0; i < doc->n_dests; i++)
            c->keys[i] = (struct pdf_key){pg_text(doc, doc->dests[i].id), doc->dests[i].id.len, i};
        qsort(c->keys, doc->n_dests, sizeof *c->keys, key_cmp);
    }
    struct pdf_key want = {id, len, 0};
    size_t lo = 0, hi = doc->n_dests;
    while (lo < hi) { /* lower bound: the equal key with the smallest index */
        size_t mid = lo + (hi - lo) / 2;
        if (key_cmp(&c->keys[mid], &want) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < doc->n_dests && c->keys[lo].len == len && memcmp(c->keys[lo].id, id, len) == 0)
        return (long)c->keys[lo].index;
    return -1;
}

/* The destination of dest i: [page /XYZ null top null] (PDF 1.4 §8.2.1), which keeps the
 * reader's zoom; libharu's SetXYZ refuses a null zoom, so the array is rebuilt. Created once
 * per dest and shared by every link and bookmark to it. */
static HPDF_Destination dest_for(struct pdf_ctx *c, size_t i)
{
    if (c->dests[i])
        return c->dests[i];
    const struct pg_dest *d = &c->doc->dests[i];
    if (d->page < 0 || (size_t)d->page >= c->doc->n_pages)
        return NULL;
    HPDF_Page page = c->pages[d->page];
    HPDF_Destination dst = HPDF_Page_CreateDestination(page);
    if (!dst)
        return NULL;
    HPDF_Array_Clear(dst);
    HPDF_Array_Add(dst, page);
    HPDF_Array_AddName(dst, "XYZ");
    HPDF_Array_Add(dst, HPDF_Null_New(c->pdf->mmgr));
    HPDF_Array_AddReal(dst, (HPDF_REAL)d->y);
    HPDF_Array_Add(dst, HPDF_Null_New(c->pdf->mmgr));
    c->dests[i] = dst;
    return dst;
}

/* The destination named by an id, or NULL after a warning naming `what` refers to it (the first
 * few such warnings in full; pdf_nav_unknown_summary counts the rest). */
static HPDF_Destination dest_by_id(struct pdf_ctx *c, struct pg_str id, const char *what)
{
    long i = find_dest(c, pg_text(c->doc, id), id.len);
    HPDF_Destination dst = i >= 0 ? dest_for(c, (size_t)i) : NULL;
    if (!dst && ++c->unknown_ids <= UNKNOWN_IDS_SHOWN)
        diag_report(c->diag, DIAG_WARNING, NULL, 0, 0, "pdf: %s to unknown id '%.*s%s' left out",
                    what, (int)(id.len > ID_SHOWN ? ID_SHOWN : id.len), pg_text(c->doc, id),
                    id.len > ID_SHOWN ? "…" : "");
    return dst;
}

/* A URI as 7-bit ASCII (PDF 1.4 §8.5.3 URI actions; RFC 3986 §2.1): bytes outside printable
 * ASCII, and spaces, percent-encoded. */
static const char *uri_ascii(const struct pg_doc *doc, struct pg_str s, struct buf *b)
{
    const unsigned char *p = (const unsigned char *)pg_text(doc, s);
    buf_truncate(b, 0);
    for (size_t i = 0; i < s.len; i++) {
        if (p[i] <= 0x20 || p[i] >= 0x7F)
            buf_printf(b, "%%%02X", p[i]);
        else
            buf_putc(b, (char)p[i]);
    }
    buf_putc(b, '\0');
    return b->data;
}

/* One link annotation, borderless and printable. */
static void add_link(struct pdf_ctx *c, const struct pg_link *l, struct buf *tmp)
{
    HPDF_Page page = c->pages[l->page];
    HPDF_Rect r = {
        (HPDF_REAL)(l->x1 < l->x2 ? l->x1 : l->x2), (HPDF_REAL)(l->y1 < l->y2 ? l->y1 : l->y2),
        (HPDF_REAL)(l->x1 < l->x2 ? l->x2 : l->x1), (HPDF_REAL)(l->y1 < l->y2 ? l->y2 : l->y1)};
    HPDF_Annotation a = NULL;
    if (l->kind == PG_LINK_URI && (l->target.len == 0 || l->target.len > MAX_URI)) {
        diag_report(c->diag, DIAG_WARNING, NULL, 0, 0,
                    "pdf: link with an empty or overlong URI on page %d left out", l->page + 1);
    } else if (l->kind == PG_LINK_URI) {
        a = HPDF_Page_CreateURILinkAnnot(page, r, uri_ascii(c->doc, l->target, tmp));
    } else {
        HPDF_Destination dst = dest_by_id(c, l->target, "link");
        if (dst)
            a = HPDF_Page_CreateLinkAnnot(page, r, dst);
    }
    if (!a)
        return;
    HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
    HPDF_Dict_AddNumber(a, "F", ANNOT_PRINT);
}

int pdf_nav_links(struct pdf_ctx *c)
{
    struct buf tmp;
    buf_init(&tmp);
    const struct pdf_by_page *ix = &c->links;
    for (size_t p = 0; p < c->doc->n_pages; p++) {
        size_t n = ix->start[p + 1] - ix->start[p];
        if (n > MAX_ANNOTS)
            diag_report(c->diag, DIAG_WARNING, NULL, 0, 0,
                        "pdf: page %zu has %zu links; the last %zu left out (PDF/A-1 arrays "
                        "hold 8191)",
                        p + 1, n, n - MAX_ANNOTS);
        for (size_t k = 0; k < n && k < MAX_ANNOTS; k++)
            add_link(c, &c->doc->links[ix->order[ix->start[p] + k]], &tmp);
    }
    buf_free(&tmp);
    return pdf_check(c, "adding links");
}

void pdf_nav_unknown_summary(struct pdf_ctx *c)
{
    if (c->unknown_ids > UNKNOWN_IDS_SHOWN)
        diag_report(c->diag, DIAG_WARNING, NULL, 0, 0,
                    "pdf: %zu more links or bookmarks to unknown ids left out",
                    c->unknown_ids - UNKNOWN_IDS_SHOWN);
}

/* The parent a bookmark hangs under: its own when that comes earlier, else the top level (-1);
 * below MAX_OUTLINE_DEPTH levels, the deepest allowed level (libharu's outline counts take time
 * growing steeply with depth). `up` and `depth` hold the choices made for earlier bookmarks. */
static int outline_parent(struct pdf_ctx *c, size_t i, const int *up, const int *depth,
                          int *flattened)
{
    int parent = c->doc->bookmarks[i].parent;
    if (parent >= 0 && (size_t)parent >= i) {
        diag_report(c->diag, DIAG_WARNING, NULL, 0, 0,
                    "pdf: bookmark %zu has parent %d, not an earlier one; put at top level", i,
                    parent);
        return -1;
    }
    if (parent >= 0 && depth[parent] >= MAX_OUTLINE_DEPTH) {
        *flattened = 1;
        return up[parent];
    }
    return parent;
}

static HPDF_Outline add_bookmark(struct pdf_ctx *c, size_t i, HPDF_Outline parent,
                                 struct buf *title)
{
    const struct pg_bookmark *b = &c->doc->bookmarks[i];
    buf_truncate(title, 0);
    pdf_text_to_bmp(pg_text(c->doc, b->title), b->title.len, title, NULL);
    pdf_text_cut(title, MAX_TITLE);
    buf_putc(title, '\0');
    HPDF_Outline item =
        HPDF_CreateOutline(c->pdf, parent, title->data, HPDF_GetEncoder(c->pdf, "UTF-8"));
    if (!item)
        return NULL;
    /* libharu marks items /Type /Outlines, the root's type; items have none (§8.2.2) */
    if (HPDF_Dict_GetItem(item, "Type", HPDF_OCLASS_NAME))
        HPDF_Dict_RemoveElement(item, "Type");
    HPDF_Destination dst = dest_by_id(c, b->dest, "bookmark");
    if (dst)
        HPDF_Outline_SetDestination(item, dst);
    HPDF_Outline_SetOpened(item, b->open ? HPDF_TRUE : HPDF_FALSE);
    return item;
}

int pdf_nav_outline(struct pdf_ctx *c)
{
    size_t n = c->doc->n_bookmarks;
    if (n == 0)
        return 0;
    HPDF_Outline *items = xcalloc(n, sizeof *items);
    int *up = xcalloc(n, sizeof *up), *depth = xcalloc(n, sizeof *depth);
    struct buf title;
    buf_init(&title);
    int status = 0, flattened = 0;
    for (size_t i = 0; i < n && status == 0; i++) {
        up[i] = outline_parent(c, i, up, depth, &flattened);
        depth[i] = up[i] >= 0 ? depth[up[i]] + 1 : 1;
        items[i] = add_bookmark(c, i, up[i] >= 0 ? items[up[i]] : NULL, &title);
        status = items[i] ? 0 : -1;
    }
    if (flattened)
        diag_report(c->diag, DIAG_WARNING, NULL, 0, 0,
                    "pdf: bookmarks nested deeper than %d levels kept at level %d",
                    MAX_OUTLINE_DEPTH, MAX_OUTLINE_DEPTH);
    HPDF_SetPageMode(c->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    buf_free(&title);
    free(items);
    free(up);
    free(depth);
    return status == 0 ? pdf_check(c, "building the outline") : pdf_fail(c, "adding a bookmark");
}

static HPDF_PageNumStyle label_style(enum pg_number_style s)
{
    switch (s) {
    case PG_NUM_LOWER_ROMAN:
        return HPDF_PAGE_NUM_STYLE_LOWER_ROMAN;
    case PG_NUM_UPPER_ROMAN:
        return HPDF_PAGE_NUM_STYLE_UPPER_ROMAN;
    case PG_NUM_LOWER_ALPHA:
        return HPDF_PAGE_NUM_STYLE_LOWER_LETTERS;
    case PG_NUM_UPPER_ALPHA:
        return HPDF_PAGE_NUM_STYLE_UPPER_LETTERS;
    case PG_NUM_DECIMAL:
        break;
    }
    return HPDF_PAGE_NUM_STYLE_DECIMAL;
}

/* Appends n in a page label numbering style as a viewer shows it (PDF 1.4 §8.3.1, Table 8.6):
 * roman numerals, or letters a–z then aa–zz and so on. n >= 1. */
static void format_number(enum pg_number_style style, int n, struct buf *out)
{
    static const char *const roman[] = {"m",  "cm", "d",  "cd", "c",  "xc", "l",
                                        "xl", "x",  "ix", "v",  "iv", "i"};
    static const int value[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    int upper = style == PG_NUM_UPPER_ROMAN || style == PG_NUM_UPPER_ALPHA;
    size_t start = out->len;
    if (style == PG_NUM_DECIMAL) {
        buf_printf(out, "%d", n);
    } else if (style == PG_NUM_LOWER_ROMAN || style == PG_NUM_UPPER_ROMAN) {
        for (int i = 0; i < 13; i++)
            for (; n >= value[i]; n -= value[i])
                buf_puts(out, roman[i]);
    } else {
        for (int i = 0; i <= (n - 1) / 26; i++)
            buf_putc(out, (char)('a' + (n - 1) % 26));
    }
    for (size_t i = start; upper && i < out->len; i++)
        out->data[i] = (char)(out->data[i] - 'a' + 'A');
}

/* Whether the viewer's label for page p, numbered in its style, is what the page prints. */
static int label_is_number(const struct pg_doc *doc, const struct pg_page *pg, struct buf *tmp)
{
    if (pg->number < 1)
        return 0;
    buf_truncate(tmp, 0);
    format_number(pg->style, pg->number, tmp);
    return tmp->len == pg->label.len && memcmp(tmp->data, pg_text(doc, pg->label), tmp->len) == 0;
}

/* A label range of one page showing its printed label as a prefix with no number, for pages
 * whose label is not a plain page number in their style (e.g. "A-1"). */
static void add_literal_label(struct pdf_ctx *c, size_t p, struct buf *tmp)
{
    const struct pg_page *pg = &c->doc->pages[p];
    HPDF_Dict label = HPDF_Dict_New(c->pdf->mmgr);
    if (!label)
        return;
    buf_truncate(tmp, 0);
    pdf_text_to_bmp(pg_text(c->doc, pg->label), pg->label.len, tmp, NULL);
    buf_putc(tmp, '\0');
    HPDF_Dict_AddName(label, "Type", "PageLabel");
    HPDF_Dict_Add(label, "P",
                  HPDF_String_New(c->pdf->mmgr, tmp->data, HPDF_GetEncoder(c->pdf, "UTF-8")));
    HPDF_Catalog_AddPageLabel(c->pdf->catalog, (HPDF_UINT)p, label);
}

/* Whether page p starts a new numbered range: the first page, or after a literal label, or
 * where the style changes or the numbers stop counting up by one (a page sequence that goes on
 * counting, as chapters do, needs no range of its own). */
static int starts_range(const struct pg_doc *doc, size_t p, int prev_numbered)
{
    const struct pg_page *pg = &doc->pages[p], *prev = p ? &doc->pages[p - 1] : NULL;
    return !prev_numbered || prev->style != pg->style || prev->number + 1 != pg->number;
}

/* Page labels (PDF 1.4 §8.3.1) so the viewer shows what each page prints: numbered ranges
 * where the printed label is the page number in its style, literal labels elsewhere. The
 * /Nums array holds at most MAX_LABEL_RANGES ranges (PDF/A-1 keeps arrays under 8192 items);
 * past that, labels follow the page numbers alone, with a warning. */
int pdf_nav_labels(struct pdf_ctx *c)
{
    const struct pg_doc *doc = c->doc;
    struct buf tmp;
    buf_init(&tmp);
    size_t ranges = 0;
    int prev_numbered = 0;
    for (size_t p = 0; p < doc->n_pages; p++) {
        int numbered = label_is_number(doc, &doc->pages[p], &tmp);
        ranges += !numbered || starts_range(doc, p, prev_numbered);
        prev_numbered = numbered;
    }
    int literal = ranges <= MAX_LABEL_RANGES;
    if (!literal)
        diag_report(c->diag, DIAG_WARNING, NULL, 0, 0,
                    "pdf: %zu page label ranges are too many; the viewer shows page numbers",
                    ranges);
    prev_numbered = 0;
    for (size_t p = 0; p < doc->n_pages; p++) {
        const struct pg_page *pg = &doc->pages[p];
        int numbered = !literal || label_is_number(doc, pg, &tmp);
        if (!numbered)
            add_literal_label(c, p, &tmp);
        else if (starts_range(doc, p, prev_numbered))
            HPDF_AddPageLabel(c->pdf, (HPDF_UINT)p, label_style(pg->style),
                              (HPDF_UINT)(pg->number >= 1 ? pg->number : 1), NULL);
        prev_numbered = numbered;
    }
    buf_free(&tmp);
    return pdf_check(c, "adding page labels");
}

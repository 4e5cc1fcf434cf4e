/* pages.c — the laid-out document's storage: the text pool, growable arrays, a text dump. */
#include "pages.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

struct pg_doc *pg_new(void)
{
    return xcalloc(1, sizeof(struct pg_doc));
}

void pg_free(struct pg_doc *doc)
{
    if (!doc)
        return;
    free(doc->pool);
    free(doc->fonts);
    free(doc->pages);
    free(doc->runs);
    free(doc->rules);
    free(doc->fills);
    free(doc->links);
    free(doc->dests);
    free(doc->bookmarks);
    free(doc->page_starts);
    free(doc);
}

void pg_reserve(void **array, size_t *cap, size_t need, size_t elem_size)
{
    if (need <= *cap)
        return;
    size_t n = *cap ? *cap + *cap / 2 : 16;
    if (n < need)
        n = need;
    *array = xrealloc(*array, n * elem_size);
    *cap = n;
}

struct pg_str pg_intern(struct pg_doc *doc, const char *s, size_t n)
{
    pg_reserve((void **)&doc->pool, &doc->pool_cap, doc->pool_len + n + 1, 1);
    struct pg_str r = {doc->pool_len, n};
    if (n)
        memcpy(doc->pool + doc->pool_len, s, n);
    doc->pool_len += n;
    doc->pool[doc->pool_len] = '\0';
    return r;
}

const char *pg_text(const struct pg_doc *doc, struct pg_str s)
{
    return doc->pool ? doc->pool + s.off : "";
}

static void dump_str(const struct pg_doc *doc, struct pg_str s, struct buf *b)
{
    buf_putc(b, '"');
    buf_put(b, pg_text(doc, s), s.len);
    buf_putc(b, '"');
}

void pg_dump(const struct pg_doc *doc, struct buf *b)
{
    for (size_t i = 0; i < doc->n_fonts; i++) {
        buf_printf(b, "font %zu ", i);
        dump_str(doc, doc->fonts[i].path, b);
        buf_putc(b, '\n');
    }
    size_t r = 0, l = 0, u = 0;
    for (size_t p = 0; p < doc->n_pages; p++) {
        const struct pg_page *pg = &doc->pages[p];
        buf_printf(b, "page %zu %.2fx%.2f seq %d label ", p, pg->width, pg->height, pg->sequence);
        dump_str(doc, pg->label, b);
        buf_putc(b, '\n');
        for (; r < doc->n_runs && doc->runs[r].page == (int)p; r++) {
            const struct pg_run *x = &doc->runs[r];
            buf_printf(b, "  text %.2f %.2f f%d %.2f ", x->x, x->y, x->font, x->size);
            dump_str(doc, x->text, b);
            buf_putc(b, '\n');
        }
        for (; u < doc->n_rules && doc->rules[u].page == (int)p; u++) {
            const struct pg_rule *x = &doc->rules[u];
            buf_printf(b, "  rule %.2f %.2f %.2f %.2f w%.2f\n", x->x1, x->y1, x->x2, x->y2,
                       x->width);
        }
        for (; l < doc->n_links && doc->links[l].page == (int)p; l++) {
            const struct pg_link *x = &doc->links[l];
            buf_printf(b, "  link %s %.2f %.2f %.2f %.2f ",
                       x->kind == PG_LINK_URI ? "uri" : "internal", x->x1, x->y1, x->x2, x->y2);
            dump_str(doc, x->target, b);
            buf_putc(b, '\n');
        }
    }
    for (size_t i = 0; i < doc->n_dests; i++) {
        buf_printf(b, "dest ");
        dump_str(doc, doc->dests[i].id, b);
        buf_printf(b, " page %d %.2f %.2f\n", doc->dests[i].page, doc->dests[i].x,
                   doc->dests[i].y);
    }
    for (size_t i = 0; i < doc->n_bookmarks; i++) {
        buf_printf(b, "bookmark %zu parent %d ", i, doc->bookmarks[i].parent);
        dump_str(doc, doc->bookmarks[i].title, b);
        buf_putc(b, '\n');
    }
    for (size_t i = 0; i < doc->n_page_starts; i++) {
        buf_printf(b, "pagestart page %d ", doc->page_starts[i].page);
        dump_str(doc, doc->page_starts[i].source_id, b);
        buf_printf(b, " +%zu\n", doc->page_starts[i].offset);
    }
}

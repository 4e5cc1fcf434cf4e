/* splice.c — puts the pages of one page-sequence, laid out again on its own, in place of its
 * pages from an earlier pass (fo.c: a citation pass re-lays only the sequences that cite page
 * numbers, the rest of the document is kept as it is). Part of the typesetter, src/fo/. */
#include <stdlib.h>
#include <string.h>

#include "fo/layout.h"

/* The index of the first entry of an array sorted by page whose page is >= p; n when none.
 * Binary search: the arrays are long (a run per word). */
#define LOWER_BOUND(arr, n, p, out)                                                             \
    do {                                                                                       \
        size_t lo_ = 0, hi_ = (n);                                                             \
        while (lo_ < hi_) {                                                                    \
            size_t mid_ = lo_ + (hi_ - lo_) / 2;                                               \
            if ((arr)[mid_].page < (p))                                                        \
                lo_ = mid_ + 1;                                                                \
            else                                                                               \
                hi_ = mid_;                                                                    \
        }                                                                                      \
        (out) = lo_;                                                                           \
    } while (0)

/* Replaces entries [a, b) of doc's array name with part's m entries (fixed by FIX(x)). */
#define SPLICE(doc, part, name, p0, p1, FIX)                                                    \
    do {                                                                                       \
        size_t a_, b_, m_ = (part)->n_##name;                                                  \
        LOWER_BOUND((doc)->name, (doc)->n_##name, (p0), a_);                                   \
        LOWER_BOUND((doc)->name, (doc)->n_##name, (p1), b_);                                   \
        size_t n_ = (doc)->n_##name - (b_ - a_) + m_;                                          \
        pg_reserve((void **)&(doc)->name, &(doc)->cap_##name, n_ + 1, sizeof *(doc)->name);   \
        memmove(&(doc)->name[a_ + m_], &(doc)->name[b_],                                       \
                ((doc)->n_##name - b_) * sizeof *(doc)->name);                                 \
        for (size_t k_ = 0; k_ < m_; k_++) {                                                   \
            (doc)->name[a_ + k_] = (part)->name[k_];                                           \
            FIX(&(doc)->name[a_ + k_]);                                                        \
        }                                                                                      \
        (doc)->n_##name = n_;                                                                  \
    } while (0)

/* Is every array that the page builder fills sorted by page (what SPLICE needs)? */
#define SORTED(doc, name, ok)                                                                   \
    for (size_t k_ = 1; (ok) && k_ < (doc)->n_##name; k_++)                                    \
        (ok) = (doc)->name[k_ - 1].page <= (doc)->name[k_].page

static int sorted(const struct pg_doc *d)
{
    int ok = 1;
    SORTED(d, runs, ok);
    SORTED(d, rules, ok);
    SORTED(d, fills, ok);
    SORTED(d, links, ok);
    SORTED(d, dests, ok);
    SORTED(d, page_starts, ok);
    return ok;
}

/* doc's font index for part's font f (by file path), added when doc lacks it. */
static int map_font(struct pg_doc *doc, const struct pg_doc *part, int f)
{
    if (f < 0 || (size_t)f >= part->n_fonts)
        return f;
    struct pg_str p = part->fonts[f].path;
    for (size_t i = 0; i < doc->n_fonts; i++)
        if (doc->fonts[i].path.len == p.len &&
            !memcmp(pg_text(doc, doc->fonts[i].path), pg_text(part, p), p.len))
            return (int)i;
    struct pg_font nf = {pg_intern(doc, pg_text(part, p), p.len)};
    return (int)PG_PUSH(doc, fonts, nf);
}

int lay_splice(struct pg_doc *doc, const struct pg_doc *part, int p0, int p1)
{
    if (p0 < 0 || p1 < p0 || (size_t)p1 > doc->n_pages || part->n_pages != (size_t)(p1 - p0) ||
        !sorted(doc) || !sorted(part))
        return -1;
    int *fonts = xmalloc((part->n_fonts + 1) * sizeof *fonts);
    for (size_t i = 0; i < part->n_fonts; i++)
        fonts[i] = map_font(doc, part, (int)i);
#define STR(s) ((s) = pg_intern(doc, pg_text(part, (s)), (s).len))
#define FIX_RUN(x) ((x)->page += p0, STR((x)->text), (x)->font = (x)->font >= 0 &&            \
                    (size_t)(x)->font < part->n_fonts ? fonts[(x)->font] : (x)->font)
#define FIX_PAGE(x) ((x)->page += p0)
#define FIX_LINK(x) ((x)->page += p0, STR((x)->target))
#define FIX_DEST(x) ((x)->page += p0, STR((x)->id))
#define FIX_START(x) ((x)->page += p0, STR((x)->source_id))
    SPLICE(doc, part, runs, p0, p1, FIX_RUN);
    SPLICE(doc, part, rules, p0, p1, FIX_PAGE);
    SPLICE(doc, part, fills, p0, p1, FIX_PAGE);
    SPLICE(doc, part, links, p0, p1, FIX_LINK);
    SPLICE(doc, part, dests, p0, p1, FIX_DEST);
    SPLICE(doc, part, page_starts, p0, p1, FIX_START);
    for (size_t i = 0; i < part->n_pages; i++) {
        struct pg_page pg = part->pages[i];
        STR(pg.label);
        doc->pages[p0 + (int)i] = pg;
    }
#undef STR
#undef FIX_RUN
#undef FIX_PAGE
#undef FIX_LINK
#undef FIX_DEST
#undef FIX_START
    free(fonts);
    return 0;
}

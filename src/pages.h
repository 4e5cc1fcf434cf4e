/* pages.h — the laid-out document: what the typesetter (src/fo/) hands to the PDF writer
 * (src/pdf.c), and the page map the EPUB and TEI stages read. Plain arrays, indices not
 * pointers; every string lives in the text pool and is named by (offset, length).
 * Coordinates are PostScript points, origin at the page's bottom-left, y up (as PDF).
 * Owner: the typesetter creates it; pg_free releases everything. */
#ifndef FOLIO_PAGES_H
#define FOLIO_PAGES_H

#include <stddef.h>
#include <stdint.h>

struct pg_str {
    size_t off; /* into pg_doc.pool */
    size_t len;
};

/* A font face used on the pages: a TrueType file (metrics came from it; the PDF embeds it). */
struct pg_font {
    struct pg_str path;
};

/* A run of text drawn at one position with one font: usually a word or a part of one. */
struct pg_run {
    int page;
    double x, y; /* start of the baseline */
    int font;    /* index into fonts */
    double size; /* pt */
    uint32_t rgb;
    struct pg_str text; /* UTF-8 */
};

enum pg_rule_style { PG_RULE_SOLID, PG_RULE_DOTTED, PG_RULE_DASHED };

/* A straight line (rules, borders, underlines, leaders of style rule). */
struct pg_rule {
    int page;
    double x1, y1, x2, y2, width;
    uint32_t rgb;
    enum pg_rule_style style;
};

/* A filled rectangle (background-color). */
struct pg_fill {
    int page;
    double x, y, w, h;
    uint32_t rgb;
};

enum pg_link_kind { PG_LINK_INTERNAL, PG_LINK_URI };

/* A clickable rectangle: to a destination (an FO id) or a URI. */
struct pg_link {
    int page;
    double x1, y1, x2, y2;
    enum pg_link_kind kind;
    struct pg_str target; /* id for internal, URI for external */
};

/* Where an FO id landed: the target of links and bookmarks. */
struct pg_dest {
    struct pg_str id;
    int page;
    double x, y; /* top-left of the area */
};

/* One entry of fo:bookmark-tree, in document order; parent -1 at top level. */
struct pg_bookmark {
    struct pg_str title;
    struct pg_str dest; /* an id */
    int parent;
    int open; /* starting-state show */
};

enum pg_number_style { PG_NUM_DECIMAL, PG_NUM_LOWER_ROMAN, PG_NUM_UPPER_ROMAN,
                       PG_NUM_LOWER_ALPHA, PG_NUM_UPPER_ALPHA };

/* A page: its size and its printed label (the page number as formatted, e.g. "iv", "37"). */
struct pg_page {
    double width, height;
    struct pg_str label;
    enum pg_number_style style; /* of the page number of its page-sequence */
    int number;                 /* the page number (before formatting) */
    int sequence;               /* index of its fo:page-sequence, from 0 */
};

/* Page map entry: where a printed page begins in the source (issue 6: one pagination).
 * source_id is the id of the innermost FO block with an id (the stylesheet copies TEI xml:ids
 * onto blocks) in which the first character of the page's flow content stands. offset counts
 * Unicode code points of that block's text up to that character, where "the block's text" is
 * all its descendant text EXCEPT the content of fo:footnote (reference mark and body), with
 * every run of XML white space collapsed to one space and leading white space dropped (so the
 * TEI side can count the same way over the element's text without its notes).
 * Pages whose flow content starts outside any id'd block get no entry. */
struct pg_page_start {
    int page;
    struct pg_str source_id;
    size_t offset;
};

#define PG_ARRAY(type, name) \
    type *name;              \
    size_t n_##name, cap_##name

struct pg_doc {
    char *pool;
    size_t pool_len, pool_cap;
    PG_ARRAY(struct pg_font, fonts);
    PG_ARRAY(struct pg_page, pages);
    PG_ARRAY(struct pg_run, runs);   /* sorted by page */
    PG_ARRAY(struct pg_rule, rules); /* sorted by page */
    PG_ARRAY(struct pg_fill, fills); /* sorted by page */
    PG_ARRAY(struct pg_link, links); /* sorted by page */
    PG_ARRAY(struct pg_dest, dests);
    PG_ARRAY(struct pg_bookmark, bookmarks);
    PG_ARRAY(struct pg_page_start, page_starts);
    struct pg_str language; /* of the root, e.g. "en" */
};

/* A new, empty document; free with pg_free. */
struct pg_doc *pg_new(void);
void pg_free(struct pg_doc *doc);
/* Copies n bytes into the pool; returns their place. */
struct pg_str pg_intern(struct pg_doc *doc, const char *s, size_t n);
/* The pool bytes of s (not NUL-terminated). */
const char *pg_text(const struct pg_doc *doc, struct pg_str s);
/* Appends one element to an array of doc; returns its index. Use: PG_PUSH(doc, runs, run). */
#define PG_PUSH(doc, name, value)                                                               \
    (pg_reserve((void **)&(doc)->name, &(doc)->cap_##name, (doc)->n_##name + 1,                \
                sizeof *(doc)->name),                                                           \
     (doc)->name[(doc)->n_##name] = (value), (doc)->n_##name++)
void pg_reserve(void **array, size_t *cap, size_t need, size_t elem_size);
/* Writes a readable text dump of the pages (fonts, runs, rules, links, dests, page map) to b,
 * for golden tests and `folio fo --dump=pages`. */
struct buf;
void pg_dump(const struct pg_doc *doc, struct buf *b);

#endif

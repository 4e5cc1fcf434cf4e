/* layout.h — internals shared by the typesetter's layout files: the galley (a vertical list of
 * boxes, glue and penalties, Knuth & Plass 1981 §"vertical lists", TeXbook ch. 15) that the
 * block handlers (layout.c) and the paragraph builder (inline.c) fill, and the page builder
 * (page.c) cuts into pages. All arrays hold indices, never pointers. Not a public header. */
#ifndef FOLIO_FO_LAYOUT_H
#define FOLIO_FO_LAYOUT_H

#include <libxml/hash.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "fo/props.h"
#include "fo/tree.h"
#include "pages.h"

#define LAY_INF 10000 /* a penalty of LAY_INF forbids the break, -LAY_INF forces it */

enum lay_kind { LAY_BOX, LAY_GLUE, LAY_PENALTY };
enum lay_op_kind { LAY_OP_TEXT, LAY_OP_RULE, LAY_OP_LINK, LAY_OP_PAGENUM };

/* Something drawn inside a box: x from the region's left edge, y down from the box's top. */
struct lay_op {
    uint8_t kind, style; /* style: rule style, or link kind (pg_link_kind) */
    int16_t font;
    float x, y, x2, y2;  /* text: baseline start; rule: ends; link: rectangle */
    float size, width;   /* text size; rule width */
    uint32_t rgb;
    uint32_t text, len;  /* into lay.text (text, link target) */
};

struct lay_item {
    int kind;
    double h;               /* box height, glue natural size */
    double stretch, shrink; /* glue */
    int penalty;            /* penalty items */
    int brk;                /* forced break: enum fo_break */
    int retain;             /* glue kept at a page top (conditionality retain) */
    int ops, n_ops;         /* into lay.ops */
    int notes, n_notes;     /* into lay.noterefs */
    int dest, mark;         /* heads of lists in lay.dests / lay.marks, -1 if none */
    int table;              /* into lay.tables when inside a table with a header, else -1 */
    int src_block;          /* innermost id'd block of its first character, or -1 */
    long src_g;             /* that character's index in the collapsed text stream */
};

/* A rectangle decorated across a run of boxes: borders and background of a block or cell,
 * drawn per page over the part of the run that lands on it (XSL-FO 1.1 §4.2.2). */
struct lay_span {
    int first, last; /* item indices in its galley */
    double x1, x2;   /* border-box left and right, from the region's left edge */
    double bw[4];
    int bs[4];
    uint32_t bc[4], bg;
};

struct lay_dest {
    const char *id;
    double x;
    int next;
    int last; /* marks the last box of the block with this id (page-number-citation-last) */
};

struct lay_mark {
    const char *cls;
    int node; /* the fo:marker */
    int next;
    int item; /* set when sorted into classes */
};

/* A footnote body laid out as its own galley (items in lay.note_items). */
struct lay_note {
    int first, n;
    double h;
};

/* A table whose header is repeated after page breaks inside it. */
struct lay_table {
    int head_first, head_n; /* into lay.head_items */
    double head_h;
};

struct lay_block_open {
    int keep_together, has_box;
};

/* A vertical list under construction. */
struct galley {
    struct lay_item *items;
    size_t n, cap;
    struct lay_span *spans;
    size_t n_spans, cap_spans;
    struct fo_space space; /* pending space (resolved as the greatest, XSL-FO 1.1 §4.3.1) */
    int have_space;
    int keep;              /* keep strength for the next break (keep-with-next/previous) */
    int brk;               /* pending forced break */
    int dest, mark;        /* pending for the next box */
    int table;             /* table context for new boxes */
    int src_block;         /* innermost id'd block open, for new boxes */
    struct lay_block_open open[FO_MAX_DEPTH + 16];
    int depth;
};

/* Where a block's content goes: x of the reference area's left edge, its width. */
struct lay_area {
    double x, width;
    struct fo_context cx;
};

struct lay {
    struct fo_tree *t;
    struct diag *d;
    struct pg_doc *doc;
    struct lay_env *env;     /* fonts and hyphenation (measure.c) */
    struct buf text;         /* strings of ops */
    struct lay_op *ops;
    size_t n_ops, cap_ops;
    int *noterefs;
    size_t n_noterefs, cap_noterefs;
    struct lay_note *notes;
    size_t n_notes, cap_notes;
    struct lay_item *note_items;
    size_t n_note_items, cap_note_items;
    struct lay_dest *dests;
    size_t n_dests, cap_dests;
    struct lay_mark *marks;
    size_t n_marks, cap_marks;
    struct lay_table *tables;
    size_t n_tables, cap_tables;
    struct lay_item *head_items;
    size_t n_head_items, cap_head_items;
    /* page-number-citation: id → label of the previous pass (strings owned by the hash) */
    xmlHashTablePtr cites;
    xmlHashTablePtr cites_last; /* id → label of the page of its last area, previous pass */
    xmlHashTablePtr ends;       /* the same, filled by this pass (strings owned by the hash) */
    const char **cited_last;    /* page-number-citation-last ref-ids looked up in this pass */
    size_t n_cited_last, cap_cited_last;
    int cites_missing, cites_changed;
    /* the page map's collapsed text stream (pages.h pg_page_start) */
    long g;
    int g_space;      /* last character emitted was a space (or none yet) */
    long *g_first;    /* per node: g of its first character, -1 before it */
    int *g_pending;   /* id'd blocks open and still waiting for their first character */
    int n_g_pending;
    int in_static;    /* laying out static content: no page map, page numbers known */
    int in_note;      /* laying out a footnote body: not part of the page map's text */
    const char **cited;  /* page-number-citation ref-ids looked up in this pass */
    size_t n_cited, cap_cited;
    const char *page_label; /* the current page's label, in static content */
    int cell_depth;   /* tables and lists nested (row layout recursion) */
    int marker_depth; /* retrieve-marker inside retrieved markers (bounded) */
    struct lay_pages *pages; /* page.c's state while a page-sequence is cut into pages */
    struct lay_breaks *breaks; /* per paragraph (by first node): breaks of the last pass */
    int next_number;         /* page number for an auto initial-page-number */
    double flow_width;       /* width of the current flow's body region (footnotes) */
    struct lay_scratch *scratch; /* inline.c: a paragraph's buffers per nesting level, reused */
    struct lay_words *words;     /* inline.c: words already set, with their pieces */
    int para_depth;              /* paragraphs open (a footnote body's inside its reference's) */
    int page_base;               /* pages before doc's first one (a sequence laid out alone) */
};

#define LAY_PUSH(arr, n, cap, value)                                                          \
    (pg_reserve((void **)&(arr), &(cap), (n) + 1, sizeof *(arr)), (arr)[(n)] = (value), (n)++)

/* layout.c: block-level handlers */
void lay_galley_init(struct galley *g);
void lay_galley_free(struct galley *g);
/* Lays out the children of node (a flow, cell, marker…) as blocks into g. */
void lay_children(struct lay *L, struct galley *g, int node, const struct fo_style *st,
                  const struct lay_area *a);
/* Appends a box to g with the break before it (penalty from keeps, plus extra). */
int lay_push_box(struct lay *L, struct galley *g, struct lay_item box, int extra_penalty);
/* Appends op to lay.ops; returns its index. */
int lay_op(struct lay *L, struct lay_op op);
size_t lay_text(struct lay *L, const char *s, size_t n);
/* An inline-level node (text, inline, link, leader...) rather than a block. */
int lay_is_inline(const struct fo_tree *t, int node);
/* Counts one code point of flow text into the page map's collapsed stream (pages.h
 * pg_page_start); returns its index there, or -1 for white space that collapses away. */
long lay_stream_char(struct lay *L, uint32_t cp);
/* Counts a run of count >= 1 code points none of which is white space, as count calls of
 * lay_stream_char would; returns the index of the first, or -1 outside the flow. */
long lay_stream_word(struct lay *L, size_t count);
/* Opens / closes an id'd block for the page map. */
void lay_stream_open(struct lay *L, int node);
void lay_stream_close(struct lay *L, int node);

/* inline.c: one paragraph (the inline children first..last of a block) into line boxes */
/* Frees L->scratch and L->words (at the end of a pass). */
void lay_scratch_free(struct lay *L);
void lay_paragraph(struct lay *L, struct galley *g, int block, const struct fo_style *st,
                   int first, int last, const struct lay_area *a);

/* measure.c: fonts, hyphenation and the line breaker behind one small interface */
struct fo_options;
/* Loads the font map and hyphenation patterns; NULL after reporting to d. */
struct lay_env *lay_env_open(const struct fo_options *opt, struct diag *d);
void lay_env_close(struct lay_env *env);
/* The faces of the environment's font map (owned by env), for passes over the laid-out pages. */
const struct font_set *lay_env_fonts(const struct lay_env *env);
/* Starts a pass over a new pg_doc: fonts are registered in it as they are used. */
void lay_env_begin(struct lay_env *env);
struct lay_lb_item {
    int kind; /* enum lay_kind */
    double w, stretch, shrink;
    int penalty, flagged;
    int discretionary; /* a hyphenation point (not an explicit hyphen) */
    int emergency;     /* a last-resort break inside a word (linebreak.h lb_item.emergency) */
};
/* The pg_doc font index for a style's family, weight and style (loaded on first use). */
int lay_font(struct lay *L, const struct fo_style *st);
double lay_width(struct lay *L, int font, double size, const char *s, size_t n);
/* The pg_doc.fonts index of a font from lay_font. */
int lay_font_doc_index(struct lay *L, int font);
/* Ascent and descent (positive, below the baseline) in points. */
void lay_extents(struct lay *L, int font, double size, double *ascent, double *descent);
/* Byte offsets inside word where it may be hyphenated in language lang; returns the count. */
int lay_hyphenate(struct lay *L, const char *lang, const char *word, size_t n, size_t *pos,
                  int max);
/* Total-fit line breaking (Knuth & Plass 1981) of items (linebreak.h's, made from the
 * paragraph's lay_lb_items) for lines of width, and last_width for a line that ends at a
 * forced break or the paragraph's end (XSL-FO 1.1 §7.16.3 last-line-end-indent); writes the
 * index of the item ending each line into breaks and its adjustment ratio into ratios (both
 * sized n + 1); returns the number of lines. */
struct lb_item;
size_t lay_break_lines(struct lay *L, const struct lb_item *items, size_t n, double width,
                       double last_width, int justify, size_t *breaks, double *ratios);
/* Line breaks remembered between passes for paragraphs without citations: a later pass
 * builds the same items and need not break them again. */
struct lay_breaks_entry {
    size_t n_items, n_lines;
    double measure, last_measure;
    size_t *breaks;
    double *ratios;
};
struct lay_breaks {
    struct lay_breaks_entry *e; /* indexed by the paragraph's first node */
    size_t n;
};

/* Frees a label held by L->ends or L->cites (an xmlHashDeallocator). */
void lay_free_label(void *payload, const xmlChar *name);
/* The label of the page an id lands on in the previous pass, for page-number-citation. */
const char *lay_cite(struct lay *L, const char *id);
/* The label of the page of the last area of the block with that id in the previous pass, for
 * page-number-citation-last (XSL-FO 1.1 §6.6.12); the first area's for other ids. */
const char *lay_cite_last(struct lay *L, const char *id);

/* splice.c: replaces pages p0..p1-1 of doc (and everything drawn on them) by the pages of
 * part, which holds exactly p1 - p0 pages laid out as if they started at p0; strings and
 * fonts are copied into doc. Returns 0, or -1 (doc untouched) when the shapes differ. */
int lay_splice(struct pg_doc *doc, const struct pg_doc *part, int p0, int p1);

/* page.c: cuts a page-sequence's galley into pages */
void lay_page_sequence(struct lay *L, int seq_node, const struct fo_style *root_style,
                       int seq_index);
/* Cuts pages off the flow's galley g while it is being filled (no-op for other galleys). */
void lay_stream_pages(struct lay *L, struct galley *g);
/* The fo:marker that an fo:retrieve-marker of class cls gets on the current page, or -1
 * (retrieve-position and retrieve-boundary as given, NULL for the initial values). */
int lay_find_marker(struct lay *L, const char *cls, const char *position, const char *boundary);

#endif

/* layout.c — the layout driver: one walk over the FO tree's block-level objects, a handler per
 * element (block, block-container, list, table, wrapper, marker), filling a galley of boxes,
 * glue and penalties that page.c cuts into pages. Paragraphs are handed to inline.c.
 * Recursion follows the FO tree, whose depth tree.c caps at FO_MAX_DEPTH. */
#include "fo/layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void lay_galley_init(struct galley *g)
{
    memset(g, 0, sizeof *g);
    g->dest = g->mark = -1;
    g->table = -1;
    g->src_block = -1;
}

void lay_galley_free(struct galley *g)
{
    free(g->items);
    free(g->spans);
    g->items = NULL;
    g->spans = NULL;
}

int lay_op(struct lay *L, struct lay_op op)
{
    return (int)LAY_PUSH(L->ops, L->n_ops, L->cap_ops, op);
}

size_t lay_text(struct lay *L, const char *s, size_t n)
{
    size_t off = L->text.len;
    buf_put(&L->text, s, n);
    return off;
}

/* ---- the page map's text stream (pages.h: collapsed white space, notes excluded) ---- */

long lay_stream_char(struct lay *L, uint32_t cp)
{
    if (L->in_static || L->in_note)
        return -1;
    int space = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
    if (space) {
        if (L->g_space)
            return -1;
        L->g_space = 1;
        return L->g++;
    }
    for (int i = 0; i < L->n_g_pending; i++)
        L->g_first[L->g_pending[i]] = L->g;
    L->n_g_pending = 0;
    L->g_space = 0;
    return L->g++;
}

long lay_stream_word(struct lay *L, size_t count)
{
    long first = lay_stream_char(L, 'x');
    if (first >= 0)
        L->g += (long)count - 1;
    return first;
}

/* A block with an id starts: its own text begins after the stream's current white space. */
void lay_stream_open(struct lay *L, int node)
{
    if (L->in_static || L->in_note)
        return;
    L->g_space = 1; /* leading white space of the block is dropped */
    if (L->g_first[node] < 0 && L->n_g_pending < FO_MAX_DEPTH + 8)
        L->g_pending[L->n_g_pending++] = node;
}

void lay_stream_close(struct lay *L, int node)
{
    for (int i = 0; i < L->n_g_pending; i++)
        if (L->g_pending[i] == node) {
            L->g_pending[i] = L->g_pending[--L->n_g_pending];
            break;
        }
}

/* ---- breaks and boxes ---- */

/* keep strength → penalty: "always" forbids, integers are strong preferences (XSL-FO 1.1
 * §4.8 keeps as conditions of varying strength). */
static int keep_penalty(int keep)
{
    if (keep >= FO_KEEP_ALWAYS)
        return LAY_INF;
    return keep > 0 ? (keep * 1000 > LAY_INF - 1 ? LAY_INF - 1 : keep * 1000) : 0;
}

static int boxed_depth(const struct galley *g)
{
    int d = 0;
    for (int i = g->depth - 1; i >= 0; i--)
        if (g->open[i].has_box) {
            d = i + 1;
            break;
        }
    return d;
}

/* The break before a new box: a penalty from the keeps in force, then the pending space as
 * glue (discarded at a page top unless retained, XSL-FO 1.1 §4.3.1). */
static void flush_break(struct galley *g, int extra)
{
    if (g->n > 0 || g->brk) {
        int keep = g->keep;
        int bd = boxed_depth(g);
        for (int i = 0; i < bd; i++)
            if (g->open[i].keep_together > keep)
                keep = g->open[i].keep_together;
        int pen = keep_penalty(keep);
        if (extra > pen)
            pen = extra;
        struct lay_item p = {0};
        p.kind = LAY_PENALTY;
        p.penalty = g->brk ? -LAY_INF : pen;
        p.brk = g->brk;
        p.dest = p.mark = -1;
        p.table = g->table;
        p.src_block = -1;
        LAY_PUSH(g->items, g->n, g->cap, p);
    }
    if (g->have_space) {
        struct lay_item s = {0};
        s.kind = LAY_GLUE;
        s.h = g->space.opt;
        s.stretch = g->space.max > g->space.opt ? g->space.max - g->space.opt : 0;
        s.shrink = g->space.opt > g->space.min ? g->space.opt - g->space.min : 0;
        s.retain = g->space.retain;
        s.dest = s.mark = -1;
        s.table = g->table;
        s.src_block = -1;
        LAY_PUSH(g->items, g->n, g->cap, s);
    }
    g->keep = 0;
    g->brk = 0;
    g->have_space = 0;
    for (int i = 0; i < g->depth; i++)
        g->open[i].has_box = 1;
}

int lay_push_box(struct lay *L, struct galley *g, struct lay_item box, int extra_penalty)
{
    (void)L;
    flush_break(g, extra_penalty);
    box.kind = LAY_BOX;
    box.table = g->table;
    if (g->dest >= 0) {
        int d = g->dest;
        while (L->dests[d].next >= 0)
            d = L->dests[d].next;
        L->dests[d].next = box.dest;
        box.dest = g->dest;
        g->dest = -1;
    }
    if (g->mark >= 0) {
        int m = g->mark;
        while (L->marks[m].next >= 0)
            m = L->marks[m].next;
        L->marks[m].next = box.mark;
        box.mark = g->mark;
        g->mark = -1;
    }
    return (int)LAY_PUSH(g->items, g->n, g->cap, box);
}

static void add_space(struct galley *g, struct fo_space sp)
{
    if (!g->have_space || sp.opt > g->space.opt)
        g->space = sp;
    g->have_space = 1;
}

static void add_dest(struct lay *L, struct galley *g, const char *id, double x)
{
    if (L->in_static) /* repeated on every page: not a destination */
        return;
    struct lay_dest d = {id, x, g->dest, 0};
    g->dest = (int)LAY_PUSH(L->dests, L->n_dests, L->cap_dests, d);
}

/* Marks the last box of g as the end of the block with id (its page is what
 * page-number-citation-last cites); nothing when the block made no box here. */
static void add_end(struct lay *L, struct galley *g, const char *id)
{
    if (L->in_static)
        return;
    for (size_t k = g->n; k-- > 0;) {
        if (g->items[k].kind != LAY_BOX)
            continue;
        struct lay_dest d = {id, 0, g->items[k].dest, 1};
        g->items[k].dest = (int)LAY_PUSH(L->dests, L->n_dests, L->cap_dests, d);
        return;
    }
}

static void add_mark(struct lay *L, struct galley *g, int node, const struct fo_style *parent)
{
    struct fo_style st;
    fo_tree_style(L->t, node, parent, NULL, &st);
    if (!st.marker_class_name || L->in_static)
        return;
    struct lay_mark m = {st.marker_class_name, node, g->mark, -1};
    g->mark = (int)LAY_PUSH(L->marks, L->n_marks, L->cap_marks, m);
}

int lay_is_inline(const struct fo_tree *t, int node)
{
    switch (t->nodes[node].type) {
    case FO_E_TEXT: case FO_E_INLINE: case FO_E_BASIC_LINK: case FO_E_PAGE_NUMBER:
    case FO_E_PAGE_NUMBER_CITATION: case FO_E_PAGE_NUMBER_CITATION_LAST: case FO_E_LEADER:
    case FO_E_CHARACTER: case FO_E_FOOTNOTE:
        return 1;
    case FO_E_WRAPPER: case FO_E_OTHER:
        for (int c = t->nodes[node].first; c >= 0; c = t->nodes[c].next)
            if (!lay_is_inline(t, c) && t->nodes[c].type != FO_E_MARKER)
                return 0;
        return 1;
    default:
        return 0;
    }
}

static int has_decoration(const struct fo_style *st)
{
    return st->background != FO_NO_COLOR || st->border_width[0] > 0 ||
           st->border_width[1] > 0 || st->border_width[2] > 0 || st->border_width[3] > 0;
}

/* An empty box of height h (top or bottom border and padding). */
static int push_strut(struct lay *L, struct galley *g, double h)
{
    struct lay_item b = {0};
    b.h = h;
    b.dest = b.mark = -1;
    b.src_block = -1;
    return lay_push_box(L, g, b, 0);
}

static void add_span(struct galley *g, int first, const struct fo_style *st, double x1,
                     double x2)
{
    if (first < 0 || (size_t)first >= g->n)
        return;
    struct lay_span s = {0};
    s.first = first;
    s.last = (int)g->n - 1;
    s.x1 = x1;
    s.x2 = x2;
    for (int i = 0; i < 4; i++) {
        s.bw[i] = st->border_width[i];
        s.bs[i] = st->border_style[i];
        s.bc[i] = st->border_color[i];
    }
    s.bg = st->background;
    LAY_PUSH(g->spans, g->n_spans, g->cap_spans, s);
}

/* State a block keeps between its start and end. */
struct block_frame {
    int prev_src, first_item, decorated;
};

/* Start of a block-level area: breaks, keeps, space-before, id, borders (XSL-FO 1.1 §6.5.2,
 * §7.20 keeps and breaks, §7.10 spaces). */
static void block_open(struct lay *L, struct galley *g, int node, const struct fo_style *st,
                       const struct lay_area *a, struct block_frame *f)
{
    if (st->break_before)
        g->brk = st->break_before;
    if (st->keep_with_previous > g->keep)
        g->keep = st->keep_with_previous;
    add_space(g, st->space_before);
    if (st->id)
        add_dest(L, g, st->id, a->x + st->start_indent);
    f->prev_src = g->src_block;
    if (st->id && !L->in_static && !L->in_note) {
        g->src_block = node;
        lay_stream_open(L, node);
    }
    if (g->depth < (int)(sizeof g->open / sizeof *g->open)) {
        g->open[g->depth].keep_together = st->keep_together;
        g->open[g->depth].has_box = 0;
        g->depth++;
    }
    f->decorated = has_decoration(st);
    double top = st->border_width[FO_TOP] + st->padding[FO_TOP];
    f->first_item = top > 0 ? push_strut(L, g, top) : (int)g->n;
    if (top > 0) /* the top border stays with the first line */
        g->keep = FO_KEEP_ALWAYS;
}

static void block_close(struct lay *L, struct galley *g, int node, const struct fo_style *st,
                        const struct lay_area *a, struct block_frame *f)
{
    double bottom = st->border_width[FO_BOTTOM] + st->padding[FO_BOTTOM];
    if (bottom > 0) { /* the bottom border stays with the last line */
        struct lay_item b = {0};
        b.h = bottom;
        b.dest = b.mark = -1;
        b.src_block = -1;
        lay_push_box(L, g, b, LAY_INF);
    }
    if (f->decorated) {
        if (f->first_item < (int)g->n && g->items[f->first_item].kind != LAY_BOX) {
            while (f->first_item < (int)g->n && g->items[f->first_item].kind != LAY_BOX)
                f->first_item++;
        }
        double x1 = a->x + st->start_indent - st->padding[FO_LEFT] - st->border_width[FO_LEFT];
        double x2 = a->x + a->width - st->end_indent + st->padding[FO_RIGHT] +
                    st->border_width[FO_RIGHT];
        add_span(g, f->first_item, st, x1, x2);
    }
    if (g->depth > 0)
        g->depth--;
    if (st->id) {
        add_end(L, g, st->id);
        lay_stream_close(L, node);
    }
    g->src_block = f->prev_src;
    add_space(g, st->space_after);
    if (st->keep_with_next > g->keep)
        g->keep = st->keep_with_next;
    if (st->break_after)
        g->brk = st->break_after;
}

static void lay_node(struct lay *L, struct galley *g, int node, const struct fo_style *parent,
                     const struct lay_area *a);

/* The children of a block: runs of inline content become paragraphs (anonymous line areas,
 * XSL-FO 1.1 §4.7.2), block-level children are laid out in turn. */
static void block_content(struct lay *L, struct galley *g, int node, const struct fo_style *st,
                          const struct lay_area *a)
{
    const struct fo_tree *t = L->t;
    struct fo_style pst = *st;
    int c = t->nodes[node].first;
    while (c >= 0) {
        if (lay_is_inline(t, c)) {
            int first = c, last = c;
            while (t->nodes[last].next >= 0 && (lay_is_inline(t, t->nodes[last].next) ||
                                                t->nodes[t->nodes[last].next].type == FO_E_MARKER))
                last = t->nodes[last].next;
            for (int m = first;; m = t->nodes[m].next) {
                if (t->nodes[m].type == FO_E_MARKER)
                    add_mark(L, g, m, st);
                if (m == last)
                    break;
            }
            lay_paragraph(L, g, node, &pst, first, last, a);
            pst.text_indent = 0;
            c = t->nodes[last].next;
        } else {
            lay_node(L, g, c, st, a);
            c = t->nodes[c].next;
        }
        lay_stream_pages(L, g);
    }
}

void lay_children(struct lay *L, struct galley *g, int node, const struct fo_style *st,
                  const struct lay_area *a)
{
    block_content(L, g, node, st, a);
}

static void lay_block(struct lay *L, struct galley *g, int node, const struct fo_style *parent,
                      const struct lay_area *a)
{
    struct fo_style st;
    fo_tree_style(L->t, node, parent, &a->cx, &st);
    struct block_frame f;
    block_open(L, g, node, &st, a, &f);
    block_content(L, g, node, &st, a);
    block_close(L, g, node, &st, a, &f);
}

/* fo:block-container: a new reference area (XSL-FO 1.1 §6.5.3); its children's indents are
 * measured from it. */
static void lay_block_container(struct lay *L, struct galley *g, int node,
                                const struct fo_style *parent, const struct lay_area *a)
{
    struct fo_style st;
    fo_tree_style(L->t, node, parent, &a->cx, &st);
    struct block_frame f;
    block_open(L, g, node, &st, a, &f);
    struct lay_area inner = *a;
    inner.x = a->x + st.start_indent;
    inner.width = st.width > FO_AUTO / 2 ? st.width : a->width - st.start_indent - st.end_indent;
    if (inner.width < 1)
        inner.width = 1;
    inner.cx.ref_width = inner.width;
    struct fo_style cst = st;
    cst.start_indent = cst.end_indent = 0;
    block_content(L, g, node, &cst, &inner);
    block_close(L, g, node, &st, a, &f);
}

/* ---- rows: table rows and list items, laid out cell by cell and cut into slices ---- */

struct cell_in {
    int node;
    struct lay_area area;    /* where its content goes */
    struct fo_style style;   /* its computed style (parent of its children) */
    double x1, x2;           /* border box, for decoration */
    double pad_top, pad_bottom;
    int decorate;
};

struct cell_box {
    int item;      /* in the cell's galley */
    double top;    /* in row coordinates */
    int breakable; /* a page may break after it */
};

struct cell_out {
    struct galley g;
    struct cell_box *boxes;
    size_t n;
    double height;
};

static void measure_cell(struct cell_out *c, double pad_top)
{
    double y = pad_top;
    int pending_ok = 0;
    c->boxes = xmalloc((c->g.n + 1) * sizeof *c->boxes);
    c->n = 0;
    for (size_t i = 0; i < c->g.n; i++) {
        const struct lay_item *it = &c->g.items[i];
        if (it->kind == LAY_GLUE) {
            if (c->n > 0)
                y += it->h;
        } else if (it->kind == LAY_PENALTY) {
            if (it->penalty < LAY_INF && c->n > 0)
                pending_ok = 1;
        } else {
            if (c->n > 0)
                c->boxes[c->n - 1].breakable = pending_ok;
            c->boxes[c->n++] = (struct cell_box){(int)i, y, 0};
            y += it->h;
            pending_ok = 0;
        }
    }
    c->height = y;
}

/* May every cell be cut at row height y? A cell is cut between two of its boxes where its
 * galley allows a break, or after its last box. */
static int row_breakable_at(struct cell_out *cells, int n, double y, size_t *pos)
{
    for (int k = 0; k < n; k++) {
        struct cell_out *c = &cells[k];
        while (pos[k] < c->n &&
               c->boxes[pos[k]].top + c->g.items[c->boxes[pos[k]].item].h <= y + 1e-6)
            pos[k]++;
        if (pos[k] == 0 || pos[k] >= c->n)
            continue; /* not started (impossible) or finished */
        if (c->boxes[pos[k]].top < y - 1e-6)
            return 0; /* y cuts through a box */
        if (!c->boxes[pos[k] - 1].breakable)
            return 0;
    }
    return 1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Copies the ops, notes, dests and marks of cell box it into slice s, moved down by dy. */
static void slice_take(struct lay *L, struct lay_item *s, const struct lay_item *it, double dy,
                       int *first)
{
    for (int o = 0; o < it->n_ops; o++) {
        struct lay_op op = L->ops[it->ops + o];
        op.y += dy;
        op.y2 += dy;
        int k = lay_op(L, op);
        if (s->n_ops == 0)
            s->ops = k;
        s->n_ops++;
    }
    for (int r = 0; r < it->n_notes; r++) {
        int k = (int)LAY_PUSH(L->noterefs, L->n_noterefs, L->cap_noterefs,
                              L->noterefs[it->notes + r]);
        if (s->n_notes == 0)
            s->notes = k;
        s->n_notes++;
    }
    for (int d = it->dest; d >= 0; d = L->dests[d].next) {
        struct lay_dest x = L->dests[d];
        x.next = s->dest;
        s->dest = (int)LAY_PUSH(L->dests, L->n_dests, L->cap_dests, x);
    }
    for (int m = it->mark; m >= 0; m = L->marks[m].next) {
        struct lay_mark x = L->marks[m];
        x.next = s->mark;
        s->mark = (int)LAY_PUSH(L->marks, L->n_marks, L->cap_marks, x);
    }
    if (*first && it->src_block >= 0) {
        s->src_block = it->src_block;
        s->src_g = it->src_g;
        *first = 0;
    }
}

/* display-align center (1) or after (2) on a cell: its content moves down by all or half of
 * the room the row leaves under it (XSL-FO 1.1 §7.14.4), e.g. a contents entry's page number
 * on the entry's last line. */
static void align_cell(struct cell_out *c, int align, double room)
{
    if (align == 0 || room <= 1e-6)
        return;
    double dy = align == 2 ? room : room / 2;
    for (size_t b = 0; b < c->n; b++)
        c->boxes[b].top += dy;
    c->height += dy;
}

/* Cuts a row into slices at heights where every cell may break (XSL-FO 1.1 §6.7.9: rows may
 * break across pages), pushes them to g, and decorates the cells across them. */
static void push_row(struct lay *L, struct galley *g, struct cell_in *in, struct cell_out *out,
                     int n, double min_height)
{
    double row_h = min_height;
    size_t total = 0;
    for (int k = 0; k < n; k++) {
        measure_cell(&out[k], in[k].pad_top);
        double h = out[k].height + in[k].pad_bottom;
        if (h > row_h)
            row_h = h;
        total += out[k].n;
    }
    for (int k = 0; k < n; k++)
        align_cell(&out[k], in[k].style.display_align, row_h - out[k].height - in[k].pad_bottom);
    double *ys = xmalloc((total + 2) * sizeof *ys);
    size_t ny = 0;
    for (int k = 0; k < n; k++)
        for (size_t b = 0; b + 1 < out[k].n; b++)
            if (out[k].boxes[b].breakable)
                ys[ny++] = out[k].boxes[b].top + out[k].g.items[out[k].boxes[b].item].h;
    qsort(ys, ny, sizeof *ys, cmp_double);
    size_t *pos = xcalloc((size_t)n + 1, sizeof *pos);
    size_t *take = xcalloc((size_t)n + 1, sizeof *take);
    double y0 = 0;
    int first_slice = -1;
    for (size_t i = 0; i <= ny; i++) {
        double y1 = i < ny ? ys[i] : row_h;
        if (i < ny && (y1 <= y0 + 1e-6 || !row_breakable_at(out, n, y1, pos)))
            continue;
        struct lay_item s = {0};
        s.h = y1 - y0;
        s.dest = s.mark = -1;
        s.src_block = -1;
        int first = 1;
        for (int k = 0; k < n; k++)
            for (; take[k] < out[k].n && out[k].boxes[take[k]].top < y1 - 1e-6; take[k]++) {
                const struct cell_box *cb = &out[k].boxes[take[k]];
                slice_take(L, &s, &out[k].g.items[cb->item], cb->top - y0, &first);
            }
        int idx = lay_push_box(L, g, s, 0);
        if (first_slice < 0)
            first_slice = idx;
        y0 = y1;
    }
    for (int k = 0; k < n; k++)
        if (in[k].decorate)
            add_span(g, first_slice, &in[k].style, in[k].x1, in[k].x2);
    free(ys);
    free(pos);
    free(take);
}

static void lay_cells(struct lay *L, struct galley *g, struct cell_in *in, int n,
                      double min_height)
{
    struct cell_out *out = xcalloc((size_t)n + 1, sizeof *out);
    L->cell_depth++;
    for (int k = 0; k < n; k++) {
        lay_galley_init(&out[k].g);
        out[k].g.src_block = g->src_block;
        block_content(L, &out[k].g, in[k].node, &in[k].style, &in[k].area);
        if (out[k].g.dest >= 0 || out[k].g.mark >= 0) /* ids or markers in an empty cell */
            push_strut(L, &out[k].g, 0);
    }
    L->cell_depth--;
    push_row(L, g, in, out, n, min_height);
    for (int k = 0; k < n; k++) {
        lay_galley_free(&out[k].g);
        free(out[k].boxes);
    }
    free(out);
}

/* fo:list-item: label and body side by side, each with the indents the stylesheet gives
 * (body-start(), label-end(), XSL-FO 1.1 §6.8). */
static void lay_list_item(struct lay *L, struct galley *g, int node,
                          const struct fo_style *parent, const struct lay_area *a)
{
    struct fo_style st;
    fo_tree_style(L->t, node, parent, &a->cx, &st);
    struct block_frame f;
    block_open(L, g, node, &st, a, &f);
    struct cell_in in[2];
    int n = 0, others = 0;
    for (int c = L->t->nodes[node].first; c >= 0; c = L->t->nodes[c].next) {
        int type = L->t->nodes[c].type;
        if (type == FO_E_MARKER) {
            add_mark(L, g, c, &st);
            continue;
        }
        if ((type != FO_E_LIST_ITEM_LABEL && type != FO_E_LIST_ITEM_BODY) || n == 2) {
            others = 1; /* out of place (or flattened by the depth cap): laid out below */
            continue;
        }
        memset(&in[n], 0, sizeof in[n]);
        in[n].node = c;
        in[n].area = *a;
        fo_tree_style(L->t, c, &st, &a->cx, &in[n].style);
        if (in[n].style.id)
            add_dest(L, g, in[n].style.id, a->x + in[n].style.start_indent);
        n++;
    }
    if (L->cell_depth > 40) { /* too deep for rows: stack label over body */
        for (int k = 0; k < n; k++)
            block_content(L, g, in[k].node, &in[k].style, a);
    } else {
        lay_cells(L, g, in, n, 0);
    }
    for (int c = L->t->nodes[node].first; others && c >= 0; c = L->t->nodes[c].next) {
        int type = L->t->nodes[c].type;
        if (type != FO_E_LIST_ITEM_LABEL && type != FO_E_LIST_ITEM_BODY && type != FO_E_MARKER)
            lay_node(L, g, c, &st, a);
    }
    block_close(L, g, node, &st, a, &f);
}

static void lay_list_block(struct lay *L, struct galley *g, int node,
                           const struct fo_style *parent, const struct lay_area *a)
{
    struct fo_style st;
    fo_tree_style(L->t, node, parent, &a->cx, &st);
    struct block_frame f;
    block_open(L, g, node, &st, a, &f);
    struct lay_area inner = *a;
    inner.cx.list_start = st.start_indent;
    inner.cx.list_pdbs = st.pdbs;
    inner.cx.list_pls = st.pls;
    inner.cx.in_list = 1;
    for (int c = L->t->nodes[node].first; c >= 0; c = L->t->nodes[c].next) {
        if (L->t->nodes[c].type == FO_E_LIST_ITEM)
            lay_list_item(L, g, c, &st, &inner);
        else
            lay_node(L, g, c, &st, &inner);
    }
    block_close(L, g, node, &st, a, &f);
}

/* ---- tables (XSL-FO 1.1 §6.7) ---- */

#define MAX_COLS 64

struct table_ctx {
    int n;
    double x[MAX_COLS + 1]; /* column left edges, x[n] = right edge */
    struct fo_style st;
};

/* Column widths: fixed lengths first, proportional-column-width() shares the rest. */
static void table_columns(struct lay *L, int node, const struct fo_style *st,
                          const struct lay_area *a, struct table_ctx *tc)
{
    double fixed[MAX_COLS] = {0}, prop[MAX_COLS] = {0};
    int n = 0;
    for (int c = L->t->nodes[node].first; c >= 0; c = L->t->nodes[c].next) {
        if (L->t->nodes[c].type != FO_E_TABLE_COLUMN)
            continue;
        struct fo_style cs;
        fo_tree_style(L->t, c, st, &a->cx, &cs);
        double w = 0, p = 0;
        double width = st->width > FO_AUTO / 2 ? st->width
                                                : a->width - st->start_indent - st->end_indent;
        if (!cs.column_width ||
            fo_eval_length(cs.column_width, cs.font_size, width, &a->cx, st, &w, &p)) {
            p = 1;
            w = 0;
        }
        int at = cs.column_number > 0 ? cs.column_number - 1 : n;
        for (int r = 0; r < cs.columns_repeated && at < MAX_COLS; r++, at++) {
            fixed[at] = w;
            prop[at] = p;
        }
        if (at > n)
            n = at;
    }
    if (n == 0) { /* no columns: as many equal ones as the first row has cells */
        int body = -1;
        for (int c = L->t->nodes[node].first; c >= 0 && body < 0; c = L->t->nodes[c].next)
            if (L->t->nodes[c].type == FO_E_TABLE_BODY)
                body = c;
        int row = body >= 0 ? L->t->nodes[body].first : -1;
        if (row >= 0 && L->t->nodes[row].type == FO_E_TABLE_ROW)
            row = L->t->nodes[row].first;
        for (int c = row; c >= 0 && n < MAX_COLS; c = L->t->nodes[c].next)
            if (L->t->nodes[c].type == FO_E_TABLE_CELL)
                prop[n++] = 1;
        if (n == 0)
            prop[n++] = 1;
    }
    double width = st->width > FO_AUTO / 2 ? st->width
                                            : a->width - st->start_indent - st->end_indent;
    double sum_fixed = 0, sum_prop = 0;
    for (int i = 0; i < n; i++) {
        sum_fixed += fixed[i];
        sum_prop += prop[i];
    }
    double unit = sum_prop > 0 ? (width - sum_fixed) / sum_prop : 0;
    if (unit < 0)
        unit = 0;
    tc->n = n;
    tc->x[0] = a->x + st->start_indent;
    for (int i = 0; i < n; i++)
        tc->x[i + 1] = tc->x[i] + fixed[i] + prop[i] * unit;
}

static void lay_table_row(struct lay *L, struct galley *g, int row, const struct fo_style *parent,
                          const struct lay_area *a, struct table_ctx *tc, int first_cell)
{
    struct fo_style rs;
    fo_tree_style(L->t, row, parent, &a->cx, &rs);
    struct block_frame f;
    struct fo_style rsb = rs;
    rsb.space_before = rsb.space_after = (struct fo_space){0, 0, 0, 0};
    block_open(L, g, row, &rsb, a, &f);
    struct cell_in in[MAX_COLS];
    int n = 0, col = 0;
    for (int c = first_cell; c >= 0 && n < MAX_COLS; c = L->t->nodes[c].next) {
        if (L->t->nodes[c].type != FO_E_TABLE_CELL)
            continue;
        struct cell_in *ci = &in[n];
        memset(ci, 0, sizeof *ci);
        fo_tree_style(L->t, c, &rs, &a->cx, &ci->style);
        if (ci->style.column_number > 0)
            col = ci->style.column_number - 1;
        if (col >= tc->n)
            break;
        if (ci->style.rows_spanned > 1)
            fo_tree_warn_once(L->t, L->t->nodes[c].line, "rows-spanned",
                              "number-rows-spanned is not supported: cells span one row");
        int end = col + ci->style.columns_spanned;
        if (end > tc->n)
            end = tc->n;
        const struct fo_style *s = &ci->style;
        ci->node = c;
        ci->x1 = tc->x[col];
        ci->x2 = tc->x[end];
        ci->area = *a;
        ci->area.x = ci->x1 + s->border_width[FO_LEFT] + s->padding[FO_LEFT];
        ci->area.width = ci->x2 - ci->x1 - s->border_width[FO_LEFT] - s->padding[FO_LEFT] -
                         s->border_width[FO_RIGHT] - s->padding[FO_RIGHT];
        if (ci->area.width < 1)
            ci->area.width = 1;
        ci->area.cx.ref_width = ci->area.width;
        ci->pad_top = s->border_width[FO_TOP] + s->padding[FO_TOP];
        ci->pad_bottom = s->border_width[FO_BOTTOM] + s->padding[FO_BOTTOM];
        ci->decorate = has_decoration(s);
        ci->style.start_indent = ci->style.end_indent = 0; /* a cell is a reference area */
        if (ci->style.id)
            add_dest(L, g, ci->style.id, ci->x1);
        col = end;
        n++;
    }
    double min_h = rs.height > FO_AUTO / 2 ? rs.height : 0;
    lay_cells(L, g, in, n, min_h);
    block_close(L, g, row, &rsb, a, &f);
}

/* A table-header/-body/-footer: its rows, or cells straight inside it as one row. */
static void lay_table_part(struct lay *L, struct galley *g, int part,
                           const struct fo_style *parent, const struct lay_area *a,
                           struct table_ctx *tc)
{
    struct fo_style ps;
    fo_tree_style(L->t, part, parent, &a->cx, &ps);
    int first = L->t->nodes[part].first;
    int has_rows = 0;
    for (int c = first; c >= 0; c = L->t->nodes[c].next)
        if (L->t->nodes[c].type == FO_E_TABLE_ROW) {
            has_rows = 1;
            lay_table_row(L, g, c, &ps, a, tc, L->t->nodes[c].first);
        }
    if (!has_rows && first >= 0)
        lay_table_row(L, g, part, parent, a, tc, first);
}

static void lay_table(struct lay *L, struct galley *g, int node, const struct fo_style *parent,
                      const struct lay_area *a)
{
    struct fo_style st;
    fo_tree_style(L->t, node, parent, &a->cx, &st);
    struct block_frame f;
    block_open(L, g, node, &st, a, &f);
    struct table_ctx tc;
    table_columns(L, node, &st, a, &tc);
    int header = -1, footer = -1;
    for (int c = L->t->nodes[node].first; c >= 0; c = L->t->nodes[c].next) {
        int type = L->t->nodes[c].type;
        if (type == FO_E_TABLE_HEADER)
            header = c;
        else if (type == FO_E_TABLE_FOOTER)
            footer = c;
    }
    int saved_table = g->table;
    if (header >= 0) {
        struct galley hg;
        lay_galley_init(&hg);
        lay_table_part(L, &hg, header, &st, a, &tc);
        struct lay_table tb = {(int)L->n_head_items, 0, 0};
        for (size_t i = 0; i < hg.n; i++) {
            struct lay_item it = hg.items[i];
            if (it.kind == LAY_PENALTY)
                continue;
            it.dest = it.mark = -1; /* repeats carry no ids, markers or notes */
            it.n_notes = 0;
            it.src_block = -1;
            LAY_PUSH(L->head_items, L->n_head_items, L->cap_head_items, it);
            tb.head_n++;
            tb.head_h += it.h;
        }
        lay_galley_free(&hg);
        int t = (int)LAY_PUSH(L->tables, L->n_tables, L->cap_tables, tb);
        lay_table_part(L, g, header, &st, a, &tc); /* the first header, in the flow */
        g->keep = FO_KEEP_ALWAYS; /* never a header alone at a page bottom */
        if (!st.omit_header_at_break)
            g->table = t;
    }
    for (int c = L->t->nodes[node].first; c >= 0; c = L->t->nodes[c].next) {
        int type = L->t->nodes[c].type;
        if (type == FO_E_TABLE_BODY)
            lay_table_part(L, g, c, &st, a, &tc);
        else if (type == FO_E_MARKER)
            add_mark(L, g, c, &st);
    }
    g->table = saved_table;
    if (footer >= 0)
        lay_table_part(L, g, footer, &st, a, &tc);
    block_close(L, g, node, &st, a, &f);
}

/* fo:wrapper, table-and-caption and unknown elements at block level: their children. */
static void lay_transparent(struct lay *L, struct galley *g, int node,
                            const struct fo_style *parent, const struct lay_area *a)
{
    struct fo_style st;
    fo_tree_style(L->t, node, parent, &a->cx, &st);
    if (st.id)
        add_dest(L, g, st.id, a->x + st.start_indent);
    block_content(L, g, node, &st, a);
}

static void lay_retrieve_marker(struct lay *L, struct galley *g, int node,
                                const struct fo_style *parent, const struct lay_area *a)
{
    struct fo_style st;
    fo_tree_style(L->t, node, parent, &a->cx, &st);
    if (!st.retrieve_class_name)
        return;
    int m = lay_find_marker(L, st.retrieve_class_name, st.retrieve_position,
                            st.retrieve_boundary);
    if (m < 0 || L->marker_depth >= 4) /* a marker retrieving itself must not loop */
        return;
    L->marker_depth++;
    block_content(L, g, m, parent, a);
    L->marker_depth--;
}

/* The handler per block-level element (STYLE lesson 2). */
static void lay_node(struct lay *L, struct galley *g, int node, const struct fo_style *parent,
                     const struct lay_area *a)
{
    switch (L->t->nodes[node].type) {
    case FO_E_BLOCK: case FO_E_FOOTNOTE_BODY: case FO_E_TABLE_CAPTION:
        lay_block(L, g, node, parent, a);
        break;
    case FO_E_BLOCK_CONTAINER:
        lay_block_container(L, g, node, parent, a);
        break;
    case FO_E_LIST_BLOCK:
        lay_list_block(L, g, node, parent, a);
        break;
    case FO_E_LIST_ITEM:
        lay_list_item(L, g, node, parent, a);
        break;
    case FO_E_TABLE:
        lay_table(L, g, node, parent, a);
        break;
    case FO_E_MARKER:
        add_mark(L, g, node, parent);
        break;
    case FO_E_RETRIEVE_MARKER:
        lay_retrieve_marker(L, g, node, parent, a);
        break;
    case FO_E_WRAPPER: case FO_E_TABLE_AND_CAPTION: case FO_E_OTHER: case FO_E_LIST_ITEM_BODY:
    case FO_E_LIST_ITEM_LABEL: case FO_E_TABLE_BODY:
        lay_transparent(L, g, node, parent, a);
        break;
    default:
        fo_tree_warn_once(L->t, L->t->nodes[node].line, fo_elem_name(L->t->nodes[node].type),
                          "formatting object out of place: ignored");
        break;
    }
}

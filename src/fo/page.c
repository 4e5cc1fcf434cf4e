/* page.c — cuts a page-sequence into pages: chooses page masters (XSL-FO 1.1 §6.4.7-6.4.13),
 * breaks the flow's galley at the best page breaks (TeX's page builder: least cost before the
 * page overflows, keeps, widows and orphans as infinite penalties), places footnotes at the
 * bottom of the page of their reference (split and continued when too long, as LaTeX does),
 * and lays out static content with page numbers and retrieved markers on every page. */
#include "fo/layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


struct master {
    int node;
    double pw, ph;
    double bx, by, bw, bh;  /* body region, from the page's top-left */
    double rx, rw;          /* before/after regions' x and width */
    double before_y, before_h, after_y, after_h;
    int before_align, after_align; /* display-align of the regions: 0 before, 1 center, 2 after */
    const char *body_name, *before_name, *after_name;
};

struct chooser {
    int psm;  /* fo:page-sequence-master, or -1 */
    int spm;  /* the simple-page-master when psm < 0 */
    int sub;  /* current sub-sequence specifier */
    int used; /* pages it has given */
};

struct lay_pages {
    struct galley *g;
    struct fo_style seq_style;
    int seq_node, seq_index;
    struct master masters[16];
    int n_masters;
    struct chooser ch;
    int page_in_seq, number, style, blank;
    int page_first, page_end; /* item range of the page, for markers */
    int *mk;                  /* marker indices sorted by item */
    size_t n_mk;
    struct galley sep;        /* the footnote separator */
    double sep_h;
    int sep_default;
    int carry_note, carry_from; /* a footnote continued from the previous page */
    size_t span_next;
    int *active;
    size_t n_active, cap_active;
    double *ytop, *ybot;
    size_t cap_y;
    /* streaming: the galley is cut into pages while it is being filled */
    size_t pos;            /* first item not yet on a page */
    size_t h_scan, h_pos;  /* heights summed up to these items */
    double h_total, h_done;
    size_t mk_scan, cap_mk;
    double body_h;         /* of the first page, for the lookahead */
};

/* ---- page numbers ---- */

static void format_roman(int n, int upper, char *out, size_t cap)
{
    static const int val[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    static const char *const low[] = {"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix",
                                      "v", "iv", "i"};
    size_t k = 0;
    out[0] = '\0';
    if (n <= 0 || n >= 4000) {
        snprintf(out, cap, "%d", n);
        return;
    }
    for (int i = 0; i < 13; i++)
        while (n >= val[i] && k + 3 < cap) {
            for (const char *p = low[i]; *p; p++)
                out[k++] = upper ? (char)(*p - 32) : *p;
            n -= val[i];
        }
    out[k] = '\0';
}

/* XSL-FO 1.1 §7.26.1 format: "1", "i", "I", "a", "A". */
static int number_style(const char *format)
{
    if (!format)
        return PG_NUM_DECIMAL;
    switch (format[0]) {
    case 'i': return PG_NUM_LOWER_ROMAN;
    case 'I': return PG_NUM_UPPER_ROMAN;
    case 'a': return PG_NUM_LOWER_ALPHA;
    case 'A': return PG_NUM_UPPER_ALPHA;
    default: return PG_NUM_DECIMAL;
    }
}

static void format_number(int n, int style, char *out, size_t cap)
{
    if (style == PG_NUM_LOWER_ROMAN || style == PG_NUM_UPPER_ROMAN) {
        format_roman(n, style == PG_NUM_UPPER_ROMAN, out, cap);
    } else if ((style == PG_NUM_LOWER_ALPHA || style == PG_NUM_UPPER_ALPHA) && n > 0) {
        char tmp[16];
        int k = 0;
        for (; n > 0 && k < 15; n = (n - 1) / 26)
            tmp[k++] = (char)((style == PG_NUM_UPPER_ALPHA ? 'A' : 'a') + (n - 1) % 26);
        size_t j = 0;
        while (k > 0 && j + 1 < cap)
            out[j++] = tmp[--k];
        out[j] = '\0';
    } else {
        snprintf(out, cap, "%d", n);
    }
}

/* ---- masters ---- */

static int find_master(struct lay *L, const char *name)
{
    if (!name)
        return -1;
    const struct fo_tree *t = L->t;
    for (int c = t->nodes[t->root].first; c >= 0; c = t->nodes[c].next) {
        if (t->nodes[c].type != FO_E_LAYOUT_MASTER_SET)
            continue;
        for (int m = t->nodes[c].first; m >= 0; m = t->nodes[m].next) {
            const char *n = fo_tree_spec(t, m, FO_P_MASTER_NAME);
            if (n && !strcmp(n, name))
                return m;
        }
    }
    return -1;
}

static const struct master *master_geometry(struct lay *L, struct lay_pages *P, int spm)
{
    for (int i = 0; i < P->n_masters; i++)
        if (P->masters[i].node == spm)
            return &P->masters[i];
    struct master *m = &P->masters[P->n_masters < 15 ? P->n_masters++ : 15];
    memset(m, 0, sizeof *m);
    m->node = spm;
    m->body_name = "xsl-region-body";
    m->before_name = "xsl-region-before";
    m->after_name = "xsl-region-after";
    struct fo_style root, st;
    fo_style_initial(&root);
    fo_tree_style(L->t, spm, &root, NULL, &st);
    m->pw = st.page_width;
    m->ph = st.page_height;
    double mt = st.margin[FO_TOP], mb = st.margin[FO_BOTTOM];
    double ml = st.margin[FO_LEFT], mr = st.margin[FO_RIGHT];
    m->rx = ml;
    m->rw = m->pw - ml - mr;
    m->bx = ml;
    m->by = mt;
    m->bw = m->rw;
    m->bh = m->ph - mt - mb;
    for (int c = L->t->nodes[spm].first; c >= 0; c = L->t->nodes[c].next) {
        struct fo_style rs;
        struct fo_context cx = {m->rw, 0, 0, 0, 0};
        fo_tree_style(L->t, c, &st, &cx, &rs);
        int type = L->t->nodes[c].type;
        if (type == FO_E_REGION_BODY) {
            m->bx = ml + rs.margin[FO_LEFT];
            m->by = mt + rs.margin[FO_TOP];
            m->bw = m->rw - rs.margin[FO_LEFT] - rs.margin[FO_RIGHT];
            m->bh = m->ph - mt - mb - rs.margin[FO_TOP] - rs.margin[FO_BOTTOM];
            if (rs.region_name)
                m->body_name = rs.region_name;
        } else if (type == FO_E_REGION_BEFORE) {
            m->before_y = mt;
            m->before_h = rs.extent;
            m->before_align = rs.display_align;
            if (rs.region_name)
                m->before_name = rs.region_name;
        } else if (type == FO_E_REGION_AFTER) {
            m->after_h = rs.extent;
            m->after_align = rs.display_align;
            m->after_y = m->ph - mb - rs.extent;
            if (rs.region_name)
                m->after_name = rs.region_name;
        } else if (type == FO_E_REGION_START || type == FO_E_REGION_END) {
            fo_tree_warn_once(L->t, L->t->nodes[c].line, "region-start",
                              "region-start and region-end are not supported: ignored");
        }
    }
    if (m->bw < 10)
        m->bw = 10;
    if (m->bh < 10)
        m->bh = 10;
    return m;
}

static int cond_matches(struct lay *L, int cpmr, int first, int odd, int blank)
{
    struct fo_style st;
    fo_tree_style(L->t, cpmr, NULL, NULL, &st);
    const char *pp = st.page_position, *oe = st.odd_or_even, *bb = st.blank_or_not_blank;
    if (pp && !strcmp(pp, "first") && !first)
        return 0;
    if (pp && !strcmp(pp, "rest") && first)
        return 0;
    if (pp && !strcmp(pp, "last")) {
        fo_tree_warn_once(L->t, L->t->nodes[cpmr].line, "page-position-last",
                          "page-position=\"last\" is not supported: never chosen");
        return 0;
    }
    if (oe && !strcmp(oe, "odd") && !odd)
        return 0;
    if (oe && !strcmp(oe, "even") && odd)
        return 0;
    if (bb && !strcmp(bb, "blank") && !blank)
        return 0;
    if (bb && !strcmp(bb, "not-blank") && blank)
        return 0;
    return 1;
}

/* The simple-page-master of the next page (XSL-FO 1.1 §6.4.8: sub-sequence specifiers in
 * order, each used up before the next; when all are used up the last one goes on, as FOP
 * does). -1 when no specifier gives a master. */
static int choose_from(struct lay *L, struct chooser *ch, int first, int odd, int blank,
                       int retry)
{
    const struct fo_tree *t = L->t;
    int spec = t->nodes[ch->psm].first;
    for (int i = 0; i < ch->sub && spec >= 0; i++)
        spec = t->nodes[spec].next;
    int last_spec = -1, last_index = ch->sub;
    while (spec >= 0) {
        last_spec = spec;
        last_index = ch->sub;
        struct fo_style st;
        fo_tree_style(L->t, spec, NULL, NULL, &st);
        int type = t->nodes[spec].type;
        int max = type == FO_E_SINGLE_PAGE_MASTER_REFERENCE ? 1 : st.maximum_repeats;
        if (max < 0 || ch->used < max || retry) {
            int m = -1;
            if (type == FO_E_REPEATABLE_PAGE_MASTER_ALTERNATIVES) {
                for (int c = t->nodes[spec].first; c >= 0 && m < 0; c = t->nodes[c].next)
                    if (cond_matches(L, c, first, odd, blank))
                        m = find_master(L, fo_tree_spec(t, c, FO_P_MASTER_REFERENCE));
            } else {
                m = find_master(L, st.master_reference);
            }
            if (m >= 0 && L->t->nodes[m].type == FO_E_SIMPLE_PAGE_MASTER) {
                ch->used++;
                return m;
            }
        }
        spec = t->nodes[spec].next;
        ch->sub++;
        ch->used = 0;
    }
    if (last_spec >= 0 && !retry) {
        ch->sub = last_index;
        ch->used = 0;
        return choose_from(L, ch, first, odd, blank, 1);
    }
    return -1;
}

static int first_simple_master(struct lay *L)
{
    const struct fo_tree *t = L->t;
    for (int c = t->nodes[t->root].first; c >= 0; c = t->nodes[c].next)
        if (t->nodes[c].type == FO_E_LAYOUT_MASTER_SET)
            for (int m = t->nodes[c].first; m >= 0; m = t->nodes[m].next)
                if (t->nodes[m].type == FO_E_SIMPLE_PAGE_MASTER)
                    return m;
    return -1;
}

static int choose_master(struct lay *L, struct chooser *ch, int first, int odd, int blank)
{
    int m = ch->psm < 0 ? ch->spm : choose_from(L, ch, first, odd, blank, 0);
    if (m < 0 || L->t->nodes[m].type != FO_E_SIMPLE_PAGE_MASTER) {
        fo_tree_warn_once(L->t, 0, "no-master",
                          "no page master fits a page: the first simple-page-master is used");
        m = first_simple_master(L);
    }
    return m;
}

/* ---- emitting boxes onto a page ---- */

static void emit_ops(struct lay *L, int page, const struct lay_item *it, double x0, double ytop,
                     double ph, const char *label)
{
    struct pg_doc *doc = L->doc;
    /* room for every op as a run at once; the font index of the last op's font */
    pg_reserve((void **)&doc->runs, &doc->cap_runs, doc->n_runs + (size_t)it->n_ops,
               sizeof *doc->runs);
    int font = -1, doc_font = -1;
    for (int k = 0; k < it->n_ops; k++) {
        const struct lay_op *op = &L->ops[it->ops + k];
        if (op->kind == LAY_OP_TEXT || op->kind == LAY_OP_PAGENUM) {
            struct pg_run r = {0};
            r.page = page;
            r.x = x0 + op->x;
            r.y = ph - (ytop + op->y);
            if (op->font != font) {
                font = op->font;
                doc_font = lay_font_doc_index(L, font);
            }
            r.font = doc_font;
            r.size = op->size;
            r.rgb = op->rgb;
            if (op->kind == LAY_OP_PAGENUM)
                r.text = pg_intern(doc, label, strlen(label));
            else
                r.text = pg_intern(doc, L->text.data + op->text, op->len);
            doc->runs[doc->n_runs++] = r;
        } else if (op->kind == LAY_OP_RULE) {
            struct pg_rule r = {page, x0 + op->x, ph - (ytop + op->y), x0 + op->x2,
                                ph - (ytop + op->y2), op->width, op->rgb, op->style};
            PG_PUSH(doc, rules, r);
        } else if (op->kind == LAY_OP_LINK) {
            struct pg_link l = {0};
            l.page = page;
            l.x1 = x0 + op->x;
            l.x2 = x0 + op->x2;
            l.y1 = ph - (ytop + op->y2);
            l.y2 = ph - (ytop + op->y);
            l.kind = op->style;
            l.target = pg_intern(doc, L->text.data + op->text, op->len);
            PG_PUSH(doc, links, l);
        }
    }
    for (int d = it->dest; d >= 0; d = L->dests[d].next) {
        if (L->dests[d].last) { /* the page of a block's last area, for citations */
            if (L->ends && !L->in_static) {
                struct pg_str ls = doc->pages[page].label;
                char *label = xmalloc(ls.len + 1);
                memcpy(label, pg_text(doc, ls), ls.len);
                label[ls.len] = '\0';
                xmlHashUpdateEntry(L->ends, (const xmlChar *)L->dests[d].id, label,
                                   lay_free_label);
            }
            continue;
        }
        struct pg_dest x = {pg_intern(doc, L->dests[d].id, strlen(L->dests[d].id)), page,
                            x0 + L->dests[d].x, ph - ytop};
        PG_PUSH(doc, dests, x);
    }
}

/* Border and background of a span over the part of it on this page (items lo..hi). */
static void draw_span(struct lay *L, int page, const struct lay_span *s, double top,
                      double bottom, int starts, int ends, double x0, double y0, double ph)
{
    struct pg_doc *doc = L->doc;
    double X1 = x0 + s->x1, X2 = x0 + s->x2, Y1 = ph - (y0 + top), Y2 = ph - (y0 + bottom);
    if (s->bg != FO_NO_COLOR) {
        struct pg_fill f = {page, X1, Y2, X2 - X1, Y1 - Y2, s->bg};
        PG_PUSH(doc, fills, f);
    }
    static const int styles[] = {PG_RULE_SOLID, PG_RULE_SOLID, PG_RULE_DOTTED, PG_RULE_DASHED};
    for (int side = 0; side < 4; side++) {
        double w = s->bw[side];
        if (w <= 0 || (side == FO_TOP && !starts) || (side == FO_BOTTOM && !ends))
            continue;
        struct pg_rule r = {0};
        r.page = page;
        r.width = w;
        r.rgb = s->bc[side];
        r.style = styles[s->bs[side] & 3];
        if (side == FO_TOP || side == FO_BOTTOM) {
            double y = side == FO_TOP ? Y1 - w / 2 : Y2 + w / 2;
            r.x1 = X1;
            r.x2 = X2;
            r.y1 = r.y2 = y;
        } else {
            double x = side == FO_LEFT ? X1 + w / 2 : X2 - w / 2;
            r.x1 = r.x2 = x;
            r.y1 = Y1;
            r.y2 = Y2;
        }
        PG_PUSH(doc, rules, r);
    }
}

static int cmp_span(const void *a, const void *b)
{
    const struct lay_span *x = a, *y = b;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* Draws the spans of g that overlap items [lo, hi) placed at ytop/ybot (index i - lo). */
static void draw_spans(struct lay *L, struct lay_pages *P, int page, int lo, int hi, double x0,
                       double y0, double ph)
{
    struct galley *g = P->g;
    while (P->span_next < g->n_spans && g->spans[P->span_next].first < hi) {
        LAY_PUSH(P->active, P->n_active, P->cap_active, (int)P->span_next);
        P->span_next++;
    }
    size_t keep = 0;
    for (size_t k = 0; k < P->n_active; k++) {
        const struct lay_span *s = &g->spans[P->active[k]];
        int a = s->first > lo ? s->first : lo, b = s->last < hi - 1 ? s->last : hi - 1;
        if (a <= b)
            draw_span(L, page, s, P->ytop[a - lo], P->ybot[b - lo], s->first >= lo, s->last < hi,
                      x0, y0, ph);
        if (s->last >= hi)
            P->active[keep++] = P->active[k];
    }
    P->n_active = keep;
}

/* ---- markers (XSL-FO 1.1 §6.13.5-6.13.6) ---- */

static void collect_marks(struct lay *L, struct lay_pages *P)
{
    struct galley *g = P->g;
    for (; P->mk_scan < g->n; P->mk_scan++)
        for (int m = g->items[P->mk_scan].mark; m >= 0; m = L->marks[m].next) {
            L->marks[m].item = (int)P->mk_scan;
            LAY_PUSH(P->mk, P->n_mk, P->cap_mk, m);
        }
}

int lay_find_marker(struct lay *L, const char *cls, const char *position, const char *boundary)
{
    struct lay_pages *P = L->pages;
    if (!P || !cls)
        return -1;
    int last = position && !strncmp(position, "last", 4);
    /* first marker at or after the page start (binary search on item) */
    size_t lo = 0, hi = P->n_mk;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (L->marks[P->mk[mid]].item < P->page_first)
            lo = mid + 1;
        else
            hi = mid;
    }
    int found = -1;
    for (size_t k = lo; k < P->n_mk && L->marks[P->mk[k]].item < P->page_end; k++)
        if (!strcmp(L->marks[P->mk[k]].cls, cls)) {
            found = L->marks[P->mk[k]].node;
            if (!last)
                return found;
        }
    if (found >= 0 || (boundary && !strcmp(boundary, "page")))
        return found;
    for (size_t k = lo; k-- > 0;) /* carried over from an earlier page of the sequence */
        if (!strcmp(L->marks[P->mk[k]].cls, cls))
            return L->marks[P->mk[k]].node;
    return -1;
}

/* ---- static content ---- */

static int find_static(struct lay *L, int seq, const char *flow_name)
{
    for (int c = L->t->nodes[seq].first; c >= 0; c = L->t->nodes[c].next) {
        if (L->t->nodes[c].type != FO_E_STATIC_CONTENT)
            continue;
        const char *n = fo_tree_spec(L->t, c, FO_P_FLOW_NAME);
        if (n && !strcmp(n, flow_name))
            return c;
    }
    return -1;
}

/* Lays out static content sc into a region at (x, y) of width w and height h on page, placed
 * in the region by its display-align (XSL-FO 1.1 §7.14.4: before, center, after). */
static void place_static(struct lay *L, struct lay_pages *P, int sc, int page, double x,
                         double y, double w, double h, int align, double ph, const char *label)
{
    struct fo_style st;
    struct fo_context cx = {w, 0, 0, 0, 0};
    fo_tree_style(L->t, sc, &P->seq_style, &cx, &st);
    struct galley g;
    lay_galley_init(&g);
    struct lay_area a = {0, w, cx};
    L->in_static = 1;
    L->page_label = label;
    lay_children(L, &g, sc, &st, &a);
    L->in_static = 0;
    double used = 0;
    for (size_t i = 0; i < g.n; i++)
        if (g.items[i].kind == LAY_BOX || (g.items[i].kind == LAY_GLUE && used > 0))
            used += g.items[i].h;
    double yy = 0;
    if (align && used < h)
        yy = align == 1 ? (h - used) / 2 : h - used;
    double top = yy;
    for (size_t i = 0; i < g.n; i++) {
        const struct lay_item *it = &g.items[i];
        if (it->kind == LAY_BOX) {
            emit_ops(L, page, it, x, y + yy, ph, label);
            yy += it->h;
        } else if (it->kind == LAY_GLUE && yy > top) {
            yy += it->h;
        }
    }
    lay_galley_free(&g);
}

static void new_page(struct lay *L, struct lay_pages *P, const struct master *m, int blank,
                     int *page_out, char *label, size_t cap)
{
    struct pg_page pg = {0};
    pg.width = m->pw;
    pg.height = m->ph;
    format_number(P->number, P->style, label, cap);
    pg.label = pg_intern(L->doc, label, strlen(label));
    pg.style = P->style;
    pg.number = P->number;
    pg.sequence = P->seq_index;
    *page_out = (int)PG_PUSH(L->doc, pages, pg);
    (void)blank;
}

static void place_regions(struct lay *L, struct lay_pages *P, const struct master *m, int page,
                          const char *label)
{
    int before = find_static(L, P->seq_node, m->before_name);
    if (before >= 0 && m->before_h > 0)
        place_static(L, P, before, page, m->rx, m->before_y, m->rw, m->before_h, m->before_align,
                     m->ph, label);
    int after = find_static(L, P->seq_node, m->after_name);
    if (after >= 0 && m->after_h > 0)
        place_static(L, P, after, page, m->rx, m->after_y, m->rw, m->after_h, m->after_align,
                     m->ph, label);
}

static const struct master *next_master(struct lay *L, struct lay_pages *P, int blank)
{
    int spm = choose_master(L, &P->ch, P->page_in_seq == 0, P->number % 2 != 0, blank);
    if (spm < 0)
        return NULL;
    return master_geometry(L, P, spm);
}

static void blank_page(struct lay *L, struct lay_pages *P)
{
    const struct master *m = next_master(L, P, 1);
    if (!m)
        return;
    char label[32];
    int page;
    new_page(L, P, m, 1, &page, label, sizeof label);
    P->page_first = P->page_end = P->page_first;
    place_regions(L, P, m, page, label);
    P->page_in_seq++;
    P->number++;
}

/* ---- footnotes ---- */

static double note_rest_height(const struct lay *L, int note, int from)
{
    const struct lay_note *n = &L->notes[note];
    double h = 0;
    for (int i = from; i < n->n; i++)
        h += L->note_items[n->first + i].h;
    return h;
}

static double note_first_height(const struct lay *L, int note, int from)
{
    const struct lay_note *n = &L->notes[note];
    for (int i = from; i < n->n; i++)
        if (L->note_items[n->first + i].kind == LAY_BOX)
            return L->note_items[n->first + i].h;
    return 0;
}

/* ---- the page builder ---- */

struct fill {
    double h, shrink;  /* body: natural height, shrinkability */
    double notes;      /* footnotes complete (with separator) */
    double notes_min;  /* … with the last one cut after its first line */
    int n_notes, last_note;
};

static void fill_add_box(struct lay *L, struct lay_pages *P, struct fill *f,
                         const struct lay_item *it)
{
    f->h += it->h;
    for (int r = 0; r < it->n_notes; r++) {
        int note = L->noterefs[it->notes + r];
        if (f->n_notes == 0)
            f->notes += P->sep_h;
        double full = note_rest_height(L, note, 0);
        f->notes_min = f->notes + note_first_height(L, note, 0);
        f->notes += full;
        f->n_notes++;
        f->last_note = note;
    }
}

static void fill_start(struct lay *L, struct lay_pages *P, struct fill *f)
{
    memset(f, 0, sizeof *f);
    f->last_note = -1;
    if (P->carry_note >= 0) {
        f->notes = P->sep_h + note_rest_height(L, P->carry_note, P->carry_from);
        f->notes_min = P->sep_h + note_first_height(L, P->carry_note, P->carry_from);
        f->n_notes = 1;
        f->last_note = P->carry_note;
    }
}

/* Cost of breaking with fill f on a page of height avail (TeX's page builder: penalty plus
 * a badness for the space left), or -1 if it cannot fit. *split: the last note is cut. */
static double break_cost(const struct fill *f, int penalty, double avail, int *split)
{
    *split = 0;
    double body = f->h - f->shrink;
    if (body + f->notes <= avail + 1e-6) {
        double room = avail - (f->h + f->notes);
        if (room < 0)
            room = 0;
        double r = room / avail;
        return (penalty > 0 ? penalty : 0) + 10000 * r * r * r;
    }
    if (f->n_notes > 0 && body + f->notes_min <= avail + 1e-6) {
        *split = 1;
        return (penalty > 0 ? penalty : 0) + 300;
    }
    return -1;
}

static int discardable(const struct lay_item *it)
{
    return it->kind == LAY_PENALTY || (it->kind == LAY_GLUE && !it->retain);
}

/* Chooses where the page that starts at pos ends: the index of the breaking penalty (or
 * g->n at the end of the flow). */
static size_t find_break(struct lay *L, struct lay_pages *P, size_t pos, double avail, int *brk)
{
    struct galley *g = P->g;
    struct fill f;
    fill_start(L, P, &f);
    size_t best = 0, last_any = 0;
    double best_cost = 1e300;
    int has_box = 0, split;
    *brk = 0;
    size_t i = pos;
    for (; i < g->n; i++) {
        const struct lay_item *it = &g->items[i];
        if (it->kind == LAY_BOX) {
            fill_add_box(L, P, &f, it);
            if (has_box && f.h - f.shrink + (f.n_notes ? f.notes_min : 0) > avail + 1e-6)
                break;
            has_box = 1;
        } else if (it->kind == LAY_GLUE) {
            if (has_box) {
                f.h += it->h;
                f.shrink += it->shrink;
            }
        } else if (has_box) {
            if (it->penalty <= -LAY_INF) {
                *brk = it->brk;
                return i;
            }
            last_any = i;
            if (it->penalty < LAY_INF) {
                double c = break_cost(&f, it->penalty, avail, &split);
                if (c >= 0 && c <= best_cost) {
                    best_cost = c;
                    best = i;
                }
            }
        }
    }
    if (i >= g->n && has_box) {
        double c = break_cost(&f, 0, avail, &split);
        if (c >= 0 && c <= best_cost)
            return g->n;
        if (c >= 0 && best == 0)
            return g->n;
    }
    if (best > 0)
        return best;
    if (last_any > 0)
        return last_any;
    /* a single box taller than the page: it goes alone */
    for (size_t k = pos; k < g->n; k++)
        if (g->items[k].kind == LAY_BOX)
            return k + 1;
    return g->n;
}

/* Places the notes of the page at the bottom of the body; the last may be cut and carried. */
static void place_notes(struct lay *L, struct lay_pages *P, int page, const struct master *m,
                        int *notes, size_t n_notes, int carry_from, double room)
{
    if (n_notes == 0)
        return;
    /* how much of the last note fits */
    double full = P->sep_h;
    for (size_t k = 0; k < n_notes; k++)
        full += note_rest_height(L, notes[k], k == 0 ? carry_from : 0);
    int cut_note = -1, cut_at = 0;
    double total = full;
    if (full > room + 1e-6) {
        int last = notes[n_notes - 1];
        int from = n_notes == 1 ? carry_from : 0;
        double before = full - note_rest_height(L, last, from);
        double h = before;
        const struct lay_note *n = &L->notes[last];
        int k = from, placed = 0;
        for (; k < n->n; k++) {
            const struct lay_item *it = &L->note_items[n->first + k];
            if (it->kind == LAY_BOX) {
                if (placed && h + it->h > room + 1e-6)
                    break;
                placed = 1;
            }
            h += it->h;
        }
        cut_note = last;
        cut_at = k;
        total = h;
    }
    double y = m->by + m->bh - total;
    /* the separator */
    if (P->sep_default) {
        struct pg_rule r = {page, m->bx, m->ph - (y + P->sep_h * 0.6), m->bx + m->bw / 3,
                            m->ph - (y + P->sep_h * 0.6), 0.5, 0, PG_RULE_SOLID};
        PG_PUSH(L->doc, rules, r);
    } else {
        int sc = find_static(L, P->seq_node, "xsl-footnote-separator");
        place_static(L, P, sc, page, m->bx, y, m->bw, P->sep_h, 0, m->ph, "");
    }
    y += P->sep_h;
    for (size_t k = 0; k < n_notes; k++) {
        const struct lay_note *n = &L->notes[notes[k]];
        int from = k == 0 ? carry_from : 0;
        int to = notes[k] == cut_note && k == n_notes - 1 ? cut_at : n->n;
        int started = 0;
        for (int i = from; i < to; i++) {
            const struct lay_item *it = &L->note_items[n->first + i];
            if (it->kind == LAY_BOX) {
                emit_ops(L, page, it, m->bx, y, m->ph, "");
                y += it->h;
                started = 1;
            } else if (it->kind == LAY_GLUE && started) {
                y += it->h;
            }
        }
    }
    P->carry_note = -1;
    if (cut_note >= 0 && cut_at < L->notes[cut_note].n) {
        P->carry_note = cut_note;
        P->carry_from = cut_at;
    }
}

static void record_page_start(struct lay *L, int page, const struct lay_item *it)
{
    if (it->src_block < 0 || L->g_first[it->src_block] < 0)
        return;
    const char *id = fo_tree_spec(L->t, it->src_block, FO_P_ID);
    if (!id)
        return;
    long off = it->src_g - L->g_first[it->src_block];
    struct pg_page_start s = {page, pg_intern(L->doc, id, strlen(id)),
                              (size_t)(off > 0 ? off : 0)};
    PG_PUSH(L->doc, page_starts, s);
}

/* Lays out one page from item pos; returns the index after its last item. */
static size_t one_page(struct lay *L, struct lay_pages *P, size_t pos, int *brk)
{
    struct galley *g = P->g;
    while (pos < g->n && discardable(&g->items[pos]))
        pos++;
    const struct master *m = next_master(L, P, 0);
    if (!m)
        return g->n;
    int table = pos < g->n ? g->items[pos].table : -1;
    double head_h = table >= 0 ? L->tables[table].head_h : 0;
    size_t end = find_break(L, P, pos, m->bh - head_h, brk);
    if (end <= pos && P->carry_note < 0)
        end = pos + 1 < g->n ? pos + 1 : g->n;
    char label[32];
    int page;
    new_page(L, P, m, 0, &page, label, sizeof label);
    P->page_first = (int)pos;
    P->page_end = (int)end;
    if (end - pos + 1 > P->cap_y) {
        P->cap_y = end - pos + 64;
        P->ytop = xrealloc(P->ytop, P->cap_y * sizeof *P->ytop);
        P->ybot = xrealloc(P->ybot, P->cap_y * sizeof *P->ybot);
    }
    /* body: header copy, then the items; glue shrinks if the page is over full */
    double y = 0;
    if (table >= 0) {
        const struct lay_table *tb = &L->tables[table];
        for (int k = 0; k < tb->head_n; k++) {
            const struct lay_item *it = &L->head_items[tb->head_first + k];
            if (it->kind == LAY_BOX)
                emit_ops(L, page, it, m->bx, m->by + y, m->ph, label);
            y += it->h;
        }
    }
    int notes_cap = 16, n_notes = 0;
    int *notes = xmalloc((size_t)notes_cap * sizeof *notes);
    int carry_from = 0;
    if (P->carry_note >= 0) {
        notes[n_notes++] = P->carry_note;
        carry_from = P->carry_from;
    }
    double body_h = 0, shrink = 0;
    for (size_t i = pos; i < end; i++) {
        const struct lay_item *it = &g->items[i];
        if (it->kind == LAY_BOX) {
            body_h += it->h;
            for (int r = 0; r < it->n_notes; r++) {
                if (n_notes == notes_cap) {
                    notes_cap *= 2;
                    notes = xrealloc(notes, (size_t)notes_cap * sizeof *notes);
                }
                notes[n_notes++] = L->noterefs[it->notes + r];
            }
        } else if (it->kind == LAY_GLUE) {
            body_h += it->h;
            shrink += it->shrink;
        }
    }
    double notes_full = n_notes ? P->sep_h : 0;
    for (int k = 0; k < n_notes; k++)
        notes_full += note_rest_height(L, notes[k], k == 0 ? carry_from : 0);
    double avail = m->bh - head_h;
    double over = body_h + notes_full - avail;
    double ratio = over > 0 && shrink > 0 ? (over > shrink ? 1 : over / shrink) : 0;
    int first_content = 1;
    for (size_t i = pos; i < end; i++) {
        const struct lay_item *it = &g->items[i];
        P->ytop[i - pos] = y;
        if (it->kind == LAY_BOX) {
            emit_ops(L, page, it, m->bx, m->by + y, m->ph, label);
            if (first_content && it->n_ops > 0) {
                record_page_start(L, page, it);
                first_content = 0;
            }
            y += it->h;
        } else if (it->kind == LAY_GLUE) {
            y += it->h - ratio * it->shrink;
        }
        P->ybot[i - pos] = y;
    }
    if (end > pos)
        draw_spans(L, P, page, (int)pos, (int)end, m->bx, m->by, m->ph);
    double room = avail - (body_h - ratio * shrink);
    place_notes(L, P, page, m, notes, (size_t)n_notes, carry_from, room);
    free(notes);
    place_regions(L, P, m, page, label);
    P->page_in_seq++;
    P->number++;
    return end;
}

static void footnote_separator(struct lay *L, struct lay_pages *P, double width)
{
    lay_galley_init(&P->sep);
    int sc = find_static(L, P->seq_node, "xsl-footnote-separator");
    P->sep_default = sc < 0;
    P->sep_h = 12;
    if (sc < 0)
        return;
    struct fo_style st;
    struct fo_context cx = {width, 0, 0, 0, 0};
    fo_tree_style(L->t, sc, &P->seq_style, &cx, &st);
    struct lay_area a = {0, width, cx};
    L->in_static = 1;
    lay_children(L, &P->sep, sc, &st, &a);
    L->in_static = 0;
    P->sep_h = 0;
    for (size_t i = 0; i < P->sep.n; i++)
        if (P->sep.items[i].kind != LAY_PENALTY)
            P->sep_h += P->sep.items[i].h;
    lay_galley_free(&P->sep); /* laid out again on each page (place_notes) */
}

static void advance_done(struct lay_pages *P)
{
    for (; P->h_pos < P->pos && P->h_pos < P->g->n; P->h_pos++)
        if (P->g->items[P->h_pos].kind != LAY_PENALTY)
            P->h_done += P->g->items[P->h_pos].h;
}

static void min_ops(const struct lay_item *it, size_t *m)
{
    if (it->n_ops > 0 && (size_t)it->ops < *m)
        *m = (size_t)it->ops;
}

static void note_min_ops(const struct lay *L, int note, int from, size_t *m)
{
    const struct lay_note *n = &L->notes[note];
    for (int i = from; i < n->n; i++)
        min_ops(&L->note_items[n->first + i], m);
}

static void shift_ops(struct lay_item *it, size_t m)
{
    if (it->n_ops <= 0)
        return;
    if ((size_t)it->ops >= m)
        it->ops -= (int)m;
    else
        it->n_ops = 0; /* dead: already on a page */
}

/* Drops the ops (and their text) of everything already on pages, so memory holds only the
 * lookahead, not the whole page-sequence: keeps 10 000 pages well under a gigabyte. */
static void compact(struct lay *L, struct lay_pages *P)
{
    struct galley *g = P->g;
    size_t m = L->n_ops;
    for (size_t i = P->pos; i < g->n; i++) {
        const struct lay_item *it = &g->items[i];
        min_ops(it, &m);
        for (int r = 0; r < it->n_notes; r++)
            note_min_ops(L, L->noterefs[it->notes + r], 0, &m);
        if (it->table >= 0)
            for (int k = 0; k < L->tables[it->table].head_n; k++)
                min_ops(&L->head_items[L->tables[it->table].head_first + k], &m);
    }
    if (P->carry_note >= 0)
        note_min_ops(L, P->carry_note, P->carry_from, &m);
    if (m < 4096 || m < 2 * (L->n_ops - m)) /* amortised: move a tail at most half as long */
        return;
    size_t t = L->text.len;
    for (size_t k = m; k < L->n_ops; k++)
        if ((L->ops[k].kind == LAY_OP_TEXT || L->ops[k].kind == LAY_OP_LINK) &&
            L->ops[k].text < t)
            t = L->ops[k].text;
    memmove(L->ops, L->ops + m, (L->n_ops - m) * sizeof *L->ops);
    L->n_ops -= m;
    for (size_t k = 0; k < L->n_ops; k++)
        if (L->ops[k].kind == LAY_OP_TEXT || L->ops[k].kind == LAY_OP_LINK)
            L->ops[k].text -= (uint32_t)t;
    memmove(L->text.data, L->text.data + t, L->text.len - t);
    buf_truncate(&L->text, L->text.len - t);
    for (size_t i = P->pos; i < g->n; i++)
        shift_ops(&g->items[i], m);
    for (size_t i = 0; i < L->n_note_items; i++)
        shift_ops(&L->note_items[i], m);
    for (size_t i = 0; i < L->n_head_items; i++)
        shift_ops(&L->head_items[i], m);
}

/* Cuts pages off the galley: all of it when final, else while more than three pages of
 * material lie ahead (enough lookahead for the best break, keeps and notes). */
static void paginate(struct lay *L, struct lay_pages *P, int final)
{
    struct galley *g = P->g;
    for (; P->h_scan < g->n; P->h_scan++)
        if (g->items[P->h_scan].kind != LAY_PENALTY)
            P->h_total += g->items[P->h_scan].h;
    if (!final && P->h_total - P->h_done < 4 * P->body_h)
        return;
    collect_marks(L, P);
    if (P->span_next < g->n_spans)
        qsort(g->spans + P->span_next, g->n_spans - P->span_next, sizeof *g->spans, cmp_span);
    size_t pos = P->pos;
    for (;;) {
        P->pos = pos;
        advance_done(P);
        if (!final && P->h_total - P->h_done < 3 * P->body_h)
            break;
        while (pos < g->n && discardable(&g->items[pos]) && !(g->items[pos].kind == LAY_PENALTY &&
                                                               g->items[pos].penalty <= -LAY_INF))
            pos++;
        if (pos < g->n && g->items[pos].kind == LAY_PENALTY) { /* a forced break at a page top */
            int brk = g->items[pos].brk;
            pos++;
            if (P->page_in_seq > 0 && ((brk == FO_BREAK_ODD && P->number % 2 == 0) ||
                                       (brk == FO_BREAK_EVEN && P->number % 2 == 1)))
                blank_page(L, P);
            continue;
        }
        if (pos >= g->n && P->carry_note < 0)
            break;
        int brk = 0;
        pos = one_page(L, P, pos, &brk);
        if (pos < g->n && g->items[pos].kind == LAY_PENALTY && g->items[pos].penalty <= -LAY_INF)
            pos++;
        if ((brk == FO_BREAK_ODD && P->number % 2 == 0) ||
            (brk == FO_BREAK_EVEN && P->number % 2 == 1))
            blank_page(L, P);
    }
    P->pos = pos;
    if (!final)
        compact(L, P);
}

void lay_stream_pages(struct lay *L, struct galley *g)
{
    if (L->pages && L->pages->g == g && !L->in_static && !L->in_note)
        paginate(L, L->pages, 0);
}

static int find_flow(struct lay *L, int seq)
{
    for (int c = L->t->nodes[seq].first; c >= 0; c = L->t->nodes[c].next)
        if (L->t->nodes[c].type == FO_E_FLOW)
            return c;
    return -1;
}

static void start_numbering(struct lay *L, struct lay_pages *P)
{
    int ipn = P->seq_style.initial_page_number;
    P->number = ipn > 0 ? ipn : L->next_number;
    if ((ipn == -1 && P->number % 2 == 0) || (ipn == -2 && P->number % 2 == 1)) {
        if (L->doc->n_pages > 0 || L->page_base > 0)
            P->blank = 1; /* a blank page keeps the numbers in sequence (force-page-count) */
        else
            P->number++;
    }
    P->style = number_style(P->seq_style.format);
}

/* force-page-count (XSL-FO 1.1 §7.27.6): even/odd/end-on-even/end-on-odd. */
static void force_count(struct lay *L, struct lay_pages *P)
{
    const char *f = P->seq_style.force_page_count;
    if (!f || P->page_in_seq == 0)
        return;
    int last = P->number - 1;
    int need_blank = (!strcmp(f, "even") && P->page_in_seq % 2) ||
                     (!strcmp(f, "odd") && P->page_in_seq % 2 == 0) ||
                     (!strcmp(f, "end-on-even") && last % 2) ||
                     (!strcmp(f, "end-on-odd") && last % 2 == 0);
    if (need_blank)
        blank_page(L, P);
}

void lay_page_sequence(struct lay *L, int seq, const struct fo_style *root_style, int seq_index)
{
    struct lay_pages P;
    memset(&P, 0, sizeof P);
    P.seq_node = seq;
    P.seq_index = seq_index;
    P.carry_note = -1;
    fo_tree_style(L->t, seq, root_style, NULL, &P.seq_style);
    int m = find_master(L, P.seq_style.master_reference);
    if (m < 0) {
        diag_report(L->d, DIAG_WARNING, L->t->name, L->t->nodes[seq].line, 0,
                    "page-sequence: no page master '%s': skipped",
                    P.seq_style.master_reference ? P.seq_style.master_reference : "");
        return;
    }
    P.ch.psm = L->t->nodes[m].type == FO_E_SIMPLE_PAGE_MASTER ? -1 : m;
    P.ch.spm = m;
    start_numbering(L, &P);
    struct chooser probe = P.ch;
    int first_spm = choose_master(L, &probe, 1, P.number % 2 != 0, 0);
    if (first_spm < 0)
        return;
    const struct master *first = master_geometry(L, &P, first_spm);
    double width = first->bw;
    L->flow_width = width;
    struct galley g;
    lay_galley_init(&g);
    P.g = &g;
    L->pages = &P;
    P.body_h = first->bh;
    footnote_separator(L, &P, width);
    if (P.blank) { /* auto-odd / auto-even after a sequence that ended on the wrong side */
        struct chooser fresh = P.ch;
        blank_page(L, &P);
        P.page_in_seq = 0;
        P.ch = fresh;
        P.blank = 0;
    }
    int flow = find_flow(L, seq);
    if (flow >= 0) {
        struct fo_style fst;
        struct fo_context cx = {width, 0, 0, 0, 0};
        fo_tree_style(L->t, flow, &P.seq_style, &cx, &fst);
        struct lay_area a = {0, width, cx};
        lay_children(L, &g, flow, &fst, &a);
    }
    paginate(L, &P, 1);
    if (P.page_in_seq == 0) { /* an empty flow still makes a page */
        P.page_first = P.page_end = 0;
        const struct master *mm = next_master(L, &P, 0);
        if (mm) {
            char label[32];
            int page;
            new_page(L, &P, mm, 0, &page, label, sizeof label);
            place_regions(L, &P, mm, page, label);
            P.page_in_seq++;
            P.number++;
        }
    }
    force_count(L, &P);
    L->next_number = P.number;
    L->pages = NULL;
    lay_galley_free(&g);
    free(P.mk);
    free(P.active);
    free(P.ytop);
    free(P.ybot);
}

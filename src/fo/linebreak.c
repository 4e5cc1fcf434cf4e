/* linebreak.c — total-fit line breaking (Knuth & Plass 1981, "Breaking Paragraphs into
 * Lines", Software—Practice and Experience 11) as TeX runs it (TeX: The Program §813-890):
 * active breakpoints kept per fitness class, line class and hyphen run, passes of growing
 * tolerance, and a last pass that only overflows where a box is wider than the line. */
#include "fo/linebreak.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define LB_START ((size_t)-1) /* position of the paragraph's start node */
#define LB_INF_BAD 10000.0    /* TeX's inf_bad: badness of a line with no stretch to use */
#define LB_MAX_LINE_CLASSES 64
#define LB_MAX_RUN 8
#define LB_FITNESS 4

/* Knuth & Plass's fitness classes, from very loose to tight. */
enum { LB_VERY_LOOSE, LB_LOOSE, LB_DECENT, LB_TIGHT };

/* A feasible breakpoint (Knuth & Plass's "passive node"); nodes point back by index. */
struct lb_node {
    size_t pos;      /* item index of the break, LB_START for the paragraph start */
    int line;        /* lines before the break */
    int fitness;     /* of the line ending here */
    int run;         /* hyphenated lines ending here in a row */
    int overfull;    /* the line ending here is overfull (last pass only) */
    double w, y, z;  /* totals of width, stretch, shrink after the break */
    double demerits; /* total from the paragraph start */
    int prev;        /* node of the previous break, -1 for the start */
};

/* A candidate for a new node: the best way found to reach the current breakpoint. */
struct lb_cand {
    double demerits;
    int prev; /* -1 when there is none */
    int overfull;
};

/* Candidates by slot (fitness, line class, hyphen run), and the slots filled so far at the
 * current breakpoint in the order they were first filled. */
struct lb_cands {
    struct lb_cand *slot;
    size_t *touched;
    size_t n_touched;
};

/* One pass: its limits and the growing node arrays. */
struct lb_pass {
    const struct lb_item *it;
    size_t n;
    const struct lb_params *p;
    double tolerance; /* upper limit of ratios; INFINITY in the last pass */
    double extra;     /* emergency stretch added when rating */
    int hyphens;      /* try hyphenation points */
    int emergency;    /* try emergency points (lb_item.emergency) */
    int final;        /* last pass: overflow rather than fail */
    int run_limit;    /* max hyphenated lines in a row */
    int line_classes; /* distinct line widths that matter, <= LB_MAX_LINE_CLASSES */
    int monotone;     /* one line width, no negative width or stretch: see try_break */
    struct lb_node *nodes;
    size_t n_nodes, cap_nodes;
    int *active;
    size_t n_active, cap_active;
    double W, Y, Z; /* totals from the start up to the current item */
    size_t end_pos;     /* the next forced break (or n): where the current last line ends */
    double end_w, end_z; /* totals of width and shrink of a line ending there (W, Z plus the
                          * items up to it and the break's own width) */
};

/* Buffers that outlive a pass: the nodes and active list are emptied, not freed, between
 * passes; every candidate slot has prev -1 between breakpoints (add_candidates resets the ones
 * it used), so the table is initialised only when it grows. */
struct lb_work {
    struct lb_node *nodes;
    size_t cap_nodes;
    int *active;
    size_t cap_active;
    struct lb_cand *slot;
    size_t *touched;
    size_t cap_cand;
    struct lb_line *alt; /* better_final's lines */
    size_t cap_alt;
};

struct lb_work *lb_work_new(void)
{
    return xcalloc(1, sizeof(struct lb_work));
}

void lb_work_free(struct lb_work *w)
{
    if (!w)
        return;
    free(w->nodes);
    free(w->active);
    free(w->slot);
    free(w->touched);
    free(w->alt);
    free(w);
}

/* Candidate slots for n_cand entries, all with prev -1. */
static void reserve_cands(struct lb_work *w, size_t n_cand)
{
    if (n_cand <= w->cap_cand)
        return;
    free(w->slot);
    free(w->touched);
    w->slot = xmalloc(n_cand * sizeof *w->slot);
    w->touched = xmalloc(n_cand * sizeof *w->touched);
    for (size_t k = 0; k < n_cand; k++)
        w->slot[k].prev = -1;
    w->cap_cand = n_cand;
}

void lb_params_default(struct lb_params *p, const double *line_widths, size_t n_line_widths)
{
    memset(p, 0, sizeof *p);
    p->line_widths = line_widths;
    p->n_line_widths = n_line_widths;
    p->pretolerance = 1.0; /* TeX \pretolerance=100 */
    p->tolerance = 1.26;   /* LaTeX \tolerance=200 */
    p->retry_tolerance = 2.0;
    p->emergency_stretch = n_line_widths ? line_widths[n_line_widths - 1] / 10 : 0;
    p->line_penalty = 10;
    p->flagged_demerits = 10000;
    p->final_hyphen_demerits = 5000;
    p->emergency_final_hyphen_demerits = 5000;
    p->fitness_demerits = 10000;
    p->max_hyphen_lines = 2;
    p->max_active = 512;
}

static double line_width(const struct lb_params *p, int line)
{
    size_t k = (size_t)line < p->n_line_widths ? (size_t)line : p->n_line_widths - 1;
    return p->line_widths[k];
}

/* Whether item b (b == n: the paragraph's end) is a forced break, which ends a last line. */
static int forced_at(const struct lb_item *it, size_t n, size_t b)
{
    return b >= n || (it[b].kind == LB_PENALTY && it[b].penalty <= -LB_INF);
}

/* The width of line number line (0-based) when it ends at a forced break (last) or not.
 *
 * A last line may have its own measure (XSL-FO 1.1 §7.16.3 last-line-end-indent: the
 * contents entry whose title lines stop short of the page-number column while its last line,
 * leader and number, runs to the margin). Which line is last is not known by its number, as
 * \parshape's widths are in TeX, but it is known at the break: a line is last exactly when it
 * ends at a forced break or at the paragraph's end, so try_break rates such a line against the
 * last-line width and every other against the normal one. (FOP gets the same effect by giving
 * the final forced penalty the negative width; here penalty widths are hyphens that are drawn,
 * so the width goes into the measure instead.) */
static double break_width(const struct lb_params *p, int line, int last)
{
    return line_width(p, line) + (last ? p->last_line_extra : 0);
}

/* The adjustment ratio of a line of natural length len (Knuth & Plass 1981 eq. 1); a huge
 * value stands for "no stretch available" (infinitely bad). */
static double adjustment_ratio(double width, double len, double stretch, double shrink)
{
    if (len < width)
        return stretch > 0 ? (width - len) / stretch : HUGE_VAL;
    if (len > width)
        return shrink > 0 ? (width - len) / shrink : -HUGE_VAL;
    return 0;
}

/* Badness 100|r|^3 capped at TeX's inf_bad (TeX §108). */
static double badness(double r)
{
    double b = 100 * fabs(r) * fabs(r) * fabs(r);
    return b < LB_INF_BAD ? b : LB_INF_BAD;
}

/* Knuth & Plass 1981 fitness classes: tight r < -0.5, decent <= 0.5, loose <= 1, else very
 * loose. */
static int fitness_class(double r)
{
    return r < -0.5 ? LB_TIGHT : r <= 0.5 ? LB_DECENT : r <= 1 ? LB_LOOSE : LB_VERY_LOOSE;
}

static int push_node(struct lb_pass *s, struct lb_node nd)
{
    if (s->n_nodes == s->cap_nodes) {
        s->cap_nodes = s->cap_nodes ? s->cap_nodes * 2 : 256;
        s->nodes = xrealloc(s->nodes, s->cap_nodes * sizeof *s->nodes);
    }
    s->nodes[s->n_nodes] = nd;
    return (int)s->n_nodes++;
}

static void push_active(struct lb_pass *s, int node)
{
    if (s->n_active == s->cap_active) {
        s->cap_active = s->cap_active ? s->cap_active * 2 : 64;
        s->active = xrealloc(s->active, s->cap_active * sizeof *s->active);
    }
    s->active[s->n_active++] = node;
}

/* Totals after a break at b: the break's own glue and the glue that follows it up to the next
 * box or forced break are discarded (Knuth & Plass 1981, "the discardable items"). */
static void totals_after(const struct lb_pass *s, size_t b, double *w, double *y, double *z)
{
    *w = s->W;
    *y = s->Y;
    *z = s->Z;
    for (size_t j = b; j < s->n; j++) {
        const struct lb_item *x = &s->it[j];
        if (x->kind == LB_BOX || (x->kind == LB_PENALTY && x->penalty <= -LB_INF && j > b))
            break;
        if (x->kind == LB_GLUE) {
            *w += x->width;
            *y += x->stretch;
            *z += x->shrink;
        }
    }
}

/* Demerits of a line from active node a to a break with penalty pen (Knuth & Plass 1981
 * eq. 4 with the flagged and fitness terms; TeX §859 adds \finalhyphendemerits, here its
 * emergency value in the passes that rate lines with emergency stretch). */
static double line_demerits(const struct lb_pass *s, const struct lb_node *a, double r, int pen,
                            int flagged, int last)
{
    double d = s->p->line_penalty + badness(r);
    d *= d;
    if (pen >= 0)
        d += (double)pen * pen;
    else if (pen > -LB_INF)
        d -= (double)pen * pen;
    if (flagged && a->run > 0)
        d += s->p->flagged_demerits;
    if (last && a->run > 0)
        d += s->extra > 0 ? s->p->emergency_final_hyphen_demerits : s->p->final_hyphen_demerits;
    int fc = fitness_class(r);
    if (abs(fc - a->fitness) > 1)
        d += s->p->fitness_demerits;
    return d;
}

/* Hyphenated lines in a row after a break from a, counted up to LB_MAX_RUN (runs beyond the
 * limit behave alike; forced and last-resort breaks may pass it). */
static int next_run(const struct lb_node *a, int flagged)
{
    if (!flagged)
        return 0;
    return a->run < LB_MAX_RUN ? a->run + 1 : LB_MAX_RUN;
}

/* The slot of candidates for (fitness, line class, hyphen run). */
static size_t cand_slot(const struct lb_pass *s, int fitness, int line, int run)
{
    int lc = line < s->line_classes - 1 ? line : s->line_classes - 1;
    return ((size_t)run * (size_t)s->line_classes + (size_t)lc) * LB_FITNESS + (size_t)fitness;
}

/* Turns the candidates into new active nodes at break b. */
static void add_candidates(struct lb_pass *s, size_t b, struct lb_cands *c, int flagged)
{
    double w, y, z;
    totals_after(s, b, &w, &y, &z);
    for (size_t t = 0; t < c->n_touched; t++) {
        size_t k = c->touched[t];
        struct lb_cand *cd = &c->slot[k];
        const struct lb_node *a = &s->nodes[cd->prev];
        struct lb_node nd = {b,
                             a->line + 1,
                             (int)(k % LB_FITNESS),
                             next_run(a, flagged),
                             cd->overfull,
                             w,
                             y,
                             z,
                             cd->demerits,
                             cd->prev};
        int id = push_node(s, nd);
        push_active(s, id);
        cd->prev = -1;
    }
    c->n_touched = 0;
}

/* Keeps at most max_active active nodes, dropping the oldest (the longest lines): the cap
 * that keeps a pathological paragraph linear (STYLE lesson 9). */
static void cap_active(struct lb_pass *s)
{
    size_t max = s->p->max_active > 16 ? (size_t)s->p->max_active : 16;
    if (s->n_active <= max)
        return;
    size_t drop = s->n_active - max;
    memmove(s->active, s->active + drop, max * sizeof *s->active);
    s->n_active = max;
}

/* Whether the rest of the paragraph from active node a, up to the next forced break, fits on
 * one last line, fully shrunk. Only a longer last line (last_line_extra > 0) needs this: a
 * node whose line is already too long for the normal measure stays active while the whole
 * rest would still fit the last line's measure, so that a contents entry a little longer than
 * the title measure still ends in one line at the margin, rather than breaking early. */
static int fits_last_line(const struct lb_pass *s, const struct lb_node *a)
{
    if (!(s->p->last_line_extra > 0))
        return 0;
    double width = break_width(s->p, a->line, 1);
    return (s->end_w - a->w) - (s->end_z - a->z) <= width + 1e-9;
}

/* The adjustment ratio of a line from active node a to a break of width pw here (forced: one
 * that ends a last line). */
static inline double ratio_from(const struct lb_pass *s, const struct lb_node *a, double pw,
                                int forced)
{
    double width = break_width(s->p, a->line, forced);
    double len = s->W - a->w + pw;
    return adjustment_ratio(width, len, s->Y - a->y + s->extra, s->Z - a->z);
}

/* Whether try_break at an unforced break of width pw would find nothing to do: in a monotone
 * pass, a line from the oldest active node too loose means every line is (try_break's early
 * stop at its first node), so the break is passed over without the call. */
static inline int nothing_to_try(const struct lb_pass *s, double pw)
{
    return s->monotone && s->n_active > 0 &&
           ratio_from(s, &s->nodes[s->active[0]], pw, 0) > s->tolerance;
}

/* Tries a break at item b (b == n: the paragraph's end) against every active node (Knuth &
 * Plass 1981 §"the algorithm", TeX §829-860). Returns 0, or -1 when no active node is left
 * (the pass fails; the last pass instead makes an overfull line, TeX §854 artificial_demerits).
 */
static int try_break(struct lb_pass *s, size_t b, double pw, int pen, int flagged, int forced,
                     struct lb_cands *cands)
{
    int last = b >= s->n - 1 && forced;
    int any = 0;
    size_t keep = 0;
    for (size_t k = 0; k < s->n_active; k++) {
        int id = s->active[k];
        const struct lb_node *a = &s->nodes[id];
        double r = ratio_from(s, a, pw, forced);
        if (s->monotone && !forced && r > s->tolerance) {
            /* the nodes after a start later: their lines are no longer and have no more
             * stretch, so they are too short as well; they stay active, untried */
            if (keep < k)
                memmove(s->active + keep, s->active + k, (s->n_active - k) * sizeof *s->active);
            keep += s->n_active - k;
            break;
        }
        int dead = forced || (r < -1 && !fits_last_line(s, a));
        if (!dead)
            s->active[keep++] = id;
        int overfull = 0;
        if (r < -1 && s->final && !any && keep == 0 && k + 1 == s->n_active) {
            overfull = 1; /* the last node: an overfull line rather than none */
            r = -1;
        }
        if ((r < -1 || r > s->tolerance) && !overfull)
            continue;
        if (flagged && !forced && !overfull && a->run >= s->run_limit)
            continue; /* forced breaks and the last resort are taken whatever the run */
        double d = a->demerits + (overfull ? 0 : line_demerits(s, a, r, pen, flagged, last));
        size_t slot = cand_slot(s, fitness_class(r), a->line + 1, next_run(a, flagged));
        struct lb_cand *c = &cands->slot[slot];
        if (c->prev < 0)
            cands->touched[cands->n_touched++] = slot;
        if (c->prev < 0 || d < c->demerits)
            *c = (struct lb_cand){d, id, overfull};
        any = 1;
    }
    s->n_active = keep;
    if (any)
        add_candidates(s, b, cands, flagged);
    cap_active(s);
    return s->n_active ? 0 : -1;
}

/* A legal breakpoint (Knuth & Plass 1981 §"breakpoints"): glue after a box, or a penalty
 * below LB_INF (hyphenation points only when the pass uses them, unless forced). */
static int legal_break(const struct lb_pass *s, size_t i)
{
    const struct lb_item *x = &s->it[i];
    if (x->kind == LB_GLUE)
        return i > 0 && s->it[i - 1].kind == LB_BOX;
    if (x->kind == LB_PENALTY)
        return x->penalty < LB_INF && (s->hyphens || !x->hyphenation || x->penalty <= -LB_INF) &&
               (s->emergency || !x->emergency || x->penalty <= -LB_INF);
    return 0;
}

/* Finds the forced break (or the paragraph's end) that ends the line through item i, and the
 * width and shrink totals a line ending there would have (for fits_last_line). Each stretch
 * of items is scanned once, so this stays linear. */
static void find_last_line_end(struct lb_pass *s, size_t i)
{
    double w = s->W, z = s->Z;
    size_t j = i;
    for (; j < s->n && !forced_at(s->it, s->n, j); j++) {
        if (s->it[j].kind != LB_PENALTY)
            w += s->it[j].width;
        if (s->it[j].kind == LB_GLUE)
            z += s->it[j].shrink;
    }
    if (j < s->n)
        w += s->it[j].width; /* the forced penalty's own width, as try_break counts it */
    s->end_pos = j;
    s->end_w = w;
    s->end_z = z;
}

/* Runs one pass over the items; returns the node ending the paragraph with least demerits,
 * or -1 when the pass finds no feasible breaks. */
static int run_pass(struct lb_pass *s, struct lb_work *w)
{
    reserve_cands(w, (size_t)LB_FITNESS * (size_t)s->line_classes * (LB_MAX_RUN + 1));
    struct lb_cands cands = {w->slot, w->touched, 0};
    int result = -1;
    struct lb_node start = {LB_START, 0, LB_DECENT, 0, 0, 0, 0, 0, 0, -1};
    push_active(s, push_node(s, start));
    int ends_forced = s->it[s->n - 1].kind == LB_PENALTY && s->it[s->n - 1].penalty <= -LB_INF;
    for (size_t i = 0; i < s->n; i++) {
        const struct lb_item *x = &s->it[i];
        if (s->p->last_line_extra > 0 && (i == 0 || i > s->end_pos))
            find_last_line_end(s, i);
        if (legal_break(s, i)) {
            int is_pen = x->kind == LB_PENALTY;
            int forced = (is_pen && x->penalty <= -LB_INF) || (i + 1 == s->n && ends_forced);
            double pw = is_pen ? x->width : 0;
            if ((forced || !nothing_to_try(s, pw)) &&
                try_break(s, i, pw, is_pen ? x->penalty : 0, is_pen && x->flagged, forced, &cands))
                return -1;
        }
        if (x->kind != LB_PENALTY)
            s->W += x->width;
        if (x->kind == LB_GLUE) {
            s->Y += x->stretch;
            s->Z += x->shrink;
        }
    }
    if (!ends_forced && try_break(s, s->n, 0, -LB_INF, 0, 1, &cands))
        return -1;
    for (size_t k = 0; k < s->n_active; k++)
        if (result < 0 || s->nodes[s->active[k]].demerits < s->nodes[result].demerits)
            result = s->active[k];
    return result;
}

/* Natural length, stretch and shrink of the line from item first to the break at brk. */
static void measure_line(const struct lb_item *it, size_t n, size_t first, size_t brk, double *len,
                         double *st, double *sh)
{
    *len = *st = *sh = 0;
    for (size_t j = first; j < brk; j++) {
        if (it[j].kind == LB_PENALTY)
            continue;
        *len += it[j].width;
        if (it[j].kind == LB_GLUE) {
            *st += it[j].stretch;
            *sh += it[j].shrink;
        }
    }
    if (brk < n && it[brk].kind == LB_PENALTY)
        *len += it[brk].width;
}

/* The first item of a line after the break at pos: discardable glue and penalties skipped. */
static size_t line_start(const struct lb_item *it, size_t n, size_t pos)
{
    if (pos == LB_START)
        return 0;
    size_t j = pos + 1;
    while (j < n && it[j].kind != LB_BOX && !(it[j].kind == LB_PENALTY && it[j].penalty <= -LB_INF))
        j++;
    return j;
}

/* Writes the lines of the chain ending at node best, first to last, with their true ratios
 * (without emergency stretch), and fills the report's overflow fields. */
static size_t emit_lines(const struct lb_pass *s, int best, struct lb_line *lines)
{
    size_t count = (size_t)s->nodes[best].line;
    size_t k = count;
    for (int b = best; s->nodes[b].prev >= 0 && k > 0; b = s->nodes[b].prev) {
        const struct lb_node *nd = &s->nodes[b];
        struct lb_line *ln = &lines[--k];
        ln->brk = nd->pos;
        ln->first = line_start(s->it, s->n, s->nodes[nd->prev].pos);
        if (ln->first > ln->brk)
            ln->first = ln->brk; /* two breaks with only discardables between: an empty line */
        int last = forced_at(s->it, s->n, ln->brk);
        double len, st, sh, width = break_width(s->p, (int)k, last);
        measure_line(s->it, s->n, ln->first, ln->brk, &len, &st, &sh);
        ln->ratio = adjustment_ratio(width, len, st, sh);
        if (!isfinite(ln->ratio))
            ln->ratio = ln->ratio > 0 ? 0 : -1; /* no glue: natural width (overfull if long) */
        ln->overfull = len - sh > width + 1e-9;
    }
    return count;
}

/* The widest box on line ln: what the caller should break. */
static size_t widest_box(const struct lb_item *it, const struct lb_line *ln)
{
    size_t best = (size_t)-1;
    for (size_t j = ln->first; j < ln->brk; j++)
        if (it[j].kind == LB_BOX && (best == (size_t)-1 || it[j].width > it[best].width))
            best = j;
    return best;
}

static void report_overflow(const struct lb_item *it, const struct lb_line *lines, size_t count,
                            struct lb_report *rep)
{
    rep->n_overfull = 0;
    rep->overflow_box = (size_t)-1;
    for (size_t k = 0; k < count; k++) {
        if (!lines[k].overfull)
            continue;
        if (rep->n_overfull++ == 0)
            rep->overflow_box = widest_box(it, &lines[k]);
    }
}

/* Whether the active nodes, kept in order of position, give lines of non-increasing length
 * and stretch at any breakpoint: one line width, no negative width or stretch. */
static int monotone_items(const struct lb_item *it, size_t n, int line_classes)
{
    if (line_classes != 1)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (it[i].kind != LB_PENALTY && (it[i].width < 0 || it[i].stretch < 0))
            return 0;
    return 1;
}

/* Sets up and runs pass number no (1..5; 6 is pass 5 with emergency points); returns its
 * lines, or 0 when it finds none. */
static size_t pass_lines(struct lb_work *w, const struct lb_item *it, size_t n,
                         const struct lb_params *p, int no, int run_limit, int monotone,
                         struct lb_line *lines, struct lb_report *rep)
{
    struct lb_pass s = {0};
    s.nodes = w->nodes;
    s.cap_nodes = w->cap_nodes;
    s.active = w->active;
    s.cap_active = w->cap_active;
    s.it = it;
    s.n = n;
    s.p = p;
    s.emergency = no == 6;
    if (no == 6)
        no = 5;
    s.hyphens = no > 1;
    s.final = no == 5;
    s.tolerance = no == 1   ? p->pretolerance
                  : no == 2 ? p->tolerance
                  : no < 5  ? p->retry_tolerance
                            : HUGE_VAL;
    s.extra = no >= 4 ? p->emergency_stretch : 0;
    s.run_limit = run_limit;
    s.line_classes =
        p->n_line_widths < LB_MAX_LINE_CLASSES ? (int)p->n_line_widths : LB_MAX_LINE_CLASSES;
    s.monotone = monotone && s.tolerance >= 0;
    size_t count = 0;
    int best = run_pass(&s, w);
    if (best >= 0) {
        count = emit_lines(&s, best, lines);
        rep->pass = no;
        report_overflow(it, lines, count, rep);
    }
    w->nodes = s.nodes; /* kept, grown, for the next pass */
    w->cap_nodes = s.cap_nodes;
    w->active = s.active;
    w->cap_active = s.cap_active;
    return count;
}

/* Items with non-finite sizes (from a hostile or broken caller) measured as 0, so the passes
 * stay well defined; returns items itself when all are finite, else a copy in *copy that the
 * caller frees. */
static const struct lb_item *finite_items(const struct lb_item *items, size_t n,
                                          struct lb_item **copy)
{
    *copy = NULL;
    double zero = 0; /* v - v is 0 for every finite v, NaN for an infinity or NaN */
    for (size_t i = 0; i < n; i++)
        zero += (items[i].width - items[i].width) + (items[i].stretch - items[i].stretch) +
                (items[i].shrink - items[i].shrink);
    if (zero == 0)
        return items;
    for (size_t i = 0; i < n; i++) {
        const struct lb_item *x = &items[i];
        if (isfinite(x->width) && isfinite(x->stretch) && isfinite(x->shrink))
            continue;
        if (!*copy) {
            *copy = xmalloc(n * sizeof **copy);
            memcpy(*copy, items, n * sizeof **copy);
        }
        struct lb_item *y = &(*copy)[i];
        y->width = isfinite(y->width) ? y->width : 0;
        y->stretch = isfinite(y->stretch) ? y->stretch : 0;
        y->shrink = isfinite(y->shrink) ? y->shrink : 0;
    }
    return *copy ? *copy : items;
}

/* Replaces lines by pass no (5 or 6) with run limit limit when that has fewer overfull
 * lines. */
static size_t better_final(struct lb_work *w, const struct lb_item *items, size_t n,
                           const struct lb_params *p, int no, int limit, int monotone,
                           struct lb_line *lines, size_t count, struct lb_report *rep)
{
    if (w->cap_alt < n + 1) {
        free(w->alt);
        w->alt = xmalloc((n + 1) * sizeof *w->alt);
        w->cap_alt = n + 1;
    }
    struct lb_report alt_rep = {0};
    size_t alt_count = pass_lines(w, items, n, p, no, limit, monotone, w->alt, &alt_rep);
    if (alt_count && alt_rep.n_overfull < rep->n_overfull) {
        memcpy(lines, w->alt, alt_count * sizeof *w->alt);
        *rep = alt_rep;
        count = alt_count;
    }
    return count;
}

/* The passes in order until one succeeds (TeX §863: pretolerance, tolerance, emergency);
 * then, while a line overflows, the last pass without the hyphen-run limit, and with
 * emergency points. */
static size_t all_passes(struct lb_work *w, const struct lb_item *items, size_t n,
                         const struct lb_params *p, int limit, struct lb_line *lines,
                         struct lb_report *rep)
{
    size_t count = 0;
    int monotone = monotone_items(items, n, p->n_line_widths < LB_MAX_LINE_CLASSES
                                                ? (int)p->n_line_widths
                                                : LB_MAX_LINE_CLASSES);
    for (int no = p->pretolerance >= 0 ? 1 : 2; no <= 5 && count == 0; no++) {
        if (no == 3 && !(p->retry_tolerance > p->tolerance))
            continue;
        if (no == 4 && !(p->emergency_stretch > 0))
            continue;
        count = pass_lines(w, items, n, p, no, limit, monotone, lines, rep);
    }
    /* the hyphen limit is hard unless keeping it makes a line overfull */
    if (rep->n_overfull && limit < LB_MAX_RUN)
        count = better_final(w, items, n, p, 5, LB_MAX_RUN, monotone, lines, count, rep);
    if (!rep->n_overfull)
        return count;
    int has_emergency = 0;
    for (size_t i = 0; i < n && !has_emergency; i++)
        has_emergency = items[i].kind == LB_PENALTY && items[i].emergency;
    if (rep->n_overfull && has_emergency)
        count = better_final(w, items, n, p, 6, limit, monotone, lines, count, rep);
    if (rep->n_overfull && has_emergency && limit < LB_MAX_RUN)
        count = better_final(w, items, n, p, 6, LB_MAX_RUN, monotone, lines, count, rep);
    return count;
}

size_t lb_break(const struct lb_item *items, size_t n, const struct lb_params *p,
                struct lb_line *lines, struct lb_report *rep)
{
    struct lb_work *w = lb_work_new();
    size_t count = lb_break_in(w, items, n, p, lines, rep);
    lb_work_free(w);
    return count;
}

size_t lb_break_in(struct lb_work *w, const struct lb_item *items, size_t n,
                   const struct lb_params *p, struct lb_line *lines, struct lb_report *rep)
{
    struct lb_report dummy;
    if (!rep)
        rep = &dummy;
    memset(rep, 0, sizeof *rep);
    rep->overflow_box = (size_t)-1;
    if (n == 0 || !p->line_widths || p->n_line_widths == 0)
        return 0;
    struct lb_params q = *p;
    size_t nw = q.n_line_widths < LB_MAX_LINE_CLASSES ? q.n_line_widths : LB_MAX_LINE_CLASSES;
    double widths[LB_MAX_LINE_CLASSES];
    for (size_t k = 0; k < nw; k++)
        widths[k] = isfinite(p->line_widths[k]) ? p->line_widths[k] : 0;
    q.line_widths = widths;
    q.n_line_widths = nw;
    if (!isfinite(q.last_line_extra))
        q.last_line_extra = 0;
    int limit = p->max_hyphen_lines < 0            ? 0
                : p->max_hyphen_lines > LB_MAX_RUN ? LB_MAX_RUN
                                                   : p->max_hyphen_lines;
    struct lb_item *copy;
    const struct lb_item *it = finite_items(items, n, &copy);
    size_t count = all_passes(w, it, n, &q, limit, lines, rep);
    free(copy);
    return count;
}

/* U+0300..U+036F combining diacritics, U+1AB0..U+1AFF, U+1DC0..U+1DFF, U+20D0..U+20FF,
 * U+FE20..U+FE2F half marks, U+FE00..U+FE0F variation selectors, U+200D ZWJ: never split
 * from what precedes them (Unicode UAX #29 grapheme clusters, simplified). */
static int joins_previous(uint32_t cp)
{
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE00 && cp <= 0xFE2F) || cp == 0x200D;
}

/* The code point at s[i] (lenient: a stray byte is itself) and its length. */
static uint32_t code_point(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    uint32_t c = s[i];
    size_t k = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (i + k > n)
        k = 1;
    if (k > 1) {
        c &= 0x7Fu >> k;
        for (size_t j = 1; j < k; j++)
            c = (c << 6) | (s[i + j] & 0x3Fu);
    }
    *len = k;
    return c;
}

static int url_separator(unsigned char c)
{
    return c && strchr("/.-_?&=#", c) != NULL;
}

size_t lb_word_breaks(const char *word, size_t len, enum lb_word_mode mode, size_t *offsets,
                      size_t max)
{
    const unsigned char *u = (const unsigned char *)word;
    size_t count = 0;
    size_t i = 0, k;
    while (i < len && count < max) {
        uint32_t cp = code_point(u, len, i, &k);
        size_t next = i + k;
        if (next >= len)
            break;
        size_t k2;
        uint32_t after = code_point(u, len, next, &k2);
        int ok = !joins_previous(after);
        if (mode == LB_WORD_URL)
            ok = ok && cp < 0x80 && url_separator((unsigned char)cp) &&
                 !url_separator((unsigned char)(after < 0x80 ? after : 0));
        if (ok)
            offsets[count++] = next;
        i = next;
    }
    return count;
}

void lb_dump(const struct lb_item *items, size_t n, const struct lb_line *lines, size_t n_lines,
             struct buf *out)
{
    for (size_t k = 0; k < n_lines; k++) {
        const struct lb_line *ln = &lines[k];
        const char *how = ln->brk >= n                     ? "end"
                          : items[ln->brk].kind == LB_GLUE ? "glue"
                          : items[ln->brk].flagged         ? "hyphen"
                                                           : "penalty";
        buf_printf(out, "line %zu: items %zu..%zu break %s r=%.3f%s\n", k + 1, ln->first, ln->brk,
                   how, ln->ratio, ln->overfull ? " overfull" : "");
    }
}

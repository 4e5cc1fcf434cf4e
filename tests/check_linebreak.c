/* check_linebreak.c — total-fit line breaking (src/fo/linebreak.c): a small paragraph with
 * known breaks, optimality against an exhaustive search over all break sets (Knuth & Plass
 * 1981 demerits, written again here independently), no overfull line when any break avoids it,
 * the two-hyphen limit, ratio bounds, an unbreakable box reported, 100 000 words, a last line
 * of its own width (last-line-end-indent), word breaks for URLs and long words, the dump. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fo/font.h"
#include "fo/hyph.h"
#include "fo/linebreak.h"
#include "check_helpers.h"

#define FILL 1e6 /* \parfillskip stretch */

struct para {
    struct lb_item *it;
    size_t n, cap;
};

static void add(struct para *p, struct lb_item x)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        p->it = realloc(p->it, p->cap * sizeof *p->it);
        ck_assert_ptr_nonnull(p->it);
    }
    p->it[p->n++] = x;
}

static void box(struct para *p, double w)
{
    add(p, (struct lb_item){LB_BOX, w, 0, 0, 0, 0, 0, 0});
}

static void glue(struct para *p, double w, double st, double sh)
{
    add(p, (struct lb_item){LB_GLUE, w, st, sh, 0, 0, 0, 0});
}

static void hyphen(struct para *p, double w, int pen)
{
    add(p, (struct lb_item){LB_PENALTY, w, 0, 0, pen, 1, 1, 0});
}

/* \parfillskip and the final forced break (Knuth & Plass 1981 §"the end of a paragraph"). */
static void finish(struct para *p)
{
    add(p, (struct lb_item){LB_PENALTY, 0, 0, 0, LB_INF, 0, 0, 0});
    glue(p, 0, FILL, 0);
    add(p, (struct lb_item){LB_PENALTY, 0, 0, 0, -LB_INF, 0, 0, 0});
}

static uint32_t rng;
static uint32_t next_rand(void)
{
    rng = rng * 1103515245u + 12345u;
    return (rng >> 16) & 0x7FFF;
}

/* A paragraph of words with widths 15..54; every other word has a hyphenation point. */
static void random_para(struct para *p, size_t words, int hyphens)
{
    for (size_t w = 0; w < words; w++) {
        if (w)
            glue(p, 10, 5, 3);
        double a = 15 + next_rand() % 40;
        if (hyphens && next_rand() % 2) {
            double b = 10 + next_rand() % 30;
            box(p, a);
            hyphen(p, 4, 50);
            box(p, b);
        } else {
            box(p, a);
        }
    }
    finish(p);
}

/* ---- an independent exhaustive total fit, for paragraphs of up to 18 legal breaks ---- */

static int fitness(double r)
{
    return r < -0.5 ? 3 : r <= 0.5 ? 2 : r <= 1 ? 1 : 0;
}

/* Ratio of the line after break `from` (SIZE_MAX: the start) to break `to`. */
static double ratio_of(const struct para *p, size_t from, size_t to, double width)
{
    size_t j = from == SIZE_MAX ? 0 : from + 1;
    while (from != SIZE_MAX && j < to && p->it[j].kind != LB_BOX)
        j++;
    double len = 0, st = 0, sh = 0;
    for (; j < to; j++) {
        if (p->it[j].kind == LB_PENALTY)
            continue;
        len += p->it[j].width;
        st += p->it[j].stretch;
        sh += p->it[j].shrink;
    }
    if (p->it[to].kind == LB_PENALTY)
        len += p->it[to].width;
    if (len < width)
        return st > 0 ? (width - len) / st : INFINITY;
    return len > width ? (sh > 0 ? (width - len) / sh : -INFINITY) : 0;
}

/* Total demerits of a break set (breaks ends with n - 1), or INFINITY if infeasible. */
static double set_demerits(const struct para *p, const size_t *brk, size_t nb, double width,
                           double tol, const struct lb_params *q)
{
    double total = 0;
    int prev_fit = 2, run = 0;
    size_t from = SIZE_MAX;
    for (size_t k = 0; k < nb; k++) {
        const struct lb_item *x = &p->it[brk[k]];
        double r = ratio_of(p, from, brk[k], width);
        if (r < -1 || r > tol)
            return INFINITY;
        int flagged = x->kind == LB_PENALTY && x->flagged;
        if (flagged && run >= q->max_hyphen_lines)
            return INFINITY;
        double b = fmin(100 * fabs(r * r * r), 10000);
        double d = (q->line_penalty + b) * (q->line_penalty + b);
        int pen = x->kind == LB_PENALTY ? x->penalty : 0;
        if (pen >= 0)
            d += (double)pen * pen;
        else if (pen > -LB_INF)
            d -= (double)pen * pen;
        if (flagged && run > 0)
            d += q->flagged_demerits;
        if (k + 1 == nb && run > 0)
            d += q->final_hyphen_demerits;
        if (abs(fitness(r) - prev_fit) > 1)
            d += q->fitness_demerits;
        total += d;
        prev_fit = fitness(r);
        run = flagged ? run + 1 : 0;
        from = brk[k];
    }
    return total;
}

static double brute_force(const struct para *p, double width, double tol, const struct lb_params *q)
{
    size_t legal[32], nl = 0;
    for (size_t i = 0; i + 1 < p->n; i++) {
        const struct lb_item *x = &p->it[i];
        if ((x->kind == LB_GLUE && i > 0 && p->it[i - 1].kind == LB_BOX) ||
            (x->kind == LB_PENALTY && x->penalty < LB_INF))
            legal[nl++] = i;
    }
    ck_assert_uint_le(nl, 18);
    double best = INFINITY;
    for (uint32_t mask = 0; mask < (1u << nl); mask++) {
        size_t brk[33], nb = 0;
        for (size_t k = 0; k < nl; k++)
            if (mask & (1u << k))
                brk[nb++] = legal[k];
        brk[nb++] = p->n - 1;
        best = fmin(best, set_demerits(p, brk, nb, width, tol, q));
    }
    return best;
}

static double lines_demerits(const struct para *p, const struct lb_line *ln, size_t n, double width,
                             double tol, const struct lb_params *q)
{
    size_t brk[64];
    for (size_t k = 0; k < n; k++)
        brk[k] = ln[k].brk;
    return set_demerits(p, brk, n, width, tol, q);
}

/* ---- tests ---- */

/* Six words of 20 with glue 5+10-3 on a 70 measure: three words fill a line exactly, two
 * would need r = 2.5. Breaks at the glue after the third word and at the end. */
START_TEST(small_example_breaks)
{
    struct para p = {0};
    for (int w = 0; w < 6; w++) {
        if (w)
            glue(&p, 5, 10, 3);
        box(&p, 20);
    }
    finish(&p);
    double width = 70;
    struct lb_params q;
    lb_params_default(&q, &width, 1);
    struct lb_line lines[32];
    struct lb_report rep;
    size_t n = lb_break(p.it, p.n, &q, lines, &rep);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(lines[0].first, 0);
    ck_assert_uint_eq(lines[0].brk, 5);
    ck_assert_uint_eq(lines[1].first, 6);
    ck_assert_uint_eq(lines[1].brk, 13);
    ck_assert_double_eq_tol(lines[0].ratio, 0, 1e-12);
    ck_assert_int_eq(rep.pass, 1);
    ck_assert_uint_eq(rep.n_overfull, 0);
    struct buf b;
    buf_init(&b);
    lb_dump(p.it, p.n, lines, n, &b);
    ck_assert_str_eq(b.data, "line 1: items 0..5 break glue r=0.000\n"
                             "line 2: items 6..13 break penalty r=0.000\n");
    buf_free(&b);
    free(p.it);
}
END_TEST

/* Total fit is optimal: lb_break's demerits equal the minimum over every break set. */
START_TEST(optimal_against_exhaustive_search)
{
    rng = 7;
    int compared = 0;
    for (int trial = 0; trial < 60; trial++) {
        struct para p = {0};
        random_para(&p, 6 + trial % 4, trial % 2);
        double width = 110 + trial % 5 * 10;
        struct lb_params q;
        lb_params_default(&q, &width, 1);
        q.pretolerance = -1;
        q.tolerance = 10;
        q.retry_tolerance = 10;
        q.emergency_stretch = 0;
        if (trial % 3 == 1)
            q.fitness_demerits = 200000; /* make each term decide somewhere */
        if (trial % 3 == 2)
            q.flagged_demerits = q.final_hyphen_demerits = 200000;
        struct lb_line lines[64];
        struct lb_report rep;
        size_t n = lb_break(p.it, p.n, &q, lines, &rep);
        double best = brute_force(&p, width, 10, &q);
        if (isfinite(best)) {
            ck_assert_int_eq(rep.pass, 2);
            double got = lines_demerits(&p, lines, n, width, 10, &q);
            ck_assert_msg(fabs(got - best) <= 1e-6 * best, "trial %d: %g vs optimum %g", trial, got,
                          best);
            compared++;
        } else {
            ck_assert_int_gt(rep.pass, 2);
        }
        free(p.it);
    }
    ck_assert_int_ge(compared, 40);
}
END_TEST

/* Words of 30 with glue 5+1-1 on a 90 measure: two words leave r = 25, three are overfull.
 * Only the last pass succeeds, with loose lines and none overfull. */
START_TEST(no_overfull_when_feasible)
{
    struct para p = {0};
    for (int w = 0; w < 9; w++) {
        if (w)
            glue(&p, 5, 1, 1);
        box(&p, 30);
    }
    finish(&p);
    double width = 90;
    struct lb_params q;
    lb_params_default(&q, &width, 1);
    struct lb_line lines[32];
    struct lb_report rep;
    size_t n = lb_break(p.it, p.n, &q, lines, &rep);
    ck_assert_int_eq(rep.pass, 5);
    ck_assert_uint_eq(rep.n_overfull, 0);
    ck_assert_uint_eq(n, 5);
    for (size_t k = 0; k < n; k++) {
        ck_assert_int_eq(lines[k].overfull, 0);
        ck_assert(lines[k].ratio >= -1);
    }
    free(p.it);
}
END_TEST

/* The same paragraph with a larger emergency stretch: the fourth pass rates the lines as
 * acceptable (25 / (1 + 20) < 2) and reports their true ratio, 25. */
START_TEST(emergency_stretch_pass)
{
    struct para p = {0};
    for (int w = 0; w < 8; w++) {
        if (w)
            glue(&p, 5, 1, 1);
        box(&p, 30);
    }
    finish(&p);
    double width = 90;
    struct lb_params q;
    lb_params_default(&q, &width, 1);
    q.emergency_stretch = 20;
    struct lb_line lines[32];
    struct lb_report rep;
    size_t n = lb_break(p.it, p.n, &q, lines, &rep);
    ck_assert_int_eq(rep.pass, 4);
    ck_assert_uint_eq(n, 4);
    ck_assert_double_eq_tol(lines[0].ratio, 25, 1e-9);
    free(p.it);
}
END_TEST

static int penultimate_hyphen(const struct para *p, const struct lb_line *ln, size_t n)
{
    return n >= 2 && p->it[ln[n - 2].brk].kind == LB_PENALTY && p->it[ln[n - 2].brk].flagged;
}

/* \finalhyphendemerits (TeX §859): a hyphen on the last-but-one line costs extra, so fewer
 * paragraphs end that way when it is large than when it is 0. */
START_TEST(final_hyphen_demerits)
{
    rng = 13;
    int with = 0, without = 0;
    for (int trial = 0; trial < 300; trial++) {
        struct para p = {0};
        random_para(&p, 14, 1);
        double width = 160;
        struct lb_params q;
        lb_params_default(&q, &width, 1);
        struct lb_line lines[64];
        q.final_hyphen_demerits = 0;
        without += penultimate_hyphen(&p, lines, lb_break(p.it, p.n, &q, lines, NULL));
        q.final_hyphen_demerits = 1000000;
        with += penultimate_hyphen(&p, lines, lb_break(p.it, p.n, &q, lines, NULL));
        free(p.it);
    }
    ck_assert_int_gt(without, 5);
    ck_assert_int_lt(with, without);
}
END_TEST

static size_t max_hyphen_run(const struct para *p, const struct lb_line *ln, size_t n)
{
    size_t run = 0, most = 0;
    for (size_t k = 0; k < n; k++) {
        int h = ln[k].brk < p->n && p->it[ln[k].brk].kind == LB_PENALTY && p->it[ln[k].brk].flagged;
        run = h ? run + 1 : 0;
        most = run > most ? run : most;
    }
    return most;
}

/* Among paragraphs where total fit would hyphenate three lines in a row when allowed, the
 * default limit keeps it to two, without overfull lines. */
START_TEST(two_hyphen_limit)
{
    rng = 11;
    int found = 0;
    for (int trial = 0; trial < 400 && found < 3; trial++) {
        struct para p = {0};
        for (int w = 0; w < 60; w++) {
            if (w)
                glue(&p, 10, 3, 2);
            box(&p, 20 + next_rand() % 30);
            hyphen(&p, 4, 0);
            box(&p, 20 + next_rand() % 30);
        }
        finish(&p);
        double width = 150;
        struct lb_params q;
        lb_params_default(&q, &width, 1);
        q.flagged_demerits = 0;
        q.max_hyphen_lines = 8;
        struct lb_line lines[256];
        struct lb_report rep;
        size_t n = lb_break(p.it, p.n, &q, lines, &rep);
        if (max_hyphen_run(&p, lines, n) >= 3) {
            found++;
            q.max_hyphen_lines = 2;
            n = lb_break(p.it, p.n, &q, lines, &rep);
            ck_assert_uint_le(max_hyphen_run(&p, lines, n), 2);
            ck_assert_uint_eq(rep.n_overfull, 0);
        }
        free(p.it);
    }
    ck_assert_int_eq(found, 3);
}
END_TEST

/* Every line of a pass keeps -1 <= r <= that pass's tolerance (the last line aside); lines
 * set with emergency stretch (pass 4) only keep r >= -1. */
START_TEST(ratio_bounds)
{
    rng = 3;
    int bounded = 0;
    for (int trial = 0; trial < 50; trial++) {
        struct para p = {0};
        random_para(&p, 80, 1);
        double width = 200 + trial * 3;
        struct lb_params q;
        lb_params_default(&q, &width, 1);
        struct lb_line lines[256];
        struct lb_report rep;
        size_t n = lb_break(p.it, p.n, &q, lines, &rep);
        double tol = rep.pass == 1   ? q.pretolerance
                     : rep.pass == 2 ? q.tolerance
                     : rep.pass == 3 ? q.retry_tolerance
                                     : HUGE_VAL;
        bounded += rep.pass <= 3;
        ck_assert_uint_eq(rep.n_overfull, 0);
        for (size_t k = 0; k + 1 < n; k++) {
            ck_assert(lines[k].ratio >= -1 - 1e-9);
            ck_assert_msg(lines[k].ratio <= tol + 1e-9, "trial %d line %zu r=%g", trial, k,
                          lines[k].ratio);
        }
        free(p.it);
    }
    ck_assert_int_ge(bounded, 30);
}
END_TEST

/* A box wider than the measure is the one overfull line, and it is named. */
START_TEST(unbreakable_box_reported)
{
    struct para p = {0};
    for (int w = 0; w < 12; w++) {
        if (w)
            glue(&p, 5, 3, 2);
        box(&p, w == 6 ? 500 : 25);
    }
    finish(&p);
    double width = 100;
    struct lb_params q;
    lb_params_default(&q, &width, 1);
    struct lb_line lines[32];
    struct lb_report rep;
    size_t n = lb_break(p.it, p.n, &q, lines, &rep);
    ck_assert_int_eq(rep.pass, 5);
    ck_assert_uint_eq(rep.n_overfull, 1);
    ck_assert_uint_eq(rep.overflow_box, 12);
    size_t overfull = 0;
    for (size_t k = 0; k < n; k++)
        if (lines[k].overfull) {
            overfull++;
            ck_assert(lines[k].first <= 12);
            ck_assert_uint_eq(lines[k].brk, 13); /* the first break after the wide box */
        }
    ck_assert_uint_eq(overfull, 1);
    free(p.it);
}
END_TEST

/* 100 000 words complete, with no overfull line. Not timed. */
START_TEST(huge_paragraph_completes)
{
    rng = 5;
    struct para p = {0};
    random_para(&p, 100000, 1);
    double width = 300;
    struct lb_params q;
    lb_params_default(&q, &width, 1);
    struct lb_line *lines = malloc((p.n + 1) * sizeof *lines);
    struct lb_report rep;
    size_t n = lb_break(p.it, p.n, &q, lines, &rep);
    ck_assert_uint_gt(n, 10000);
    ck_assert_uint_eq(rep.n_overfull, 0);
    ck_assert_uint_eq(lines[n - 1].brk, p.n - 1);
    for (size_t k = 1; k < n; k++)
        ck_assert_uint_gt(lines[k].brk, lines[k - 1].brk);
    free(lines);
    free(p.it);
}
END_TEST

/* A measure so wide that every break stays active: the cap keeps it finite, still no
 * overfull line. */
START_TEST(active_cap_on_wide_measure)
{
    rng = 9;
    struct para p = {0};
    random_para(&p, 20000, 0);
    double width = 1e9;
    struct lb_params q;
    lb_params_default(&q, &width, 1);
    q.max_active = 64;
    struct lb_line *lines = malloc((p.n + 1) * sizeof *lines);
    struct lb_report rep;
    size_t n = lb_break(p.it, p.n, &q, lines, &rep);
    ck_assert_uint_ge(n, 1);
    ck_assert_uint_eq(rep.n_overfull, 0);
    free(lines);
    free(p.it);
}
END_TEST

/* Line widths per line: a short first line (e.g. beside a float or a run-in label). */
START_TEST(first_line_width_differs)
{
    struct para p = {0};
    for (int w = 0; w < 9; w++) {
        if (w)
            glue(&p, 5, 10, 3);
        box(&p, 20);
    }
    finish(&p);
    double widths[2] = {45, 95};
    struct lb_params q;
    lb_params_default(&q, widths, 2);
    struct lb_line lines[32];
    size_t n = lb_break(p.it, p.n, &q, lines, NULL);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(lines[0].brk, 3);  /* two words: 45 */
    ck_assert_uint_eq(lines[1].brk, 11); /* four words: 95 */
    free(p.it);
}
END_TEST

/* ---- last-line-end-indent (XSL-FO 1.1 §7.16.3): lb_params.last_line_extra ---- */

/* Five words of 20 with glue 5+10-3: 120 long, 108 shrunk. On lines of 60 whose last line may
 * be 120, the whole paragraph is one last line, though the start node's line is already
 * overfull at the normal measure at the third word's glue (so it must stay active). */
START_TEST(longer_last_line_takes_the_whole_paragraph)
{
    struct para p = {0};
    for (int w = 0; w < 5; w++) {
        if (w)
            glue(&p, 5, 10, 3);
        box(&p, 20);
    }
    finish(&p);
    double width = 60;
    struct lb_params q;
    lb_params_default(&q, &width, 1);
    struct lb_line lines[16];
    ck_assert_uint_gt(lb_break(p.it, p.n, &q, lines, NULL), 1);
    q.last_line_extra = 60;
    struct lb_report rep;
    ck_assert_uint_eq(lb_break(p.it, p.n, &q, lines, &rep), 1);
    ck_assert_double_eq_tol(lines[0].ratio, 0, 1e-12); /* rated against 120 */
    ck_assert_uint_eq(rep.n_overfull, 0);
    free(p.it);
}
END_TEST

/* A contents entry (text-align-last justify: no \parfillskip): six title words, a space, a
 * leader (glue of infinite stretch) and the page number. Lines are 100 wide and the last 130:
 * the title breaks after four words (95), the rest and the number end the last line, whose
 * leader fills it to 130 exactly. */
START_TEST(contents_entry_wraps_short_of_the_number)
{
    struct para p = {0};
    for (int w = 0; w < 6; w++) {
        if (w)
            glue(&p, 5, 10, 3);
        box(&p, 20);
    }
    glue(&p, 5, 10, 3);
    glue(&p, 0, FILL, 0); /* the leader */
    box(&p, 15);
    add(&p, (struct lb_item){LB_PENALTY, 0, 0, 0, -LB_INF, 0, 0, 0});
    double width = 100;
    struct lb_params q;
    lb_params_default(&q, &width, 1);
    q.last_line_extra = 30;
    struct lb_line lines[16];
    ck_assert_uint_eq(lb_break(p.it, p.n, &q, lines, NULL), 2);
    ck_assert_uint_eq(lines[0].brk, 7); /* the glue after the fourth word */
    ck_assert_double_ge(lines[0].ratio, 0);
    /* last line: 20 5 20 5 0 15 = 65 natural, stretched by 65 to 130 (two glues of 10 and
     * the leader's FILL) */
    ck_assert_double_eq_tol(lines[1].ratio * (FILL + 20), 130 - 65, 1e-6);
    free(p.it);
}
END_TEST

/* A positive last-line-end-indent shortens the last line: four words (95) fit a line of 100
 * but not a last line of 70, so the paragraph takes two lines, the last not overfull. */
START_TEST(shorter_last_line_breaks_earlier)
{
    struct para p = {0};
    for (int w = 0; w < 4; w++) {
        if (w)
            glue(&p, 5, 10, 3);
        box(&p, 20);
    }
    finish(&p);
    double width = 100;
    struct lb_params q;
    lb_params_default(&q, &width, 1);
    struct lb_line lines[16];
    ck_assert_uint_eq(lb_break(p.it, p.n, &q, lines, NULL), 1);
    q.last_line_extra = -30;
    struct lb_report rep;
    ck_assert_uint_eq(lb_break(p.it, p.n, &q, lines, &rep), 2);
    ck_assert_uint_eq(rep.n_overfull, 0);
    ck_assert_double_ge(lines[1].ratio, -1);
    free(p.it);
}
END_TEST

/* The line before a forced break inside the paragraph is a last line too (FOP ends a Knuth
 * paragraph at each forced break): four words (95) before it fit a last line of 100 on a
 * measure of 60. */
START_TEST(line_before_a_forced_break_is_a_last_line)
{
    struct para p = {0};
    for (int w = 0; w < 4; w++) {
        if (w)
            glue(&p, 5, 10, 3);
        box(&p, 20);
    }
    glue(&p, 0, FILL, 0);
    add(&p, (struct lb_item){LB_PENALTY, 0, 0, 0, -LB_INF, 0, 0, 0});
    box(&p, 20);
    finish(&p);
    double width = 60;
    struct lb_params q;
    lb_params_default(&q, &width, 1);
    q.last_line_extra = 40;
    struct lb_line lines[16];
    ck_assert_uint_eq(lb_break(p.it, p.n, &q, lines, NULL), 2);
    ck_assert_uint_eq(lines[0].brk, 8);
    q.last_line_extra = 0;
    ck_assert_uint_gt(lb_break(p.it, p.n, &q, lines, NULL), 2);
    free(p.it);
}
END_TEST

START_TEST(forced_break_ends_a_line)
{
    struct para p = {0};
    box(&p, 20);
    glue(&p, 5, 10, 3);
    box(&p, 20);
    add(&p, (struct lb_item){LB_PENALTY, 0, 0, 0, -LB_INF, 0, 0, 0});
    box(&p, 20);
    finish(&p);
    double width = 200;
    struct lb_params q;
    lb_params_default(&q, &width, 1);
    struct lb_line lines[32];
    size_t n = lb_break(p.it, p.n, &q, lines, NULL);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(lines[0].brk, 3);
    ck_assert_uint_eq(lines[1].first, 4);
    free(p.it);
}
END_TEST

/* A paragraph without the final forced break ends at n. */
START_TEST(open_end_is_a_break)
{
    struct para p = {0};
    box(&p, 20);
    glue(&p, 5, 10, 3);
    box(&p, 20);
    double width = 45;
    struct lb_params q;
    lb_params_default(&q, &width, 1);
    struct lb_line lines[8];
    ck_assert_uint_eq(lb_break(p.it, p.n, &q, lines, NULL), 1);
    ck_assert_uint_eq(lines[0].brk, 3);
    ck_assert_uint_eq(lb_break(p.it, 0, &q, lines, NULL), 0);
    free(p.it);
}
END_TEST

/* Forced breaks are taken even when flagged and past the hyphen limit. */
START_TEST(forced_flagged_breaks_are_taken)
{
    struct para p = {0};
    for (int k = 0; k < 4; k++) {
        box(&p, 20);
        add(&p, (struct lb_item){LB_PENALTY, 4, 0, 0, -LB_INF, 1, 0, 0});
    }
    box(&p, 20);
    finish(&p);
    double width = 100;
    struct lb_params q;
    lb_params_default(&q, &width, 1);
    struct lb_line lines[16];
    ck_assert_uint_eq(lb_break(p.it, p.n, &q, lines, NULL), 5);
    free(p.it);
}
END_TEST

/* Non-finite sizes from a broken caller are measured as 0: the paragraph still breaks. */
START_TEST(non_finite_sizes_are_survived)
{
    struct para p = {0};
    box(&p, NAN);
    glue(&p, 5, INFINITY, 2);
    box(&p, 20);
    glue(&p, -INFINITY, 3, NAN);
    box(&p, 20);
    finish(&p);
    double width = NAN;
    struct lb_params q;
    lb_params_default(&q, &width, 1);
    struct lb_line lines[16];
    struct lb_report rep;
    size_t n = lb_break(p.it, p.n, &q, lines, &rep);
    ck_assert_uint_ge(n, 1);
    ck_assert_uint_eq(lines[n - 1].brk, p.n - 1);
    free(p.it);
}
END_TEST

/* Any sequence of items breaks into lines that cover it in order (STYLE lesson 9: a
 * pathological suite): random kinds, sizes, penalties, forced and flagged breaks. */
START_TEST(random_items_always_break)
{
    rng = 17;
    struct lb_line lines[80];
    for (int trial = 0; trial < 20000; trial++) {
        struct lb_item it[64];
        size_t n = 1 + next_rand() % 64;
        for (size_t i = 0; i < n; i++) {
            int kind = (int)(next_rand() % 3);
            int pens[] = {-LB_INF, -100, 0, 50, 1000, LB_INF};
            it[i] = (struct lb_item){kind,
                                     next_rand() % 80,
                                     next_rand() % 20,
                                     next_rand() % 10,
                                     pens[next_rand() % 6],
                                     (int)(next_rand() % 2),
                                     (int)(next_rand() % 2), 0};
        }
        double widths[2] = {10 + next_rand() % 150, 10 + next_rand() % 150};
        struct lb_params q;
        lb_params_default(&q, widths, 1 + trial % 2);
        q.max_active = trial % 5 ? 512 : 16;
        q.max_hyphen_lines = trial % 4;
        struct lb_report rep;
        size_t count = lb_break(it, n, &q, lines, &rep);
        ck_assert_uint_ge(count, 1);
        ck_assert(lines[count - 1].brk == n - 1 || lines[count - 1].brk == n);
        for (size_t k = 0; k < count; k++) {
            ck_assert_uint_le(lines[k].first, lines[k].brk);
            if (k)
                ck_assert_uint_gt(lines[k].first, lines[k - 1].brk);
        }
    }
}
END_TEST

/* One lb_work reused over many paragraphs (each line class count, measure and pass mix after
 * another, the typesetter's way) breaks each exactly as a fresh lb_break does: nothing of one
 * paragraph's nodes or candidates leaks into the next. */
START_TEST(reused_work_breaks_as_fresh)
{
    rng = 23;
    struct lb_work *w = lb_work_new();
    struct lb_line a[80], b[80];
    for (int trial = 0; trial < 5000; trial++) {
        struct lb_item it[64];
        size_t n = 1 + next_rand() % 64;
        for (size_t i = 0; i < n; i++) {
            int pens[] = {-LB_INF, -100, 0, 50, 1000, LB_INF};
            it[i] = (struct lb_item){(int)(next_rand() % 3), next_rand() % 80, next_rand() % 20,
                                     next_rand() % 10, pens[next_rand() % 6],
                                     (int)(next_rand() % 2), (int)(next_rand() % 2),
                                     (int)(next_rand() % 4 == 0)};
        }
        double widths[3] = {10 + next_rand() % 150, 10 + next_rand() % 150, 40};
        struct lb_params q;
        lb_params_default(&q, widths, 1 + trial % 3);
        q.max_hyphen_lines = trial % 4;
        q.last_line_extra = trial % 5 == 0 ? 20 : 0;
        struct lb_report ra, rb;
        size_t na = lb_break(it, n, &q, a, &ra);
        size_t nb = lb_break_in(w, it, n, &q, b, &rb);
        ck_assert_uint_eq(na, nb);
        ck_assert_int_eq(ra.pass, rb.pass);
        ck_assert_uint_eq(ra.n_overfull, rb.n_overfull);
        for (size_t k = 0; k < na; k++) {
            ck_assert_uint_eq(a[k].first, b[k].first);
            ck_assert_uint_eq(a[k].brk, b[k].brk);
            ck_assert(a[k].ratio == b[k].ratio);
        }
    }
    lb_work_free(w);
}
END_TEST

/* ---- fonts, hyphenation and breaking together on the thesis's own text ---- */

static const char *EN_TEXT =
    "The geopolitical changes in Central Asia caused by the collapse of the USSR and the "
    "formation of sovereign states of Turkic and other Muslim peoples are one of the incentives "
    "for the revival of the independence movements by the Uyghur leading minority groups living "
    "in the Xinjiang Uyghur Autonomous Region (XUAR) in PRC. In addition, they were encouraged "
    "by the example of the long-standing struggle of Chechnya in the North Caucasus with "
    "Russia. The difficult history of the relationship between Muslim Uyghurs and Han Chinese, "
    "the influence of cultural and mostly religious difference and support from abroad, "
    "including from the forces of international terrorism, led to a significant "
    "intensification of Uyghur separatism in the 1990s.";

static const char *TR_TEXT =
    "Bu araştırma, Rusya ve Orta Asya ülkelerinin Sincan Uygur Özerk Bölgesi’nde etnik "
    "azınlıklara yönelik Çin politikasına karşı konumlarını incelemekte ve Sincan sorununun bu "
    "ülkelerin iç siyasetindeki tezahürlerini analiz etmektedir. Sincan sorununu Çin ulusal "
    "politikasının bir başarısızlığı olarak gören ve bunu insan haklarının ihlali olarak kınayan "
    "Batı ülkelerinin aksine Rusya ve Orta Asya ülkelerinin hükümetleri, Çin hükümetinin "
    "bölgeyi istikrara kavuşturma ve üç kötülük olarak adlandırdıkları ayrılıkçılık, "
    "aşırılıkçılık ve terörizm ile mücadelesindeki başarılarını vurgulamaktadırlar.";

struct typeset {
    struct para p;
    size_t *text_at; /* per item: byte offset of a box's text, or of a penalty's point */
    size_t *text_len;
};

static void item_text(struct typeset *t, size_t at, size_t len)
{
    t->text_at = realloc(t->text_at, t->p.cap * sizeof *t->text_at);
    t->text_len = realloc(t->text_len, t->p.cap * sizeof *t->text_len);
    t->text_at[t->p.n - 1] = at;
    t->text_len[t->p.n - 1] = len;
}

/* One word: boxes between its hyphenation points (found in its letters, punctuation around
 * them left out), flagged penalties of a hyphen's width at the points (TeX's \hyphenpenalty
 * 50). */
static void add_word(struct typeset *t, struct font_set *fs, struct hyph *h, const char *lang,
                     const char *text, size_t at, size_t len)
{
    size_t a = at, b = at + len;
    while (a < b && strchr("(“\"", text[a]))
        a++;
    while (b > a && strchr(".,;:)”\"", text[b - 1]))
        b--;
    size_t pts[32];
    size_t n = hyph_points(h, lang, text + a, b - a, pts, 32);
    size_t from = at;
    double hyphen_w = font_width(fs, 0, "-", 1, 12);
    for (size_t k = 0; k <= n; k++) {
        size_t to = k < n ? a + pts[k] : at + len;
        box(&t->p, font_width(fs, 0, text + from, to - from, 12));
        item_text(t, from, to - from);
        if (k < n) {
            hyphen(&t->p, hyphen_w, 50);
            item_text(t, to, 0);
        }
        from = to;
    }
}

/* Words, inter-word glue (the space, stretch 1/2, shrink 1/3: TeX's Computer Modern ratios),
 * and \parfillskip. */
static void typeset_text(struct typeset *t, struct font_set *fs, struct hyph *h, const char *lang,
                         const char *text)
{
    double space = font_width(fs, 0, " ", 1, 12);
    size_t i = 0, n = strlen(text);
    while (i < n) {
        size_t j = i;
        while (j < n && text[j] != ' ')
            j++;
        if (i)
            glue(&t->p, space, space / 2, space / 3);
        if (i)
            item_text(t, i, 0);
        add_word(t, fs, h, lang, text, i, j - i);
        i = j + 1;
    }
    finish(&t->p);
    item_text(t, n, 0);
}

/* The lines as text, a hyphen where a line ends at a hyphenation point. */
static void lines_text(const struct typeset *t, const char *text, const struct lb_line *ln,
                       size_t n, struct buf *out)
{
    for (size_t k = 0; k < n; k++) {
        for (size_t j = ln[k].first; j < ln[k].brk; j++) {
            if (t->p.it[j].kind == LB_GLUE && t->p.it[j].stretch < FILL)
                buf_putc(out, ' ');
            else if (t->p.it[j].kind == LB_BOX)
                buf_put(out, text + t->text_at[j], t->text_len[j]);
        }
        if (ln[k].brk < t->p.n && t->p.it[ln[k].brk].flagged)
            buf_putc(out, '-');
        buf_putc(out, '\n');
    }
}

static const char *break_text(const char *lang, const char *text, double width)
{
    static char out[4096];
    struct diag d;
    diag_init(&d, NULL, 0);
    char map[128];
    snprintf(map, sizeof map, "/tmp/check_linebreak_%d.map", (int)getpid());
    FILE *f = fopen(map, "w");
    ck_assert_ptr_nonnull(f);
    fputs("Liberation Serif normal normal "
          "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf\n",
          f);
    fclose(f);
    struct font_set *fs = font_set_load(map, &d);
    ck_assert_ptr_nonnull(fs);
    struct hyph *h = hyph_new(NULL, &d);
    struct typeset t = {0};
    typeset_text(&t, fs, h, lang, text);
    struct lb_params q;
    lb_params_default(&q, &width, 1);
    struct lb_line lines[64];
    struct lb_report rep;
    size_t n = lb_break(t.p.it, t.p.n, &q, lines, &rep);
    ck_assert_uint_eq(rep.n_overfull, 0);
    ck_assert_int_le(rep.pass, 4);
    for (size_t k = 0; k + 1 < n; k++)
        ck_assert(lines[k].ratio >= -1);
    struct buf b;
    buf_init(&b);
    lines_text(&t, text, lines, n, &b);
    snprintf(out, sizeof out, "%s", b.data);
    buf_free(&b);
    free(t.p.it);
    free(t.text_at);
    free(t.text_len);
    hyph_free(h);
    font_set_free(fs);
    remove(map);
    diag_free(&d);
    return out;
}

/* The thesis's first paragraph, Liberation Serif 12 pt on its 425.2 pt measure (A4 less 3.5
 * and 2.5 cm): a golden dump of the lines (STYLE lesson 4). */
START_TEST(thesis_paragraph_english)
{
    ck_assert_str_eq(
        break_text("en", EN_TEXT, 425.2),
        "The geopolitical changes in Central Asia caused by the collapse of the USSR and the for-\n"
        "mation of sovereign states of Turkic and other Muslim peoples are one of the incentives\n"
        "for the revival of the independence movements by the Uyghur leading minority groups\n"
        "living in the Xinjiang Uyghur Autonomous Region (XUAR) in PRC. In addition, they\n"
        "were encouraged by the example of the long-standing struggle of Chechnya in the North\n"
        "Caucasus with Russia. The difficult history of the relationship between Muslim Uyghurs\n"
        "and Han Chinese, the influence of cultural and mostly religious difference and support\n"
        "from abroad, including from the forces of international terrorism, led to a significant "
        "in-\n"
        "tensification of Uyghur separatism in the 1990s.\n");
}
END_TEST

/* The Turkish abstract in its column of the side-by-side table, hyphenated as Turkish. */
START_TEST(thesis_paragraph_turkish)
{
    ck_assert_str_eq(break_text("tr", TR_TEXT, 200), "Bu araştırma, Rusya ve Orta Asya ülke-\n"
                                                     "lerinin Sincan Uygur Özerk Bölgesi’nde\n"
                                                     "etnik azınlıklara yönelik Çin politika-\n"
                                                     "sına karşı konumlarını incelemekte ve\n"
                                                     "Sincan sorununun bu ülkelerin iç siya-\n"
                                                     "setindeki tezahürlerini analiz etmektedir.\n"
                                                     "Sincan sorununu Çin ulusal politikasının\n"
                                                     "bir başarısızlığı olarak gören ve bunu in-\n"
                                                     "san haklarının ihlali olarak kınayan Batı\n"
                                                     "ülkelerinin aksine Rusya ve Orta Asya\n"
                                                     "ülkelerinin hükümetleri, Çin hükümetinin\n"
                                                     "bölgeyi istikrara kavuşturma ve üç kö-\n"
                                                     "tülük olarak adlandırdıkları ayrılıkçılık,\n"
                                                     "aşırılıkçılık ve terörizm ile mücadelesin-\n"
                                                     "deki başarılarını vurgulamaktadırlar.\n");
}
END_TEST

static const char *joined(const char *w, enum lb_word_mode mode)
{
    static char out[256];
    size_t off[32];
    size_t n = lb_word_breaks(w, strlen(w), mode, off, 32), o = 0, from = 0;
    for (size_t k = 0; k < n; k++) {
        memcpy(out + o, w + from, off[k] - from);
        o += off[k] - from;
        out[o++] = '|';
        from = off[k];
    }
    strcpy(out + o, w + from);
    return out;
}

/* Emergency points (a word cut between two letters) are a last resort: with a loose but
 * feasible alternative they are not taken; when a box is wider than the line they are. */
START_TEST(emergency_points_only_when_overfull)
{
    for (int wide = 0; wide < 2; wide++) {
        struct para p = {0};
        box(&p, 40);
        glue(&p, 5, 5, 2); /* 40 alone is very loose; 40 + 40 only loose */
        /* a "URL" of three pieces with emergency points between them */
        double piece = wide ? 45 : 20;
        for (int k = 0; k < 3; k++) {
            if (k)
                add(&p, (struct lb_item){LB_PENALTY, 0, 0, 0, 3000, 0, 0, 1});
            box(&p, piece);
        }
        finish(&p);
        double width = 100;
        struct lb_params q;
        lb_params_default(&q, &width, 1);
        struct lb_line lines[16];
        struct lb_report rep;
        size_t n = lb_break(p.it, p.n, &q, lines, &rep);
        int cut = 0;
        for (size_t k = 0; k < n; k++)
            cut |= p.it[lines[k].brk].kind == LB_PENALTY && lines[k].brk + 3 < p.n;
        ck_assert_uint_eq(rep.n_overfull, 0);
        ck_assert_int_eq(cut, wide); /* 60 fits on its own line; 135 does not */
        free(p.it);
    }
}
END_TEST

START_TEST(url_break_points)
{
    ck_assert_str_eq(joined("https://example.org/a_b?x=1#top", LB_WORD_URL),
                     "https://|example.|org/|a_|b?|x=|1#|top");
    ck_assert_str_eq(joined("a.-b/", LB_WORD_URL), "a.-|b/");
    ck_assert_str_eq(joined("plain", LB_WORD_URL), "plain");
}
END_TEST

/* Any character boundary, but never before a combining mark (U+0301, U+FE20). */
START_TEST(last_resort_break_points)
{
    ck_assert_str_eq(joined("abe\xCC\x81"
                            "c",
                            LB_WORD_ANY),
                     "a|b|e\xCC\x81|c");
    ck_assert_str_eq(joined("ış\xEF\xB8\xA0", LB_WORD_ANY), "ı|ş\xEF\xB8\xA0");
    size_t off[2];
    ck_assert_uint_eq(lb_word_breaks("abcdef", 6, LB_WORD_ANY, off, 2), 2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("linebreak");
    TCase *tc = tcase_create("linebreak");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, small_example_breaks);
    tcase_add_test(tc, optimal_against_exhaustive_search);
    tcase_add_test(tc, no_overfull_when_feasible);
    tcase_add_test(tc, emergency_stretch_pass);
    tcase_add_test(tc, final_hyphen_demerits);
    tcase_add_test(tc, two_hyphen_limit);
    tcase_add_test(tc, ratio_bounds);
    tcase_add_test(tc, unbreakable_box_reported);
    tcase_add_test(tc, huge_paragraph_completes);
    tcase_add_test(tc, active_cap_on_wide_measure);
    tcase_add_test(tc, first_line_width_differs);
    tcase_add_test(tc, forced_break_ends_a_line);
    tcase_add_test(tc, longer_last_line_takes_the_whole_paragraph);
    tcase_add_test(tc, contents_entry_wraps_short_of_the_number);
    tcase_add_test(tc, shorter_last_line_breaks_earlier);
    tcase_add_test(tc, line_before_a_forced_break_is_a_last_line);
    tcase_add_test(tc, open_end_is_a_break);
    tcase_add_test(tc, forced_flagged_breaks_are_taken);
    tcase_add_test(tc, non_finite_sizes_are_survived);
    tcase_add_test(tc, random_items_always_break);
    tcase_add_test(tc, reused_work_breaks_as_fresh);
    tcase_add_test(tc, thesis_paragraph_english);
    tcase_add_test(tc, thesis_paragraph_turkish);
    tcase_add_test(tc, emergency_points_only_when_overfull);
    tcase_add_test(tc, url_break_points);
    tcase_add_test(tc, last_resort_break_points);
    suite_add_tcase(s, tc);
    int failed = check_failures(s);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

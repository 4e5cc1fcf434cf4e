/* linebreak.h — total-fit line breaking (Knuth & Plass 1981, "Breaking Paragraphs into Lines")
 * over boxes, glue and penalties, with TeX's passes (pretolerance, tolerance, emergency
 * stretch) and a hard limit on consecutive hyphenated lines. Sits under src/fo/: the paragraph
 * builder (inline.c) turns text into items, this chooses the breaks, the builder makes lines. */
#ifndef FOLIO_FO_LINEBREAK_H
#define FOLIO_FO_LINEBREAK_H

#include <stddef.h>

#include "buf.h"

/* A penalty >= LB_INF forbids a break; <= -LB_INF forces one (Knuth & Plass: "infinity"). */
#define LB_INF 10000

enum lb_kind { LB_BOX, LB_GLUE, LB_PENALTY };

/* One item of a paragraph (Knuth & Plass 1981 §"boxes, glue and penalties"). Widths in any
 * unit, the same as the line widths (points in folio). */
struct lb_item {
    int kind;        /* enum lb_kind */
    double width;    /* box and glue: natural width; penalty: width added if broken here
                      * (the hyphen of a hyphenation point) */
    double stretch;  /* glue only */
    double shrink;   /* glue only */
    int penalty;     /* penalty only: cost of breaking here, -LB_INF..LB_INF */
    int flagged;     /* penalty only: a hyphen break (consecutive ones cost flagged_demerits
                      * and at most max_hyphen_lines may follow each other) */
    int hyphenation; /* penalty only: an automatic hyphenation point, not tried in the first
                      * (pretolerance) pass, as TeX does; explicit hyphens set 0 here */
    int emergency;   /* penalty only: a last-resort break (between two letters of a word or
                      * URL wider than the line): tried only when every pass without such
                      * breaks leaves a line overfull */
};

/* Parameters, with TeX's plain/LaTeX values from lb_params_default(). Tolerances are
 * adjustment ratios (TeX's badness b = 100 r^3: tolerance 200 is r = 1.26). */
struct lb_params {
    const double *line_widths; /* width of line k is line_widths[min(k, n_line_widths - 1)] */
    size_t n_line_widths;      /* >= 1; only the first 64 count (later lines take the 64th) */
    double pretolerance;       /* first pass, without hyphenation points; < 0 skips it (1.0) */
    double tolerance;          /* second pass, with hyphenation points (1.26) */
    double retry_tolerance;    /* third pass if the second finds nothing (2.0) */
    double emergency_stretch;  /* fourth pass: added to each line's stretch when rating it,
                                * at retry_tolerance (TeX's \emergencystretch); the fifth and
                                * last pass rates the same way with no upper limit on the ratio,
                                * so lines may be loose but are never overfull while any break
                                * avoids it (default: a tenth of the last line width) */
    int line_penalty;          /* added to badness before squaring (10) */
    int flagged_demerits;      /* two hyphen breaks in a row (10000, TeX's \doublehyphendemerits)*/
    int final_hyphen_demerits; /* hyphen on the last-but-one line (5000) */
    int emergency_final_hyphen_demerits; /* the same in the passes with emergency stretch (4
                                          * and 5), whose badness is rated with that extra
                                          * stretch (5000) */
    int fitness_demerits;      /* adjacent lines' fitness classes differ by > 1 (10000,
                                * TeX's \adjdemerits) */
    int max_hyphen_lines;      /* at most this many hyphenated lines in a row (2): a hard rule,
                                * given up only where keeping it would make a line overfull */
    int max_active;            /* cap on active breakpoints (STYLE lesson 9); when exceeded the
                                * oldest are dropped, keeping time linear (default 512) */
    double last_line_extra;    /* added to the width of a line that ends at a forced break or
                                * at the paragraph's end (XSL-FO 1.1 §7.16.3
                                * last-line-end-indent, negated: > 0 a longer last line); 0 */
};

/* A chosen line: items first .. brk - 1 (first skips the glue and penalties discarded after
 * the previous break, Knuth & Plass 1981 "discardable items"), then the break item brk itself
 * (a glue, dropped; or a penalty, whose width — a hyphen — is drawn), or brk == n at the end of
 * a paragraph that does not end with a forced break; first == brk is an empty line (two
 * breaks with nothing but discardable items between them, e.g. two forced breaks). Its glue is set
 * with ratio (> 0 stretch by ratio * stretch, < 0 shrink; -1 is full shrink; < -1 only on an
 * overfull line). */
struct lb_line {
    size_t first;
    size_t brk;
    double ratio;
    int overfull; /* the line is wider than its measure even fully shrunk */
};

/* What a run decided, beyond the lines. */
struct lb_report {
    int pass;            /* 1 pretolerance, 2 tolerance, 3 retry, 4 emergency stretch,
                          * 5 final (no upper limit on ratios; overfull only if unavoidable) */
    size_t n_overfull;   /* lines that overflow (only when a box or an unbreakable run is
                          * wider than the line) */
    size_t overflow_box; /* index of the first box on the first overfull line (a box the caller
                          * should break, e.g. with lb_word_breaks), or (size_t)-1 */
};

/* Fills p with defaults (values in the comments above) for one line width. */
void lb_params_default(struct lb_params *p, const double *line_widths, size_t n_line_widths);

/* Breaks items[0..n) into lines with total fit (Knuth & Plass 1981): minimum total demerits
 * over all feasible breaks, trying the passes in order until one has a feasible solution; if
 * none has, it breaks where it must and reports the overflow. Emergency penalties count only
 * in a final retry when that overflow remains (a loose line beats a word cut anywhere). Legal breaks: a glue preceded
 * by a box, a penalty < LB_INF. The paragraph should end with penalty(LB_INF), glue(0,
 * fill-stretch, 0), penalty(-LB_INF) (\parfillskip); the end is a forced break in any case.
 * Writes the lines into lines (room for n + 1 entries; caller owned) and returns their count
 * (0 only when n is 0 or p gives no line width). rep may be NULL. Only looseness 0 is
 * supported. Time is linear in n (at most max_active active breakpoints); memory O(n). */
size_t lb_break(const struct lb_item *items, size_t n, const struct lb_params *p,
                struct lb_line *lines, struct lb_report *rep);

/* Working memory of the breaker (active and passive nodes, candidates, the lines of a retry),
 * kept from one paragraph to the next so that breaking a paragraph allocates nothing once it
 * has grown to the largest. lb_work_new never returns NULL; the caller frees it with
 * lb_work_free. lb_break_in is lb_break using w (not thread-safe on one w). */
struct lb_work;
struct lb_work *lb_work_new(void);
void lb_work_free(struct lb_work *w);
size_t lb_break_in(struct lb_work *w, const struct lb_item *items, size_t n,
                   const struct lb_params *p, struct lb_line *lines, struct lb_report *rep);

/* Breaks allowed inside a word without a hyphen. mode LB_WORD_URL: after / . - _ ? & = # (not
 * inside "//" and not before the first character or after the last) — the Chicago Manual of
 * Style's sensible points; LB_WORD_ANY: between any two characters (code points, never before
 * a combining mark), the last resort for a word wider than the line. Writes at most max byte
 * offsets (ascending, 0 < offset < len) and returns how
 * many. The pieces are word[0..offset) and word[offset..len). */
enum lb_word_mode { LB_WORD_URL, LB_WORD_ANY };
size_t lb_word_breaks(const char *word, size_t len, enum lb_word_mode mode, size_t *offsets,
                      size_t max);

/* Appends a text dump of the lines (one per line: number, first and last item, ratio, and
 * "overfull" where it is) to out, for golden tests (STYLE lesson 4). */
void lb_dump(const struct lb_item *items, size_t n, const struct lb_line *lines, size_t n_lines,
             struct buf *out);

#endif

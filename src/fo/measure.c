/* measure.c — the typesetter's access to font metrics (font.h: the TrueType faces of the font
 * map), hyphenation (hyph.h: English patterns, Turkish syllables) and total-fit line breaking
 * (Knuth & Plass 1981), behind the small interface in layout.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fo/fo.h"
#include "fo/font.h"
#include "fo/hyph.h"
#include "fo/layout.h"

#define FIND_CACHE 64

struct find_entry {
    const char *family; /* a tree pool pointer: stable for the run */
    int bold, italic, face;
};

struct lay_env {
    struct font_set *fonts;
    struct hyph *hyph;
    xmlHashTablePtr hyph_cache; /* "lang word" → points, across passes */
    int *doc_index;             /* per face: its pg_doc font index in this pass, -1 */
    int n_faces;
    struct pg_doc *doc;
    struct find_entry found[FIND_CACHE];
    int n_found;
    struct diag *d;
};

static void hyph_free_entry(void *payload, const xmlChar *name)
{
    (void)name;
    free(payload);
}

struct lay_env *lay_env_open(const struct fo_options *opt, struct diag *d)
{
    const char *map = opt && opt->font_map ? opt->font_map : "fonts/fonts.map";
    struct font_set *fonts = font_set_load(map, d);
    if (!fonts)
        return NULL;
    struct lay_env *e = xcalloc(1, sizeof *e);
    e->d = d;
    e->fonts = fonts;
    e->n_faces = font_count(fonts);
    e->doc_index = xmalloc((size_t)(e->n_faces + 1) * sizeof *e->doc_index);
    e->hyph = hyph_new(opt ? opt->hyphen_dir : NULL, d);
    e->hyph_cache = xmlHashCreate(4096);
    lay_env_begin(e);
    return e;
}

void lay_env_close(struct lay_env *e)
{
    if (!e)
        return;
    font_set_free(e->fonts);
    hyph_free(e->hyph);
    xmlHashFree(e->hyph_cache, hyph_free_entry);
    free(e->doc_index);
    free(e);
}

void lay_env_begin(struct lay_env *e)
{
    for (int i = 0; i < e->n_faces; i++)
        e->doc_index[i] = -1;
    e->doc = NULL;
}

/* The face for a style (font.h font_find: XSL-FO 1.1 §7.9.2), remembered per family list. */
int lay_font(struct lay *L, const struct fo_style *st)
{
    struct lay_env *e = L->env;
    int bold = st->font_weight >= 600, italic = st->italic, face = -1;
    for (int i = 0; i < e->n_found; i++)
        if (e->found[i].family == st->font_family && e->found[i].bold == bold &&
            e->found[i].italic == italic)
            face = e->found[i].face;
    if (face < 0) {
        face = font_find(e->fonts, st->font_family, bold, italic, e->d);
        struct find_entry f = {st->font_family, bold, italic, face};
        e->found[e->n_found < FIND_CACHE ? e->n_found++ : FIND_CACHE - 1] = f;
    }
    if (e->doc != L->doc) {
        lay_env_begin(e);
        e->doc = L->doc;
    }
    if (e->doc_index[face] < 0) {
        const char *path = font_path(e->fonts, face);
        struct pg_font pf = {pg_intern(L->doc, path, strlen(path))};
        e->doc_index[face] = (int)PG_PUSH(L->doc, fonts, pf);
    }
    return face;
}

int lay_font_doc_index(struct lay *L, int font)
{
    if (font < 0 || font >= L->env->n_faces)
        font = 0;
    if (L->env->doc_index[font] < 0) {
        const char *path = font_path(L->env->fonts, font);
        struct pg_font pf = {pg_intern(L->doc, path, strlen(path))};
        L->env->doc_index[font] = (int)PG_PUSH(L->doc, fonts, pf);
    }
    return L->env->doc_index[font];
}

double lay_width(struct lay *L, int font, double size, const char *s, size_t n)
{
    return font_width(L->env->fonts, font < 0 ? 0 : font, s, n, size);
}

void lay_extents(struct lay *L, int font, double size, double *ascent, double *descent)
{
    struct font_extents x = font_extents(L->env->fonts, font < 0 ? 0 : font, size);
    *ascent = x.ascender;
    *descent = x.descender;
}

/* hyph.h points, cached per language and word (points are one byte each: words < 256). */
int lay_hyphenate(struct lay *L, const char *lang, const char *word, size_t n, size_t *pos,
                  int max)
{
    struct lay_env *e = L->env;
    char key[256];
    if (!hyph_supports(lang))
        return 0;
    if (n + strlen(lang) + 2 > sizeof key || max > 64)
        return (int)hyph_points(e->hyph, lang, word, n, pos, (size_t)max);
    snprintf(key, sizeof key, "%s %.*s", lang, (int)n, word);
    const unsigned char *c = xmlHashLookup(e->hyph_cache, (const xmlChar *)key);
    if (c) {
        for (int i = 0; i < c[0]; i++)
            pos[i] = c[1 + i];
        return c[0];
    }
    int count = (int)hyph_points(e->hyph, lang, word, n, pos, (size_t)max);
    unsigned char *v = xmalloc((size_t)count + 1);
    v[0] = (unsigned char)count;
    for (int i = 0; i < count; i++)
        v[1 + i] = (unsigned char)pos[i];
    xmlHashAddEntry(e->hyph_cache, (const xmlChar *)key, v);
    return count;
}

/* ---- total fit (Knuth & Plass 1981) ---- */

struct kp_node {
    size_t pos;
    int line, fitness, hyph;
    double w, y, z; /* sums up to after the break */
    double demerits;
    int prev;
};

static int fitness_class(double r)
{
    return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
}

/* One run of the algorithm with a tolerance (the greatest adjustment ratio of a feasible
 * line); hyphenation points are skipped when hyphens is 0 (TeX's first pass). Returns the
 * number of lines, or 0 when no solution without overfull lines exists. */
static size_t total_fit(const struct lay_lb_item *it, size_t n, double width, double tolerance,
                        int hyphens, size_t *breaks, double *ratios, int *forced)
{
    int forced_out = 0;
    struct kp_node *nodes = xmalloc(16 * sizeof *nodes);
    size_t n_nodes = 1, cap = 16;
    int *active = xmalloc(16 * sizeof *active);
    size_t n_active = 1, cap_active = 16;
    nodes[0] = (struct kp_node){0, 0, 1, 0, 0, 0, 0, 0, -1};
    active[0] = 0;
    double W = 0, Y = 0, Z = 0;
    int last_deactivated = 0;
    for (size_t i = 0; i < n; i++) {
        const struct lay_lb_item *x = &it[i];
        int legal = (x->kind == LAY_PENALTY && x->penalty < LAY_INF &&
                     (hyphens || !x->discretionary)) ||
                    (x->kind == LAY_GLUE && i > 0 && it[i - 1].kind == LAY_BOX);
        if (legal) {
            double pw = x->kind == LAY_PENALTY ? x->w : 0;
            double best_d[4] = {1e300, 1e300, 1e300, 1e300};
            int best_a[4] = {-1, -1, -1, -1};
            double best_r[4] = {0, 0, 0, 0};
            size_t keep = 0;
            for (size_t a = 0; a < n_active; a++) {
                struct kp_node *A = &nodes[active[a]];
                double lw = W - A->w + pw;
                double r;
                if (lw < width) {
                    double st = Y - A->y;
                    r = st > 0 ? (width - lw) / st : 1e4;
                } else if (lw > width) {
                    double sh = Z - A->z;
                    r = sh > 0 ? (width - lw) / sh : -1e4;
                } else {
                    r = 0;
                }
                int forced = x->kind == LAY_PENALTY && x->penalty <= -LAY_INF;
                if (r < -1 || forced) {
                    last_deactivated = active[a];
                } else {
                    active[keep++] = active[a];
                }
                if (r >= -1 && r <= tolerance) {
                    double bad = 100 * fabs(r) * fabs(r) * fabs(r);
                    double p = x->kind == LAY_PENALTY ? x->penalty : 0;
                    double d = (10 + bad) * (10 + bad);
                    if (p > 0)
                        d += p * p;
                    else if (p > -LAY_INF)
                        d -= p * p;
                    int flagged = x->kind == LAY_PENALTY && x->flagged;
                    if (flagged && A->hyph >= 2)
                        continue; /* at most two hyphenated lines in a row */
                    if (flagged && A->hyph)
                        d += 3000;
                    int fc = fitness_class(r);
                    if (abs(fc - A->fitness) > 1)
                        d += 3000;
                    d += A->demerits;
                    if (d < best_d[fc]) {
                        best_d[fc] = d;
                        best_a[fc] = active[a] | (flagged ? 1 << 30 : 0);
                        best_r[fc] = r;
                    }
                }
            }
            n_active = keep;
            /* sums after the break: skip glue and penalties that follow */
            double w = W, y = Y, z = Z;
            for (size_t j = i; j < n; j++) {
                if (it[j].kind == LAY_BOX)
                    break;
                if (it[j].kind == LAY_PENALTY && it[j].penalty <= -LAY_INF && j > i)
                    break;
                if (it[j].kind == LAY_GLUE) {
                    w += it[j].w;
                    y += it[j].stretch;
                    z += it[j].shrink;
                }
            }
            for (int fc = 0; fc < 4; fc++) {
                if (best_a[fc] < 0)
                    continue;
                int prev = best_a[fc] & ~(1 << 30);
                int flagged = (best_a[fc] >> 30) & 1;
                struct kp_node nd = {i, nodes[prev].line + 1, fc,
                                     flagged ? nodes[prev].hyph + 1 : 0, w, y, z, best_d[fc],
                                     prev};
                (void)best_r;
                size_t k = LAY_PUSH(nodes, n_nodes, cap, nd);
                LAY_PUSH(active, n_active, cap_active, (int)k);
            }
            if (n_active == 0) { /* no feasible line: break here anyway (overfull/underfull) */
                forced_out = 1;
                struct kp_node nd = nodes[last_deactivated];
                nd.pos = i;
                nd.line = nodes[last_deactivated].line + 1;
                nd.w = w;
                nd.y = y;
                nd.z = z;
                nd.prev = last_deactivated;
                nd.demerits += 1e6;
                nd.hyph = 0;
                size_t k = LAY_PUSH(nodes, n_nodes, cap, nd);
                LAY_PUSH(active, n_active, cap_active, (int)k);
            }
        }
        if (x->kind == LAY_BOX) {
            W += x->w;
        } else if (x->kind == LAY_GLUE) {
            W += x->w;
            Y += x->stretch;
            Z += x->shrink;
        }
    }
    /* the best node at the end */
    int best = -1;
    for (size_t a = 0; a < n_active; a++)
        if (nodes[active[a]].pos == n - 1 &&
            (best < 0 || nodes[active[a]].demerits < nodes[best].demerits))
            best = active[a];
    if (best < 0)
        best = active[n_active - 1];
    size_t count = (size_t)nodes[best].line;
    size_t k = count;
    for (int b = best; b > 0 && k > 0; b = nodes[b].prev) {
        breaks[--k] = nodes[b].pos;
        /* ratio of that line */
        const struct kp_node *A = &nodes[nodes[b].prev];
        double pw = it[nodes[b].pos].kind == LAY_PENALTY ? it[nodes[b].pos].w : 0;
        double Wb = 0, Yb = 0, Zb = 0;
        (void)Wb;
        (void)Yb;
        (void)Zb;
        double lw = 0, st = 0, sh = 0;
        for (size_t j = A->pos == 0 && nodes[b].prev == 0 ? 0 : A->pos + 1; j < nodes[b].pos; j++) {
            lw += it[j].w * (it[j].kind != LAY_PENALTY);
            if (it[j].kind == LAY_GLUE) {
                st += it[j].stretch;
                sh += it[j].shrink;
            }
        }
        /* glue at the start of the line does not count */
        size_t j0 = nodes[b].prev == 0 ? 0 : A->pos + 1;
        while (j0 < nodes[b].pos && it[j0].kind != LAY_BOX) {
            if (it[j0].kind == LAY_GLUE) {
                lw -= it[j0].w;
                st -= it[j0].stretch;
                sh -= it[j0].shrink;
            }
            j0++;
        }
        lw += pw;
        double r = 0;
        if (lw < width && st > 0)
            r = (width - lw) / st;
        else if (lw > width && sh > 0)
            r = (width - lw) / sh;
        ratios[k] = r < -1 ? -1 : r;
    }
    free(nodes);
    free(active);
    *forced = forced_out;
    return count;
}

/* Knuth & Plass 1981 in TeX's three passes: without hyphenation at a tight tolerance
 * (\pretolerance), with hyphenation (\tolerance), and if still nothing fits, with no upper
 * limit, so lines may be loose but never overfull. */
size_t lay_break_lines(struct lay *L, const struct lay_lb_item *it, size_t n, double width,
                       int justify, size_t *breaks, double *ratios)
{
    (void)L;
    (void)justify;
    int forced = 0;
    size_t count = total_fit(it, n, width, 1.0, 0, breaks, ratios, &forced);
    if (forced)
        count = total_fit(it, n, width, 2.0, 1, breaks, ratios, &forced);
    if (forced) /* a box wider than the line may still be overfull here */
        count = total_fit(it, n, width, 1e9, 1, breaks, ratios, &forced);
    return count;
}

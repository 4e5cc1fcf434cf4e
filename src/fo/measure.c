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
#include "fo/linebreak.h"

#define FIND_CACHE 64

struct find_entry {
    const char *family; /* a tree pool pointer: stable for the run */
    int bold, italic, face;
};

struct lay_env {
    struct font_set *fonts;
    struct hyph *hyph;
    int *doc_index;             /* per face: its pg_doc font index in this pass, -1 */
    int n_faces;
    struct pg_doc *doc;
    struct find_entry found[FIND_CACHE];
    int n_found;
    struct diag *d;
    struct lb_work *lb;         /* the line breaker's memory, reused by every paragraph */
    struct lb_line *lb_lines;   /* a paragraph's lines */
    size_t cap_lb;              /* entries of lb_lines */
};

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
    e->lb = lb_work_new();
    lay_env_begin(e);
    return e;
}

const struct font_set *lay_env_fonts(const struct lay_env *env)
{
    return env->fonts;
}

void lay_env_close(struct lay_env *e)
{
    if (!e)
        return;
    font_set_free(e->fonts);
    hyph_free(e->hyph);
    lb_work_free(e->lb);
    free(e->lb_lines);
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

/* hyph.h points (hyph.c keeps its own cache per language and word, across passes). */
int lay_hyphenate(struct lay *L, const char *lang, const char *word, size_t n, size_t *pos,
                  int max)
{
    if (max <= 0 || !hyph_supports(lang))
        return 0;
    return (int)hyph_points(L->env->hyph, lang, word, n, pos, (size_t)max);
}

/* ---- total fit (linebreak.h) ---- */

size_t lay_break_lines(struct lay *L, const struct lb_item *items, size_t n, double width,
                       double last_width, int justify, size_t *breaks, double *ratios)
{
    (void)justify; /* ragged lines are set at their natural width by the caller */
    struct lay_env *e = L->env;
    if (e->cap_lb < n + 1) {
        e->cap_lb = 2 * (n + 1);
        free(e->lb_lines);
        e->lb_lines = xmalloc(e->cap_lb * sizeof *e->lb_lines);
    }
    struct lb_params params;
    lb_params_default(&params, &width, 1);
    params.last_line_extra = last_width - width;
    /* A hyphen on the last-but-one line only when the other lines within tolerance are far
     * worse: it reads badly and, in a column beside another, joins the wrong text when the
     * page is read back (pdftotext); TeX's 5000 demerits are often outweighed. That holds
     * while every line is within tolerance (r <= 2: passes 1-3). In the emergency-stretch
     * passes (The TeXbook ch. 14, \emergencystretch) badness is rated as if each line had the
     * extra stretch, so a line three times too loose looks merely loose; a million demerits
     * there outweighs any of it and pours the paragraph's slack into the last-but-one line
     * (the Turkish abstract's "Rusça ve İngilizce kaynaklara", gaps 3.25 spaces wide). There
     * the hyphen keeps TeX's 5000 (Knuth & Plass 1981: final hyphens discouraged, not
     * forbidden). */
    params.final_hyphen_demerits = 1000000;
    params.emergency_final_hyphen_demerits = 5000;
    struct lb_line *lines = e->lb_lines;
    size_t count = lb_break_in(e->lb, items, n, &params, lines, NULL);
    for (size_t k = 0; k < count; k++) {
        breaks[k] = lines[k].brk;
        ratios[k] = lines[k].ratio;
    }
    return count;
}

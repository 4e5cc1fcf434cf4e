/* font.c — the typesetter's font set: reads the font map, opens each TrueType face with
 * FreeType and remembers, per face, the advance of each code point below FONT_CACHE it measures
 * as the integer libharu writes into the PDF's /W array, so that widths measured here are the
 * widths drawn. */
#include "fo/font.h"
#include "utf8.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include FT_OUTLINE_H
#include FT_TRUETYPE_TABLES_H

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"

#define FONT_CACHE 0x3000   /* code points with cached advances */
#define FONT_MAX_FACES 64   /* faces in one map */
#define FONT_MAX_ALIASES 32 /* alias lines in one map */
#define FONT_MAX_WARNED 64  /* distinct unknown family lists warned about */
#define FONT_REPLACEMENT 0xFFFDu
#define ADV_UNKNOWN INT16_MIN /* an advance not looked up yet */

struct font_face {
    char *path;
    char *family;
    int weight; /* 100..900 */
    int italic;
    FT_Face ft;
    unsigned upem;
    int16_t *adv;      /* FONT_CACHE advances in 1/1000 em, libharu's rounding; ADV_UNKNOWN
                        * until first asked for (filled through a const face: a memo) */
    uint8_t *has;      /* FONT_CACHE flags: the cmap maps the code point to a glyph (valid
                        * once adv is known) */
    int missing_width; /* glyph 0's advance, for code points without a glyph */
    int repl_width;    /* U+FFFD's advance, for what the PDF writer replaces */
    double ascender, descender, x_height, cap_height; /* per em */
};

struct font_alias {
    char *name;
    char *family;
};

struct font_set {
    FT_Library lib;
    struct font_face faces[FONT_MAX_FACES];
    int n_faces;
    struct font_alias aliases[FONT_MAX_ALIASES];
    int n_aliases;
    char *warned[FONT_MAX_WARNED];
    int n_warned;
};

/* Advance of glyph gid in 1/1000 em exactly as libharu 2.3 computes it for /W
 * (hpdf_fontdef_tt.c, HPDF_TTFontDef_GetGidWidth: advance_width * 1000 / units_per_em in
 * unsigned integer arithmetic, i.e. truncated). */
static int glyph_advance(const struct font_face *f, FT_UInt gid)
{
    FT_Fixed a = 0;
    if (FT_Get_Advance(f->ft, gid, FT_LOAD_NO_SCALE | FT_LOAD_IGNORE_TRANSFORM, &a))
        return f->missing_width;
    return (int)((unsigned long)a * 1000u / f->upem);
}

/* Height of a glyph's outline top in font units, for x-height and cap height when the OS/2
 * table does not give them (libharu takes them from the glyph bounding box too). */
static double glyph_top(FT_Face ft, uint32_t cp)
{
    FT_UInt gid = FT_Get_Char_Index(ft, cp);
    if (!gid || FT_Load_Glyph(ft, gid, FT_LOAD_NO_SCALE))
        return 0;
    FT_BBox box;
    FT_Outline_Get_CBox(&ft->glyph->outline, &box);
    return (double)box.yMax;
}

/* Vertical metrics per em: ascender and descender from hhea (FreeType's face values), x-height
 * and cap height from OS/2 version >= 2 (OpenType spec, OS/2 sxHeight, sCapHeight). */
static void read_extents(struct font_face *f)
{
    double upem = f->upem;
    f->ascender = f->ft->ascender / upem;
    f->descender = -f->ft->descender / upem;
    const TT_OS2 *os2 = FT_Get_Sfnt_Table(f->ft, FT_SFNT_OS2);
    double xh = os2 && os2->version >= 2 && os2->sxHeight ? os2->sxHeight : glyph_top(f->ft, 'x');
    double ch =
        os2 && os2->version >= 2 && os2->sCapHeight ? os2->sCapHeight : glyph_top(f->ft, 'H');
    f->x_height = xh / upem;
    f->cap_height = ch / upem;
}

/* An empty advance cache: a document uses a few hundred of a face's thousands of code points,
 * so each is looked up when first measured (cached_advance) rather than the whole cmap at load
 * (which cost a million instructions a face). */
static void fill_cache(struct font_face *f)
{
    f->adv = xmalloc(FONT_CACHE * sizeof *f->adv);
    f->has = xcalloc(FONT_CACHE, 1);
    for (size_t i = 0; i < FONT_CACHE; i++)
        f->adv[i] = ADV_UNKNOWN;
}

/* Looks up and remembers the advance of cp < FONT_CACHE: the glyph the Unicode cmap maps it
 * to, or glyph 0's for an unmapped code point (what the PDF shows for it). */
static int look_up_advance(const struct font_face *f, uint32_t cp)
{
    FT_UInt gid = FT_Get_Char_Index(f->ft, cp);
    int a = gid ? glyph_advance(f, gid) : f->missing_width;
    f->adv[cp] = (int16_t)a;
    f->has[cp] = gid != 0;
    return a;
}

/* The advance of cp < FONT_CACHE, from the cache once known. */
static inline int cached_advance(const struct font_face *f, uint32_t cp)
{
    int a = f->adv[cp];
    return a != ADV_UNKNOWN ? a : look_up_advance(f, cp);
}

/* Opens one face; -1 after reporting when FreeType cannot read it or it has no Unicode cmap. */
static int open_face(struct font_set *s, struct font_face *f, const char *map, long line,
                     struct diag *d)
{
    if (FT_New_Face(s->lib, f->path, 0, &f->ft)) {
        diag_report(d, DIAG_WARNING, map, line, 0, "cannot read TrueType font %s", f->path);
        f->ft = NULL;
        return -1;
    }
    if (FT_Select_Charmap(f->ft, FT_ENCODING_UNICODE) || !FT_IS_SFNT(f->ft)) {
        diag_report(d, DIAG_WARNING, map, line, 0, "%s is not a TrueType font with a Unicode cmap",
                    f->path);
        return -1;
    }
    f->upem = f->ft->units_per_EM ? f->ft->units_per_EM : 1000;
    f->missing_width = 0;
    f->missing_width = glyph_advance(f, 0);
    read_extents(f);
    fill_cache(f);
    f->repl_width = glyph_advance(f, FT_Get_Char_Index(f->ft, FONT_REPLACEMENT));
    return 0;
}

static void face_free(struct font_face *f)
{
    if (f->ft)
        FT_Done_Face(f->ft);
    free(f->path);
    free(f->family);
    free(f->adv);
    free(f->has);
    memset(f, 0, sizeof *f);
}

/* Splits a map line into white-space separated fields (at most max); returns their count.
 * Modifies line. */
static int split_fields(char *line, char **field, int max)
{
    int n = 0;
    char *save = NULL;
    for (char *t = strtok_r(line, " \t\r\n", &save); t && n < max;
         t = strtok_r(NULL, " \t\r\n", &save))
        field[n++] = t;
    return n;
}

/* Joins fields [from, to) with single spaces: a family name. The caller frees. */
static char *join_fields(char **field, int from, int to)
{
    struct buf b;
    buf_init(&b);
    for (int i = from; i < to; i++) {
        if (i > from)
            buf_putc(&b, ' ');
        buf_puts(&b, field[i]);
    }
    return buf_detach(&b);
}

/* CSS 2.1 §15.6 font-weight: normal is 400, bold 700, else a number 100..900; -1 if invalid. */
static int parse_weight(const char *w)
{
    if (!strcasecmp(w, "normal"))
        return 400;
    if (!strcasecmp(w, "bold"))
        return 700;
    char *end;
    long v = strtol(w, &end, 10);
    return *end == '\0' && v >= 100 && v <= 900 ? (int)v : -1;
}

/* CSS 2.1 §15.7 font-style: 0 normal, 1 italic or oblique, -1 if invalid. */
static int parse_style(const char *s)
{
    if (!strcasecmp(s, "normal"))
        return 0;
    return !strcasecmp(s, "italic") || !strcasecmp(s, "oblique") ? 1 : -1;
}

/* One face line of the map: family words, weight, style, file. */
static void add_face(struct font_set *s, char **field, int n, const char *dir, const char *map,
                     long line, struct diag *d)
{
    int weight = parse_weight(field[n - 3]), style = parse_style(field[n - 2]);
    if (weight < 0 || style < 0) {
        diag_report(d, DIAG_WARNING, map, line, 0, "font map: bad weight or style");
        return;
    }
    if (s->n_faces == FONT_MAX_FACES) {
        diag_report(d, DIAG_WARNING, map, line, 0, "font map: more than %d faces", FONT_MAX_FACES);
        return;
    }
    struct font_face *f = &s->faces[s->n_faces];
    memset(f, 0, sizeof *f);
    struct buf path;
    buf_init(&path);
    if (field[n - 1][0] != '/')
        buf_puts(&path, dir);
    buf_puts(&path, field[n - 1]);
    f->path = buf_detach(&path);
    f->family = join_fields(field, 0, n - 3);
    f->weight = weight;
    f->italic = style;
    if (open_face(s, f, map, line, d) == 0)
        s->n_faces++;
    else
        face_free(f);
}

/* An alias line: `alias NAME FAMILY WORDS`. */
static void add_alias(struct font_set *s, char **field, int n, const char *map, long line,
                      struct diag *d)
{
    if (n < 3 || s->n_aliases == FONT_MAX_ALIASES) {
        diag_report(d, DIAG_WARNING, map, line, 0, "font map: bad alias line");
        return;
    }
    struct font_alias *a = &s->aliases[s->n_aliases++];
    a->name = xstrdup(field[1]);
    a->family = join_fields(field, 2, n);
}

/* The map's directory with a trailing slash ("" for the current one). The caller frees. */
static char *map_dir(const char *map)
{
    const char *slash = strrchr(map, '/');
    size_t n = slash ? (size_t)(slash - map) + 1 : 0;
    char *dir = xmalloc(n + 1);
    memcpy(dir, map, n);
    dir[n] = '\0';
    return dir;
}

/* Reads the map line by line; -1 when it cannot be opened. */
static int read_map(struct font_set *s, const char *map, struct diag *d)
{
    FILE *fp = fopen(map, "r");
    if (!fp) {
        diag_report(d, DIAG_ERROR, map, 0, 0, "cannot open the font map");
        return -1;
    }
    char *dir = map_dir(map);
    char line[1024];
    long no = 0;
    while (fgets(line, sizeof line, fp)) {
        no++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *field[16];
        int n = split_fields(line, field, 16);
        if (n == 0)
            continue;
        if (!strcmp(field[0], "alias"))
            add_alias(s, field, n, map, no, d);
        else if (n >= 4)
            add_face(s, field, n, dir, map, no, d);
        else
            diag_report(d, DIAG_WARNING, map, no, 0, "font map: expected family weight style file");
    }
    free(dir);
    fclose(fp);
    return 0;
}

struct font_set *font_set_load(const char *map_path, struct diag *d)
{
    struct font_set *s = xcalloc(1, sizeof *s);
    struct font_set *result = NULL;
    if (FT_Init_FreeType(&s->lib)) {
        diag_report(d, DIAG_ERROR, NULL, 0, 0, "cannot start FreeType");
        s->lib = NULL;
        goto cleanup;
    }
    if (read_map(s, map_path, d))
        goto cleanup;
    if (s->n_faces == 0) {
        diag_report(d, DIAG_ERROR, map_path, 0, 0, "no usable font in the font map");
        goto cleanup;
    }
    result = s;
cleanup:
    if (!result)
        font_set_free(s);
    return result;
}

void font_set_free(struct font_set *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->n_faces; i++)
        face_free(&s->faces[i]);
    for (int i = 0; i < s->n_aliases; i++) {
        free(s->aliases[i].name);
        free(s->aliases[i].family);
    }
    for (int i = 0; i < s->n_warned; i++)
        free(s->warned[i]);
    if (s->lib)
        FT_Done_FreeType(s->lib);
    free(s);
}

int font_count(const struct font_set *s)
{
    return s->n_faces;
}

/* The face of family (already resolved) closest to the wanted style and weight: style first,
 * then the nearest weight (CSS 2.1 §15.5 font matching); -1 when the map lacks the family. */
static int best_face(const struct font_set *s, const char *family, int weight, int italic)
{
    int best = -1, best_score = 0;
    for (int i = 0; i < s->n_faces; i++) {
        const struct font_face *f = &s->faces[i];
        if (strcasecmp(f->family, family))
            continue;
        int score = (f->italic != italic) * 1000 + abs(f->weight - weight);
        if (best < 0 || score < best_score) {
            best = i;
            best_score = score;
        }
    }
    return best;
}

/* Copies the next name of a comma-separated family list into name (trimmed, quotes removed);
 * returns the position after it, or NULL at the end. */
static const char *next_family(const char *p, char *name, size_t size)
{
    while (*p == ',' || isspace((unsigned char)*p))
        p++;
    if (!*p)
        return NULL;
    const char *end = strchr(p, ',');
    if (!end)
        end = p + strlen(p);
    const char *a = p, *b = end;
    while (b > a && isspace((unsigned char)b[-1]))
        b--;
    if (b - a >= 2 && (*a == '"' || *a == '\'') && b[-1] == *a) {
        a++;
        b--;
    }
    size_t n = (size_t)(b - a) < size - 1 ? (size_t)(b - a) : size - 1;
    memcpy(name, a, n);
    name[n] = '\0';
    return end;
}

static const char *resolve_alias(const struct font_set *s, const char *name)
{
    for (int i = 0; i < s->n_aliases; i++)
        if (!strcasecmp(s->aliases[i].name, name))
            return s->aliases[i].family;
    return name;
}

/* One warning per distinct unknown family list (capped, so a hostile file cannot make the
 * set grow without bound). */
static void warn_unknown(struct font_set *s, const char *list, struct diag *d)
{
    for (int i = 0; i < s->n_warned; i++)
        if (!strcmp(s->warned[i], list))
            return;
    if (s->n_warned == FONT_MAX_WARNED)
        return;
    s->warned[s->n_warned++] = xstrdup(list);
    diag_report(d, DIAG_WARNING, NULL, 0, 0,
                "font-family \"%.200s\" is not in the font map; using %s", list,
                s->faces[0].family);
}

int font_find(struct font_set *s, const char *family_list, int bold, int italic, struct diag *d)
{
    int weight = bold ? 700 : 400;
    italic = italic != 0;
    char name[256];
    const char *p = family_list ? family_list : "";
    while ((p = next_family(p, name, sizeof name)) != NULL) {
        int face = best_face(s, resolve_alias(s, name), weight, italic);
        if (face >= 0)
            return face;
    }
    if (family_list && *family_list)
        warn_unknown(s, family_list, d);
    int face = best_face(s, s->faces[0].family, weight, italic);
    return face >= 0 ? face : 0;
}

/* Decodes one UTF-8 sequence as the PDF writer does (utf8.h): malformed input and code points
 * libharu's UTF-8 encoder cannot show become U+FFFD. Returns bytes used. */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    size_t len = utf8_decode(s, n, cp);
    uint32_t v = *cp;
    int showable = v >= 0x20 && !(v >= 0x7F && v <= 0x9F) && v < 0xFFFE && v != 0xFEFF;
    *cp = showable ? v : FONT_REPLACEMENT;
    return len;
}

static const struct font_face *face_at(const struct font_set *s, int face)
{
    return &s->faces[face >= 0 && face < s->n_faces ? face : 0];
}

static int advance_of(const struct font_face *f, uint32_t cp)
{
    if (cp == FONT_REPLACEMENT)
        return f->repl_width;
    if (cp < FONT_CACHE)
        return cached_advance(f, cp);
    return glyph_advance(f, FT_Get_Char_Index(f->ft, cp));
}

int font_advance(const struct font_set *s, int face, uint32_t cp)
{
    return advance_of(face_at(s, face), cp);
}

double font_width(const struct font_set *s, int face, const char *utf8, size_t len, double size_pt)
{
    const struct font_face *f = face_at(s, face);
    const unsigned char *u = (const unsigned char *)utf8;
    long total = 0;
    size_t i = 0;
    while (i < len) {
        if (u[i] < 0x80) {
            total += u[i] >= 0x20 && u[i] != 0x7F ? cached_advance(f, u[i]) : f->repl_width;
            i++;
            continue;
        }
        uint32_t cp;
        i += decode(u + i, len - i, &cp);
        total += advance_of(f, cp);
    }
    return (double)total * size_pt / 1000.0;
}

int font_has_glyph(const struct font_set *s, int face, uint32_t cp)
{
    const struct font_face *f = face_at(s, face);
    if (cp < FONT_CACHE) {
        cached_advance(f, cp);
        return f->has[cp];
    }
    return FT_Get_Char_Index(f->ft, cp) != 0;
}

int font_ink_box(const struct font_set *s, int face, uint32_t cp, struct font_ink *ink)
{
    const struct font_face *f = face_at(s, face);
    memset(ink, 0, sizeof *ink);
    FT_UInt gid = FT_Get_Char_Index(f->ft, cp);
    if (!gid || FT_Load_Glyph(f->ft, gid, FT_LOAD_NO_SCALE) ||
        f->ft->glyph->format != FT_GLYPH_FORMAT_OUTLINE || f->ft->glyph->outline.n_points == 0)
        return 0;
    FT_BBox box;
    FT_Outline_Get_CBox(&f->ft->glyph->outline, &box);
    double k = 1000.0 / f->upem;
    ink->x_min = box.xMin * k;
    ink->x_max = box.xMax * k;
    ink->y_min = box.yMin * k;
    ink->y_max = box.yMax * k;
    return 1;
}

int font_face_of_path(const struct font_set *s, const char *path, size_t len)
{
    for (int i = 0; i < s->n_faces; i++)
        if (strlen(s->faces[i].path) == len && !memcmp(s->faces[i].path, path, len))
            return i;
    return -1;
}

struct font_extents font_extents(const struct font_set *s, int face, double size_pt)
{
    const struct font_face *f = face_at(s, face);
    struct font_extents e = {f->ascender * size_pt, f->descender * size_pt, f->x_height * size_pt,
                             f->cap_height * size_pt};
    return e;
}

const char *font_path(const struct font_set *s, int face)
{
    return face_at(s, face)->path;
}

const char *font_family(const struct font_set *s, int face)
{
    return face_at(s, face)->family;
}

int font_is_bold(const struct font_set *s, int face)
{
    return face_at(s, face)->weight >= 600;
}

int font_is_italic(const struct font_set *s, int face)
{
    return face_at(s, face)->italic;
}

/* marks.c — combining marks on their base letters, the typesetter's last step over the laid-out
 * runs (called from fo.c before the pages go to the PDF writer, which draws each glyph at the
 * pen). A base and its marks become the precomposed letter when Unicode composes them (NFC) and
 * the face draws it; other zero-advance marks move into runs of their own, placed over their
 * base as HarfBuzz's fallback positioning does for fonts without GPOS mark anchors. */
#include "fo/marks.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <uniname.h>
#include <uninorm.h>
#include <unistr.h>

#include "buf.h"
#include "fo/font.h"
#include "utf8.h"

#define MARKS_MIN_MOVE 0.001 /* pt: a mark this close to its place stays in its run */
/* pt: a moved mark starts at least this far after its base's origin. Text extractors order
 * glyphs by x (poppler's TextOutputDev sorts words by xMin, an equal xMin going first), so a
 * mark at exactly its base's origin could read before its base; 0.01 pt (3.5 µm) is far below
 * what a printer shows and far above the rounding of PDF coordinates. */
#define MARKS_AFTER_BASE 0.01
#define MARKS_FIRST_BYTE 0xCC /* UTF-8 lead byte of U+0300, the first combining mark */
/* thousandths of an em: the gap a mark moved off its base's ink keeps (HarfBuzz's fallback
 * y_gap, units per em / 16) */
#define MARKS_GAP 62.5

/* One code point of a run's text and where its bytes are. */
struct mk_char {
    uint32_t cp;
    size_t off, len;
    int gone;   /* composed into its base */
    double pen; /* advances before it, thousandths of an em (measure) */
    /* for a mark: its base's index (MK_NONE: none in the run), which half of a double mark it
     * is (half_side), and how far it moves from the pen's place, in thousandths of an em */
    size_t base;
    int half;
    double dx, dy;
};

#define MK_NONE ((size_t)-1)

/* Scratch reused from run to run, and the new run array. */
struct mk_work {
    const struct font_set *set;
    struct pg_doc *doc;
    struct mk_char *chars;
    size_t n_chars, cap_chars;
    struct buf text; /* the run's text after composition */
    struct pg_run *runs;
    size_t n_runs, cap_runs;
    size_t copied; /* doc->runs before this index are in runs already */
};

/* Do the n bytes at s hold a nonspacing mark (Unicode general category Mn)? ASCII bytes and
 * code points below U+0300, the first mark, are passed over without a table lookup: most runs
 * are words without marks. */
static int holds_mark(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (u[i] < MARKS_FIRST_BYTE) {
            i++;
            continue;
        }
        uint32_t cp;
        i += utf8_decode(u + i, n - i, &cp);
        if (uc_is_general_category(cp, UC_CATEGORY_Mn))
            return 1;
    }
    return 0;
}

/* Decodes n bytes at s into w->chars with the shared decoder (utf8.h), so offsets agree with
 * the widths font.c measures. */
static void decode(struct mk_work *w, const char *s, size_t n)
{
    w->n_chars = 0;
    for (size_t i = 0; i < n;) {
        struct mk_char c = {0, i, 0, 0, 0, MK_NONE, 0, 0, 0};
        c.len = utf8_decode((const unsigned char *)s + i, n - i, &c.cp);
        pg_reserve((void **)&w->chars, &w->cap_chars, w->n_chars + 1, sizeof *w->chars);
        w->chars[w->n_chars++] = c;
        i += c.len;
    }
}

/* May base + mark be drawn as the composite glyph? Only when the face has it and it is as wide
 * as the pair, since the line was measured with the pair and must not change width. */
static int composite_fits(const struct font_set *set, int face, uint32_t base, uint32_t mark,
                          uint32_t composite)
{
    return font_has_glyph(set, face, composite) &&
           font_advance(set, face, composite) ==
               font_advance(set, face, base) + font_advance(set, face, mark);
}

static void put_cp(struct buf *b, uint32_t cp)
{
    uint8_t u[6];
    int n = u8_uctomb(u, cp, (int)sizeof u);
    buf_put(b, (const char *)u, n > 0 ? (size_t)n : 0);
}

/* Canonical composition of the starter at i with the marks after it (Unicode 15 §3.11,
 * D117: a mark composes unless a mark kept before it has a class >= its own), each step taken
 * only when composite_fits. Writes the starter and the marks left to w->text; returns the
 * index after the marks and sets *changed when something composed. */
static size_t compose_cluster(struct mk_work *w, int face, const char *s, size_t i, int *changed)
{
    struct mk_char *c = w->chars;
    uint32_t now = c[i].cp;
    int last_kept = 0;
    size_t j = i + 1;
    for (; j < w->n_chars; j++) {
        int cc = uc_combining_class(c[j].cp);
        if (cc == 0)
            break;
        uint32_t comp = last_kept < cc ? uc_composition(now, c[j].cp) : 0;
        if (comp && composite_fits(w->set, face, now, c[j].cp, comp)) {
            now = comp;
            c[j].gone = 1;
        } else {
            last_kept = cc;
        }
    }
    if (now == c[i].cp) {
        buf_put(&w->text, s + c[i].off, c[i].len);
    } else {
        put_cp(&w->text, now);
        *changed = 1;
    }
    for (size_t k = i + 1; k < j; k++)
        if (!c[k].gone)
            buf_put(&w->text, s + c[k].off, c[k].len);
    return j;
}

/* The run's text with every base and its marks canonically composed where the face allows
 * (UAX #15 NFC, restricted to what can be drawn), in w->text; 1 when it differs from s. */
static int compose_text(struct mk_work *w, int face, const char *s)
{
    int changed = 0;
    buf_truncate(&w->text, 0);
    for (size_t i = 0; i < w->n_chars;) {
        if (uc_combining_class(w->chars[i].cp) != 0) {
            buf_put(&w->text, s + w->chars[i].off, w->chars[i].len);
            i++;
            continue;
        }
        i = compose_cluster(w, face, s, i, &changed);
    }
    return changed;
}

/* Which half of a double mark cp is, from its Unicode name (the Combining Half Marks block,
 * U+FE20..U+FE2F: "COMBINING LIGATURE LEFT HALF", "... RIGHT HALF BELOW"): -1 left, 1 right,
 * 0 neither. */
static int half_side(uint32_t cp)
{
    char name[UNINAME_MAX];
    if (!unicode_character_name(cp, name))
        return 0;
    if (strstr(name, " LEFT HALF"))
        return -1;
    return strstr(name, " RIGHT HALF") ? 1 : 0;
}

/* Where a mark's origin goes relative to its base's origin, in thousandths of an em, by its
 * combining class as HarfBuzz's fallback positioning aligns ink boxes (hb-ot-shape-fallback.cc
 * position_mark): left-attached classes align left edges, right-attached ones right edges,
 * double marks centre on the base's right edge, all others centre on the base. */
static double aligned_origin(int cc, const struct font_ink *b, const struct font_ink *m)
{
    switch (cc) {
    case 200: /* attached below left */
    case 218: /* below left */
    case 228: /* above left */
        return b->x_min - m->x_min;
    case 216: /* attached above right */
    case 222: /* below right */
    case 232: /* above right */
        return b->x_max - m->x_max;
    case 233: /* double below */
    case 234: /* double above */
        return b->x_max - (m->x_min + m->x_max) / 2;
    default:
        return (b->x_min + b->x_max) / 2 - (m->x_min + m->x_max) / 2;
    }
}

/* How far (thousandths of an em) an above or below mark must move up or down to clear its
 * base's ink: not at all when the font's design already clears it, else to MARKS_GAP past it
 * (HarfBuzz's fallback: above marks over a taller base go up, below marks under a descender
 * go down; marks of the attached classes are left on their base). */
static double clearance(int cc, const struct font_ink *b, const struct font_ink *m)
{
    int above = cc == 228 || cc == 230 || cc == 232 || cc == 234;
    int below = cc == 218 || cc == 220 || cc == 222 || cc == 233;
    if (above && m->y_min < b->y_max)
        return b->y_max + MARKS_GAP - m->y_min;
    if (below && m->y_max > b->y_min)
        return b->y_min - MARKS_GAP - m->y_max;
    return 0;
}

/* Sets dx and dy of the zero-advance mark at index k (its base found): a left half keeps the
 * designed attachment at the end of its base; a right half starts at its base's start (the
 * halves join over the two letters, Unicode 15 §7.9 "Combining Half Marks"); other marks of a
 * nonzero class are aligned by ink (aligned_origin); all clear their base's ink (clearance).
 * Marks of class 0, or drawn with an advance, stay. */
static void offsets(struct mk_work *w, int face, size_t k)
{
    struct mk_char *c = &w->chars[k];
    const struct mk_char *b = &w->chars[c->base];
    int cc = uc_combining_class(c->cp);
    if (cc == 0 || !font_has_glyph(w->set, face, c->cp) || font_advance(w->set, face, c->cp) != 0)
        return;
    c->half = half_side(c->cp);
    struct font_ink bi, mi;
    int inked = font_ink_box(w->set, face, b->cp, &bi) && font_ink_box(w->set, face, c->cp, &mi);
    if (c->half > 0)
        c->dx = b->pen - c->pen;
    else if (c->half == 0 && inked)
        c->dx = b->pen + aligned_origin(cc, &bi, &mi) - c->pen;
    if (inked)
        c->dy = clearance(cc, &bi, &mi);
}

/* The two halves of a tie (a left half and the next right half over a later base) move up or
 * down together, by the larger of their clearances, so that they still meet. One pass. */
static void join_halves(struct mk_work *w)
{
    size_t left = MK_NONE;
    for (size_t k = 0; k < w->n_chars; k++) {
        struct mk_char *c = &w->chars[k];
        if (c->base == MK_NONE || c->half == 0)
            continue;
        if (c->half < 0) {
            left = k;
        } else if (left != MK_NONE && w->chars[left].base != c->base) {
            struct mk_char *l = &w->chars[left];
            l->dy = c->dy = fabs(l->dy) > fabs(c->dy) ? l->dy : c->dy;
            left = MK_NONE;
        }
    }
}

static void push_run(struct mk_work *w, struct pg_run r)
{
    pg_reserve((void **)&w->runs, &w->cap_runs, w->n_runs + 1, sizeof *w->runs);
    w->runs[w->n_runs++] = r;
}

/* A piece [from, to) of the run's text (str in the pool) drawn at x, y. */
static void push_piece(struct mk_work *w, const struct pg_run *r, struct pg_str str, size_t from,
                       size_t to, double x, double y)
{
    if (to <= from)
        return;
    struct pg_run p = *r;
    p.x = x;
    p.y = y;
    p.text.off = str.off + from;
    p.text.len = to - from;
    push_run(w, p);
}

/* The pen before each character of w->text, in thousandths of an em (font.h font_width, the
 * PDF writer's advances), summed once: linear in the run however many marks it holds. Returns
 * the pen after the last character. */
static double measure(struct mk_work *w, int face)
{
    double pen = 0;
    for (size_t k = 0; k < w->n_chars; k++) {
        struct mk_char *c = &w->chars[k];
        c->pen = pen;
        pen += font_width(w->set, face, w->text.data + c->off, c->len, 1000.0);
    }
    return pen;
}

/* Finds each mark's base (the last character before it that is not a mark, Unicode general
 * category M) and, for nonspacing marks, its offsets; then joins the halves of ties. */
static void place_all(struct mk_work *w, int face)
{
    size_t base = MK_NONE;
    for (size_t k = 0; k < w->n_chars; k++) {
        struct mk_char *c = &w->chars[k];
        if (!uc_is_general_category(c->cp, UC_CATEGORY_M)) {
            base = k;
            continue;
        }
        c->base = base;
        if (base != MK_NONE && uc_is_general_category(c->cp, UC_CATEGORY_Mn))
            offsets(w, face, k);
    }
    join_halves(w);
}

/* Cuts the run (text w->text, in the pool at str) around every mark that must move
 * (place_all) and pushes the pieces: the text between marks at its pen, each moved mark in a
 * run of its own. Returns the number of marks moved. */
static int place_marks(struct mk_work *w, int face, const struct pg_run *r, struct pg_str str)
{
    int moved = 0;
    size_t from = 0;
    double em = r->size / 1000.0, end = measure(w, face), from_pen = 0;
    place_all(w, face);
    for (size_t k = 0; k < w->n_chars; k++) {
        const struct mk_char *c = &w->chars[k];
        if (fabs(c->dx * em) < MARKS_MIN_MOVE && fabs(c->dy * em) < MARKS_MIN_MOVE)
            continue;
        double x = r->x + c->pen * em + c->dx * em;
        x = fmax(x, r->x + w->chars[c->base].pen * em + MARKS_AFTER_BASE);
        push_piece(w, r, str, from, c->off, r->x + from_pen * em, r->y);
        push_piece(w, r, str, c->off, c->off + c->len, x, r->y + c->dy * em);
        from = c->off + c->len;
        from_pen = k + 1 < w->n_chars ? w->chars[k + 1].pen : end;
        moved++;
    }
    if (moved)
        push_piece(w, r, str, from, w->text.len, r->x + from_pen * em, r->y);
    return moved;
}

/* Copies the runs of doc not yet copied, up to (not including) index end, to the new array. */
static void copy_runs(struct mk_work *w, size_t end)
{
    if (end <= w->copied)
        return;
    size_t n = end - w->copied;
    if (!w->runs) /* room for all runs and some pieces: one allocation in most documents */
        pg_reserve((void **)&w->runs, &w->cap_runs, w->doc->n_runs + 64, sizeof *w->runs);
    pg_reserve((void **)&w->runs, &w->cap_runs, w->n_runs + n, sizeof *w->runs);
    memcpy(w->runs + w->n_runs, w->doc->runs + w->copied, n * sizeof *w->runs);
    w->n_runs += n;
    w->copied = end;
}

/* One run in face: composed (compose_text) and cut around its marks (place_marks). A run that
 * changes replaces itself in the new array (with the runs before it copied first); one that
 * does not is left for copy_runs, byte for byte. Returns 1 when the run changed. */
static int place_run(struct mk_work *w, size_t i, int face)
{
    struct pg_doc *doc = w->doc;
    struct pg_run r = doc->runs[i];
    const char *s = pg_text(doc, r.text);
    if (!holds_mark(s, r.text.len))
        return 0;
    decode(w, s, r.text.len);
    struct pg_str str = r.text;
    int composed = compose_text(w, face, s);
    if (composed) {
        str = pg_intern(doc, w->text.data, w->text.len); /* s is stale from here on */
        decode(w, w->text.data, w->text.len);
    }
    copy_runs(w, i);
    size_t mark = w->n_runs;
    int moved = place_marks(w, face, &r, str);
    if (!moved && !composed) {
        w->n_runs = mark;
        return 0;
    }
    if (!moved) {
        r.text = str;
        push_run(w, r);
    }
    w->copied = i + 1;
    return 1;
}

/* The face of each pg_doc font (by file path), -1 where the set has none. Caller frees. */
static int *faces_of(const struct pg_doc *doc, const struct font_set *set)
{
    int *face = xmalloc((doc->n_fonts + 1) * sizeof *face);
    for (size_t f = 0; f < doc->n_fonts; f++) {
        const struct pg_font *pf = &doc->fonts[f];
        face[f] = font_face_of_path(set, pg_text(doc, pf->path), pf->path.len);
    }
    return face;
}

int marks_present(const struct pg_doc *doc)
{
    for (size_t i = 0; i < doc->n_runs; i++)
        if (holds_mark(pg_text(doc, doc->runs[i].text), doc->runs[i].text.len))
            return 1;
    return 0;
}

size_t marks_place(struct pg_doc *doc, const struct font_set *fonts)
{
    struct mk_work w = {0};
    w.set = fonts;
    w.doc = doc;
    buf_init(&w.text);
    int *face = faces_of(doc, fonts);
    size_t changed = 0;
    for (size_t i = 0; i < doc->n_runs; i++) {
        int f = doc->runs[i].font;
        if (f >= 0 && (size_t)f < doc->n_fonts && face[f] >= 0)
            changed += (size_t)place_run(&w, i, face[f]);
    }
    if (changed) {
        copy_runs(&w, doc->n_runs);
        free(doc->runs);
        doc->runs = w.runs;
        doc->n_runs = w.n_runs;
        doc->cap_runs = w.cap_runs;
        w.runs = NULL;
    }
    free(w.runs);
    free(w.chars);
    free(face);
    buf_free(&w.text);
    return changed;
}

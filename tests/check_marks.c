/* check_marks.c — combining marks on their base letters (src/fo/marks.c) over hand-made runs
 * in Liberation Serif: canonical composition when the face has the composite, half marks of a
 * tie joined over their two letters, other marks centred on their base's ink, everything else
 * left byte for byte. Ink boxes are read here with FreeType, apart from font.c. */
#include <check.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include <libxml/parser.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fo/fo.h"
#include "fo/font.h"
#include "fo/marks.h"
#include "check_helpers.h"

#define SIZE 10.0
#define X0 100.0
#define NUDGE 0.01 /* marks.c MARKS_AFTER_BASE */

static char dir[64];
static char map[128];
static struct font_set *set;
static struct diag d;
static int face;

/* fonts/fonts.map in a fresh directory beside links to Debian's files (as check_font.c). */
static void setup(void)
{
    check_font_dir("check_marks", dir, sizeof dir, map, sizeof map);
    diag_init(&d, NULL, 0);
    set = font_set_load(map, &d);
    ck_assert_ptr_nonnull(set);
    face = font_find(set, "Liberation Serif", 0, 0, &d);
}

static void teardown(void)
{
    font_set_free(set);
    check_remove_dir(dir);
    diag_free(&d);
}

/* A document with the regular face and one run per text, on page `page`, one line each. */
static struct pg_doc *doc_of(const char **texts, int n)
{
    struct pg_doc *doc = pg_new();
    const char *path = font_path(set, face);
    struct pg_font f = {pg_intern(doc, path, strlen(path))};
    PG_PUSH(doc, fonts, f);
    struct pg_page p = {595, 842, pg_intern(doc, "1", 1), PG_NUM_DECIMAL, 1, 0};
    PG_PUSH(doc, pages, p);
    PG_PUSH(doc, pages, p);
    for (int i = 0; i < n; i++) {
        struct pg_run r = {0, X0, 700 - 12 * i, 0, SIZE, 0, {0, 0}};
        r.text = pg_intern(doc, texts[i], strlen(texts[i]));
        PG_PUSH(doc, runs, r);
    }
    return doc;
}

static int text_is(const struct pg_doc *doc, size_t i, const char *s)
{
    const struct pg_run *r = &doc->runs[i];
    return r->text.len == strlen(s) && !memcmp(pg_text(doc, r->text), s, r->text.len);
}

/* Field by field (struct padding is not compared). */
static int same_run(const struct pg_run *a, const struct pg_run *b)
{
    return a->page == b->page && a->x == b->x && a->y == b->y && a->font == b->font &&
           a->size == b->size && a->rgb == b->rgb && a->text.off == b->text.off &&
           a->text.len == b->text.len;
}

static double width(const char *s)
{
    return font_width(set, face, s, strlen(s), SIZE);
}

/* cp's ink box in points from its origin: x_min, x_max, y_min, y_max (FreeType, directly). */
static void box(uint32_t cp, double b[4])
{
    FT_Library lib;
    FT_Face ft;
    ck_assert_int_eq(FT_Init_FreeType(&lib), 0);
    ck_assert_int_eq(FT_New_Face(lib, font_path(set, face), 0, &ft), 0);
    ck_assert_int_eq(FT_Load_Char(ft, cp, FT_LOAD_NO_SCALE), 0);
    FT_BBox c;
    FT_Outline_Get_CBox(&ft->glyph->outline, &c);
    double k = SIZE / ft->units_per_EM;
    b[0] = c.xMin * k;
    b[1] = c.xMax * k;
    b[2] = c.yMin * k;
    b[3] = c.yMax * k;
    FT_Done_Face(ft);
    FT_Done_FreeType(lib);
}

static double ink_centre(uint32_t cp)
{
    double b[4];
    box(cp, b);
    return (b[0] + b[1]) / 2;
}

/* i + U+0306 COMBINING BREVE is U+012D ĭ (NFC), which the face has, as wide as i. */
START_TEST(base_and_mark_compose_when_the_face_has_the_composite)
{
    const char *t[] = {"Nat\xCA\xB9noi\xCC\x86"};
    struct pg_doc *doc = doc_of(t, 1);
    ck_assert_uint_eq(marks_place(doc, set), 1);
    ck_assert_uint_eq(doc->n_runs, 1);
    ck_assert(text_is(doc, 0, "Nat\xCA\xB9no\xC4\xAD"));
    ck_assert_double_eq_tol(doc->runs[0].x, X0, 1e-9);
    pg_free(doc);
}
END_TEST

/* < + U+0338 composes to U+226E, which Liberation Serif lacks: the pair stays, and the
 * overlay is centred on '<' instead. */
START_TEST(no_composition_without_the_composite_glyph)
{
    ck_assert_int_eq(font_has_glyph(set, face, 0x226E), 0);
    const char *t[] = {"<\xCC\xB8"};
    struct pg_doc *doc = doc_of(t, 1);
    marks_place(doc, set);
    ck_assert_uint_eq(doc->n_runs, 2);
    ck_assert(text_is(doc, 0, "<"));
    ck_assert(text_is(doc, 1, "\xCC\xB8"));
    pg_free(doc);
}
END_TEST

/* Nat︠s︡: the right half (U+FE21) moves back by the advance of s to start where s starts;
 * the text after it goes on where it went before. */
START_TEST(right_half_moves_to_its_base_start)
{
    const char *t[] = {"Nat\xEF\xB8\xA0s\xEF\xB8\xA1ional"};
    struct pg_doc *doc = doc_of(t, 1);
    ck_assert_uint_eq(marks_place(doc, set), 1);
    ck_assert_uint_eq(doc->n_runs, 3);
    ck_assert(text_is(doc, 0, "Nat\xEF\xB8\xA0s"));
    ck_assert(text_is(doc, 1, "\xEF\xB8\xA1"));
    ck_assert(text_is(doc, 2, "ional"));
    ck_assert_double_eq_tol(doc->runs[0].x, X0, 1e-9);
    double s_start = X0 + width("Nat\xEF\xB8\xA0");
    ck_assert_double_eq_tol(doc->runs[1].x, s_start + NUDGE, 1e-9);
    ck_assert_double_eq_tol(doc->runs[2].x, s_start + width("s"), 1e-9);
    for (int i = 0; i < 3; i++) {
        ck_assert_double_eq_tol(doc->runs[i].y, 700, 1e-9);
        ck_assert_double_eq_tol(doc->runs[i].size, SIZE, 1e-9);
    }
    pg_free(doc);
}
END_TEST

/* A left half (U+FE20) is designed to end where its base ends, above x-height letters: over t
 * or a the run is left as it is. */
START_TEST(left_half_stays)
{
    const char *t[] = {"Nat\xEF\xB8\xA0", "sa\xEF\xB8\xA0"};
    struct pg_doc *doc = doc_of(t, 2);
    struct pg_run before[2] = {doc->runs[0], doc->runs[1]};
    ck_assert_uint_eq(marks_place(doc, set), 0);
    ck_assert_uint_eq(doc->n_runs, 2);
    ck_assert(same_run(&doc->runs[0], &before[0]) && same_run(&doc->runs[1], &before[1]));
    pg_free(doc);
}
END_TEST

/* q + U+0306 has no composite: the breve (class 230, above) is centred on q's ink. */
START_TEST(above_mark_centred_on_its_base)
{
    const char *t[] = {"aq\xCC\x86z"};
    struct pg_doc *doc = doc_of(t, 1);
    ck_assert_uint_eq(marks_place(doc, set), 1);
    ck_assert_uint_eq(doc->n_runs, 3);
    ck_assert(text_is(doc, 0, "aq"));
    ck_assert(text_is(doc, 1, "\xCC\x86"));
    ck_assert(text_is(doc, 2, "z"));
    double q = X0 + width("a");
    ck_assert_double_eq_tol(doc->runs[1].x + ink_centre(0x306), q + ink_centre('q'), 1e-3);
    ck_assert_double_eq_tol(doc->runs[1].y, 700, 1e-9); /* the breve clears q as designed */
    ck_assert_double_eq_tol(doc->runs[2].x, q + width("q"), 1e-9);
    pg_free(doc);
}
END_TEST

/* q + U+0323 COMBINING DOT BELOW (class 220) is centred under q, and goes down past q's
 * descender, 1/16 em under it (HarfBuzz's fallback gap). */
START_TEST(below_mark_centred_on_its_base)
{
    const char *t[] = {"q\xCC\xA3"};
    struct pg_doc *doc = doc_of(t, 1);
    marks_place(doc, set);
    ck_assert_uint_eq(doc->n_runs, 2);
    ck_assert_double_eq_tol(doc->runs[1].x + ink_centre(0x323), X0 + ink_centre('q'), 1e-3);
    double q[4], dot[4];
    box('q', q);
    box(0x323, dot);
    ck_assert_double_eq_tol(doc->runs[1].y + dot[3], 700 + q[2] - SIZE / 16, 1e-9);
    pg_free(doc);
}
END_TEST

/* Z︠h︡: the tie's halves would cut into Z and h. Both go up by the same amount, so they still
 * meet, until the tie clears the taller letter (h) by 1/16 em; the left half keeps its x. */
START_TEST(tie_over_tall_letters_raised_together)
{
    const char *t[] = {"Z\xEF\xB8\xA0h\xEF\xB8\xA1ukov"};
    struct pg_doc *doc = doc_of(t, 1);
    ck_assert_uint_eq(marks_place(doc, set), 1);
    ck_assert_uint_eq(doc->n_runs, 5);
    ck_assert(text_is(doc, 0, "Z"));
    ck_assert(text_is(doc, 1, "\xEF\xB8\xA0"));
    ck_assert(text_is(doc, 2, "h"));
    ck_assert(text_is(doc, 3, "\xEF\xB8\xA1"));
    ck_assert(text_is(doc, 4, "ukov"));
    double z[4], h[4], tie[4];
    box('Z', z);
    box('h', h);
    box(0xFE21, tie);
    ck_assert_double_gt(h[3], z[3]);
    ck_assert_double_eq_tol(doc->runs[3].y + tie[2], 700 + h[3] + SIZE / 16, 1e-9);
    ck_assert_double_eq_tol(doc->runs[1].y, doc->runs[3].y, 1e-12);
    ck_assert_double_eq_tol(doc->runs[1].x, X0 + width("Z"), 1e-9);
    ck_assert_double_eq_tol(doc->runs[3].x, X0 + width("Z") + NUDGE, 1e-9);
    ck_assert_double_eq_tol(doc->runs[2].y, 700, 1e-12);
    pg_free(doc);
}
END_TEST

/* d + U+030C composes to U+010F ď, but ď is 1324 units wide and d 1024: the line was measured
 * with d, so the pair stays and the caron is centred on d. */
START_TEST(no_composition_when_the_composite_is_wider)
{
    ck_assert_int_eq(font_has_glyph(set, face, 0x10F), 1);
    ck_assert_int_gt(font_advance(set, face, 0x10F), font_advance(set, face, 'd'));
    const char *t[] = {"d\xCC\x8C"};
    struct pg_doc *doc = doc_of(t, 1);
    ck_assert_uint_eq(marks_place(doc, set), 1);
    ck_assert_uint_eq(doc->n_runs, 2);
    ck_assert(text_is(doc, 0, "d"));
    ck_assert_double_eq_tol(doc->runs[1].x + ink_centre(0x30C), X0 + ink_centre('d'), 1e-3);
    pg_free(doc);
}
END_TEST

/* t + U+0361 COMBINING DOUBLE INVERTED BREVE (class 234, double above) + s: the tie is centred
 * on the right edge of t's ink, where the two letters meet (HarfBuzz's fallback rule), but its
 * origin never goes before t's (here 0.3 pt would), so that extractors read t before it. */
START_TEST(double_mark_centred_on_the_junction)
{
    const char *t[] = {"t\xCD\xA1s"};
    struct pg_doc *doc = doc_of(t, 1);
    ck_assert_uint_eq(marks_place(doc, set), 1);
    ck_assert_uint_eq(doc->n_runs, 3);
    double tb[4];
    box('t', tb);
    double centred = X0 + tb[1] - ink_centre(0x361);
    ck_assert_double_lt(centred, X0);
    ck_assert_double_eq_tol(doc->runs[1].x, fmax(centred, X0 + NUDGE), 1e-9);
    ck_assert(text_is(doc, 2, "s"));
    pg_free(doc);
}
END_TEST

/* A mark that starts a run has no base in it (the base is in the run before, maybe on
 * another line): it stays where it is. */
START_TEST(mark_without_base_stays)
{
    const char *t[] = {"\xEF\xB8\xA1tniki", "\xCC\x86"};
    struct pg_doc *doc = doc_of(t, 2);
    struct pg_run before[2] = {doc->runs[0], doc->runs[1]};
    ck_assert_uint_eq(marks_place(doc, set), 0);
    ck_assert(same_run(&doc->runs[0], &before[0]) && same_run(&doc->runs[1], &before[1]));
    pg_free(doc);
}
END_TEST

/* Runs without marks keep their bytes and order around a run that is split; the split
 * pieces take its place, so the runs stay sorted by page. */
START_TEST(runs_without_marks_untouched)
{
    const char *t[] = {"Baza", "Nat\xEF\xB8\xA0s\xEF\xB8\xA1ionalnoi", "Politiki"};
    struct pg_doc *doc = doc_of(t, 3);
    doc->runs[2].page = 1;
    struct pg_run first = doc->runs[0], last = doc->runs[2];
    ck_assert_uint_eq(marks_place(doc, set), 1);
    ck_assert_uint_eq(doc->n_runs, 5);
    ck_assert(same_run(&doc->runs[0], &first));
    ck_assert(same_run(&doc->runs[4], &last));
    for (size_t i = 1; i < doc->n_runs; i++)
        ck_assert_int_le(doc->runs[i - 1].page, doc->runs[i].page);
    pg_free(doc);
}
END_TEST

/* A document without marks is not touched at all: same array, same pool. */
START_TEST(document_without_marks_unchanged)
{
    const char *t[] = {"Baza", "Kazakhstan \xC4\xB1\xC5\x9F\xC4\x9F", "KNR"};
    struct pg_doc *doc = doc_of(t, 3);
    struct pg_run *runs = doc->runs;
    size_t pool = doc->pool_len;
    ck_assert_int_eq(marks_present(doc), 0);
    ck_assert_uint_eq(marks_place(doc, set), 0);
    ck_assert_ptr_eq(doc->runs, runs);
    ck_assert_uint_eq(doc->n_runs, 3);
    ck_assert_uint_eq(doc->pool_len, pool);
    pg_free(doc);
}
END_TEST

/* A run in a font the set does not know is left alone. */
START_TEST(run_in_unknown_font_stays)
{
    const char *t[] = {"Nat\xEF\xB8\xA0s\xEF\xB8\xA1"};
    struct pg_doc *doc = doc_of(t, 1);
    doc->fonts[0].path = pg_intern(doc, "/nonexistent.ttf", 16);
    ck_assert_int_eq(marks_present(doc), 1);
    ck_assert_uint_eq(marks_place(doc, set), 0);
    ck_assert_uint_eq(doc->n_runs, 1);
    pg_free(doc);
}
END_TEST

/* Pathological input: one base with 100 000 breves. Each becomes a run of its own; the pass
 * measures the run once, so this stays linear (quadratic would be 10^10 widths). */
START_TEST(many_marks_on_one_base)
{
    enum { N = 100000 };
    char *text = malloc(1 + 2 * N + 1);
    ck_assert_ptr_nonnull(text);
    text[0] = 'q';
    for (int i = 0; i < N; i++)
        memcpy(text + 1 + 2 * i, "\xCC\x86", 2);
    text[1 + 2 * N] = '\0';
    const char *t[] = {text};
    struct pg_doc *doc = doc_of(t, 1);
    free(text);
    ck_assert_uint_eq(marks_place(doc, set), 1);
    ck_assert_uint_eq(doc->n_runs, 1 + N);
    ck_assert_double_eq_tol(doc->runs[N].x, doc->runs[1].x, 1e-9);
    pg_free(doc);
}
END_TEST

/* font.c's additions: the ink box of U+FE21 (-3..792 font units of 2048) and faces by path. */
START_TEST(ink_box_and_face_by_path)
{
    struct font_ink ink;
    ck_assert_int_eq(font_ink_box(set, face, 0xFE21, &ink), 1);
    ck_assert_double_eq_tol(ink.x_min, -3 * 1000.0 / 2048, 1e-9);
    ck_assert_double_eq_tol(ink.x_max, 792 * 1000.0 / 2048, 1e-9);
    ck_assert_int_eq(font_ink_box(set, face, ' ', &ink), 0);
    ck_assert_double_eq_tol(ink.x_max, 0, 1e-12);
    const char *p = font_path(set, face);
    ck_assert_int_eq(font_face_of_path(set, p, strlen(p)), face);
    ck_assert_int_eq(font_face_of_path(set, p, strlen(p) - 1), -1);
}
END_TEST

/* Through the typesetter: fo_typeset hands the PDF writer the tie already joined. */
START_TEST(typeset_places_marks)
{
    static const char fo[] =
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'><fo:layout-master-set>"
        "<fo:simple-page-master master-name='p' page-width='300pt' page-height='200pt'"
        " margin='20pt'><fo:region-body/></fo:simple-page-master></fo:layout-master-set>"
        "<fo:page-sequence master-reference='p'><fo:flow flow-name='xsl-region-body'"
        " font-family='serif' font-size='10pt'><fo:block>"
        "Nat\xEF\xB8\xA0s\xEF\xB8\xA1ional\xCA\xB9noi\xCC\x86"
        "</fo:block></fo:flow></fo:page-sequence></fo:root>";
    xmlDocPtr x = xmlReadMemory(fo, (int)strlen(fo), "t.fo", NULL, XML_PARSE_NONET);
    ck_assert_ptr_nonnull(x);
    struct fo_options o = {map, "/usr/share/hyphen", "t.fo"};
    struct pg_doc *doc = fo_typeset(x, &o, &d);
    xmlFreeDoc(x);
    ck_assert_ptr_nonnull(doc);
    ck_assert_uint_eq(doc->n_runs, 3);
    ck_assert(text_is(doc, 0, "Nat\xEF\xB8\xA0s"));
    ck_assert(text_is(doc, 1, "\xEF\xB8\xA1"));
    ck_assert(text_is(doc, 2, "ional\xCA\xB9no\xC4\xAD"));
    ck_assert_double_eq_tol(doc->runs[1].x, doc->runs[2].x - width("s") + NUDGE, 1e-9);
    pg_free(doc);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("marks");
    TCase *tc = tcase_create("marks");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, base_and_mark_compose_when_the_face_has_the_composite);
    tcase_add_test(tc, no_composition_without_the_composite_glyph);
    tcase_add_test(tc, right_half_moves_to_its_base_start);
    tcase_add_test(tc, left_half_stays);
    tcase_add_test(tc, above_mark_centred_on_its_base);
    tcase_add_test(tc, below_mark_centred_on_its_base);
    tcase_add_test(tc, tie_over_tall_letters_raised_together);
    tcase_add_test(tc, no_composition_when_the_composite_is_wider);
    tcase_add_test(tc, double_mark_centred_on_the_junction);
    tcase_add_test(tc, mark_without_base_stays);
    tcase_add_test(tc, runs_without_marks_untouched);
    tcase_add_test(tc, document_without_marks_unchanged);
    tcase_add_test(tc, run_in_unknown_font_stays);
    tcase_add_test(tc, many_marks_on_one_base);
    tcase_add_test(tc, ink_box_and_face_by_path);
    tcase_add_test(tc, typeset_places_marks);
    suite_add_tcase(s, tc);
    int failed = check_failures(s);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

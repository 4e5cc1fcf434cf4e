/* check_font.c — the typesetter's font set (src/fo/font.c): map parsing, family matching with
 * fallback, widths equal to what libharu writes into /W (hmtx advance * 1000 / unitsPerEm,
 * truncated), glyph coverage for Turkish. Expected numbers were read from the fonts' hmtx and
 * cmap tables with an independent parser (Liberation Serif 2.x, unitsPerEm 2048). */
#include <check.h>
#include <hpdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fo/font.h"
#include "check_helpers.h"

static char dir[64];
static char map[128];
static struct font_set *set;
static struct diag d;

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

/* A copy of fonts/fonts.map in a fresh directory beside links to Debian's files, so the real
 * map (relative paths) is what is read, whether or not `make fonts` has run. */
static void setup(void)
{
    check_font_dir("check_font", dir, sizeof dir, map, sizeof map);
    diag_init(&d, NULL, 0);
    set = font_set_load(map, &d);
    ck_assert_ptr_nonnull(set);
}

static void teardown(void)
{
    font_set_free(set);
    check_remove_dir(dir);
    diag_free(&d);
}

START_TEST(map_loads_four_faces)
{
    ck_assert_int_eq(font_count(set), 4);
    ck_assert_int_eq(d.warnings + d.errors, 0);
    int f = font_find(set, "Liberation Serif", 0, 0, &d);
    ck_assert_str_eq(font_family(set, f), "Liberation Serif");
    ck_assert_ptr_nonnull(strstr(font_path(set, f), "LiberationSerif-Regular.ttf"));
    ck_assert_int_eq(strncmp(font_path(set, f), dir, strlen(dir)), 0); /* relative to the map */
}
END_TEST

START_TEST(width_of_hello_is_hmtx)
{
    int reg = font_find(set, "Liberation Serif", 0, 0, &d);
    int bold = font_find(set, "Liberation Serif", 1, 0, &d);
    /* H e l l o: 722 + 443 + 277 + 277 + 500 = 2219 thousandths of an em */
    ck_assert_double_eq_tol(font_width(set, reg, "Hello", 5, 12), 2219 * 12 / 1000.0, 1e-9);
    ck_assert_double_eq_tol(font_width(set, bold, "Hello", 5, 12), 2274 * 12 / 1000.0, 1e-9);
    ck_assert_double_eq_tol(font_width(set, reg, "", 0, 12), 0, 1e-12);
}
END_TEST

/* libharu truncates (909 * 1000 / 2048 = 443.8 → 443), it does not round to 444. */
START_TEST(advance_truncates_like_libharu)
{
    int reg = font_find(set, "serif", 0, 0, &d);
    ck_assert_int_eq(font_advance(set, reg, 'e'), 443);
    ck_assert_int_eq(font_advance(set, reg, ' '), 250);
    ck_assert_double_eq_tol(font_width(set, reg, "e", 1, 1000), 443, 1e-9);
}
END_TEST

START_TEST(turkish_letters_have_glyphs)
{
    static const uint32_t tr[] = {0x131, 0x130, 0x15F, 0x15E, 0x11F, 0x11E, 0xE7, 0xC7,
                                  0xF6,  0xD6,  0xFC,  0xDC,  0xE2,  0xEE,  0xFB};
    for (int face = 0; face < font_count(set); face++)
        for (size_t i = 0; i < sizeof tr / sizeof tr[0]; i++)
            ck_assert_msg(font_has_glyph(set, face, tr[i]), "face %d lacks U+%04X", face,
                          (unsigned)tr[i]);
    int reg = font_find(set, "serif", 0, 0, &d);
    /* ı ş ğ İ: 277 + 389 + 500 + 333 */
    ck_assert_double_eq_tol(font_width(set, reg, "ışğİ", strlen("ışğİ"), 10), 14.99, 1e-9);
}
END_TEST

/* A code point without a glyph is drawn as glyph 0 (.notdef, 777 units here). */
START_TEST(missing_glyph_takes_notdef_width)
{
    int reg = font_find(set, "serif", 0, 0, &d);
    ck_assert_int_eq(font_has_glyph(set, reg, 0x2713), 0);
    ck_assert_int_eq(font_has_glyph(set, reg, 0x4E00), 0); /* past the cache */
    ck_assert_int_eq(font_advance(set, reg, 0x2713), 777);
    ck_assert_int_eq(font_advance(set, reg, 0x4E00), 777);
    ck_assert_int_eq(font_has_glyph(set, reg, 'A'), 1);
}
END_TEST

/* Malformed UTF-8 is shown as U+FFFD by the PDF writer, so it is measured as U+FFFD. */
START_TEST(invalid_utf8_measures_as_replacement)
{
    int reg = font_find(set, "serif", 0, 0, &d);
    double repl = font_width(set, reg, "\xEF\xBF\xBD", 3, 10);
    ck_assert_double_eq_tol(font_width(set, reg, "\xC3", 1, 10), repl, 1e-9);
    ck_assert_double_eq_tol(font_width(set, reg, "\xF0\x9F\x98\x80", 4, 10), repl, 1e-9);
    ck_assert_double_eq_tol(font_width(set, reg, "\x01", 1, 10), repl, 1e-9);
}
END_TEST

START_TEST(weight_and_style_select_faces)
{
    int bi = font_find(set, "Liberation Serif", 1, 1, &d);
    ck_assert_int_eq(font_is_bold(set, bi), 1);
    ck_assert_int_eq(font_is_italic(set, bi), 1);
    ck_assert_ptr_nonnull(strstr(font_path(set, bi), "BoldItalic"));
    int it = font_find(set, "'liberation serif', serif", 0, 1, &d);
    ck_assert_int_eq(font_is_bold(set, it), 0);
    ck_assert_int_eq(font_is_italic(set, it), 1);
    ck_assert_int_eq(d.warnings, 0);
}
END_TEST

/* An unknown family later in the list is fine; a list with no known family falls back to the
 * map's first family with one warning, however often it is asked for. */
START_TEST(missing_family_falls_back_with_one_warning)
{
    ck_assert_int_eq(font_find(set, "Symbol, serif", 0, 0, &d),
                     font_find(set, "Liberation Serif", 0, 0, &d));
    ck_assert_int_eq(d.warnings, 0);
    int f = font_find(set, "Comic Sans MS", 1, 0, &d);
    ck_assert_int_eq(d.warnings, 1);
    ck_assert_str_eq(font_family(set, f), "Liberation Serif");
    ck_assert_int_eq(font_is_bold(set, f), 1);
    font_find(set, "Comic Sans MS", 0, 0, &d);
    ck_assert_int_eq(d.warnings, 1);
    ck_assert_ptr_nonnull(strstr(d.last, "Comic Sans MS"));
    font_find(set, NULL, 0, 0, &d);
    ck_assert_int_eq(d.warnings, 1);
}
END_TEST

START_TEST(extents_are_ordered)
{
    int reg = font_find(set, "serif", 0, 0, &d);
    struct font_extents e = font_extents(set, reg, 12);
    ck_assert(e.ascender > e.cap_height);
    ck_assert(e.cap_height > e.x_height);
    ck_assert(e.x_height > 0);
    ck_assert(e.descender > 0 && e.descender < e.ascender);
    /* hhea ascender 1825 / 2048 of 12 pt */
    ck_assert_double_eq_tol(e.ascender, 1825 * 12 / 2048.0, 0.05);
}
END_TEST

static void haru_error(HPDF_STATUS e, HPDF_STATUS detail, void *data)
{
    (void)detail;
    *(HPDF_STATUS *)data = e;
}

/* The widths measured here are those libharu writes and uses (HPDF_Font_TextWidth, in 1/1000
 * em, with its UTF-8 encoder as the PDF writer loads fonts), for every face. */
START_TEST(widths_agree_with_libharu)
{
    static const char *texts[] = {"Hello, world!", "Araştırma ve Çin’in “Sincan” politikası",
                                  "ĞÜŞİÖÇ ğüşıöç âîû", "1944–1949 — 12.5%"};
    HPDF_STATUS err = 0;
    HPDF_Doc pdf = HPDF_New(haru_error, &err);
    ck_assert_ptr_nonnull(pdf);
    HPDF_UseUTFEncodings(pdf);
    for (int face = 0; face < font_count(set); face++) {
        const char *name = HPDF_LoadTTFontFromFile(pdf, font_path(set, face), HPDF_TRUE);
        ck_assert_ptr_nonnull(name);
        HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
        ck_assert_ptr_nonnull(font);
        for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
            size_t n = strlen(texts[i]);
            HPDF_TextWidth tw =
                HPDF_Font_TextWidth(font, (const HPDF_BYTE *)texts[i], (HPDF_UINT)n);
            ck_assert_int_eq(err, 0);
            ck_assert_msg(fabs(font_width(set, face, texts[i], n, 1000) - tw.width) < 1e-6,
                          "face %d \"%s\": %g here, %u in libharu", face, texts[i],
                          font_width(set, face, texts[i], n, 1000), (unsigned)tw.width);
        }
    }
    HPDF_Free(pdf);
}
END_TEST

START_TEST(missing_map_fails)
{
    struct diag d2;
    diag_init(&d2, NULL, 0);
    ck_assert_ptr_null(font_set_load("/nonexistent/fonts.map", &d2));
    ck_assert_int_eq(d2.errors, 1);
    diag_free(&d2);
}
END_TEST

/* A bad line and a missing file are warned about and skipped; the rest loads. */
START_TEST(bad_lines_are_skipped)
{
    char path[160];
    snprintf(path, sizeof path, "%s/bad.map", dir);
    write_file(path, "# comment\n"
                     "Liberation Serif heavy normal LiberationSerif-Bold.ttf\n"
                     "Nothing normal normal missing.ttf\n"
                     "too few\n"
                     "Serif Two 700 oblique LiberationSerif-BoldItalic.ttf  # trailing\n");
    struct diag d2;
    diag_init(&d2, NULL, 0);
    struct font_set *s = font_set_load(path, &d2);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(font_count(s), 1);
    ck_assert_int_eq(d2.warnings, 3);
    ck_assert_str_eq(font_family(s, 0), "Serif Two");
    ck_assert_int_eq(font_is_italic(s, 0), 1);
    font_set_free(s);
    write_file(path, "Nothing normal normal missing.ttf\n");
    ck_assert_ptr_null(font_set_load(path, &d2));
    ck_assert_int_eq(d2.errors, 1);
    diag_free(&d2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("font");
    TCase *tc = tcase_create("font");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, map_loads_four_faces);
    tcase_add_test(tc, width_of_hello_is_hmtx);
    tcase_add_test(tc, advance_truncates_like_libharu);
    tcase_add_test(tc, turkish_letters_have_glyphs);
    tcase_add_test(tc, missing_glyph_takes_notdef_width);
    tcase_add_test(tc, invalid_utf8_measures_as_replacement);
    tcase_add_test(tc, weight_and_style_select_faces);
    tcase_add_test(tc, missing_family_falls_back_with_one_warning);
    tcase_add_test(tc, extents_are_ordered);
    tcase_add_test(tc, widths_agree_with_libharu);
    tcase_add_test(tc, missing_map_fails);
    tcase_add_test(tc, bad_lines_are_skipped);
    suite_add_tcase(s, tc);
    int failed = check_failures(s);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

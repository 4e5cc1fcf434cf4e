/* check_hyph.c — hyphenation points by language (src/fo/hyph.c): English from Debian's
 * hyph_en_US.dic through libhyphen, Turkish by TDK syllable rules, TeX's minima 2 and 3, no
 * points in words with digits or in unknown languages. Expected English points are those the
 * patterns give (checked with libhyphen's own example program logic). */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fo/hyph.h"
#include "check_helpers.h"

static struct hyph *h;
static struct diag d;

static void setup(void)
{
    diag_init(&d, NULL, 0);
    h = hyph_new(NULL, &d);
}

static void teardown(void)
{
    hyph_free(h);
    diag_free(&d);
}

/* The word with '-' at each point, e.g. "hy-phen-ation". */
static const char *marked(const char *lang, const char *word)
{
    static char out[512];
    size_t pts[64];
    size_t n = hyph_points(h, lang, word, strlen(word), pts, 64);
    size_t o = 0, from = 0;
    for (size_t i = 0; i < n; i++) {
        ck_assert(pts[i] > from && pts[i] < strlen(word));
        memcpy(out + o, word + from, pts[i] - from);
        o += pts[i] - from;
        out[o++] = '-';
        from = pts[i];
    }
    strcpy(out + o, word + from);
    return out;
}

START_TEST(english_from_patterns)
{
    ck_assert_str_eq(marked("en", "hyphenation"), "hy-phen-ation");
    ck_assert_str_eq(marked("en", "determinations"), "de-ter-mi-na-tions");
    ck_assert_str_eq(marked("en", "typesetting"), "type-set-ting");
}
END_TEST

START_TEST(english_language_tags)
{
    ck_assert_str_eq(marked("en-US", "hyphenation"), "hy-phen-ation");
    ck_assert_str_eq(marked("EN_gb", "hyphenation"), "hy-phen-ation");
    ck_assert_str_eq(marked("eng", "hyphenation"), "hyphenation");
    ck_assert_str_eq(marked("de", "hyphenation"), "hyphenation");
    ck_assert_str_eq(marked(NULL, "hyphenation"), "hyphenation");
    ck_assert_int_eq(hyph_supports("en-US"), 1);
    ck_assert_int_eq(hyph_supports("tr"), 1);
    ck_assert_int_eq(hyph_supports("fr"), 0);
}
END_TEST

START_TEST(english_upper_case)
{
    ck_assert_str_eq(marked("en", "Hyphenation"), "Hy-phen-ation");
    ck_assert_str_eq(marked("en", "HYPHENATION"), "HY-PHEN-ATION");
}
END_TEST

/* The patterns allow e-n; lefthyphenmin 2 drops it. æ is two bytes: offsets stay on code
 * point boundaries. */
START_TEST(english_minima_and_utf8)
{
    ck_assert_str_eq(marked("en", "encyclopædia"), "en-cy-clopæ-dia");
    ck_assert_str_eq(marked("en", "ENCYCLOPÆDIA"), "EN-CY-CLOPÆ-DIA");
    ck_assert_str_eq(marked("en", "ab"), "ab");
}
END_TEST

START_TEST(no_points_with_digits_or_punctuation)
{
    ck_assert_str_eq(marked("en", "hyphenation2"), "hyphenation2");
    ck_assert_str_eq(marked("en", "hy3phenation"), "hy3phenation");
    ck_assert_str_eq(marked("en", "hyphenation's"), "hyphenation's");
    ck_assert_str_eq(marked("tr", "araştırma1"), "araştırma1");
}
END_TEST

/* TDK: one vowel per syllable; a consonant between vowels opens the next syllable, of two the
 * second, of three the last. The syllables a-raş-tır-ma keep, with lefthyphenmin 2 and
 * righthyphenmin 3, only araş-tırma (the brief's "araş-tır-ma" would leave "ma", 2 letters). */
START_TEST(turkish_syllables)
{
    ck_assert_str_eq(marked("tr", "araştırma"), "araş-tırma");
    ck_assert_str_eq(marked("tr", "kullanmasının"), "kul-lan-ma-sı-nın");
    ck_assert_str_eq(marked("tr-TR", "korkmaktadır"), "kork-mak-ta-dır");
    ck_assert_str_eq(marked("tr", "saatler"), "sa-at-ler");
    ck_assert_str_eq(marked("tr", "Türkçesi"), "Türk-çesi"); /* righthyphenmin 3 */
    ck_assert_str_eq(marked("tr", "Türkçe"), "Türkçe");
}
END_TEST

START_TEST(turkish_upper_case_and_circumflex)
{
    ck_assert_str_eq(marked("tr", "ARAŞTIRMA"), "ARAŞ-TIRMA");
    ck_assert_str_eq(marked("tr", "İSTANBUL"), "İS-TAN-BUL");
    ck_assert_str_eq(marked("tr", "hâkimiyet"), "hâ-ki-mi-yet");
    ck_assert_str_eq(marked("tr", "kâtibi"), "kâ-tibi");
}
END_TEST

START_TEST(max_is_honoured)
{
    size_t pts[2];
    const char *w = "kullanmasının";
    ck_assert_uint_eq(hyph_points(h, "tr", w, strlen(w), pts, 2), 2);
    ck_assert_uint_eq(pts[0], 3);
    ck_assert_uint_eq(pts[1], 6);
    ck_assert_uint_eq(hyph_points(h, "tr", w, strlen(w), pts, 0), 0);
}
END_TEST

/* Memoised results equal fresh ones, also after the memo table has been emptied. */
START_TEST(memo_is_transparent)
{
    char w[32];
    for (int i = 0; i < 40000; i++) {
        snprintf(w, sizeof w, "ka%c%c%clama", 'a' + i % 26, 'a' + i / 26 % 26, 'a' + i / 676);
        size_t pts[8];
        hyph_points(h, "tr", w, strlen(w), pts, 8);
    }
    ck_assert_str_eq(marked("tr", "araştırma"), "araş-tırma");
    ck_assert_str_eq(marked("en", "hyphenation"), "hy-phen-ation");
    ck_assert_str_eq(marked("en", "hyphenation"), "hy-phen-ation");
}
END_TEST

/* Random words of letters, stray UTF-8 bytes, digits and marks: points are always inside
 * the word, ascending, on code point boundaries (a pathological suite, STYLE lesson 9). */
START_TEST(random_words_give_sane_points)
{
    static const char *parts[] = {"a",    "e",    "ı",    "i", "İ", "I", "ş", "ğ", "ü", "ö",
                                  "ç",    "â",    "k",    "l", "r", "t", "m", "n", "s", "y",
                                  "\xC3", "\x80", "\xFF", "'", "-", "1", "æ", "Ä", "’", "\xCC\x81"};
    static const char *langs[] = {"en", "tr", "en-US", "xx", NULL};
    uint32_t rng = 1;
    for (int t = 0; t < 20000; t++) {
        char w[400];
        size_t n = 0;
        rng = rng * 1103515245u + 12345u;
        int len = t % 500 == 0 ? 120 : (int)((rng >> 16) % 30);
        for (int i = 0; i < len; i++) {
            rng = rng * 1103515245u + 12345u;
            const char *a = parts[(rng >> 16) % (t % 2 ? 20 : 30)];
            memcpy(w + n, a, strlen(a));
            n += strlen(a);
        }
        size_t off[64];
        size_t c = hyph_points(h, langs[t % 5], w, n, off, 64);
        for (size_t i = 0; i < c; i++) {
            ck_assert(off[i] > 0 && off[i] < n);
            ck_assert(i == 0 || off[i] > off[i - 1]);
            ck_assert(((unsigned char)w[off[i]] & 0xC0) != 0x80);
        }
    }
}
END_TEST

START_TEST(missing_dictionary_warns_once)
{
    struct diag d2;
    diag_init(&d2, NULL, 0);
    struct hyph *x = hyph_new("/nonexistent", &d2);
    ck_assert_int_eq(d2.warnings, 0); /* lazily loaded */
    size_t pts[8];
    ck_assert_uint_eq(hyph_points(x, "en", "hyphenation", 11, pts, 8), 0);
    ck_assert_uint_eq(hyph_points(x, "en", "typesetting", 11, pts, 8), 0);
    ck_assert_int_eq(d2.warnings, 1);
    ck_assert_uint_eq(hyph_points(x, "tr", "araştırma", strlen("araştırma"), pts, 8), 1);
    ck_assert_uint_eq(pts[0], 5);
    hyph_free(x);
    diag_free(&d2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("hyph");
    TCase *tc = tcase_create("hyph");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, english_from_patterns);
    tcase_add_test(tc, english_language_tags);
    tcase_add_test(tc, english_upper_case);
    tcase_add_test(tc, english_minima_and_utf8);
    tcase_add_test(tc, no_points_with_digits_or_punctuation);
    tcase_add_test(tc, turkish_syllables);
    tcase_add_test(tc, turkish_upper_case_and_circumflex);
    tcase_add_test(tc, max_is_honoured);
    tcase_add_test(tc, memo_is_transparent);
    tcase_add_test(tc, random_words_give_sane_points);
    tcase_add_test(tc, missing_dictionary_warns_once);
    suite_add_tcase(s, tc);
    int failed = check_failures(s);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

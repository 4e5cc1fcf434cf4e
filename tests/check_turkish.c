/* check_turkish.c — Turkish hyphenation points: the TDK syllable rules one at a time, the
 * line-breaking minima (2 letters before, 3 after), and the words that must get no points. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "fo/turkish.h"
#include "check_helpers.h"

/* Asserts that word gets exactly the byte offsets want[0..n). */
static void expect_points(const char *word, const size_t *want, size_t n)
{
    size_t got[TR_MAX_WORD];
    size_t count = tr_hyphen_points(word, strlen(word), got, TR_MAX_WORD);
    ck_assert_msg(count == n, "%s: %zu points, want %zu", word, count, n);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(got[i] == want[i], "%s: point %zu at byte %zu, want %zu", word, i, got[i],
                      want[i]);
}

/* Asserts that word gets no points. */
static void expect_none(const char *word)
{
    expect_points(word, NULL, 0);
}

START_TEST(one_consonant_goes_with_next_vowel)
{
    /* a-raş-tır-ma: a| is 1 letter, |ma is 2, so only araş|tırma (byte 5: ş is 2 bytes). */
    expect_points("araştırma", (size_t[]){5}, 1);
    /* ki-tap; dotless capital I is a vowel: KI|TAP. */
    expect_points("kitap", (size_t[]){2}, 1);
    expect_points("KITAP", (size_t[]){2}, 1);
}
END_TEST

START_TEST(two_consonants_split)
{
    /* kul|lan|ma|sı|nın: the last cut is after ı (2 bytes), so byte 11. */
    expect_points("kullanmasının", (size_t[]){3, 6, 8, 11}, 4);
    /* İs|tan|bul: İ is 2 bytes. */
    expect_points("İstanbul", (size_t[]){3, 6}, 2);
}
END_TEST

START_TEST(three_consonants_first_two_stay)
{
    /* Türk-çe: |çe has 2 letters, below righthyphenmin 3. */
    expect_none("Türkçe");
    /* kork|mak */
    expect_points("korkmak", (size_t[]){4}, 1);
    /* trans|for|ma|tör: the initial cluster tr stays with its vowel. */
    expect_points("transformatör", (size_t[]){5, 8, 10}, 3);
}
END_TEST

START_TEST(loan_word_clusters)
{
    expect_points("program", (size_t[]){4}, 1); /* prog|ram */
    expect_none("tren");
    expect_none("spor");
}
END_TEST

START_TEST(adjacent_vowels_part)
{
    /* şi|ir|ler: ş is 2 bytes. */
    expect_points("şiirler", (size_t[]){3, 5}, 2);
    expect_none("saat"); /* sa-at: |at is 2 letters */
    expect_points("saatler", (size_t[]){2, 4}, 2); /* sa|at|ler */
}
END_TEST

START_TEST(uppercase_turkish_letters)
{
    /* ÜL|KE|LERİ: |Rİ would leave 2 letters. Ü is 2 bytes. */
    expect_points("ÜLKELERİ", (size_t[]){3, 5}, 2);
    expect_points("ÇİÇEKLER", (size_t[]){4, 8}, 2); /* Çİ|ÇEK|LER */
}
END_TEST

START_TEST(circumflex_vowels)
{
    expect_points("kâğıt", (size_t[]){3}, 1);  /* kâ|ğıt */
    expect_points("hâkimi", (size_t[]){3}, 1); /* hâ|kimi: |mi is 2 letters */
    expect_none("millî"); /* mil-lî: |lî is 2 letters */
}
END_TEST

START_TEST(one_syllable_word)
{
    expect_none("Türk");
    expect_none("ev");
    expect_none("strand");
    expect_none("hmm"); /* no vowel at all */
}
END_TEST

START_TEST(digits_and_inner_punctuation)
{
    expect_none("2023");
    expect_none("kitap2");
    expect_none("araş-tırma");
    expect_none("araş tırma");
}
END_TEST

START_TEST(apostrophe_gives_nothing)
{
    expect_none("Ankara'daki");
    expect_none("Ankara’daki");
}
END_TEST

START_TEST(outer_punctuation_skipped)
{
    /* Offsets stay offsets into what was passed; the minima count letters only. */
    expect_points("(araştırma),", (size_t[]){6}, 1);
    expect_points("«kullanmasının»", (size_t[]){5, 8, 10, 13}, 4);
    expect_none("“Türkçe”");
    expect_none("(...)");
}
END_TEST

START_TEST(invalid_utf8)
{
    expect_none("ara\xC5");          /* truncated ş */
    expect_none("ara\xC0\xB1tma");   /* overlong */
    expect_none("ara\xED\xA0\x80ma"); /* surrogate */
    expect_none("ara\x80ştırma");    /* stray continuation byte */
    expect_none("araştır\xF8ma");    /* not a lead byte */
}
END_TEST

START_TEST(max_respected)
{
    size_t got[4] = {99, 99, 99, 99};
    const char *w = "kullanmasının";
    ck_assert_uint_eq(tr_hyphen_points(w, strlen(w), got, 2), 2);
    ck_assert_uint_eq(got[0], 3);
    ck_assert_uint_eq(got[1], 6);
    ck_assert_uint_eq(got[2], 99);
    ck_assert_uint_eq(tr_hyphen_points(w, strlen(w), NULL, 0), 0);
}
END_TEST

START_TEST(len_not_nul)
{
    /* Only len bytes are read: "kullan" of "kullanmasının" is kul|lan. */
    size_t got[4];
    ck_assert_uint_eq(tr_hyphen_points("kullanmasının", 6, got, 4), 1);
    ck_assert_uint_eq(got[0], 3);
    ck_assert_uint_eq(tr_hyphen_points("", 0, got, 4), 0);
}
END_TEST

START_TEST(too_long_word)
{
    char w[2 * TR_MAX_WORD + 3];
    for (size_t i = 0; i + 1 < sizeof w; i += 2)
        memcpy(w + i, "ka", 2);
    w[sizeof w - 1] = '\0';
    size_t got[TR_MAX_WORD];
    ck_assert_uint_eq(tr_hyphen_points(w, strlen(w), got, TR_MAX_WORD), 0);
    ck_assert_uint_gt(tr_hyphen_points(w, TR_MAX_WORD, got, TR_MAX_WORD), 0);
}
END_TEST

static Suite *turkish_suite(void)
{
    Suite *s = suite_create("turkish");
    TCase *tc = tcase_create("syllables");
    tcase_add_test(tc, one_consonant_goes_with_next_vowel);
    tcase_add_test(tc, two_consonants_split);
    tcase_add_test(tc, three_consonants_first_two_stay);
    tcase_add_test(tc, loan_word_clusters);
    tcase_add_test(tc, adjacent_vowels_part);
    tcase_add_test(tc, uppercase_turkish_letters);
    tcase_add_test(tc, circumflex_vowels);
    tcase_add_test(tc, one_syllable_word);
    tcase_add_test(tc, digits_and_inner_punctuation);
    tcase_add_test(tc, apostrophe_gives_nothing);
    tcase_add_test(tc, outer_punctuation_skipped);
    tcase_add_test(tc, invalid_utf8);
    tcase_add_test(tc, max_respected);
    tcase_add_test(tc, len_not_nul);
    tcase_add_test(tc, too_long_word);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    int failed = check_failures(turkish_suite());
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

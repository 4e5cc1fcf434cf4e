/* turkish.c — Turkish hyphenation by syllables (TDK Yazım Kılavuzu, "Hece yapısı ve satır
 * sonunda kelimelerin bölünmesi"): decode the word, class each code point from a table, cut
 * before the consonant that opens each syllable, keep the cuts the line-breaking minima allow. */
#include "fo/turkish.h"

#include <stdint.h>
#include <string.h>

enum tr_class { TR_OTHER, TR_CONSONANT, TR_VOWEL, TR_PUNCT };

struct tr_char {
    uint32_t cp;
    unsigned char cls; /* enum tr_class */
};

/* Non-ASCII code points the word may hold, sorted by cp: the Turkish letters beyond ASCII
 * (ç ğ ı İ ö ş ü), the circumflexed vowels â î û (TDK "Düzeltme işareti"), and the quotation
 * and ellipsis marks that may stand before or after a word. */
static const struct tr_char tr_table[] = {
    {0x00AB, TR_PUNCT},     {0x00BB, TR_PUNCT},     {0x00C2, TR_VOWEL},  /* « » Â */
    {0x00C7, TR_CONSONANT}, {0x00CE, TR_VOWEL},     {0x00D6, TR_VOWEL},  /* Ç Î Ö */
    {0x00DB, TR_VOWEL},     {0x00DC, TR_VOWEL},     {0x00E2, TR_VOWEL},  /* Û Ü â */
    {0x00E7, TR_CONSONANT}, {0x00EE, TR_VOWEL},     {0x00F6, TR_VOWEL},  /* ç î ö */
    {0x00FB, TR_VOWEL},     {0x00FC, TR_VOWEL},     {0x011E, TR_CONSONANT}, /* û ü Ğ */
    {0x011F, TR_CONSONANT}, {0x0130, TR_VOWEL},     {0x0131, TR_VOWEL},  /* ğ İ ı */
    {0x015E, TR_CONSONANT}, {0x015F, TR_CONSONANT}, {0x201C, TR_PUNCT},  /* Ş ş “ */
    {0x201D, TR_PUNCT},     {0x201E, TR_PUNCT},     {0x2026, TR_PUNCT},  /* ” „ … */
};

/* The class of one code point. Vowels are a e ı i o ö u ü (and â î û) in both cases, dotted İ
 * and dotless I included (TDK: "Türkçede sekiz ünlü vardır"); q w x count as consonants of
 * loan words. Apostrophes (' ’) and digits are TR_OTHER, so the word gets no points. */
static enum tr_class tr_classify(uint32_t cp)
{
    if (cp < 0x80) {
        if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
            return strchr("aeiouAEIOU", (int)cp) ? TR_VOWEL : TR_CONSONANT;
        return cp && strchr("()[]\".,;:!?", (int)cp) ? TR_PUNCT : TR_OTHER;
    }
    size_t lo = 0, hi = sizeof tr_table / sizeof tr_table[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tr_table[mid].cp == cp)
            return (enum tr_class)tr_table[mid].cls;
        if (tr_table[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return TR_OTHER;
}

/* Decodes the code point at s[0..n) into *cp; returns its length in bytes, or 0 if it is not
 * well-formed UTF-8 (RFC 3629 §4: no overlong forms, no surrogates, nothing above U+10FFFF). */
static size_t tr_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
    if (len == 0 || len > n || s[0] > 0xF4)
        return 0;
    uint32_t c = len == 1 ? s[0] : s[0] & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = c << 6 | (s[i] & 0x3F);
    }
    if (c < min[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

/* Splits the word into classed code points with their byte offsets, and finds the letters
 * [*first, *last] between the leading and trailing punctuation. Returns the number of code
 * points, or 0 if the word is malformed, too long, or holds a non-letter among its letters. */
static size_t tr_scan(const unsigned char *s, size_t len, unsigned char *cls, size_t *off,
                      size_t *first, size_t *last)
{
    size_t n = 0, letters = 0;
    *first = *last = 0;
    for (size_t at = 0; at < len; n++) {
        uint32_t cp = 0;
        size_t step = tr_decode(s + at, len - at, &cp);
        if (step == 0 || n == TR_MAX_WORD)
            return 0;
        cls[n] = (unsigned char)tr_classify(cp);
        off[n] = at;
        at += step;
        if (cls[n] == TR_OTHER)
            return 0;
        if (cls[n] != TR_PUNCT) {
            if (letters > 0 && *last + 1 != n)
                return 0; /* punctuation inside the word */
            if (letters++ == 0)
                *first = n;
            *last = n;
        }
    }
    return letters > 0 ? n : 0;
}

/* The syllable rules (TDK, "Hece yapısı"): each syllable has exactly one vowel; between two
 * vowels the last consonant, if any, opens the next syllable — one consonant goes to the
 * next vowel (a-ra), of two the second (ar-ka), of three the third (Türk-çe); two adjacent
 * vowels part (sa-at); word-initial and word-final clusters stay with their vowel (tren,
 * trans-for-ma-tör). Kept are the cuts with lefthyphenmin 2 and righthyphenmin 3 letters
 * (TeXbook ch. 20, \lefthyphenmin, \righthyphenmin), so no single letter stands alone. */
size_t tr_hyphen_points(const char *word, size_t len, size_t *offsets, size_t max)
{
    unsigned char cls[TR_MAX_WORD];
    size_t off[TR_MAX_WORD];
    size_t first = 0, last = 0, count = 0;
    if (!word || (max > 0 && !offsets))
        return 0;
    if (tr_scan((const unsigned char *)word, len, cls, off, &first, &last) == 0)
        return 0;
    size_t prev_vowel = SIZE_MAX;
    for (size_t i = first; i <= last && count < max; i++) {
        if (cls[i] != TR_VOWEL)
            continue;
        if (prev_vowel != SIZE_MAX) {
            size_t cut = i - prev_vowel > 1 ? i - 1 : i;
            if (cut - first >= 2 && last + 1 - cut >= 3)
                offsets[count++] = off[cut];
        }
        prev_vowel = i;
    }
    return count;
}

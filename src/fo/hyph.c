/* hyph.c — hyphenation points by language: English through libhyphen (Liang's patterns from
 * Debian's hyphen-en-us, loaded on the first English word), Turkish through turkish.c's TDK
 * syllable rules. Results are memoised per word in a bounded table, since a thesis repeats its
 * words and the typesetter may lay a paragraph out more than once. */
#include "fo/hyph.h"

#include <hyphen.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fo/turkish.h"

#define HYPH_MAX_BYTES 255     /* longer words get no points (offsets fit a byte) */
#define HYPH_MAX_POINTS 64     /* points kept per word */
#define HYPH_CACHE_SLOTS 65536 /* memo slots (a power of two); the table is reset when full */

enum hyph_lang { HYPH_NONE, HYPH_EN, HYPH_TR };

struct hyph_slot {
    uint32_t hash;
    uint32_t key; /* offset of the key (language byte + word) in arena, then the points */
    uint16_t len; /* key length */
    uint8_t n;    /* number of points after the key */
    uint8_t used;
};

struct hyph {
    char *dir;
    struct diag *d;
    HyphenDict *en;
    int en_tried;
    struct hyph_slot *slots;
    size_t n_slots_used;
    struct buf arena;
};

struct hyph *hyph_new(const char *dict_dir, struct diag *d)
{
    struct hyph *h = xcalloc(1, sizeof *h);
    h->dir = xstrdup(dict_dir ? dict_dir : "/usr/share/hyphen");
    h->d = d;
    h->slots = xcalloc(HYPH_CACHE_SLOTS, sizeof *h->slots);
    buf_init(&h->arena);
    return h;
}

void hyph_free(struct hyph *h)
{
    if (!h)
        return;
    if (h->en)
        hnj_hyphen_free(h->en);
    free(h->dir);
    free(h->slots);
    buf_free(&h->arena);
    free(h);
}

/* The language of an xml:lang / XSL-FO language value (BCP 47, RFC 5646 §2.1: primary subtag
 * first, case-insensitive, then '-' or '_' and a region). */
static enum hyph_lang lang_of(const char *lang)
{
    if (!lang)
        return HYPH_NONE;
    char a = (char)(lang[0] | 0x20), b = lang[0] ? (char)(lang[1] | 0x20) : 0;
    char end = lang[0] && lang[1] ? lang[2] : 1;
    if (end != '\0' && end != '-' && end != '_')
        return HYPH_NONE;
    if (a == 'e' && b == 'n')
        return HYPH_EN;
    if (a == 't' && b == 'r')
        return HYPH_TR;
    return HYPH_NONE;
}

int hyph_supports(const char *lang)
{
    return lang_of(lang) != HYPH_NONE;
}

/* Loads the English patterns once; warns once when they are missing. */
static HyphenDict *english(struct hyph *h)
{
    if (!h->en_tried) {
        h->en_tried = 1;
        struct buf path;
        buf_init(&path);
        buf_printf(&path, "%s/hyph_en_US.dic", h->dir);
        h->en = hnj_hyphen_load(path.data);
        if (!h->en && h->d)
            diag_report(h->d, DIAG_WARNING, path.data, 0, 0,
                        "no English hyphenation patterns (Debian package hyphen-en-us)");
        buf_free(&path);
    }
    return h->en;
}

/* Lower-cases word into low (same byte length) for the patterns, which are lower case:
 * ASCII and Latin-1 letters (U+00C0..U+00DE but U+00D7). Returns the number of code points,
 * or -1 when the word holds something that is not a letter of Latin-1 or Latin Extended-A
 * (digits and punctuation included: such words are not hyphenated). */
static long english_lower(const char *word, size_t len, char *low)
{
    const unsigned char *u = (const unsigned char *)word;
    long chars = 0;
    for (size_t i = 0; i < len; chars++) {
        unsigned c = u[i];
        if (c < 0x80) {
            if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
                return -1;
            low[i] = (char)(c | 0x20);
            i++;
        } else if ((c == 0xC3 || c == 0xC4 || c == 0xC5) && i + 1 < len &&
                   (u[i + 1] & 0xC0) == 0x80) {
            unsigned cp = ((c & 0x1F) << 6) | (u[i + 1] & 0x3F);
            if (cp == 0xD7 || cp == 0xF7)
                return -1;
            if (cp >= 0xC0 && cp <= 0xDE)
                cp += 0x20;
            low[i] = (char)c;
            low[i + 1] = (char)(0x80 | (cp & 0x3F));
            i += 2;
        } else {
            return -1;
        }
    }
    return chars;
}

/* English points from the patterns (Liang 1983 as in TeX; libhyphen gives, for a UTF-8
 * dictionary, one mark per character), kept HYPH_LEFT_MIN characters from the start and
 * HYPH_RIGHT_MIN from the end; non-standard (replacing) breaks are not used. low is the word
 * lower-cased by english_lower (same bytes per character), chars its code points. */
static size_t english_points(struct hyph *h, char *low, size_t len, long chars, size_t *out,
                             size_t max)
{
    HyphenDict *dict = english(h);
    if (!dict || chars < HYPH_LEFT_MIN + HYPH_RIGHT_MIN)
        return 0;
    low[len] = '\0';
    char marks[HYPH_MAX_BYTES + 5];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    size_t n = 0;
    if (hnj_hyphen_hyphenate2(dict, low, (int)len, marks, NULL, &rep, &pos, &cut) == 0) {
        size_t byte = 0;
        for (long c = 0; c + 1 < chars && n < max; c++) {
            byte += ((unsigned char)low[byte] < 0x80) ? 1 : 2;
            int ok = (marks[c] & 1) && (!rep || !rep[c]) && c + 1 >= HYPH_LEFT_MIN &&
                     chars - (c + 1) >= HYPH_RIGHT_MIN;
            if (ok)
                out[n++] = byte;
        }
    }
    if (rep) {
        for (size_t i = 0; i < len; i++)
            free(rep[i]);
        free(rep);
    }
    free(pos);
    free(cut);
    return n;
}

/* FNV-1a over the key: deterministic, no seed. */
static uint32_t key_hash(const char *key, size_t n)
{
    uint32_t x = 2166136261u;
    for (size_t i = 0; i < n; i++)
        x = (x ^ (unsigned char)key[i]) * 16777619u;
    return x;
}

/* The memo slot for key: the one holding it, or the empty one where it belongs. */
static struct hyph_slot *find_slot(struct hyph *h, const char *key, size_t n, uint32_t hash)
{
    size_t i = hash & (HYPH_CACHE_SLOTS - 1);
    for (;;) {
        struct hyph_slot *s = &h->slots[i];
        if (!s->used ||
            (s->hash == hash && s->len == n && memcmp(h->arena.data + s->key, key, n) == 0))
            return s;
        i = (i + 1) & (HYPH_CACHE_SLOTS - 1);
    }
}

/* Remembers the points of key; the table is emptied once half full, so it stays bounded. */
static void remember(struct hyph *h, const char *key, size_t n, uint32_t hash, const size_t *pts,
                     size_t n_pts)
{
    if (h->n_slots_used >= HYPH_CACHE_SLOTS / 2) {
        memset(h->slots, 0, HYPH_CACHE_SLOTS * sizeof *h->slots);
        h->n_slots_used = 0;
        buf_truncate(&h->arena, 0);
    }
    struct hyph_slot *s = find_slot(h, key, n, hash);
    if (s->used)
        return;
    *s = (struct hyph_slot){hash, (uint32_t)h->arena.len, (uint16_t)n, (uint8_t)n_pts, 1};
    buf_put(&h->arena, key, n);
    for (size_t i = 0; i < n_pts; i++)
        buf_putc(&h->arena, (char)(unsigned char)pts[i]);
    h->n_slots_used++;
}

static int has_digit(const char *word, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (word[i] >= '0' && word[i] <= '9')
            return 1;
    return 0;
}

/* The points of a word that is not in the memo: English from the patterns (a word with
 * anything but Latin letters gets none, as english_lower says), Turkish by its rules. */
static size_t compute_points(struct hyph *h, enum hyph_lang l, const char *word, char *low,
                             size_t len, long chars, size_t *out)
{
    if (l == HYPH_TR)
        return tr_hyphen_points(word, len, out, HYPH_MAX_POINTS);
    if (chars < 0) {
        english(h); /* loaded (or warned about) at the first English word, as before */
        return 0;
    }
    return english_points(h, low, len, chars, out, HYPH_MAX_POINTS);
}

size_t hyph_points(struct hyph *h, const char *lang, const char *word, size_t len, size_t *offsets,
                   size_t max)
{
    enum hyph_lang l = lang_of(lang);
    if (l == HYPH_NONE || len == 0 || len > HYPH_MAX_BYTES || max == 0 || has_digit(word, len))
        return 0;
    /* English is memoised by its lower-cased form ("The" and "the" have the same points), so
     * libhyphen sees each word once whatever its case */
    char key[HYPH_MAX_BYTES + 2];
    key[0] = (char)l;
    long chars = l == HYPH_EN ? english_lower(word, len, key + 1) : -1;
    if (chars < 0)
        memcpy(key + 1, word, len);
    uint32_t hash = key_hash(key, len + 1);
    struct hyph_slot *s = find_slot(h, key, len + 1, hash);
    size_t pts[HYPH_MAX_POINTS];
    size_t n = 0;
    if (s->used) {
        const unsigned char *p = (const unsigned char *)h->arena.data + s->key + s->len;
        for (n = 0; n < s->n; n++)
            pts[n] = p[n];
    } else {
        n = compute_points(h, l, word, key + 1, len, chars, pts);
        remember(h, key, len + 1, hash, pts, n);
    }
    size_t k = n < max ? n : max;
    memcpy(offsets, pts, k * sizeof *offsets);
    return k;
}

/* hyph.c — hyphenation points by language: English by Liang's patterns from Debian's
 * hyphen-en-us (loaded on the first English word, run as libhyphen runs them; libhyphen itself
 * for a dictionary outside the plain subset), Turkish through turkish.c's TDK syllable rules.
 * Results are memoised per word in a bounded table, since a thesis repeats its words and the
 * typesetter may lay a paragraph out more than once. */
#include "fo/hyph.h"

#include <hyphen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fo/turkish.h"
#include "pages.h"

#define HYPH_MAX_BYTES 255     /* longer words get no points (offsets fit a byte) */
#define HYPH_MAX_POINTS 64     /* points kept per word */
#define HYPH_CACHE_SLOTS 65536 /* memo slots (a power of two); the table is reset when full */

enum hyph_lang { HYPH_NONE, HYPH_EN, HYPH_TR };

/* A pattern automaton: the states are the prefixes of the patterns, as in libhyphen's
 * hyphen.c (a goto function with fallbacks, Aho & Corasick 1975), with the goto function in
 * one open-addressing table keyed by (state, byte). */
struct pat_state {
    int32_t fallback; /* longest proper suffix that is a state; -1 for the empty one */
    int32_t parent;
    uint32_t match;     /* the pattern's digits in pat.digits, leading zeros dropped */
    uint16_t match_len; /* 0: none */
    uint16_t depth;
    unsigned char ch; /* byte from the parent */
};

struct pat_edge {
    uint32_t key; /* state * 256 + byte + 1; 0 marks an empty slot */
    int32_t to;
};

struct pat {
    struct pat_state *states;
    size_t n_states, cap_states;
    struct pat_edge *edges;
    size_t n_edges, cap_edges; /* cap a power of two, at most half full */
    unsigned edge_shift;       /* 32 - log2(cap_edges) */
    struct buf digits;
};

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
    struct pat *en_pat; /* the patterns, when the dictionary is in the plain subset */
    HyphenDict *en;     /* else libhyphen's */
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

static void pat_free(struct pat *p);

void hyph_free(struct hyph *h)
{
    if (!h)
        return;
    pat_free(h->en_pat);
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

/* ---- Liang's patterns as libhyphen reads and runs them ---- */

#define PAT_MAX_LINE 99 /* libhyphen reads lines with fgets into 100 bytes (MAX_CHARS) */

static void pat_free(struct pat *p)
{
    if (!p)
        return;
    free(p->states);
    free(p->edges);
    buf_free(&p->digits);
    free(p);
}

/* Fibonacci hashing (Knuth, TAOCP 6.4): the top bits of key times 2^32 / phi. */
static size_t edge_slot(const struct pat *p, uint32_t key)
{
    size_t mask = p->cap_edges - 1, i = (size_t)((key * 2654435761u) >> p->edge_shift);
    while (p->edges[i].key && p->edges[i].key != key)
        i = (i + 1) & mask;
    return i;
}

/* The state reached from state by byte c, or -1. */
static int32_t pat_goto(const struct pat *p, int32_t state, unsigned char c)
{
    const struct pat_edge *e = &p->edges[edge_slot(p, (uint32_t)state * 256u + c + 1u)];
    return e->key ? e->to : -1;
}

static void edges_grow(struct pat *p)
{
    struct pat_edge *old = p->edges;
    size_t old_cap = p->cap_edges;
    p->cap_edges = old_cap ? old_cap * 2 : 4096;
    p->edge_shift = old_cap ? p->edge_shift - 1 : 20;
    p->edges = xcalloc(p->cap_edges, sizeof *p->edges);
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].key)
            p->edges[edge_slot(p, old[i].key)] = old[i];
    free(old);
}

static int32_t new_state(struct pat *p, int32_t parent, unsigned char c, uint16_t depth)
{
    struct pat_state st = {-1, parent, 0, 0, depth, c};
    pg_reserve((void **)&p->states, &p->cap_states, p->n_states + 1, sizeof *p->states);
    p->states[p->n_states] = st;
    return (int32_t)p->n_states++;
}

/* The state from state by byte c, made if missing (libhyphen's hnj_get_state). */
static int32_t pat_step(struct pat *p, int32_t state, unsigned char c)
{
    if (2 * (p->n_edges + 1) > p->cap_edges)
        edges_grow(p);
    uint32_t key = (uint32_t)state * 256u + c + 1u;
    size_t i = edge_slot(p, key);
    if (p->edges[i].key)
        return p->edges[i].to;
    int32_t to = new_state(p, state, c, (uint16_t)(p->states[state].depth + 1));
    p->edges[i] = (struct pat_edge){key, to};
    p->n_edges++;
    return to;
}

/* One pattern line ("hy3ph", ".ad4der") as hnj_hyphen_load_line reads it: letters up to the
 * first byte <= ' ', digits between them, leading zeros dropped from the digits. */
static void pat_add_line(struct pat *p, const char *line)
{
    char digits[PAT_MAX_LINE + 2];
    size_t j = 0;
    int32_t state = 0;
    digits[0] = '0';
    for (size_t i = 0; (unsigned char)line[i] > ' '; i++) {
        if (line[i] >= '0' && line[i] <= '9') {
            digits[j] = line[i];
        } else {
            state = pat_step(p, state, (unsigned char)line[i]);
            digits[++j] = '0';
        }
    }
    size_t lead = 0;
    while (lead <= j && digits[lead] == '0')
        lead++;
    for (size_t k = lead; k <= j; k++)
        digits[k] = (char)(digits[k] - '0');
    struct pat_state *st = &p->states[state];
    st->match = (uint32_t)p->digits.len;
    st->match_len = (uint16_t)(j + 1 - lead);
    buf_put(&p->digits, digits + lead, j + 1 - lead);
}

/* Fallbacks in order of depth (a state's comes from its parent's, Aho & Corasick 1975), which
 * is libhyphen's "longest proper suffix that is a state". */
static void pat_fallbacks(struct pat *p)
{
    size_t max_depth = 0;
    for (size_t i = 0; i < p->n_states; i++)
        max_depth = p->states[i].depth > max_depth ? p->states[i].depth : max_depth;
    size_t *start = xcalloc(max_depth + 2, sizeof *start);
    int32_t *order = xmalloc(p->n_states * sizeof *order);
    for (size_t i = 0; i < p->n_states; i++)
        start[p->states[i].depth + 1]++;
    for (size_t d = 1; d <= max_depth + 1; d++)
        start[d] += start[d - 1];
    for (size_t i = 0; i < p->n_states; i++)
        order[start[p->states[i].depth]++] = (int32_t)i;
    for (size_t k = 0; k < p->n_states; k++) {
        struct pat_state *st = &p->states[order[k]];
        if (st->depth == 0)
            continue;
        int32_t f = st->parent == 0 ? -1 : p->states[st->parent].fallback, to = 0;
        for (; f >= 0; f = p->states[f].fallback)
            if ((to = pat_goto(p, f, st->ch)) >= 0)
                break;
        st->fallback = f >= 0 ? to : 0;
    }
    free(order);
    free(start);
}

/* 1 when a directive line takes the dictionary outside the plain subset read here. */
static int pat_unsupported_line(const char *line, size_t len, int *lhmin, int *rhmin)
{
    if (len > PAT_MAX_LINE || memchr(line, '/', len))
        return 1;
    if (line[0] < 'A' || line[0] > 'Z') /* directives are upper case; patterns are not */
        return 0;
    if (!strncmp(line, "NEXTLEVEL", 9) || !strncmp(line, "COMPOUND", 8) ||
        !strncmp(line, "NOHYPHEN", 8))
        return 1;
    if (!strncmp(line, "LEFTHYPHENMIN", 13))
        *lhmin = atoi(line + 13);
    else if (!strncmp(line, "RIGHTHYPHENMIN", 14))
        *rhmin = atoi(line + 14);
    return 0;
}

/* The patterns of a UTF-8 libhyphen dictionary text of plain patterns (no NEXTLEVEL, no
 * non-standard hyphenation, no NOHYPHEN or compound minima, hyphen minima within HYPH_LEFT_MIN
 * and HYPH_RIGHT_MIN), or NULL for anything else. The caller frees with pat_free. */
static struct pat *pat_parse(char *text, size_t len)
{
    if (memchr(text, '\0', len) || strncmp(text, "UTF-8\n", 6) != 0)
        return NULL;
    struct pat *p = xcalloc(1, sizeof *p);
    buf_init(&p->digits);
    new_state(p, -1, 0, 0);
    edges_grow(p);
    int lhmin = 0, rhmin = 0, ok = 1;
    for (size_t i = 6; i < len && ok;) {
        char *nl = memchr(text + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - (text + i)) + 1 : len - i;
        char *line = text + i;
        if (nl)
            *nl = '\0';
        if (pat_unsupported_line(line, n, &lhmin, &rhmin))
            ok = 0;
        else if (line[0] != '%' && !(line[0] >= 'A' && line[0] <= 'Z' &&
                                     (!strncmp(line, "LEFTHYPHENMIN", 13) ||
                                      !strncmp(line, "RIGHTHYPHENMIN", 14))))
            pat_add_line(p, line);
        i += n;
    }
    if (!ok || lhmin > HYPH_LEFT_MIN || rhmin > HYPH_RIGHT_MIN) {
        pat_free(p);
        return NULL;
    }
    pat_fallbacks(p);
    return p;
}

/* Reads path into a NUL-terminated buffer that the caller frees; NULL if it cannot. */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct buf b;
    buf_init(&b);
    char chunk[16384];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_put(&b, chunk, n);
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return buf_detach(&b);
}

/* Byte marks of a word of len bytes (no digits) as hnj_hyphen_hyphenate2 finds them before
 * its minima: marks[b] is the largest digit after byte b - 1 (b = 1..len - 1). The automaton
 * runs over ".word." applying only the reached state's digits, as libhyphen does (its
 * dictionaries carry each pattern's digits merged with those of its sub-patterns). */
static void pat_marks(const struct pat *p, const char *word, size_t len, unsigned char *marks)
{
    unsigned char raw[HYPH_MAX_BYTES + 4] = {0};
    int32_t state = 0;
    for (size_t i = 0; i < len + 2; i++) {
        unsigned char ch = i == 0 || i == len + 1 ? '.' : (unsigned char)word[i - 1];
        int32_t to;
        while (state >= 0 && (to = pat_goto(p, state, ch)) < 0)
            state = p->states[state].fallback;
        if (state < 0) {
            state = 0;
            continue;
        }
        state = to;
        const struct pat_state *st = &p->states[state];
        const unsigned char *d = (const unsigned char *)p->digits.data + st->match;
        long off = (long)i + 1 - (long)st->match_len;
        for (size_t k = 0; k < st->match_len; k++)
            if (off + (long)k >= 0 && raw[off + (long)k] < d[k])
                raw[off + (long)k] = d[k];
    }
    for (size_t b = 0; b <= len; b++)
        marks[b] = raw[b];
}

/* Loads the English patterns once (our automaton, or libhyphen for a dictionary outside its
 * subset); warns once when they are missing. */
static void english(struct hyph *h)
{
    if (h->en_tried)
        return;
    h->en_tried = 1;
    struct buf path;
    buf_init(&path);
    buf_printf(&path, "%s/hyph_en_US.dic", h->dir);
    size_t len = 0;
    char *text = read_all(path.data, &len);
    if (text)
        h->en_pat = pat_parse(text, len);
    free(text);
    if (text && !h->en_pat)
        h->en = hnj_hyphen_load(path.data);
    if (!h->en_pat && !h->en && h->d)
        diag_report(h->d, DIAG_WARNING, path.data, 0, 0,
                    "no English hyphenation patterns (Debian package hyphen-en-us)");
    buf_free(&path);
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

/* Character marks from libhyphen: marks[c] odd allows a break after character c. */
static int libhyphen_marks(HyphenDict *dict, const char *low, size_t len, char *marks,
                           char ***rep)
{
    int *pos = NULL, *cut = NULL;
    int status = hnj_hyphen_hyphenate2(dict, low, (int)len, marks, NULL, rep, &pos, &cut);
    free(pos);
    free(cut);
    return status;
}

/* English points from the patterns (Liang 1983 as in TeX and libhyphen), kept HYPH_LEFT_MIN
 * characters from the start and HYPH_RIGHT_MIN from the end; non-standard (replacing) breaks
 * are not used. */
static size_t english_points(struct hyph *h, const char *word, size_t len, size_t *out, size_t max)
{
    english(h);
    char low[HYPH_MAX_BYTES + 1];
    long chars = english_lower(word, len, low);
    if ((!h->en_pat && !h->en) || chars < HYPH_LEFT_MIN + HYPH_RIGHT_MIN)
        return 0;
    low[len] = '\0';
    char marks[HYPH_MAX_BYTES + 5];
    unsigned char bytes[HYPH_MAX_BYTES + 2];
    char **rep = NULL;
    size_t n = 0;
    if (h->en_pat)
        pat_marks(h->en_pat, low, len, bytes);
    if (h->en_pat || libhyphen_marks(h->en, low, len, marks, &rep) == 0) {
        size_t byte = 0;
        for (long c = 0; c + 1 < chars && n < max; c++) {
            byte += ((unsigned char)word[byte] < 0x80) ? 1 : 2;
            int mark = h->en_pat ? bytes[byte] & 1 : (marks[c] & 1) && (!rep || !rep[c]);
            if (mark && c + 1 >= HYPH_LEFT_MIN && chars - (c + 1) >= HYPH_RIGHT_MIN)
                out[n++] = byte;
        }
    }
    if (rep) {
        for (size_t i = 0; i < len; i++)
            free(rep[i]);
        free(rep);
    }
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

size_t hyph_points(struct hyph *h, const char *lang, const char *word, size_t len, size_t *offsets,
                   size_t max)
{
    enum hyph_lang l = lang_of(lang);
    if (l == HYPH_NONE || len == 0 || len > HYPH_MAX_BYTES || max == 0 || has_digit(word, len))
        return 0;
    char key[HYPH_MAX_BYTES + 1];
    key[0] = (char)l;
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
        n = l == HYPH_EN ? english_points(h, word, len, pts, HYPH_MAX_POINTS)
                         : tr_hyphen_points(word, len, pts, HYPH_MAX_POINTS);
        remember(h, key, len + 1, hash, pts, n);
    }
    size_t k = n < max ? n : max;
    memcpy(offsets, pts, k * sizeof *offsets);
    return k;
}

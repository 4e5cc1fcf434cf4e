/* inline.c — a paragraph: the inline content of a block turned into boxes, glue and penalties
 * (white space per XSL-FO 1.1 §7.16, hyphenation points, URL break points, leaders, page
 * numbers, links, footnote references), broken into lines by total fit (Knuth & Plass 1981),
 * and each line pushed to the galley as a box with its text runs, rules and links. */
#include "fo/layout.h"
#include "fo/linebreak.h"
#include "utf8.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One item of a paragraph (fields ordered without padding: one is made per word piece, space
 * and break of the book). */
struct ln_item {
    struct lay_lb_item lb;
    double size, shift, above, below, rule_w;
    const char *src;  /* the text where it stays put for the paragraph (the FO tree's, a
                       * literal), else NULL: it is in para.ptext at text */
    size_t text, len;
    long src_g;
    int font;
    uint32_t rgb;
    int link, leader;
    int dest;                 /* list head in L->dests */
    int notes, n_notes;       /* into para.notes */
    int src_block;
    uint8_t deco, pagenum, hyphen;
};

struct ln_link {
    const char *target; /* an offset into L->text, once recorded */
    size_t len;
    int kind;
};

/* The last metrics() result. */
struct ln_metrics {
    int valid, font;
    double size, line_height, above, below;
};

/* The growable buffers of a paragraph, kept between paragraphs so that building one
 * allocates nothing once the buffers are large enough (one set per nesting level: a footnote
 * body is set while its reference's paragraph is open). */
struct para_bufs {
    struct ln_item *it;
    size_t cap;
    struct ln_link *links;
    size_t cap_links;
    int *notes;
    size_t cap_notes;
    struct buf ptext; /* text of the paragraph's boxes */
    struct buf word;  /* the word being gathered */
    struct lb_item *lb;     /* the items as the line breaker takes them */
    size_t *breaks;         /* and the lines it returns */
    double *ratios;
    size_t cap_lb; /* entries of lb, breaks, ratios */
};

struct para {
    struct lay *L;
    struct galley *g;
    const struct fo_style *block;
    struct para_bufs b;
    size_t n;       /* items in b.it */
    size_t n_links; /* in b.links */
    size_t n_notes; /* in b.notes */
    int pending_dest;
    size_t pending_notes; /* notes not yet attached: notes[pending_notes..n_notes) */
    int space_pending;
    double space_w;
    double measure;
    double last_measure; /* of a line ending at a forced break or the paragraph's end: the
                          * measure less last-line-end-indent (XSL-FO 1.1 §7.16.3) */
    int link; /* current basic-link, -1 */
    int varies; /* has citations or page numbers: its items may differ from pass to pass */
    /* the word being gathered: in place in the FO tree's text while it lies in one text
     * node (the common case, no copy), else gathered in b.word */
    const char *word;
    size_t word_len;
    long word_g;
    const struct fo_style *word_style;
    int word_font;
    struct ln_metrics last_metrics;
};

/* A new item of the given kind, everything else empty (no link, leader, dest, source or
 * font); one struct copy, as this runs for every box, glue and penalty of the book. */
static struct ln_item *new_item(struct para *p, int kind)
{
    static const struct ln_item empty = {.link = -1, .leader = -1, .dest = -1,
                                         .src_block = -1, .font = -1};
    if (p->n == p->b.cap)
        pg_reserve((void **)&p->b.it, &p->b.cap, p->n + 1, sizeof *p->b.it);
    struct ln_item *x = &p->b.it[p->n++];
    *x = empty;
    x->lb.kind = kind;
    return x;
}

/* The text of box b. */
static const char *item_text(const struct para *p, const struct ln_item *b)
{
    return b->src ? b->src : p->b.ptext.data + b->text;
}

/* Whether the current word lies in the FO tree's text (not gathered into b.word, which the
 * next word overwrites), so its pieces may point into it. */
static int word_in_place(const struct para *p)
{
    return p->word != p->b.word.data;
}

/* Height above and below the baseline of text in style s (half-leading on each side, XSL-FO
 * 1.1 §7.15.4) for p->last_metrics, which metrics() keeps for the last font, size and line
 * height. */
static void measure_metrics(struct para *p, const struct fo_style *s, int font)
{
    double asc, desc;
    lay_extents(p->L, font, s->font_size, &asc, &desc);
    double half = (s->line_height - (asc + desc)) / 2;
    p->last_metrics =
        (struct ln_metrics){1, font, s->font_size, s->line_height, asc + half, desc + half};
}

/* The metrics of text in style s and font: asked for every box, almost always the last ones. */
static inline void metrics(struct para *p, const struct fo_style *s, int font, double *above,
                           double *below)
{
    const struct ln_metrics *m = &p->last_metrics;
    if (!m->valid || m->font != font || m->size != s->font_size ||
        m->line_height != s->line_height)
        measure_metrics(p, s, font);
    *above = m->above;
    *below = m->below;
}

/* A box of text in style s, of width w (< 0: measured here). t[0..n) is kept by pointer when
 * in_place (text that outlives the paragraph: the FO tree's, a literal), else copied. */
static struct ln_item *text_box_w(struct para *p, const struct fo_style *s, int font,
                                  const char *t, size_t n, long g, double w, int in_place)
{
    struct ln_item *b = new_item(p, LAY_BOX);
    b->font = font;
    b->size = s->font_size;
    b->rgb = s->color;
    b->shift = s->baseline_shift;
    b->deco = (uint8_t)s->text_decoration;
    b->link = p->link;
    if (in_place) {
        b->src = t;
    } else {
        b->text = p->b.ptext.len;
        buf_put(&p->b.ptext, t, n);
    }
    b->len = n;
    b->lb.w = w >= 0 ? w : lay_width(p->L, font, s->font_size, t, n);
    metrics(p, s, font, &b->above, &b->below);
    if (b->shift != 0) { /* raised or lowered text does not widen the line spacing */
        b->above = b->below = 0;
    }
    if (!p->L->in_static && !p->L->in_note && g >= 0) {
        b->src_block = p->g->src_block;
        b->src_g = g;
    }
    if (p->pending_dest >= 0) {
        b->dest = p->pending_dest;
        p->pending_dest = -1;
    }
    if (p->pending_notes < p->n_notes) {
        b->notes = (int)p->pending_notes;
        b->n_notes = (int)(p->n_notes - p->pending_notes);
        p->pending_notes = p->n_notes;
    }
    return b;
}

static struct ln_item *text_box(struct para *p, const struct fo_style *s, int font,
                                const char *t, size_t n, long g)
{
    return text_box_w(p, s, font, t, n, g, -1, 0);
}

static void break_penalty(struct para *p, int penalty, int flagged, double w, int hyphen)
{
    struct ln_item *x = new_item(p, LAY_PENALTY);
    x->lb.penalty = penalty;
    x->lb.flagged = flagged;
    x->lb.w = w;
    x->lb.discretionary = hyphen;
    x->hyphen = (uint8_t)hyphen;
}

static size_t utf8_len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* The code point of the n-byte sequence at s, by the one decoder (utf8.h). */
static uint32_t code_point(const char *s, size_t n)
{
    uint32_t cp;
    utf8_decode((const unsigned char *)s, n, &cp);
    return cp;
}

static int is_letter(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0x24F &&
                                                                     cp != 0xD7 && cp != 0xF7);
}

enum { BP_NONE, BP_HYPH, BP_FREE, BP_URL, BP_EMERGENCY };

/* An en or em dash (U+2013, U+2014) in the k bytes at u. */
static int is_dash(const unsigned char *u, size_t k)
{
    return k == 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x93 || u[2] == 0x94);
}

/* The letter at w (k bytes) for hyphenation; ASCII without the decoder. */
static int letter_at(const char *w, size_t k)
{
    unsigned char c = (unsigned char)w[0];
    if (c < 0x80)
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    return is_letter(code_point(w, k));
}

/* "://" among the n bytes at w (a URL's scheme; w need not end in a NUL). */
static int has_scheme(const char *w, size_t n)
{
    for (const char *c = w; (c = memchr(c, ':', n - (size_t)(c - w))) != NULL; c++)
        if ((size_t)(c - w) + 3 <= n && c[1] == '/' && c[2] == '/')
            return 1;
    return 0;
}

/* Break points inside a word: hyphenation (by language), after explicit hyphens and dashes,
 * in URLs after a run of / . ? & = # _ - (never between two letters), and, for a word wider
 * than the line, between any two characters as a last resort (so no line is overfull; the
 * line breaker tries those only when nothing else avoids an overfull line). kinds[i] is the
 * kind before byte i. Returns the word's width. */
static double word_points(struct para *p, const struct fo_style *s, int font, const char *w,
                          size_t n, unsigned char *kinds)
{
    memset(kinds, BP_NONE, n + 1);
    int url = n > 12 && (has_scheme(w, n) || !strncmp(w, "www.", 4) || memchr(w, '/', n));
    if (url) { /* linebreak.h lb_word_breaks: after a run of marks, never a hyphen added */
        size_t small[64];
        size_t *off = n <= 64 ? small : xmalloc(n * sizeof *off);
        size_t c = lb_word_breaks(w, n, LB_WORD_URL, off, n <= 64 ? 64 : n);
        for (size_t j = 0; j < c; j++)
            kinds[off[j]] = w[off[j] - 1] == '-' ? BP_FREE : BP_URL;
        if (off != small)
            free(off);
    }
    for (size_t i = 0; i < n && !url; i += utf8_len((unsigned char)w[i])) {
        size_t k = utf8_len((unsigned char)w[i]);
        if (i == 0 || i + k >= n)
            continue;
        if ((w[i] == '-' || is_dash((const unsigned char *)w + i, k)) && w[i + k] != '-')
            kinds[i + k] = BP_FREE;
    }
    if (s->hyphenate && s->language && !url) { /* no hyphen ever goes into a URL */
        size_t i = 0;
        while (i < n) {
            size_t j = i;
            while (j < n) {
                size_t k = utf8_len((unsigned char)w[j]);
                if (!letter_at(w + j, k))
                    break;
                j += k;
            }
            if (j - i >= 5) {
                size_t pos[64];
                int np = lay_hyphenate(p->L, s->language, w + i, j - i, pos, 64);
                for (int h = 0; h < np; h++)
                    if (pos[h] > 0 && pos[h] < j - i && kinds[i + pos[h]] == BP_NONE)
                        kinds[i + pos[h]] = BP_HYPH;
            }
            i = j < n ? j + utf8_len((unsigned char)w[j]) : n;
        }
    }
    double width = lay_width(p->L, font, s->font_size, w, n);
    if (width > p->measure * 0.8)
        for (size_t i = utf8_len((unsigned char)w[0]); i < n; i += utf8_len((unsigned char)w[i]))
            if (kinds[i] == BP_NONE)
                kinds[i] = BP_EMERGENCY;
    return width;
}

/* ---- words already set: a thesis repeats its words ---- */

#define WORD_MEMO_SLOTS 32768 /* index slots, a power of two; emptied when half full */

/* A piece of a word: its end (byte offset) and width, and the break after it (BP_*). */
struct word_piece {
    uint32_t end;
    int kind;
    double w;
};

/* A word as flush_word set it: the pieces[first..first + n) and the hyphen's width. */
struct word_entry {
    uint32_t hash, key, first, n, len; /* key: offset of the word's bytes in keys */
    int font, hyphenate;
    double size, width, hyphen_w;
    const char *language; /* a style string of the FO tree: the same for the whole run */
};

/* Words by hash: index[slot] is an entry + 1, or 0 for an empty slot. */
struct lay_words {
    uint32_t *index;
    struct word_entry *entries;
    size_t n_entries, cap_entries;
    struct buf keys;
    struct word_piece *pieces;
    size_t n_pieces, cap_pieces;
};

static void lay_words_free(struct lay_words *m)
{
    if (!m)
        return;
    free(m->index);
    free(m->entries);
    free(m->pieces);
    buf_free(&m->keys);
    free(m);
}

/* FNV-1a over the word and what its pieces depend on: font, size, language, hyphenate. */
static uint32_t word_hash(const char *w, size_t n, int font, double size, const char *lang,
                          int hyphenate)
{
    uint32_t x = 2166136261u;
    for (size_t i = 0; i < n; i++)
        x = (x ^ (unsigned char)w[i]) * 16777619u;
    uint64_t bits;
    memcpy(&bits, &size, sizeof bits);
    uint64_t more = bits ^ (uint64_t)(uintptr_t)lang ^ ((uint64_t)(unsigned)font << 8) ^
                    (uint64_t)hyphenate;
    return (x ^ (uint32_t)(more ^ (more >> 32))) * 16777619u;
}

/* The index slot of the current word: the one holding it, or the empty one where it goes. */
static uint32_t *word_slot(struct lay_words *m, const struct para *p, uint32_t hash)
{
    const struct fo_style *s = p->word_style;
    size_t i = hash & (WORD_MEMO_SLOTS - 1);
    for (;; i = (i + 1) & (WORD_MEMO_SLOTS - 1)) {
        if (!m->index[i])
            return &m->index[i];
        const struct word_entry *e = &m->entries[m->index[i] - 1];
        if (e->hash == hash && e->len == p->word_len && e->font == p->word_font &&
            e->size == s->font_size && e->language == s->language &&
            e->hyphenate == s->hyphenate &&
            !memcmp(m->keys.data + e->key, p->word, p->word_len))
            return &m->index[i];
    }
}

/* Remembers the pieces of the word just set (items from..p->n of p) in the empty slot. */
static void remember_word(struct lay_words *m, struct para *p, uint32_t *slot, uint32_t hash,
                          size_t from, double width, double hyphen_w)
{
    const struct fo_style *s = p->word_style;
    struct word_entry e = {hash, (uint32_t)m->keys.len, (uint32_t)m->n_pieces, 0,
                           (uint32_t)p->word_len, p->word_font, s->hyphenate,
                           s->font_size, width, hyphen_w, s->language};
    buf_put(&m->keys, p->word, p->word_len);
    size_t end = 0;
    for (size_t i = from; i < p->n; i++) {
        const struct ln_item *x = &p->b.it[i];
        if (x->lb.kind == LAY_BOX) {
            end += x->len;
            struct word_piece pc = {(uint32_t)end, BP_NONE, x->lb.w};
            LAY_PUSH(m->pieces, m->n_pieces, m->cap_pieces, pc);
            e.n++;
        } else {
            m->pieces[m->n_pieces - 1].kind = x->lb.flagged && x->hyphen ? BP_HYPH
                                              : x->lb.flagged            ? BP_FREE
                                                                         : BP_URL;
        }
    }
    *slot = (uint32_t)LAY_PUSH(m->entries, m->n_entries, m->cap_entries, e) + 1;
}

/* The boxes and penalties of a word in style s: pieces between its break points (word_points),
 * a hyphenation point a flagged penalty with the hyphen's width (Knuth & Plass 1981). */
static void emit_piece_break(struct para *p, int kind, double hyphen_w)
{
    if (kind == BP_HYPH)
        break_penalty(p, 50, 1, hyphen_w, 1);
    else if (kind == BP_FREE)
        break_penalty(p, 50, 1, 0, 0);
    else if (kind == BP_URL)
        break_penalty(p, 80, 0, 0, 0);
    else {
        break_penalty(p, 3000, 0, 0, 0);
        p->b.it[p->n - 1].lb.emergency = 1;
    }
}

/* The next piece of a word set again (replay_word): a copy of its first box, item first, with
 * its own text and width (the first box took the word's source position, pending id and
 * notes; text_box_w would give a later piece none of them). */
static void clone_piece(struct para *p, size_t first, const char *t, size_t n, double w)
{
    struct ln_item *b = new_item(p, LAY_BOX);
    *b = p->b.it[first];
    b->lb.w = w;
    if (b->src) {
        b->src = t;
    } else {
        b->text = p->b.ptext.len;
        buf_put(&p->b.ptext, t, n);
    }
    b->len = n;
    b->src_block = -1;
    b->src_g = 0;
    b->dest = -1;
    b->notes = b->n_notes = 0;
}

/* Sets the word again from the memo; 0 when it is not there (or would need emergency
 * points on this measure). */
static int replay_word(struct para *p, uint32_t slot)
{
    const struct lay_words *m = p->L->words;
    if (!slot)
        return 0;
    const struct word_entry *e = &m->entries[slot - 1];
    if (e->width > p->measure * 0.8)
        return 0;
    const struct fo_style *s = p->word_style;
    const char *w = p->word;
    const struct word_piece *pc = &m->pieces[e->first];
    size_t first = p->n;
    text_box_w(p, s, p->word_font, w, pc[0].end, p->word_g, pc[0].w, word_in_place(p));
    for (uint32_t k = 1; k < e->n; k++) {
        emit_piece_break(p, pc[k - 1].kind, e->hyphen_w);
        clone_piece(p, first, w + pc[k - 1].end, pc[k].end - pc[k - 1].end, pc[k].w);
    }
    return 1;
}

static void flush_word(struct para *p)
{
    if (p->word_len == 0)
        return;
    const struct fo_style *s = p->word_style;
    const char *w = p->word;
    size_t n = p->word_len;
    struct lay_words *m = p->L->words;
    if (!m) {
        m = p->L->words = xcalloc(1, sizeof *m);
        m->index = xcalloc(WORD_MEMO_SLOTS, sizeof *m->index);
        buf_init(&m->keys);
    }
    uint32_t hash = word_hash(w, n, p->word_font, s->font_size, s->language, s->hyphenate);
    uint32_t *slot = word_slot(m, p, hash);
    if (replay_word(p, *slot)) {
        p->word_len = 0;
        return;
    }
    unsigned char small[256];
    unsigned char *kinds = n < sizeof small ? small : xmalloc(n + 1);
    double width = word_points(p, s, p->word_font, w, n, kinds);
    size_t start = 0, from = p->n;
    long g = p->word_g;
    double hyphen_w = -1;
    for (size_t i = 1; i <= n; i++) {
        if (i < n && kinds[i] == BP_NONE)
            continue;
        text_box_w(p, s, p->word_font, w + start, i - start, start == 0 ? g : -1,
                   start == 0 && i == n ? width : -1, word_in_place(p));
        if (i < n && kinds[i] == BP_HYPH && hyphen_w < 0)
            hyphen_w = lay_width(p->L, p->word_font, s->font_size, "-", 1);
        if (i < n)
            emit_piece_break(p, kinds[i], hyphen_w);
        start = i;
    }
    if (kinds != small)
        free(kinds);
    if (!*slot && width <= p->measure * 0.8) {
        if (m->n_entries >= WORD_MEMO_SLOTS / 2) {
            memset(m->index, 0, WORD_MEMO_SLOTS * sizeof *m->index);
            m->n_entries = m->n_pieces = 0;
            buf_truncate(&m->keys, 0);
            slot = word_slot(m, p, hash);
        }
        remember_word(m, p, slot, hash, from, width, hyphen_w);
    }
    p->word_len = 0;
}

/* The last item is a box of text ending in a hyphen after a letter or digit ("4-", "pre-"):
 * a line ending there would read as a hyphenated word. */
static int ends_with_bare_hyphen(const struct para *p)
{
    const struct ln_item *b = &p->b.it[p->n - 1];
    if (b->lb.kind != LAY_BOX || b->len < 2)
        return 0;
    const unsigned char *t = (const unsigned char *)item_text(p, b) + b->len;
    return t[-1] == '-' && (t[-2] >= 0x80 || (t[-2] >= '0' && t[-2] <= '9') ||
                            ((t[-2] | 0x20) >= 'a' && (t[-2] | 0x20) <= 'z'));
}

/* Inter-word glue: the font's space, stretch 1/2 and shrink 1/3 of it (TeX's defaults).
 * After a word ending in a hyphen the space is a tie, no break (TeX would write
 * "4-~respect"), so no line ends in what looks like a hyphenation. */
static void space_glue(struct para *p)
{
    if (!p->space_pending)
        return;
    p->space_pending = 0;
    if (p->n == 0)
        return;
    if (ends_with_bare_hyphen(p))
        break_penalty(p, LAY_INF, 0, 0, 0);
    struct ln_item *x = new_item(p, LAY_GLUE);
    x->lb.w = p->space_w;
    if (p->block->text_align == FO_ALIGN_JUSTIFY) {
        x->lb.stretch = p->space_w / 2;
        x->lb.shrink = p->space_w / 3;
    } else { /* ragged: spaces keep their width, the line end takes the slack (TeX's
              * \raggedright: rightskip 0pt plus 2em), so hyphens are rarely worth it */
        x->lb.stretch = 2 * p->block->font_size;
    }
    x->link = p->link;
}

static void forced_break(struct para *p)
{
    struct ln_item *x = new_item(p, LAY_GLUE);
    x->lb.stretch = 1e5;
    break_penalty(p, -LAY_INF, 0, 0, 0);
}

static int space_byte(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A run of characters other than white space at t[0..n) goes into the current word; returns
 * its length in bytes. Steps by lead bytes as the decoder does, so a malformed sequence
 * swallows what it covers (utf8.h: a multi-byte sequence never decodes to white space). */
static size_t add_word_run(struct para *p, const struct fo_style *s, int font, const char *t,
                           size_t n)
{
    size_t j = 0, chars = 0;
    while (j < n && !space_byte((unsigned char)t[j])) {
        size_t k = utf8_len((unsigned char)t[j]);
        j += j + k > n ? n - j : k;
        chars++;
    }
    long g = lay_stream_word(p->L, chars);
    space_glue(p);
    if (p->word_len == 0) {
        p->word_g = g;
        p->word_style = s;
        p->word_font = font;
        p->word = t;
        p->word_len = j;
        return j;
    }
    if (p->word != p->b.word.data) { /* the word goes on in another text node: copy it */
        buf_truncate(&p->b.word, 0);
        buf_put(&p->b.word, p->word, p->word_len);
    }
    buf_put(&p->b.word, t, j);
    p->word = p->b.word.data;
    p->word_len = p->b.word.len;
    return j;
}

/* Character data (XSL-FO 1.1 §7.16.7, .12, .8, .13: linefeed-treatment, white-space-collapse,
 * white-space-treatment, wrap-option). Words go in by runs; white space one by one. */
static void add_text(struct para *p, const struct fo_style *s, const char *t, size_t n)
{
    int font = lay_font(p->L, s);
    if (p->word_len && (p->word_style != s || p->word_font != font))
        flush_word(p);
    double space_w = -1; /* of this style: measured once per call */
    for (size_t i = 0; i < n;) {
        unsigned char cp = (unsigned char)t[i];
        if (!space_byte(cp)) {
            i += add_word_run(p, s, font, t + i, n - i);
            continue;
        }
        lay_stream_char(p->L, cp);
        i++;
        if (cp == '\n' && s->linefeed_ignore)
            continue;
        if (cp == '\n' && s->linefeed_preserve) {
            flush_word(p);
            p->space_pending = 0;
            forced_break(p);
        } else if (s->ws_collapse) {
            flush_word(p);
            p->space_pending = 1;
            if (space_w < 0)
                space_w = lay_width(p->L, font, s->font_size, " ", 1);
            p->space_w = space_w;
        } else {
            flush_word(p);
            space_glue(p);
            struct ln_item *b = text_box(p, s, font, " ", 1, -1);
            b->len = 0; /* a preserved space: width only */
            if (s->wrap)
                break_penalty(p, 0, 0, 0, 0);
        }
    }
}

static void add_inline_children(struct para *p, int node, const struct fo_style *s);

static void add_leader(struct para *p, const struct fo_style *s)
{
    flush_word(p);
    space_glue(p);
    struct ln_item *x = new_item(p, LAY_GLUE);
    double max = s->leader_length.max > 1e5 ? 1e5 : s->leader_length.max;
    x->lb.w = s->leader_length.opt;
    x->lb.stretch = max > x->lb.w ? max - x->lb.w : 0;
    x->lb.shrink = x->lb.w > s->leader_length.min ? x->lb.w - s->leader_length.min : 0;
    x->leader = s->leader_pattern;
    x->font = lay_font(p->L, s);
    x->size = s->font_size;
    x->rgb = s->color;
    x->rule_w = s->rule_thickness;
    x->link = p->link;
}

/* A footnote body: laid out now as its own galley, attached to the reference's box. */
static void add_footnote_body(struct para *p, int body, const struct fo_style *parent)
{
    struct lay *L = p->L;
    if (L->in_note || L->in_static)
        return;
    struct fo_style bs;
    struct lay_area a = {0, L->flow_width > 0 ? L->flow_width : p->measure, {0, 0, 0, 0, 0}};
    a.cx.ref_width = a.width;
    fo_tree_style(L->t, body, parent, &a.cx, &bs);
    bs.start_indent = bs.end_indent = 0;
    struct galley ng;
    lay_galley_init(&ng);
    L->in_note++;
    lay_children(L, &ng, body, &bs, &a);
    L->in_note--;
    struct lay_note note = {(int)L->n_note_items, 0, 0};
    for (size_t i = 0; i < ng.n; i++) {
        if (note.n == 0 && ng.items[i].kind != LAY_BOX)
            continue;
        LAY_PUSH(L->note_items, L->n_note_items, L->cap_note_items, ng.items[i]);
        note.n++;
        note.h += ng.items[i].kind == LAY_PENALTY ? 0 : ng.items[i].h;
    }
    lay_galley_free(&ng);
    if (note.n == 0)
        return;
    int idx = (int)LAY_PUSH(L->notes, L->n_notes, L->cap_notes, note);
    LAY_PUSH(p->b.notes, p->n_notes, p->b.cap_notes, idx);
    /* attach to the last box so far (the reference mark), else to the next one */
    for (size_t i = p->n; i-- > 0;)
        if (p->b.it[i].lb.kind == LAY_BOX) {
            struct ln_item *b = &p->b.it[i];
            if (b->n_notes == 0)
                b->notes = (int)(p->n_notes - 1);
            b->n_notes++;
            p->pending_notes = p->n_notes;
            return;
        }
}

static void add_footnote(struct para *p, int node, const struct fo_style *s)
{
    struct fo_style fs;
    fo_tree_style(p->L->t, node, s, NULL, &fs);
    int body = -1;
    for (int c = p->L->t->nodes[node].first; c >= 0; c = p->L->t->nodes[c].next) {
        if (p->L->t->nodes[c].type == FO_E_FOOTNOTE_BODY) {
            body = c;
            continue;
        }
        /* the reference mark is not part of the page map's text */
        p->L->in_note++;
        struct fo_style cs;
        if (p->L->t->nodes[c].type == FO_E_TEXT) {
            add_text(p, &fs, fo_tree_str(p->L->t, p->L->t->nodes[c].text),
                     p->L->t->nodes[c].text_len);
        } else {
            fo_tree_style(p->L->t, c, &fs, NULL, &cs);
            cs.text_decoration |= fs.text_decoration;
            add_inline_children(p, c, &cs);
        }
        flush_word(p); /* before cs goes out of scope */
        p->L->in_note--;
    }
    flush_word(p);
    if (body >= 0)
        add_footnote_body(p, body, &fs);
}

static void add_box_text(struct para *p, const struct fo_style *s, const char *t, int pagenum)
{
    flush_word(p);
    space_glue(p);
    struct ln_item *b = text_box(p, s, lay_font(p->L, s), t, strlen(t), -1);
    b->pagenum = (uint8_t)pagenum;
}

static const char *strip_url(const char *v, char *out, size_t cap)
{
    while (*v == ' ')
        v++;
    if (!strncmp(v, "url(", 4)) {
        v += 4;
        if (*v == '\'' || *v == '"')
            v++;
        size_t n = 0;
        while (v[n] && v[n] != '\'' && v[n] != '"' && v[n] != ')' && n + 1 < cap)
            n++;
        memcpy(out, v, n);
        out[n] = '\0';
        return out;
    }
    return v;
}

/* One inline-level node in the style of its parent s. */
static void add_inline(struct para *p, int c, const struct fo_style *s)
{
    struct lay *L = p->L;
    const struct fo_node *n = &L->t->nodes[c];
    if (n->type == FO_E_TEXT) {
        add_text(p, s, fo_tree_str(L->t, n->text), n->text_len);
        return;
    }
    if (n->type == FO_E_MARKER)
        return;
    flush_word(p); /* a style change ends the box (the word may go on, without glue) */
    struct fo_style cs;
    struct fo_context cx = {p->measure, 0, 0, 0, 0};
    fo_tree_style(L->t, c, s, &cx, &cs);
    cs.text_decoration |= s->text_decoration;
    cs.baseline_shift += s->baseline_shift; /* shifts are relative to the parent's baseline */
    if (cs.id && !L->in_static) {
        flush_word(p);
        struct lay_dest d = {cs.id, 0, p->pending_dest, 0};
        p->pending_dest = (int)LAY_PUSH(L->dests, L->n_dests, L->cap_dests, d);
    }
    switch (n->type) {
    case FO_E_PAGE_NUMBER:
        p->varies = 1;
        add_box_text(p, &cs, L->in_static && L->page_label ? L->page_label : "00",
                     !L->in_static);
        break;
    case FO_E_PAGE_NUMBER_CITATION:
        p->varies = 1;
        add_box_text(p, &cs, lay_cite(L, cs.ref_id), 0);
        break;
    case FO_E_PAGE_NUMBER_CITATION_LAST:
        p->varies = 1;
        add_box_text(p, &cs, lay_cite_last(L, cs.ref_id), 0);
        break;
    case FO_E_LEADER:
        add_leader(p, &cs);
        break;
    case FO_E_CHARACTER:
        if (cs.character)
            add_text(p, &cs, cs.character, strlen(cs.character));
        break;
    case FO_E_FOOTNOTE:
        add_footnote(p, c, s);
        break;
    case FO_E_BASIC_LINK: {
        flush_word(p);
        int saved = p->link;
        char url[2048];
        struct ln_link l = {NULL, 0, PG_LINK_INTERNAL};
        if (cs.internal_destination) {
            l.target = cs.internal_destination;
        } else if (cs.external_destination) {
            l.target = xstrdup(strip_url(cs.external_destination, url, sizeof url));
            l.kind = PG_LINK_URI;
        }
        if (l.target) {
            l.len = strlen(l.target);
            size_t off = lay_text(L, l.target, l.len);
            if (l.kind == PG_LINK_URI)
                free((char *)l.target);
            l.target = (const char *)(uintptr_t)off; /* kept as an offset into L->text */
            p->link = (int)LAY_PUSH(p->b.links, p->n_links, p->b.cap_links, l);
        }
        add_inline_children(p, c, &cs);
        flush_word(p);
        p->link = saved;
        break;
    }
    case FO_E_BLOCK: case FO_E_BLOCK_CONTAINER: case FO_E_TABLE: case FO_E_LIST_BLOCK:
        fo_tree_warn_once(L->t, n->line, "block-in-inline",
                          "block-level object inside an inline: set as inline text");
        add_inline_children(p, c, &cs);
        break;
    default:
        add_inline_children(p, c, &cs);
        break;
    }
    flush_word(p);
}

/* The children of an inline in its style s; the last word is set before s goes away. */
static void add_inline_children(struct para *p, int node, const struct fo_style *s)
{
    for (int c = p->L->t->nodes[node].first; c >= 0; c = p->L->t->nodes[c].next)
        add_inline(p, c, s);
    flush_word(p);
}

/* ---- lines ---- */

/* Text of consecutive boxes that touch and share a font becomes one run. Its text is written
 * straight into L->text from start on: nothing else is written there while a run is open (a
 * leader, page number or link closes it first). */
struct run {
    int open, font, deco;
    double x, w, size, shift;
    uint32_t rgb;
    size_t start;
};

static void add_op(struct lay *L, struct lay_item *line, struct lay_op op)
{
    int k = lay_op(L, op);
    if (line->n_ops == 0)
        line->ops = k;
    line->n_ops++;
}

static void run_flush(struct lay *L, struct run *r, double base, struct lay_item *line)
{
    if (!r->open)
        return;
    r->open = 0;
    if (L->text.len == r->start)
        return;
    struct lay_op op = {0};
    op.kind = LAY_OP_TEXT;
    op.x = r->x;
    op.y = base - r->shift;
    op.font = r->font;
    op.size = r->size;
    op.rgb = r->rgb;
    op.text = (uint32_t)r->start;
    op.len = (uint32_t)(L->text.len - r->start);
    add_op(L, line, op);
    for (int bit = 1; bit <= 2; bit++)
        if (r->deco & bit) {
            struct lay_op u = {0};
            u.kind = LAY_OP_RULE;
            u.x = r->x;
            u.x2 = r->x + r->w;
            u.y = u.y2 = base - r->shift + (bit == 1 ? 0.12 : -0.3) * r->size;
            u.width = 0.05 * r->size;
            u.rgb = r->rgb;
            add_op(L, line, u);
        }
}

static void emit_text(struct lay *L, struct run *r, const struct ln_item *b, const char *text,
                      double x, double base, struct lay_item *line)
{
    if (b->pagenum) {
        run_flush(L, r, base, line);
        struct lay_op op = {0};
        op.kind = LAY_OP_PAGENUM;
        op.x = x;
        op.y = base - b->shift;
        op.font = b->font;
        op.size = b->size;
        op.rgb = b->rgb;
        add_op(L, line, op);
        return;
    }
    if (b->len == 0) {
        run_flush(L, r, base, line);
        return;
    }
    int same = r->open && r->font == b->font && r->size == b->size && r->rgb == b->rgb &&
               r->shift == b->shift && r->deco == b->deco && fabs(r->x + r->w - x) < 0.01;
    if (!same) {
        run_flush(L, r, base, line);
        r->open = 1;
        r->x = x;
        r->w = 0;
        r->font = b->font;
        r->size = b->size;
        r->rgb = b->rgb;
        r->shift = b->shift;
        r->deco = b->deco;
        r->start = L->text.len;
    }
    buf_put(&L->text, text, b->len);
    r->w += b->lb.w;
}

static void emit_leader(struct lay *L, const struct ln_item *x, double x1, double w, double base,
                        struct lay_item *line)
{
    if (x->leader == FO_LEADER_RULE) {
        struct lay_op r = {0};
        r.kind = LAY_OP_RULE;
        r.x = x1;
        r.x2 = x1 + w;
        r.y = r.y2 = base - x->size * 0.25;
        r.width = x->rule_w;
        r.rgb = x->rgb;
        int k = lay_op(L, r);
        if (line->n_ops == 0)
            line->ops = k;
        line->n_ops++;
    } else if (x->leader == FO_LEADER_DOTS) {
        double unit = lay_width(L, x->font, x->size, ". ", 2);
        if (unit <= 0)
            return;
        double start = ceil(x1 / unit - 1e-6) * unit; /* on a grid, so columns line up */
        int count = (int)floor((x1 + w - start) / unit + 1e-6);
        if (count <= 0)
            return;
        struct buf b;
        buf_init(&b);
        for (int i = 0; i < count; i++)
            buf_puts(&b, i + 1 < count ? ". " : ".");
        struct lay_op op = {0};
        op.kind = LAY_OP_TEXT;
        op.x = (float)start;
        op.y = base;
        op.font = x->font;
        op.size = x->size;
        op.rgb = x->rgb;
        op.text = (uint32_t)lay_text(L, b.data, b.len);
        op.len = (uint32_t)b.len;
        buf_free(&b);
        int k = lay_op(L, op);
        if (line->n_ops == 0)
            line->ops = k;
        line->n_ops++;
    }
}

static void close_link(struct para *p, int link, double x1, double x2, struct lay_item *line,
                       double h)
{
    if (link < 0 || x2 <= x1)
        return;
    struct lay_op op = {0};
    op.kind = LAY_OP_LINK;
    op.x = x1;
    op.x2 = x2;
    op.y = 0;
    op.y2 = h;
    op.style = p->b.links[link].kind;
    op.text = (uint32_t)(uintptr_t)p->b.links[link].target;
    op.len = (uint32_t)p->b.links[link].len;
    int k = lay_op(p->L, op);
    if (line->n_ops == 0)
        line->ops = k;
    line->n_ops++;
}

static double glue_width(const struct lay_lb_item *g, double r)
{
    return g->w + (r >= 0 ? r * g->stretch : r * g->shrink);
}

/* The width of items from..end set with glue ratio r (leaders with lr when > 0), plus the
 * hyphen of break item to: where an end- or center-aligned line starts. */
static double set_width(const struct para *p, size_t from, size_t end, size_t to, int hyphen,
                        double r, double lr)
{
    double width = 0;
    for (size_t i = from; i < end; i++)
        width += p->b.it[i].lb.kind != LAY_GLUE ? p->b.it[i].lb.w
                 : p->b.it[i].leader >= 0 && lr > 0 ? glue_width(&p->b.it[i].lb, lr)
                                                 : glue_width(&p->b.it[i].lb, r);
    if (hyphen)
        width += p->b.it[to].lb.w;
    return width;
}

/* One line: items from..to (to is the breaking item). A line ending at a forced break or at
 * the paragraph's end is set on the last-line measure (XSL-FO 1.1 §7.16.3), as lb_break
 * rated it. */
static void make_line(struct para *p, size_t from, size_t to, double r, int last, int index,
                      int n_lines, int prev_hyphen, double x0)
{
    const struct fo_style *st = p->block;
    struct lay *L = p->L;
    while (from < to && p->b.it[from].lb.kind != LAY_BOX && p->b.it[from].leader < 0)
        from++; /* glue and penalties vanish at a line start; a leader is an area (§6.6.9) */
    int align = last ? st->text_align_last : st->text_align;
    if (last && align == FO_ALIGN_RELATIVE)
        align = st->text_align == FO_ALIGN_JUSTIFY ? FO_ALIGN_START : st->text_align;
    size_t end = to;
    int forced =
        to >= p->n || (p->b.it[to].lb.kind == LAY_PENALTY && p->b.it[to].lb.penalty <= -LAY_INF);
    double measure = forced ? p->last_measure : p->measure;
    int hyphen = to < p->n && p->b.it[to].lb.kind == LAY_PENALTY && p->b.it[to].hyphen;
    if (to < p->n && p->b.it[to].lb.kind == LAY_PENALTY)
        end = to; /* the penalty itself is not drawn (a hyphen is added below) */
    double nat = 0, shrink = 0;
    double above, below; /* line height: the block's strut and every box on the line */
    metrics(p, st, lay_font(L, st), &above, &below);
    for (size_t i = from; i < end; i++) {
        const struct ln_item *b = &p->b.it[i];
        nat += b->lb.w;
        if (b->lb.kind == LAY_GLUE) {
            shrink += b->lb.shrink;
        } else if (b->lb.kind == LAY_BOX) {
            if (b->above > above)
                above = b->above;
            if (b->below > below)
                below = b->below;
        }
    }
    if (hyphen)
        nat += p->b.it[to].lb.w;
    double leader_stretch = 0, lr = 0;
    if (align != FO_ALIGN_JUSTIFY) {
        r = 0;
        if (nat > measure && shrink > 0)
            r = -fmin(1, (nat - measure) / shrink);
        for (size_t i = from; i < end; i++)
            if (p->b.it[i].leader >= 0)
                leader_stretch += p->b.it[i].lb.stretch;
        if (leader_stretch > 0 && nat < measure) /* leaders fill the line (§6.6.9) */
            lr = fmin(1, (measure - nat) / leader_stretch);
    }
    double x = x0;
    if (align == FO_ALIGN_END || align == FO_ALIGN_CENTER) {
        double width = set_width(p, from, end, to, hyphen, r, lr);
        x += align == FO_ALIGN_END ? measure - width : (measure - width) / 2;
    }
    struct lay_item line = {0};
    line.dest = line.mark = -1;
    line.src_block = -1;
    line.h = above + below;
    int link = -1;
    double link_x = 0;
    struct run run;
    memset(&run, 0, sizeof run);
    size_t notes0 = L->n_noterefs;
    const struct ln_item *last_box = NULL;
    for (size_t i = from; i < end; i++) {
        const struct ln_item *b = &p->b.it[i];
        double w = b->lb.kind != LAY_GLUE ? b->lb.w
                   : b->leader >= 0 && lr > 0 ? glue_width(&b->lb, lr) : glue_width(&b->lb, r);
        if (b->lb.kind == LAY_PENALTY)
            continue;
        if (b->link != link) {
            close_link(p, link, link_x, x, &line, line.h);
            link = b->link;
            link_x = x;
        }
        if (b->lb.kind == LAY_BOX) {
            emit_text(L, &run, b, item_text(p, b), x, above, &line);
            last_box = b;
            for (int d = b->dest; d >= 0;) {
                int next = L->dests[d].next;
                L->dests[d].x = x;
                L->dests[d].next = line.dest;
                line.dest = d;
                d = next;
            }
            for (int k = 0; k < b->n_notes; k++)
                LAY_PUSH(L->noterefs, L->n_noterefs, L->cap_noterefs, p->b.notes[b->notes + k]);
            if (line.src_block < 0 && b->src_block >= 0) {
                line.src_block = b->src_block;
                line.src_g = b->src_g;
            }
        } else {
            run_flush(L, &run, above, &line);
            if (b->leader >= 0)
                emit_leader(L, b, x, w, above, &line);
        }
        x += w;
    }
    if (hyphen && last_box) {
        struct ln_item h = *last_box;
        h.src = "-";
        h.len = 1;
        h.lb.w = p->b.it[to].lb.w;
        h.deco = 0;
        h.pagenum = 0;
        emit_text(L, &run, &h, h.src, x, above, &line);
        x += h.lb.w;
    }
    run_flush(L, &run, above, &line);
    close_link(p, link, link_x, x, &line, line.h);
    line.notes = (int)notes0;
    line.n_notes = (int)(L->n_noterefs - notes0);
    int extra = 0;
    if (index > 0 && (index < st->orphans || n_lines - index < st->widows))
        extra = LAY_INF;
    else if (prev_hyphen)
        extra = 100;
    lay_push_box(L, p->g, line, extra);
}

/* Breaks of the same paragraph in an earlier pass, when its items cannot have changed. */
static size_t cached_breaks(struct lay *L, const struct para *p, int first, size_t *breaks,
                            double *ratios)
{
    if (!L->breaks || p->varies || L->in_static || (size_t)first >= L->breaks->n)
        return 0;
    const struct lay_breaks_entry *e = &L->breaks->e[first];
    if (!e->n_lines || e->n_items != p->n || e->measure != p->measure ||
        e->last_measure != p->last_measure)
        return 0;
    memcpy(breaks, e->breaks, e->n_lines * sizeof *breaks);
    memcpy(ratios, e->ratios, e->n_lines * sizeof *ratios);
    return e->n_lines;
}

static void remember_breaks(struct lay *L, const struct para *p, int first,
                            const size_t *breaks, const double *ratios, size_t nl)
{
    if (!L->breaks || p->varies || L->in_static || (size_t)first >= L->breaks->n || !nl)
        return;
    struct lay_breaks_entry *e = &L->breaks->e[first];
    free(e->breaks);
    free(e->ratios);
    e->n_items = p->n;
    e->n_lines = nl;
    e->measure = p->measure;
    e->last_measure = p->last_measure;
    e->breaks = xmalloc(nl * sizeof *e->breaks);
    e->ratios = xmalloc(nl * sizeof *e->ratios);
    memcpy(e->breaks, breaks, nl * sizeof *breaks);
    memcpy(e->ratios, ratios, nl * sizeof *ratios);
}

/* One struct para_bufs per nesting level (SCRATCH_LEVELS; deeper paragraphs get their own). */
#define SCRATCH_LEVELS 4
struct lay_scratch {
    struct para_bufs b;
};

static void para_free(struct para_bufs *b)
{
    free(b->it);
    free(b->links);
    free(b->notes);
    buf_free(&b->word);
    buf_free(&b->ptext);
    free(b->lb);
    free(b->breaks);
    free(b->ratios);
}

void lay_scratch_free(struct lay *L)
{
    lay_words_free(L->words);
    L->words = NULL;
    if (!L->scratch)
        return;
    for (int i = 0; i < SCRATCH_LEVELS; i++)
        para_free(&L->scratch[i].b);
    free(L->scratch);
    L->scratch = NULL;
}

/* Lends p the buffers of nesting level lvl (empty ones beyond SCRATCH_LEVELS). */
static void para_borrow(struct lay *L, struct para *p, int lvl)
{
    memset(&p->b, 0, sizeof p->b);
    buf_init(&p->b.word);
    buf_init(&p->b.ptext);
    if (lvl >= SCRATCH_LEVELS)
        return;
    if (!L->scratch) {
        L->scratch = xcalloc(SCRATCH_LEVELS, sizeof *L->scratch);
        for (int i = 0; i < SCRATCH_LEVELS; i++) {
            buf_init(&L->scratch[i].b.ptext);
            buf_init(&L->scratch[i].b.word);
        }
    }
    p->b = L->scratch[lvl].b;
    buf_truncate(&p->b.word, 0);
    buf_truncate(&p->b.ptext, 0);
}

/* Gives p's buffers back to level lvl (or frees them beyond SCRATCH_LEVELS). */
static void para_return(struct lay *L, struct para *p, int lvl)
{
    L->para_depth--;
    if (lvl >= SCRATCH_LEVELS)
        para_free(&p->b);
    else
        L->scratch[lvl].b = p->b;
}

/* An item as linebreak.h takes it. */
static struct lb_item break_item(const struct lay_lb_item *x)
{
    static const int kinds[] = {[LAY_BOX] = LB_BOX, [LAY_GLUE] = LB_GLUE,
                                [LAY_PENALTY] = LB_PENALTY};
    return (struct lb_item){kinds[x->kind], x->w,       x->stretch,     x->shrink,
                            x->penalty,     x->flagged, x->discretionary, x->emergency};
}

/* Room for the line breaker's arrays of n items (n + 1 lines at most). */
static void reserve_lb(struct para_bufs *b, size_t n)
{
    if (b->cap_lb >= n + 1)
        return;
    b->cap_lb = 2 * (n + 1);
    free(b->lb);
    free(b->breaks);
    free(b->ratios);
    b->lb = xmalloc(b->cap_lb * sizeof *b->lb);
    b->breaks = xmalloc(b->cap_lb * sizeof *b->breaks);
    b->ratios = xmalloc(b->cap_lb * sizeof *b->ratios);
}

void lay_paragraph(struct lay *L, struct galley *g, int block, const struct fo_style *st,
                   int first, int last, const struct lay_area *a)
{
    (void)block;
    struct para p;
    memset(&p, 0, sizeof p);
    p.L = L;
    p.g = g;
    p.block = st;
    p.pending_dest = -1;
    p.link = -1;
    int lvl = L->para_depth++;
    para_borrow(L, &p, lvl);
    p.measure = a->width - st->start_indent - st->end_indent;
    if (p.measure < 1)
        p.measure = 1;
    p.last_measure = p.measure - st->last_line_end_indent;
    if (p.last_measure < 1)
        p.last_measure = 1;
    if (st->text_indent != 0) {
        struct ln_item *b = new_item(&p, LAY_BOX);
        b->lb.w = st->text_indent;
    }
    size_t lead = p.n;
    for (int c = first;; c = L->t->nodes[c].next) {
        add_inline(&p, c, st);
        if (c == last)
            break;
    }
    flush_word(&p);
    int has_box = 0;
    for (size_t i = lead; i < p.n && !has_box; i++) /* a leader alone makes a line (§6.6.9) */
        has_box = p.b.it[i].lb.kind == LAY_BOX || p.b.it[i].leader >= 0;
    if (!has_box) {
        if (p.pending_dest >= 0) { /* an id with no text: keep it for the next box */
            int d = p.pending_dest;
            while (L->dests[d].next >= 0)
                d = L->dests[d].next;
            L->dests[d].next = g->dest;
            g->dest = p.pending_dest;
        }
        para_return(L, &p, lvl);
        return;
    }
    while (p.n > 0 && p.b.it[p.n - 1].lb.kind != LAY_BOX && p.b.it[p.n - 1].leader < 0)
        p.n--; /* trailing white space and breaks */
    int justify_last = st->text_align_last == FO_ALIGN_JUSTIFY;
    if (!justify_last) { /* \parfillskip, after a penalty that forbids breaking before it */
        break_penalty(&p, LAY_INF, 0, 0, 0);
        struct ln_item *f = new_item(&p, LAY_GLUE);
        f->lb.stretch = 1e5;
    }
    break_penalty(&p, -LAY_INF, 0, 0, 0);
    reserve_lb(&p.b, p.n);
    struct lb_item *lb = p.b.lb;
    for (size_t i = 0; i < p.n; i++)
        lb[i] = break_item(&p.b.it[i].lb);
    size_t *breaks = p.b.breaks;
    double *ratios = p.b.ratios;
    size_t nl = cached_breaks(L, &p, first, breaks, ratios);
    if (!nl) {
        nl = lay_break_lines(L, lb, p.n, p.measure, p.last_measure,
                             st->text_align == FO_ALIGN_JUSTIFY || justify_last, breaks, ratios);
        remember_breaks(L, &p, first, breaks, ratios, nl);
    }
    double x0 = a->x + st->start_indent;
    size_t from = 0;
    int prev_hyphen = 0;
    for (size_t k = 0; k < nl; k++) {
        size_t to = breaks[k];
        make_line(&p, from, to, ratios[k], k + 1 == nl, (int)k, (int)nl, prev_hyphen, x0);
        prev_hyphen = to < p.n && p.b.it[to].lb.kind == LAY_PENALTY && p.b.it[to].lb.flagged;
        from = to + 1;
    }
    para_return(L, &p, lvl);
}

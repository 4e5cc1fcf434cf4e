/* scan.c — the heart of the import stage: one pass over the line records of a plain-text
 * thesis (as extracted from its PDF) that recognises abstracts, chapters, numbered sections,
 * paragraphs across page starts, bullets, block quotations, footnote references and the note
 * texts at the page bottoms, and builds the TEI P5 tree (libxml2) as it goes. */
#include <libxml/hash.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "import/internal.h"
#include "import/scan.h"

/* ---- small predicates over one line ----------------------------------------------------- */

static const char *text_of(const struct scan *sc, const struct imp_line *l)
{
    return sc->ls->data + l->off;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Starts a page: an indent or a form feed (pdftotext's page mark). */
int imp_page_start(const struct imp_line *l)
{
    return l->indent > 0 || l->ff;
}

/* A printed page number alone on its line (1-3 digits or a small roman numeral): not text. */
int imp_page_number(const struct scan *sc, const struct imp_line *l)
{
    const char *s = text_of(sc, l);
    if (l->len == 0 || l->len > 4)
        return 0;
    int digits = 1, roman = 1;
    for (size_t i = 0; i < l->len; i++) {
        digits &= is_digit(s[i]);
        roman &= strchr("ivxl", s[i]) != NULL;
    }
    return (digits && l->len <= 3) || roman;
}

/* Line content equals word (ASCII case-insensitive) followed by nothing or white space. */
static size_t starts_word(const char *s, size_t n, const char *word)
{
    size_t k = strlen(word);
    if (n < k || strncasecmp(s, word, k) != 0 || (n > k && s[k] != ' ' && s[k] != '\t'))
        return 0;
    return k;
}

static const char *const NUMBER_WORDS[] = {
    "ZERO",     "ONE",     "TWO",     "THREE",     "FOUR",     "FIVE",     "SIX",
    "SEVEN",    "EIGHT",   "NINE",    "TEN",       "ELEVEN",   "TWELVE",   "THIRTEEN",
    "FOURTEEN", "FIFTEEN", "SIXTEEN", "SEVENTEEN", "EIGHTEEN", "NINETEEN", "TWENTY"};

/* Value of a roman numeral (I..XXXIX), or 0. */
static int roman_value(const char *s, size_t n)
{
    static const char *const R[] = {"",   "I",   "II",   "III", "IV", "V",
                                    "VI", "VII", "VIII", "IX",  "X"};
    for (int tens = 0; tens <= 3; tens++)
        for (int ones = 0; ones <= 9; ones++) {
            char buf[16];
            snprintf(buf, sizeof buf, "%.*s%s", tens, "XXX", R[ones]);
            if (strlen(buf) == n && n > 0 && !strncasecmp(buf, s, n))
                return tens * 10 + ones;
        }
    return 0;
}

/* Chapter number written as a word, in digits or in roman numerals; 0 when it is none. */
static int chapter_number(const char *s, size_t n)
{
    for (int i = 1; i < (int)(sizeof NUMBER_WORDS / sizeof *NUMBER_WORDS); i++)
        if (strlen(NUMBER_WORDS[i]) == n && !strncasecmp(NUMBER_WORDS[i], s, n))
            return i;
    int v = 0;
    for (size_t i = 0; i < n && i < 3; i++)
        v = is_digit(s[i]) ? v * 10 + (s[i] - '0') : -1000;
    if (n > 0 && n <= 3 && v > 0)
        return v;
    return roman_value(s, n);
}

/* "CHAPTER ONE" (or "Chapter 1", "CHAPTER IV") alone on a line: returns the number. */
int imp_chapter_heading(const struct scan *sc, const struct imp_line *l)
{
    const char *s = text_of(sc, l);
    size_t k = starts_word(s, l->len, "CHAPTER");
    if (k == 0)
        return 0;
    while (k < l->len && (s[k] == ' ' || s[k] == '\t'))
        k++;
    return chapter_number(s + k, l->len - k);
}

/* "ABSTRACT" or "ÖZET" (Turkish) alone on a line: returns the language of that abstract. */
const char *imp_abstract_heading(const struct scan *sc, const struct imp_line *l)
{
    const char *s = text_of(sc, l);
    if (l->len == 8 && !strncasecmp(s, "ABSTRACT", 8))
        return "en";
    if ((l->len == 5 && (!memcmp(s, "\xC3\x96ZET", 5) || !memcmp(s, "\xC3\x96zet", 5))) ||
        (l->len == 3 && (!memcmp(s, "\xC3\x96Z", 3) || !memcmp(s, "\xC3\x96z", 3))))
        return "tr";
    return NULL;
}

/* "1.1. TITLE", "4.2.   TITLE", "4.1.1. Title", "4.2.3 Title": a numbered heading whose first
 * number is the current chapter's and whose title starts with a capital. Fills the number
 * ("4.1.1") and returns its depth (1 section, 2 sub-section), or 0. */
int imp_section_heading(const struct scan *sc, const struct imp_line *l, char *num, size_t num_size,
                        size_t *title_at)
{
    const char *s = text_of(sc, l);
    size_t i = 0, parts = 0;
    long first = 0;
    while (parts < 4) {
        size_t a = i;
        long v = 0;
        while (i < l->len && is_digit(s[i]) && i - a < 3)
            v = v * 10 + (s[i++] - '0');
        if (i == a || (i < l->len && is_digit(s[i])))
            return 0;
        if (parts++ == 0)
            first = v;
        if (i < l->len && s[i] == '.' && i + 1 < l->len && is_digit(s[i + 1])) {
            i++;
            continue;
        }
        break;
    }
    size_t num_end = i;
    if (i < l->len && s[i] == '.')
        i++;
    size_t b = i;
    while (i < l->len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (parts < 2 || parts > 3 || i == b || i >= l->len || num_end >= num_size)
        return 0;
    if (sc->chapter_no > 0 && first != sc->chapter_no)
        return 0;
    unsigned cp;
    imp_utf8_next(s + i, l->len - i, &cp);
    if (imp_case(cp) != 2 || s[l->len - 1] == ',' || l->chars > sc->ls->width * 1.1)
        return 0;
    memcpy(num, s, num_end);
    num[num_end] = '\0';
    *title_at = i;
    return (int)parts - 1;
}

size_t imp_bullet(const struct scan *sc, const struct imp_line *l)
{
    static const char *const BULLETS[] = {"\xE2\x80\xA2", "\xE2\x97\x8F", "\xE2\x97\xA6",
                                          "\xE2\x96\xAA", "\xEF\x82\xB7", "* "};
    const char *s = text_of(sc, l);
    for (size_t i = 0; i < sizeof BULLETS / sizeof *BULLETS; i++) {
        size_t k = strlen(BULLETS[i]);
        if (l->len > k && !memcmp(s, BULLETS[i], k))
            return k;
    }
    return 0;
}

/* How many references back a note text may still find its reference. */
#define PENDING_REACH 1000

/* Index of the pending note (referenced, text not yet seen) numbered n, or -1. */
static long pending_note(const struct scan *sc, long n)
{
    long stop = sc->last_texted;
    if ((long)sc->n_notes - stop > PENDING_REACH) /* bounds the work on hostile input */
        stop = (long)sc->n_notes - PENDING_REACH;
    for (long k = (long)sc->n_notes - 1; k > stop; k--)
        if (sc->notes[k].n == n && !sc->notes[k].has_text)
            return k;
    return -1;
}

/* The number a line starts with when it reads like a note text's first line ("9 Konstantin",
 * up to three digits and a blank), or 0; *skip gets the bytes up to the text. With strict (in
 * running text) the text must also start as a citation does (capital, quote, digit). */
static long note_number(const struct scan *sc, const struct imp_line *l, int strict, size_t *skip)
{
    const char *s = text_of(sc, l);
    size_t i = 0;
    long n = 0;
    while (i < l->len && i < 4 && is_digit(s[i]))
        n = n * 10 + (s[i++] - '0');
    if (i == 0 || i > 3 || i >= l->len || (s[i] != ' ' && s[i] != '\t'))
        return 0;
    while (i < l->len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i >= l->len)
        return 0;
    unsigned cp;
    imp_utf8_next(s + i, l->len - i, &cp);
    if (strict && imp_case(cp) != 2 && !strchr("\"'(", (int)(cp < 128 ? cp : 'x')) &&
        cp != 0x201C && cp != 0x2018 && !is_digit((char)cp))
        return 0;
    *skip = i;
    return n;
}

long imp_note_number(const struct scan *sc, const struct imp_line *l, size_t *skip)
{
    return note_number(sc, l, 1, skip);
}

/* A note text's first line: a line starting with the number of a pending note (referenced,
 * text not yet seen). Returns the note's index, or -1. */
long imp_note_start(const struct scan *sc, const struct imp_line *l, int strict, size_t *skip)
{
    long n = note_number(sc, l, strict, skip);
    return n > 0 ? pending_note(sc, n) : -1;
}

/* A line that looks like a bibliographic citation: a URL, a closing quote after a translated
 * title ("),”"), or a date in parentheses. Used to recognise note fragments. */
int imp_citation_like(const struct scan *sc, const struct imp_line *l)
{
    const char *s = text_of(sc, l);
    static const char *const MARKS[] = {
        "http", "www.", "),\xE2\x80\x9D", ".\xE2\x80\x9D,", ",\xE2\x80\x9D ", "), \"", ".),\""};
    for (size_t m = 0; m < sizeof MARKS / sizeof *MARKS; m++) {
        size_t k = strlen(MARKS[m]);
        for (size_t i = 0; i + k <= l->len; i++)
            if (!memcmp(s + i, MARKS[m], k))
                return 1;
    }
    return 0;
}

/* ---- ids and elements ------------------------------------------------------------------- */

/* Makes id unique in the document (a suffix -2, -3 ... on a clash) and records it. */
void imp_unique_id(struct scan *sc, char *id, size_t size)
{
    size_t base = strlen(id);
    for (int k = 2; xmlHashLookup(sc->ids, (const xmlChar *)id); k++)
        snprintf(id + base, size - base, "-%d", k);
    xmlHashAddEntry(sc->ids, (const xmlChar *)id, sc);
}

/* A new element in the TEI namespace with the xml:id id (made unique in place; id has room
 * for IMP_ID_MAX bytes). */
static xmlNodePtr element(struct scan *sc, xmlNodePtr parent, const char *name, char *id)
{
    xmlNodePtr e = xmlNewChild(parent, sc->ns, (const xmlChar *)name, NULL);
    imp_unique_id(sc, id, IMP_ID_MAX);
    xmlSetNsProp(e, sc->xml_ns, (const xmlChar *)"id", (const xmlChar *)id);
    return e;
}

static void set_attr(xmlNodePtr e, const char *name, const char *value)
{
    xmlSetProp(e, (const xmlChar *)name, (const xmlChar *)value);
}

/* The id of a child of the current div: "<div id>-<kind><count>", e.g. s1.1-p3. */
static void child_id(struct scan *sc, char *buf, size_t size, const char *kind, unsigned n)
{
    snprintf(buf, size, "%.80s-%s%u", sc->lv[sc->depth].id, kind, n);
}

/* ---- text accumulation ------------------------------------------------------------------ */

/* Appends s[0, n) to b with runs of blanks collapsed to one space (copied a run at a time). */
static void put_collapsed(struct buf *b, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != '\t' && s[j] != '\f' &&
               !(s[j] == ' ' && j + 1 < n && s[j + 1] == ' '))
            j++;
        if (j > i && s[i] == ' ' && b->len > 0 && b->data[b->len - 1] == ' ')
            i++;
        buf_put(b, s + i, j - i);
        if (j >= n)
            break;
        while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\f'))
            j++;
        if (b->len == 0 || b->data[b->len - 1] != ' ')
            buf_putc(b, ' ');
        i = j;
    }
}

/* True when the next line continues this one without a space: a hyphen after a letter or digit
 * at the line end ("re-" / "education", "1991-" / "2006"), or, where lines normally end with
 * a blank, a line without one whose last word is a URL or path broken by the extraction. */
static int glued_end(const struct scan *sc, const struct imp_line *l)
{
    const char *s = text_of(sc, l);
    if (l->len >= 2 && s[l->len - 1] == '-' && s[l->len - 2] != ' ' && s[l->len - 2] != '-')
        return 1;
    if (!sc->ls->trailing_blank || l->trail > 0 || l->len == 0 || s[l->len - 1] == '.')
        return 0;
    size_t w = l->len;
    while (w > 0 && s[w - 1] != ' ')
        w--;
    return memchr(s + w, '/', l->len - w) || memchr(s + w, '_', l->len - w);
}

/* Moves the text gathered for the open block into it as one text node. */
static void flush_text(struct scan *sc)
{
    if (sc->pend.len > 0 && sc->block) {
        xmlNodePtr t = xmlNewTextLen((const xmlChar *)sc->pend.data, (int)sc->pend.len);
        xmlAddChild(sc->block, t);
    }
    buf_truncate(&sc->pend, 0);
}

void imp_close_block(struct scan *sc)
{
    if (sc->block) {
        while (sc->pend.len > 0 && sc->pend.data[sc->pend.len - 1] == ' ')
            buf_truncate(&sc->pend, sc->pend.len - 1);
        flush_text(sc);
    }
    sc->block = NULL;
    sc->kind = BLK_NONE;
    sc->need_space = 0;
}

/* ---- notes ------------------------------------------------------------------------------ */

/* A new note record numbered n (its element comes with its reference). */
static struct imp_note *new_note(struct scan *sc, long n, long line)
{
    if (sc->n_notes == sc->cap_notes) {
        sc->cap_notes = sc->cap_notes ? sc->cap_notes * 2 : 64;
        sc->notes = xrealloc(sc->notes, sc->cap_notes * sizeof *sc->notes);
    }
    struct imp_note *note = &sc->notes[sc->n_notes++];
    memset(note, 0, sizeof *note);
    buf_init(&note->text);
    note->n = n;
    note->ref_line = line;
    note->ref_index = sc->at;
    note->chapter = sc->chapters;
    return note;
}

/* The element of a note, put at the end of parent. */
void imp_note_element(struct scan *sc, struct imp_note *note, xmlNodePtr parent)
{
    note->elem = xmlNewChild(parent, sc->ns, (const xmlChar *)"note", NULL);
    set_attr(note->elem, "place", "foot");
    char num[24];
    snprintf(num, sizeof num, "%ld", note->n);
    set_attr(note->elem, "n", num);
}

/* Records a reference to note n at line `line` and puts its element into the open block. A
 * note whose text came before any reference to it (an orphan) gets its element here too. */
static void add_note_ref(struct scan *sc, long n, long line)
{
    flush_text(sc);
    if (sc->n_notes > 0 && !sc->notes[sc->n_notes - 1].elem)
        imp_note_element(sc, &sc->notes[sc->n_notes - 1], sc->block);
    imp_note_element(sc, new_note(sc, n, line), sc->block);
    if (n == 1 && sc->last_n > 0)
        sc->per_chapter = 1;
    sc->last_n = n;
    sc->chapter_refs++;
}

/* A note text numbered n (the next number) below the text before its reference was seen: the
 * reference was damaged. Returns the new note's index; its element comes with the next
 * reference. */
long imp_orphan_note(struct scan *sc, long n, long line)
{
    struct imp_note *note = new_note(sc, n, line);
    note->unplaced = 1;
    sc->last_n = n;
    sc->chapter_refs++;
    return (long)sc->n_notes - 1;
}

/* Appends one line (from byte skip) to note k's text, joining as running text does. */
void imp_note_add(struct scan *sc, long k, const struct imp_line *l, size_t skip)
{
    struct imp_note *note = &sc->notes[k];
    if (skip >= l->len)
        return;
    if (note->need_space && note->text.len > 0)
        buf_putc(&note->text, ' ');
    put_collapsed(&note->text, text_of(sc, l) + skip, l->len - skip);
    note->need_space = !glued_end(sc, l);
    if (!note->has_text)
        note->text_line = l->no;
    note->has_text = 1;
    note->end_line = l->no;
}

/* True when a note's text ends as a complete citation does (full stop, closing bracket or
 * quote, ! or ?); otherwise the extraction cut it off. */
int imp_note_complete(const struct imp_note *note)
{
    const struct buf *b = &note->text;
    if (b->len == 0)
        return 0;
    unsigned char c = (unsigned char)b->data[b->len - 1];
    if (strchr(".)]!?\"'", c))
        return 1;
    return b->len >= 3 && (unsigned char)b->data[b->len - 3] == 0xE2 &&
           (!memcmp(b->data + b->len - 3, "\xE2\x80\x9D", 3) ||
            !memcmp(b->data + b->len - 3, "\xE2\x80\x99", 3));
}

/* ---- references in running text --------------------------------------------------------- */

/* The code point that ends just before s[i] (0 at the start). */
static unsigned prev_cp(const char *s, size_t i, size_t *at)
{
    if (i == 0) {
        *at = 0;
        return 0;
    }
    size_t j = i - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    unsigned cp;
    imp_utf8_next(s + j, i - j, &cp);
    *at = j;
    return cp;
}

static int is_letter(unsigned cp)
{
    return imp_case(cp) != 0 || (cp >= 0x80 && cp < 0x2000 && cp != 0xA0) ||
           (cp >= 0x300 && cp <= 0x36F) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

static int closing_punct(unsigned cp)
{
    return cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == '!' || cp == '?' ||
           cp == ')' || cp == ']' || cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019;
}

/* A 4-digit year (1500-2099) ends just before s[end]. */
static int year_before(const char *s, size_t end)
{
    if (end < 4 || (end > 4 && is_digit(s[end - 5])))
        return 0;
    for (size_t i = end - 4; i < end; i++)
        if (!is_digit(s[i]))
            return 0;
    return (s[end - 4] == '1' && s[end - 3] >= '5') || (s[end - 4] == '2' && s[end - 3] == '0');
}

/* A token that announces a page or volume number, not a sentence end ("p. 36", "No. 2"). */
static int locator_before(const char *s, size_t blank)
{
    static const char *const LOC[] = {"p.",   "pp.", "No.", "no.",  "Vol.", "vol.", "Art.",
                                      "art.", "Ch.", "ch.", "Fig.", "fig.", "Nos."};
    for (size_t k = 0; k < sizeof LOC / sizeof *LOC; k++) {
        size_t n = strlen(LOC[k]);
        if (blank >= n && !memcmp(s + blank - n, LOC[k], n) &&
            (blank == n || s[blank - n - 1] == ' ' || s[blank - n - 1] == '('))
            return 1;
    }
    return 0;
}

/* A lower-case letter (or '%') comes after the blanks at s[b]: "1.6 million", "14.2%". */
static int lower_follows(const char *s, size_t n, size_t b)
{
    while (b < n && s[b] == ' ')
        b++;
    if (b >= n)
        return 0;
    unsigned cp;
    imp_utf8_next(s + b, n - b, &cp);
    return imp_case(cp) == 1 || cp == '%';
}

/* Whether the digits s[a, b) may be a note reference by what stands around them (DESIGN "The
 * source"): glued to a word or after punctuation (2; not inside a decimal number unless after
 * a year), or after a blank that follows a sentence end (1); and followed by a blank,
 * punctuation or the line end. 0: not a reference. */
static int ref_context(const char *s, size_t n, size_t a, size_t b)
{
    if (b < n && !(s[b] == ' ' || strchr(",.;:)]", s[b]) ||
                   (b + 2 < n && !memcmp(s + b, "\xE2\x80\x9D", 3))))
        return 0;
    size_t at;
    unsigned p = prev_cp(s, a, &at);
    if (p == 0)
        return 0;
    if (is_letter(p))
        return 2;
    if (closing_punct(p)) {
        size_t at2;
        unsigned pp = prev_cp(s, at, &at2);
        if (pp >= '0' && pp <= '9')
            return year_before(s, at) || !lower_follows(s, n, b);
        return pp != 0 && pp != ' ' ? 2 : 0;
    }
    if (p == ' ') {
        size_t at2;
        unsigned pp = prev_cp(s, at, &at2);
        if (!(pp == '.' || pp == '!' || pp == '?' || pp == 0x201D || pp == '"' || pp == ')'))
            return 0;
        if (locator_before(s, at))
            return 0;
        if (b == n)
            return 1;
        unsigned next;
        size_t k = b;
        while (k < n && s[k] == ' ')
            k++;
        if (k == n)
            return 1;
        imp_utf8_next(s + k, n - k, &next);
        return imp_case(next) == 2 || next == 0x201C || next == '"';
    }
    return 0;
}

static long digits_value(const char *s, size_t a, size_t b)
{
    long v = 0;
    for (size_t i = a; i < b; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* The note number the digits s[a, b) stand for, or 0: a run of 1-3 digits equal to an expected
 * number (the next one; 1 at a chapter's first reference; the one after next when glued on),
 * or a year with the number glued on ("1994158" is 1994 and note 158). */
static long ref_value(const struct scan *sc, const char *s, size_t n, size_t a, size_t b)
{
    long e1 = sc->last_n + 1;
    long e2 = sc->chapters > 0 && sc->chapter_refs == 0 && sc->last_n > 0 ? 1 : 0;
    if (b - a <= 3 && s[a] != '0') {
        long v = digits_value(s, a, b);
        int ctx = v == e1 || v == e2 || v == e1 + 1 ? ref_context(s, n, a, b) : 0;
        if (ctx && (v == e1 || v == e2))
            return v;
        /* one reference the extraction damaged must not stop the count: the next number,
           glued on, is taken too */
        if (ctx == 2 && v == e1 + 1 && sc->last_n > 0)
            return v;
        return 0;
    }
    if (b - a >= 5 && b - a <= 7 && year_before(s, a + 4) && s[a + 4] != '0' &&
        (b == n || s[b] == ' ' || strchr(",.;:)", s[b]))) {
        long v = digits_value(s, a + 4, b);
        if (v == e1 || v == e2)
            return v;
    }
    return 0;
}

/* Appends s[0, n) of line l to the open block, turning note references into note elements. */
static void put_with_refs(struct scan *sc, const char *s, size_t n, long line)
{
    size_t seg = 0;
    for (size_t i = 0; i < n;) {
        if (!is_digit(s[i])) {
            i++;
            continue;
        }
        size_t a = i;
        while (i < n && is_digit(s[i]))
            i++;
        long v = a > 0 && is_digit(s[a - 1]) ? 0 : ref_value(sc, s, n, a, i);
        if (v == 0)
            continue;
        size_t cut = i - (v >= 100 ? 3 : v >= 10 ? 2 : 1);
        size_t end = cut;
        while (end > seg && s[end - 1] == ' ' && cut == a)
            end--;
        put_collapsed(&sc->pend, s + seg, end - seg);
        if (v == sc->last_n + 2) {
            add_note_ref(sc, v - 1, line);
            sc->notes[sc->n_notes - 1].unplaced = 1;
        }
        add_note_ref(sc, v, line);
        seg = i;
    }
    put_collapsed(&sc->pend, s + seg, n - seg);
}

/* Appends line l (from byte skip) to the open block. */
void imp_block_add(struct scan *sc, const struct imp_line *l, size_t skip)
{
    if (skip >= l->len)
        return;
    if (sc->need_space)
        buf_putc(&sc->pend, ' ');
    const char *s = text_of(sc, l) + skip;
    size_t n = l->len - skip;
    if (sc->kind == BLK_HEAD)
        put_collapsed(&sc->pend, s, n);
    else
        put_with_refs(sc, s, n, l->no);
    sc->need_space = !glued_end(sc, l);
    sc->last_char = s[n - 1];
}

/* ---- divisions and blocks --------------------------------------------------------------- */

/* Opens a div at depth (0 chapter / abstract / plain, 1 section, 2 sub-section). */
void imp_open_div(struct scan *sc, xmlNodePtr parent_top, int depth, const char *type,
                  const char *n, const char *id, const char *lang)
{
    imp_close_block(sc);
    sc->list = NULL;
    if (depth > sc->depth + 1 && sc->depth >= 0)
        depth = sc->depth + 1;
    xmlNodePtr parent = depth == 0 ? parent_top : sc->lv[depth - 1].div;
    struct imp_level *lv = &sc->lv[depth];
    memset(lv, 0, sizeof *lv);
    snprintf(lv->id, sizeof lv->id, "%s", id);
    imp_unique_id(sc, lv->id, sizeof lv->id);
    lv->div = xmlNewChild(parent, sc->ns, (const xmlChar *)"div", NULL);
    if (type)
        set_attr(lv->div, "type", type);
    if (n)
        set_attr(lv->div, "n", n);
    if (lang)
        xmlNodeSetLang(lv->div, (const xmlChar *)lang);
    xmlSetNsProp(lv->div, sc->xml_ns, (const xmlChar *)"id", (const xmlChar *)lv->id);
    sc->depth = depth;
}

/* Starts a head, p, quote or item in the current div (a plain div is opened when the text has
 * none yet). */
void imp_open_block(struct scan *sc, enum imp_block kind, const char *head_type)
{
    imp_close_block(sc);
    if (sc->depth < 0)
        imp_open_div(sc, sc->body, 0, NULL, NULL, "d1", NULL);
    struct imp_level *lv = &sc->lv[sc->depth];
    char id[IMP_ID_MAX];
    if (kind != BLK_ITEM)
        sc->list = NULL;
    if (kind == BLK_ITEM && !sc->list) {
        child_id(sc, id, sizeof id, "l", ++lv->l);
        sc->list = element(sc, lv->div, "list", id);
        snprintf(sc->list_id, sizeof sc->list_id, "%s", id);
        set_attr(sc->list, "rend", "bulleted");
        sc->items = 0;
    }
    if (kind == BLK_ITEM) {
        char item_id[IMP_ID_MAX];
        snprintf(item_id, sizeof item_id, "%.80s-i%u", sc->list_id, ++sc->items);
        sc->block = element(sc, sc->list, "item", item_id);
    } else {
        static const char *const NAMES[] = {"", "p", "quote", "", "head"};
        static const char *const KINDS[] = {"", "p", "q", "", "h"};
        unsigned *count = kind == BLK_PARA ? &lv->p : kind == BLK_QUOTE ? &lv->q : &lv->h;
        child_id(sc, id, sizeof id, KINDS[kind], ++*count);
        sc->block = element(sc, lv->div, NAMES[kind], id);
        if (head_type)
            set_attr(sc->block, "type", head_type);
    }
    sc->kind = kind;
    sc->need_space = 0;
    sc->ended = 0;
    sc->block_lines = 0;
}

/* No lower-case letter and at least two capitals: a heading or title line. */
int imp_all_caps(const struct scan *sc, const struct imp_line *l)
{
    size_t lower, upper;
    imp_count_case(text_of(sc, l), l->len, &lower, &upper);
    return lower == 0 && upper >= 2;
}

/* Whether line l ends its paragraph, item or quotation: two or more trailing blanks (where
 * lines end with one), or a line clearly shorter than the text's lines (DESIGN "The source");
 * a first line is shorter by its indent, so it must be shorter still. */
int imp_line_ends_block(const struct scan *sc, const struct imp_line *l)
{
    if (sc->ls->trailing_blank && l->trail >= 2)
        return 1;
    double w = sc->kind == BLK_QUOTE ? sc->quote_width * 0.9 : sc->ls->width * 0.8;
    if (sc->block_lines <= 1)
        w = w * 0.75;
    return l->chars < w;
}

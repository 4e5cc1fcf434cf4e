/* lines.c — cuts checked manuscript text into line records (indent, trailing blanks, form
 * feeds, footnote separators) and measures the text's usual line length. Second step of the
 * import stage: scan.c reads only these records. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "import/internal.h"

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\f';
}

/* A separator line: a run of at least 8 blanks alone on a line (as pdftotext leaves for the
 * footnote rule), or of at least 5 '_' or '-'. */
static int is_separator(const char *s, size_t n)
{
    size_t blanks = 0, rule = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_blank(s[i]))
            blanks++;
        else if (s[i] == '_' || s[i] == '-')
            rule++;
        else
            return 0;
    }
    return (rule == 0 && blanks >= 8) || rule >= 5;
}

/* Fills one record from the raw line s[0, n) starting at offset off. */
static void describe(const char *data, size_t off, size_t n, long no, struct imp_line *l)
{
    const char *s = data + off;
    size_t a = 0, b = n;
    memset(l, 0, sizeof *l);
    l->no = no;
    while (a < n && is_blank(s[a])) {
        l->ff |= s[a] == '\f';
        a++;
    }
    while (b > a && is_blank(s[b - 1]))
        b--;
    l->off = off + a;
    l->len = b - a;
    l->indent = a > 1000 ? 1000 : (unsigned)a;
    l->trail = n - b > 255 ? 255 : (unsigned)(n - b);
    l->chars = (unsigned)imp_utf8_chars(s + a, b - a);
    l->blank = b == a;
    l->sep = is_separator(s, n);
}

static int page_number_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n > 0 && n <= 3;
}

static int cmp_unsigned(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return (x > y) - (x < y);
}

/* The median length of the lines of 40 characters or more (the full lines of the text), or of
 * all lines when none is that long. */
static double typical_width(const struct imp_lines *ls)
{
    unsigned *w = xmalloc((ls->n + 1) * sizeof *w);
    size_t k = 0;
    for (int pass = 0; pass < 2 && k == 0; pass++)
        for (size_t i = 0; i < ls->n; i++)
            if (!ls->v[i].blank && !ls->v[i].sep && (pass == 1 || ls->v[i].chars >= 40))
                w[k++] = ls->v[i].chars;
    double width = 60;
    if (k > 0) {
        qsort(w, k, sizeof *w, cmp_unsigned);
        width = w[k / 2];
    }
    free(w);
    return width;
}

/* How many indented lines after a blank line follow a line that ends a paragraph (two
 * trailing blanks, or short): when nearly all do, such an indent marks a paragraph, and page
 * starts are the indented lines that follow their previous line directly. */
static size_t indents_follow_ends(const struct imp_lines *ls)
{
    size_t n = 0;
    for (size_t i = 1; i < ls->n; i++) {
        const struct imp_line *l = &ls->v[i], *p = &ls->v[i - 1];
        if (l->sep || l->indent == 0 || !l->blank_before)
            continue;
        n += p->trail >= 2 || p->chars < ls->width * 0.8;
    }
    return n;
}

void imp_split_lines(const char *data, size_t len, struct imp_lines *ls)
{
    size_t start = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
    size_t cap = 64, with_trail = 0, text_lines = 0, tight_indents = 0, loose_indents = 0;
    /* A line of a few blanks, or a page number, stands where a page starts: the next line
       starts that page. */
    int blank_before = 0, pending_ff = 0, pending_start = 0;
    long no = 1;
    ls->data = data;
    ls->n = 0;
    ls->v = xmalloc(cap * sizeof *ls->v);
    for (size_t i = start; i < len;) {
        size_t end = i;
        while (end < len && data[end] != '\n' && data[end] != '\r')
            end++;
        struct imp_line l;
        describe(data, i, end - i, no, &l);
        if (l.blank && !l.sep) {
            pending_ff |= l.ff || memchr(data + i, '\f', end - i) != NULL;
            pending_start |= end > i;
        }
        if (!l.blank || l.sep) {
            l.ff |= (unsigned char)pending_ff;
            if (pending_start && l.indent == 0 && !l.sep)
                l.indent = 1;
            pending_ff = pending_start = 0;
            if (ls->n == cap)
                ls->v = xrealloc(ls->v, (cap *= 2) * sizeof *ls->v);
            l.blank_before = (unsigned char)blank_before;
            ls->v[ls->n++] = l;
            text_lines += !l.sep;
            tight_indents += !l.sep && l.indent > 0 && !blank_before;
            loose_indents += !l.sep && l.indent > 0 && blank_before;
            pending_start = page_number_line(data + l.off, l.len);
            with_trail += !l.sep && l.trail > 0;
        }
        blank_before = l.blank && !l.sep;
        i = end + (end < len && data[end] == '\r' && end + 1 < len && data[end + 1] == '\n') + 1;
        no++;
    }
    ls->width = typical_width(ls);
    ls->trailing_blank = text_lines > 0 && with_trail * 4 >= text_lines * 3;
    ls->indent_starts_paragraph = tight_indents >= 3 && loose_indents > 0 &&
                                  indents_follow_ends(ls) * 10 >= loose_indents * 9;
}

/* internal.h — what the importer's files share (not part of the stage contract, import.h is).
 * lines.c cuts the checked UTF-8 input into line records, utf8.c validates and classifies
 * characters, scan.c turns the lines into TEI, header.c writes the teiHeader. */
#ifndef FOLIO_IMPORT_INTERNAL_H
#define FOLIO_IMPORT_INTERNAL_H

#include <libxml/tree.h>
#include <stddef.h>

#include "diag.h"

#define IMP_TEI_NS "http://www.tei-c.org/ns/1.0"
/* Longest line accepted: text extracted from a PDF has lines of a few hundred bytes. */
#define IMP_MAX_LINE (1024 * 1024)

/* One source line. Content is data[off, off + len): no indent, no trailing white space. */
struct imp_line {
    size_t off, len;
    long no;                    /* 1-based line number in the source */
    unsigned chars;             /* content length in characters (code points) */
    unsigned indent;            /* leading blanks (space, tab, form feed) */
    unsigned trail;             /* trailing blanks, capped at 255 */
    unsigned char ff;           /* a form feed precedes the content: a page starts here */
    unsigned char blank;        /* nothing but white space */
    unsigned char sep;          /* a footnote separator: a long run of blanks, or of '_' / '-' */
    unsigned char blank_before; /* a blank line comes before it */
};

struct imp_lines {
    const char *data;
    struct imp_line *v; /* the non-blank lines and separators, in order */
    size_t n;
    double width;       /* typical line length of the text, in characters */
    int trailing_blank; /* the text ends most lines with a blank (so a line without one breaks
                           a word or URL) */
    int indent_starts_paragraph; /* an indented line after a blank line starts a paragraph:
                                    page starts follow their previous line directly */
};

/* Checks data is text folio can read: not empty, no NUL or other control characters, valid
 * UTF-8, no line longer than IMP_MAX_LINE. Returns 0, or -1 after reporting FILE:LINE:COL. */
int imp_check_text(const char *data, size_t len, const char *name, struct diag *d);
/* Decodes one UTF-8 character of checked text at s (n bytes left); returns its length. */
size_t imp_utf8_next(const char *s, size_t n, unsigned *cp);
/* Letter case of a code point (Latin, Latin-1, Latin Extended-A, Greek, Cyrillic): 1 lower,
 * 2 upper, 0 neither. Locale independent, so output never depends on LC_ALL. */
int imp_case(unsigned cp);
/* Counts of lower- and upper-case letters in s[0, n). */
void imp_count_case(const char *s, size_t n, size_t *lower, size_t *upper);
/* Number of code points in s[0, n). */
size_t imp_utf8_chars(const char *s, size_t n);

/* Cuts checked text (BOM, CRLF, CR, form feeds accepted) into lines. The caller frees
 * lines->v with free(). */
void imp_split_lines(const char *data, size_t len, struct imp_lines *lines);

/* Builds the TEI document from the lines. Returns a new document (xmlFreeDoc) or NULL after
 * reporting an error. */
xmlDocPtr imp_scan(const struct imp_lines *lines, const char *name, struct diag *d);

#endif

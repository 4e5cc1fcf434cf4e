/* diag.h — the one diagnostics sink. Library code reports here and returns a status;
 * only main.c decides what is printed and how the process exits.
 * Messages read `folio: FILE:LINE:COL: severity: message` (LINE/COL omitted when 0). */
#ifndef FOLIO_DIAG_H
#define FOLIO_DIAG_H

#include <stdio.h>

enum diag_level { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR };

/* One recorded message, for --report (when diag.record is set). */
struct diag_entry {
    enum diag_level level;
    char *file; /* may be NULL */
    long line, col;
    char *message;
};

struct diag {
    FILE *out;     /* where messages go; NULL: count only (tests) */
    int verbosity; /* -1 quiet (errors only), 0 normal, 1 verbose (notes too) */
    int warnings;  /* counts, for --strict and reports */
    int errors;
    char last[512]; /* the last message, without the "folio: " prefix (tests read it) */
    int record;     /* keep every warning and error in entries (for --report) */
    struct diag_entry *entries;
    size_t n_entries, cap_entries;
};

void diag_init(struct diag *d, FILE *out, int verbosity);
/* file may be NULL; line/col 0 mean "not known". */
void diag_report(struct diag *d, enum diag_level level, const char *file, long line, long col,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Frees the recorded entries (diag_init needs no other cleanup). */
void diag_free(struct diag *d);

#endif

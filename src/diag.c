/* diag.c — formats and counts diagnostics for every stage. */
#include "diag.h"

#include <stdarg.h>
#include <string.h>

#include "buf.h"

#include <stdlib.h>

void diag_init(struct diag *d, FILE *out, int verbosity)
{
    memset(d, 0, sizeof *d);
    d->out = out;
    d->verbosity = verbosity;
}

void diag_free(struct diag *d)
{
    for (size_t i = 0; i < d->n_entries; i++) {
        free(d->entries[i].file);
        free(d->entries[i].message);
    }
    free(d->entries);
    d->entries = NULL;
    d->n_entries = d->cap_entries = 0;
}

static void record(struct diag *d, enum diag_level level, const char *file, long line, long col,
                   const char *message)
{
    if (d->n_entries == d->cap_entries) {
        d->cap_entries = d->cap_entries ? d->cap_entries * 2 : 16;
        d->entries = xrealloc(d->entries, d->cap_entries * sizeof *d->entries);
    }
    struct diag_entry *e = &d->entries[d->n_entries++];
    e->level = level;
    e->file = file ? xstrdup(file) : NULL;
    e->line = line;
    e->col = col;
    e->message = xstrdup(message);
}

static const char *level_name(enum diag_level level)
{
    switch (level) {
    case DIAG_NOTE:
        return "note";
    case DIAG_WARNING:
        return "warning";
    default:
        return "error";
    }
}

void diag_report(struct diag *d, enum diag_level level, const char *file, long line, long col,
                 const char *fmt, ...)
{
    struct buf b;
    buf_init(&b);
    if (file) {
        buf_puts(&b, file);
        if (line > 0)
            buf_printf(&b, ":%ld", line);
        if (line > 0 && col > 0)
            buf_printf(&b, ":%ld", col);
        buf_puts(&b, ": ");
    }
    buf_printf(&b, "%s: ", level_name(level));
    size_t message_start = b.len;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);

    if (level == DIAG_ERROR)
        d->errors++;
    else if (level == DIAG_WARNING)
        d->warnings++;
    snprintf(d->last, sizeof d->last, "%s", b.data);
    if (d->record && level != DIAG_NOTE)
        record(d, level, file, line, col, b.data + message_start);

    int shown = level == DIAG_ERROR || (level == DIAG_WARNING && d->verbosity >= 0) ||
                (level == DIAG_NOTE && d->verbosity > 0);
    if (d->out && shown)
        fprintf(d->out, "folio: %s\n", b.data);
    buf_free(&b);
}

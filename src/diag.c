/* diag.c — formats and counts diagnostics for every stage. */
#include "diag.h"

#include <stdarg.h>
#include <string.h>

#include "buf.h"

void diag_init(struct diag *d, FILE *out, int verbosity)
{
    memset(d, 0, sizeof *d);
    d->out = out;
    d->verbosity = verbosity;
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
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);

    if (level == DIAG_ERROR)
        d->errors++;
    else if (level == DIAG_WARNING)
        d->warnings++;
    snprintf(d->last, sizeof d->last, "%s", b.data);

    int shown = level == DIAG_ERROR || (level == DIAG_WARNING && d->verbosity >= 0) ||
                (level == DIAG_NOTE && d->verbosity > 0);
    if (d->out && shown)
        fprintf(d->out, "folio: %s\n", b.data);
    buf_free(&b);
}

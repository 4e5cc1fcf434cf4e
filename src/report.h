/* report.h — the machine-readable account of a run (--report FILE.json) for CI: per input its
 * warnings and errors with source positions, counts, per-stage timings and output checksums. */
#ifndef FOLIO_REPORT_H
#define FOLIO_REPORT_H

#include <libxml/tree.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"

#define REPORT_MAX_STAGES 16
#define REPORT_MAX_OUTPUTS 8

struct report {
    const char *input;
    int ok;
    int n_stages;
    struct {
        const char *name; /* a string literal */
        double ms;
    } stages[REPORT_MAX_STAGES];
    int n_outputs;
    struct {
        char *path;
        size_t bytes;
        char sha256[65];
    } outputs[REPORT_MAX_OUTPUTS];
    long chapters, sections, subsections, notes, words, pages; /* -1: not known */
};

void report_init(struct report *r, const char *input);
void report_free(struct report *r);
void report_stage(struct report *r, const char *name, double ms);
/* Records an output written: its path, size and SHA-256. */
void report_output(struct report *r, const char *path, const void *data, size_t len);
/* Counts chapters, sections, sub-sections, notes and words of a TEI document. */
void report_count_tei(struct report *r, xmlDocPtr tei);
/* Appends r, with the warnings and errors recorded in d, as one JSON object. */
void report_json(const struct report *r, const struct diag *d, struct buf *out);
/* Appends s as a JSON string literal (quotes included). */
void report_json_string(struct buf *out, const char *s);

#endif

/* pdf_ctx.h — state shared by the PDF writer's files (pdf.c draws and saves, pdf_nav.c adds
 * links, bookmarks and page labels). Internal to the PDF writer; one per pdf_write call. */
#ifndef FOLIO_PDF_CTX_H
#define FOLIO_PDF_CTX_H

#include <hpdf.h>

#include "buf.h"
#include "diag.h"
#include "pages.h"
#include "pdf_text.h"

/* The first libharu error, recorded by the error handler (never a longjmp: STYLE lesson 16). */
struct pdf_error {
    HPDF_STATUS code, detail;
    int reported; /* to the diagnostics sink, once */
};

/* A font of pg_doc.fonts, embedded on first use as a Type0 font (pdf_font.c). Fonts naming the
 * same file share the first one's face. */
struct pdf_face {
    HPDF_Dict font;         /* the Type0 font dictionary; NULL until used */
    struct pdf_codes *used; /* codes shown, for the subset, widths and maps; owned */
    int share;              /* 1 + index of the face that holds font and used; 0 not resolved */
    size_t missing;         /* codes shown that the font has no glyph for */
    unsigned first_missing; /* the lowest of them */
    uint16_t *advance;      /* advance[code] in 1/1000 em as /W and /DW give it, code <= last;
                               owned; NULL until embedded */
    unsigned last;          /* the highest code shown */
};

/* A destination id and its index in pg_doc.dests, for lookup by id. */
struct pdf_key {
    const char *id;
    size_t len, index;
};

/* Elements of one array grouped by page: those of page p are order[start[p] .. start[p + 1]). */
struct pdf_by_page {
    size_t *start; /* n_pages + 2; owned */
    size_t *order; /* owned */
};

struct pdf_ctx {
    const struct pg_doc *doc;
    HPDF_Doc pdf;
    struct diag *diag;
    struct pdf_error err;
    HPDF_Page *pages;        /* n_pages; owned */
    struct pdf_face *faces;  /* doc->n_fonts; owned */
    HPDF_Destination *dests; /* doc->n_dests, created on first use; owned array */
    struct pdf_key *keys;    /* dests sorted by id, built on first lookup; owned */
    size_t replaced;         /* characters replaced by U+FFFD */
    size_t unknown_ids;      /* links and bookmarks whose target id has no dest */
    struct pdf_by_page runs, rules, fills, links; /* the page contents, by page */
    struct libdeflate_compressor *deflater;       /* for pdf_put_flate; owned */
    struct buf packed;                            /* bytes compressed by pdf_put_flate */
};

/* Reports the recorded libharu error (if any, and only the first time) as failing `stage`;
 * returns 0 when there was none, -1 otherwise. */
int pdf_check(struct pdf_ctx *c, const char *stage);

/* Reports a failure of `stage` (libharu's recorded error, or a plain message when it recorded
 * none) and returns -1. */
int pdf_fail(struct pdf_ctx *c, const char *stage);
/* A NUL-terminated copy of pool string s, kept in b (reused; the caller frees b). */
const char *pdf_cstr(const struct pg_doc *doc, struct pg_str s, struct buf *b);

/* The face that holds font index i (the first font naming the same file), with its set of
 * codes shown; not loaded. */
struct pdf_face *pdf_face_resolve(struct pdf_ctx *c, int i);
/* The face for font index i, embedded on first use, which must come after every code it shows
 * is marked in its set; NULL after reporting. */
struct pdf_face *pdf_face_for(struct pdf_ctx *c, int i);
/* The name of face f in the resources of page (PDF 1.4 §3.7.2), the font added to the page's
 * /Font dictionary the first time; owned by the page; NULL on failure. */
const char *pdf_face_resource(struct pdf_ctx *c, HPDF_Page page, const struct pdf_face *f);

/* Writes data (n bytes) into stream's (empty) stream Flate-compressed with libdeflate (PDF 1.4
 * §3.3.3): zlib's size at a fraction of the time libharu's zlib call took. libharu then writes
 * the bytes as they are and a write hook names their /Filter. 0, or -1 (nothing reported). */
int pdf_put_flate(struct pdf_ctx *c, HPDF_Dict stream, const void *data, size_t n);
/* Before saving: one warning per font for the characters it has no glyph for. */
int pdf_fonts_finish(struct pdf_ctx *c);

/* Adds link annotations for every pg_link (ISO 32000-1 §12.5.6.5, PDF 1.4 §8.4.5). */
int pdf_nav_links(struct pdf_ctx *c);
/* Builds the outline from pg_doc.bookmarks (PDF 1.4 §8.2.2). */
int pdf_nav_outline(struct pdf_ctx *c);
/* One warning counting the links and bookmarks to unknown ids not reported one by one. */
void pdf_nav_unknown_summary(struct pdf_ctx *c);
/* Adds /PageLabels from the pages' number style, number and sequence (PDF 1.4 §8.3.1). */
int pdf_nav_labels(struct pdf_ctx *c);

#endif

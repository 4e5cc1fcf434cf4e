/* pdf_id.c — a content digest for the PDF's /ID (PDF 1.4 §9.3): same pages, metadata and date
 * give the same ID, any change in what is shown gives another. Fields are hashed one by one
 * (never whole structs, whose padding bytes are undefined) into one buffer, then digested with
 * OpenSSL's MD5 in one call (the same digest as libharu's MD5 field by field, at a fraction of
 * the cost). */
#include "pdf_id.h"

#include <openssl/evp.h>
#include <string.h>

#include "buf.h"

/* The bytes to digest, gathered field by field. */
typedef struct buf id_input;

static void put(id_input *ctx, const void *p, size_t n)
{
    buf_put(ctx, p, n);
}

/* Copies n bytes of field p into rec at offset at; returns the offset after them. */
static size_t pack(unsigned char *rec, size_t at, const void *p, size_t n)
{
    memcpy(rec + at, p, n);
    return at + n;
}

/* A pool string with its length first, so adjacent strings cannot run together. */
static void put_str(id_input *ctx, const struct pg_doc *doc, struct pg_str s)
{
    put(ctx, &s.len, sizeof s.len);
    put(ctx, pg_text(doc, s), s.len);
}

static void put_cstr(id_input *ctx, const char *s)
{
    size_t n = s ? strlen(s) : (size_t)-1;
    put(ctx, &n, sizeof n);
    if (s)
        put(ctx, s, n);
}

static void put_pages(id_input *ctx, const struct pg_doc *doc)
{
    for (size_t i = 0; i < doc->n_fonts; i++)
        put_str(ctx, doc, doc->fonts[i].path);
    for (size_t i = 0; i < doc->n_pages; i++) {
        const struct pg_page *p = &doc->pages[i];
        put(ctx, &p->width, sizeof p->width);
        put(ctx, &p->height, sizeof p->height);
        put_str(ctx, doc, p->label);
    }
    for (size_t i = 0; i < doc->n_runs; i++) {
        const struct pg_run *r = &doc->runs[i];
        /* the same bytes as one put per field, gathered first: runs are most of the input */
        unsigned char rec[sizeof r->page + 3 * sizeof(double) + sizeof r->font + sizeof r->rgb +
                          sizeof r->text.len];
        size_t at = pack(rec, 0, &r->page, sizeof r->page);
        at = pack(rec, at, &r->x, sizeof r->x);
        at = pack(rec, at, &r->y, sizeof r->y);
        at = pack(rec, at, &r->font, sizeof r->font);
        at = pack(rec, at, &r->size, sizeof r->size);
        at = pack(rec, at, &r->rgb, sizeof r->rgb);
        at = pack(rec, at, &r->text.len, sizeof r->text.len);
        put(ctx, rec, at);
        put(ctx, pg_text(doc, r->text), r->text.len);
    }
}

static void put_drawings(id_input *ctx, const struct pg_doc *doc)
{
    for (size_t i = 0; i < doc->n_rules; i++) {
        const struct pg_rule *r = &doc->rules[i];
        double v[5] = {r->x1, r->y1, r->x2, r->y2, r->width};
        int k[3] = {r->page, (int)r->rgb, (int)r->style};
        put(ctx, v, sizeof v);
        put(ctx, k, sizeof k);
    }
    for (size_t i = 0; i < doc->n_fills; i++) {
        const struct pg_fill *f = &doc->fills[i];
        double v[4] = {f->x, f->y, f->w, f->h};
        int k[2] = {f->page, (int)f->rgb};
        put(ctx, v, sizeof v);
        put(ctx, k, sizeof k);
    }
}

static void put_navigation(id_input *ctx, const struct pg_doc *doc)
{
    for (size_t i = 0; i < doc->n_links; i++) {
        const struct pg_link *l = &doc->links[i];
        double v[4] = {l->x1, l->y1, l->x2, l->y2};
        int k[2] = {l->page, (int)l->kind};
        put(ctx, v, sizeof v);
        put(ctx, k, sizeof k);
        put_str(ctx, doc, l->target);
    }
    for (size_t i = 0; i < doc->n_dests; i++) {
        const struct pg_dest *d = &doc->dests[i];
        put_str(ctx, doc, d->id);
        put(ctx, &d->page, sizeof d->page);
        put(ctx, &d->y, sizeof d->y);
    }
    for (size_t i = 0; i < doc->n_bookmarks; i++) {
        const struct pg_bookmark *b = &doc->bookmarks[i];
        put_str(ctx, doc, b->title);
        put_str(ctx, doc, b->dest);
        put(ctx, &b->parent, sizeof b->parent);
    }
}

void pdf_content_digest(const struct pg_doc *doc, const struct pdf_meta *meta, const char *producer,
                        time_t date, unsigned char out[PDF_ID_LEN])
{
    id_input ctx;
    buf_init(&ctx);
    put_pages(&ctx, doc);
    put_drawings(&ctx, doc);
    put_navigation(&ctx, doc);
    put_str(&ctx, doc, doc->language);
    const char *fields[] = {meta->title,    meta->author,   meta->subject,
                            meta->keywords, meta->language, producer};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        put_cstr(&ctx, fields[i]);
    long long when = (long long)date;
    put(&ctx, &when, sizeof when);
    unsigned len = 0;
    if (!EVP_Digest(ctx.data, ctx.len, out, &len, EVP_md5(), NULL) || len != PDF_ID_LEN)
        memset(out, 0, PDF_ID_LEN); /* never happens with OpenSSL's built-in MD5 */
    buf_free(&ctx);
}

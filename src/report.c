/* report.c — --report: one JSON object per input (RFC 8259), assembled by main.c. */
#include "report.h"

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

void report_init(struct report *r, const char *input)
{
    memset(r, 0, sizeof *r);
    r->input = input;
    r->chapters = r->sections = r->subsections = r->notes = r->words = r->pages = -1;
}

void report_free(struct report *r)
{
    for (int i = 0; i < r->n_outputs; i++)
        free(r->outputs[i].path);
}

void report_stage(struct report *r, const char *name, double ms)
{
    if (r->n_stages < REPORT_MAX_STAGES) {
        r->stages[r->n_stages].name = name;
        r->stages[r->n_stages].ms = ms;
        r->n_stages++;
    }
}

void report_output(struct report *r, const char *path, const void *data, size_t len)
{
    if (r->n_outputs >= REPORT_MAX_OUTPUTS)
        return;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
    char *hex = r->outputs[r->n_outputs].sha256;
    for (unsigned int i = 0; i < n && i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    r->outputs[r->n_outputs].path = xstrdup(path);
    r->outputs[r->n_outputs].bytes = len;
    r->n_outputs++;
}

static long count(xmlXPathContextPtr xp, const char *expr)
{
    xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, xp);
    long n = o && o->type == XPATH_NUMBER ? (long)o->floatval : -1;
    xmlXPathFreeObject(o);
    return n;
}

/* Words: maximal runs of non-space characters in the text of front and body. */
static long count_words(xmlXPathContextPtr xp)
{
    xmlXPathObjectPtr o = xmlXPathEvalExpression(
        (const xmlChar *)"/tei:TEI/tei:text//text()", xp);
    long words = 0;
    for (int i = 0; o && o->nodesetval && i < o->nodesetval->nodeNr; i++) {
        const unsigned char *s = o->nodesetval->nodeTab[i]->content;
        int in_word = 0;
        for (; s && *s; s++) {
            int space = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r';
            words += !space && !in_word;
            in_word = !space;
        }
    }
    xmlXPathFreeObject(o);
    return words;
}

void report_count_tei(struct report *r, xmlDocPtr tei)
{
    xmlXPathContextPtr xp = xmlXPathNewContext(tei);
    xmlXPathRegisterNs(xp, (const xmlChar *)"tei", (const xmlChar *)"http://www.tei-c.org/ns/1.0");
    r->chapters = count(xp, "count(//tei:body//tei:div[@type='chapter'])");
    r->sections = count(xp, "count(//tei:body//tei:div[@type='section'])");
    r->subsections = count(xp, "count(//tei:body//tei:div[@type='subsection'])");
    r->notes = count(xp, "count(//tei:text//tei:note)");
    r->words = count_words(xp);
    xmlXPathFreeContext(xp);
}

void report_json_string(struct buf *out, const char *s)
{
    buf_putc(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if (*p == '"' || *p == '\\')
            buf_printf(out, "\\%c", *p);
        else if (*p < 0x20)
            buf_printf(out, "\\u%04x", *p);
        else
            buf_putc(out, (char)*p);
    }
    buf_putc(out, '"');
}

static void json_count(struct buf *out, const char *name, long n)
{
    buf_printf(out, "\"%s\": ", name);
    if (n < 0)
        buf_puts(out, "null");
    else
        buf_printf(out, "%ld", n);
}

static void json_messages(const struct diag *d, struct buf *out)
{
    buf_puts(out, "\"messages\": [");
    for (size_t i = 0; i < d->n_entries; i++) {
        const struct diag_entry *e = &d->entries[i];
        buf_printf(out, "%s\n   {\"severity\": \"%s\", \"file\": ", i ? "," : "",
                   e->level == DIAG_ERROR ? "error" : "warning");
        if (e->file)
            report_json_string(out, e->file);
        else
            buf_puts(out, "null");
        buf_printf(out, ", \"line\": %ld, \"column\": %ld, \"message\": ", e->line, e->col);
        report_json_string(out, e->message);
        buf_putc(out, '}');
    }
    buf_puts(out, "]");
}

void report_json(const struct report *r, const struct diag *d, struct buf *out)
{
    buf_puts(out, "  {\"input\": ");
    report_json_string(out, r->input);
    buf_printf(out, ", \"ok\": %s,\n   \"counts\": {", r->ok ? "true" : "false");
    json_count(out, "chapters", r->chapters);
    buf_puts(out, ", ");
    json_count(out, "sections", r->sections);
    buf_puts(out, ", ");
    json_count(out, "subsections", r->subsections);
    buf_puts(out, ", ");
    json_count(out, "notes", r->notes);
    buf_puts(out, ", ");
    json_count(out, "words", r->words);
    buf_puts(out, ", ");
    json_count(out, "pages", r->pages);
    buf_puts(out, "},\n   \"stages_ms\": {");
    for (int i = 0; i < r->n_stages; i++)
        buf_printf(out, "%s\"%s\": %.3f", i ? ", " : "", r->stages[i].name, r->stages[i].ms);
    buf_puts(out, "},\n   \"outputs\": [");
    for (int i = 0; i < r->n_outputs; i++) {
        buf_puts(out, i ? ",\n    {\"path\": " : "\n    {\"path\": ");
        report_json_string(out, r->outputs[i].path);
        buf_printf(out, ", \"bytes\": %zu, \"sha256\": \"%s\"}", r->outputs[i].bytes,
                   r->outputs[i].sha256);
    }
    buf_puts(out, "],\n   ");
    json_messages(d, out);
    buf_puts(out, "}");
}

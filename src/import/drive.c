/* drive.c — the import stage's one pass over the lines: decides for each line whether it is a
 * heading, running text, a note text at a page bottom, a fragment of a note, or a page number,
 * and hands it to scan.c's builders. Rules follow DESIGN.md "The source". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/scan.h"

enum after_notes { GO_BODY, GO_CONT, GO_FRAGMENT };

/* A note text without a separator line may interrupt a sentence only within this many lines
 * of its reference (about a page of the thesis): the page's notes follow its text. */
#define NOTE_REACH 40

/* How far to look ahead for a short run of lines (fragments are one or two lines). */
#define RUN_LOOKAHEAD 4

static const struct imp_line *line_at(const struct scan *sc, size_t i)
{
    return &sc->ls->v[i];
}

static int is_heading(const struct scan *sc, const struct imp_line *l)
{
    char num[32];
    size_t t;
    return imp_chapter_heading(sc, l) || imp_section_heading(sc, l, num, sizeof num, &t);
}

/* A line that begins something new: page start, separator, page number, heading or note. */
static int boundary(const struct scan *sc, const struct imp_line *l)
{
    size_t skip;
    return l->sep || imp_page_start(l) || imp_page_number(sc, l) || is_heading(sc, l) ||
           imp_note_start(sc, l, 0, &skip) >= 0;
}

/* Index of the first boundary after line i (at most RUN_LOOKAHEAD lines on). */
static size_t run_end(const struct scan *sc, size_t i)
{
    size_t j = i + 1;
    while (j < sc->ls->n && j - i < RUN_LOOKAHEAD && !boundary(sc, line_at(sc, j)))
        j++;
    return j;
}

/* The note a fragment belongs to: the last referenced note whose text has not been seen. */
static long fragment_target(const struct scan *sc)
{
    for (long k = (long)sc->n_notes - 1; k > sc->last_texted; k--)
        if (!sc->notes[k].has_text)
            return k;
    return -1;
}

/* Whether the lines [i, j) are a short run that ends where a page starts, reads like a
 * citation, and so is a piece of a note text stranded between pages. */
static int stranded_citation(const struct scan *sc, size_t i, size_t j)
{
    if (j - i > 2)
        return 0;
    if (j < sc->ls->n) {
        const struct imp_line *next = line_at(sc, j);
        if (!imp_page_start(next) && !is_heading(sc, next) && !imp_page_number(sc, next))
            return 0;
    }
    for (size_t k = i; k < j; k++)
        if (imp_citation_like(sc, line_at(sc, k)))
            return 1;
    return 0;
}

static void start_note(struct scan *sc, long k, const struct imp_line *l, size_t skip)
{
    sc->cur = k;
    sc->last_texted = k;
    imp_note_add(sc, k, l, skip);
}

/* Puts lines [i, j) into note k as a fragment (or continuation when it already has text). */
static void attach_run(struct scan *sc, long k, size_t *i, size_t j)
{
    if (!sc->notes[k].has_text)
        sc->notes[k].fragment = 1;
    for (size_t m = *i; m < j; m++)
        imp_note_add(sc, k, line_at(sc, m), 0);
    sc->cur = k;
    if (k > sc->last_texted)
        sc->last_texted = k;
    *i = j - 1;
}

/* At a page start after note lines: does the body resume, does the current note go on, or is
 * this a stranded piece of another note? A page start inside a note and one in the body look
 * alike, so the decision rests on what follows and on whether the note is complete. */
static enum after_notes after_notes(const struct scan *sc, size_t i, size_t *j)
{
    if (is_heading(sc, line_at(sc, i)))
        return GO_BODY;
    *j = run_end(sc, i);
    long cur = sc->cur >= 0 ? sc->cur : sc->last_texted;
    int complete = cur < 0 || imp_note_complete(&sc->notes[cur]);
    size_t skip;
    int next_notes = *j < sc->ls->n &&
                     (line_at(sc, *j)->sep || imp_note_start(sc, line_at(sc, *j), 0, &skip) >= 0);
    if (stranded_citation(sc, i, *j))
        return fragment_target(sc) >= 0 || !complete ? GO_FRAGMENT : GO_BODY;
    if (!complete && next_notes)
        return GO_CONT;
    return GO_BODY;
}

/* The note an unnumbered line below a separator continues: the last note when it was cut off,
 * else the earliest note still without text (as a fragment), else the last note. */
static long continuation_target(struct scan *sc)
{
    if (sc->last_texted >= 0 && !imp_note_complete(&sc->notes[sc->last_texted]))
        return sc->last_texted;
    for (long k = sc->last_texted + 1; k < (long)sc->n_notes; k++)
        if (!sc->notes[k].has_text) {
            sc->notes[k].fragment = 1;
            sc->last_texted = k;
            return k;
        }
    return sc->last_texted;
}

/* One line while in a note area. Returns 1 when the line was note text, 0 when the body
 * resumes with it. */
static int notes_step(struct scan *sc, size_t *i)
{
    const struct imp_line *l = line_at(sc, *i);
    size_t skip = 0, j = *i + 1;
    long k = imp_note_start(sc, l, 0, &skip);
    if (k >= 0) {
        start_note(sc, k, l, skip);
        return 1;
    }
    if (imp_page_start(l) || is_heading(sc, l)) {
        enum after_notes go = after_notes(sc, *i, &j);
        if (go == GO_BODY) {
            sc->st = ST_BODY;
            sc->cur = -1;
            return 0;
        }
        if (go == GO_FRAGMENT) {
            long t = fragment_target(sc);
            attach_run(sc, t >= 0 ? t : (sc->cur >= 0 ? sc->cur : sc->last_texted), i, j);
            return 1;
        }
    }
    long n = imp_note_number(sc, l, &skip);
    if (n > 0 && n == sc->last_n + 1 && sc->last_n > 0) {
        start_note(sc, imp_orphan_note(sc, n, l->no), l, skip);
        return 1;
    }
    long target = sc->cur >= 0 ? sc->cur : continuation_target(sc);
    if (target < 0) {
        sc->st = ST_BODY;
        return 0;
    }
    sc->cur = target;
    imp_note_add(sc, target, l, 0);
    return 1;
}

/* Whether a heading's next line continues it (a wrapped heading): short, not itself a
 * heading, and in the heading's style (all capitals, or capitalised words without a final
 * full stop). */
static int heading_goes_on(const struct scan *sc, const struct imp_line *first, size_t j)
{
    if (j >= sc->ls->n)
        return 0;
    const struct imp_line *l = line_at(sc, j);
    size_t skip;
    if (l->sep || imp_page_number(sc, l) || is_heading(sc, l) || imp_bullet(sc, l) ||
        imp_note_start(sc, l, 0, &skip) >= 0 || l->chars > sc->ls->width * 0.7)
        return 0;
    if (imp_all_caps(sc, first))
        return imp_all_caps(sc, l);
    const char *s = sc->ls->data + l->off;
    if (l->len == 0 || strchr(".,;:", s[l->len - 1]))
        return 0;
    size_t words = 0;
    for (size_t k = 0; k < l->len; k++) {
        if (k == 0 || s[k - 1] == ' ') {
            size_t e = k;
            while (e < l->len && s[e] != ' ')
                e++;
            unsigned cp;
            imp_utf8_next(s + k, l->len - k, &cp);
            if (e - k >= 4 && imp_case(cp) != 2)
                return 0;
            words++;
        }
    }
    return words <= 6;
}

/* Adds line *i as a head of the current div, with the lines that continue it when the head
 * may wrap (a title; not a one-word label such as "CHAPTER ONE"). Returns the
 * head's text (the caller frees it with xmlFree). */
static xmlChar *add_head(struct scan *sc, size_t *i, const char *type, int wraps)
{
    const struct imp_line *first = line_at(sc, *i);
    imp_open_block(sc, BLK_HEAD, type);
    imp_block_add(sc, first, 0);
    while (wraps && heading_goes_on(sc, first, *i + 1))
        imp_block_add(sc, line_at(sc, ++*i), 0);
    xmlNodePtr head = sc->block;
    imp_close_block(sc);
    return xmlNodeGetContent(head);
}

static void handle_chapter(struct scan *sc, size_t *i, int num)
{
    char id[32], n[16];
    sc->st = ST_BODY;
    sc->cur = -1;
    sc->chapters++;
    sc->chapter_no = num;
    sc->chapter_refs = 0;
    snprintf(id, sizeof id, "ch%u", sc->chapters);
    snprintf(n, sizeof n, "%d", num);
    imp_open_div(sc, sc->body, 0, "chapter", n, id, NULL);
    xmlFree(add_head(sc, i, "label", 0));
    size_t j = *i + 1;
    while (j < sc->ls->n && (line_at(sc, j)->sep || imp_page_number(sc, line_at(sc, j))))
        j++;
    if (j < sc->ls->n && !is_heading(sc, line_at(sc, j)) && !imp_bullet(sc, line_at(sc, j))) {
        *i = j;
        xmlFree(add_head(sc, i, NULL, 1));
    }
}

static void handle_section(struct scan *sc, size_t *i, int depth, const char *num)
{
    char id[48];
    sc->st = ST_BODY;
    sc->cur = -1;
    sc->sections++;
    snprintf(id, sizeof id, "s%.40s", num);
    imp_open_div(sc, sc->body, sc->chapters > 0 ? depth : depth - 1,
                 depth == 1 ? "section" : "subsection", num, id, NULL);
    xmlFree(add_head(sc, i, NULL, 1));
}

/* "ABSTRACT" / "ÖZET": a div in the front with the heading, the title lines in capitals after
 * it, and the paragraphs that follow. */
static void handle_abstract(struct scan *sc, size_t *i, const char *lang)
{
    char id[32];
    sc->st = ST_BODY;
    sc->abstracts++;
    if (!sc->front) {
        sc->front = xmlNewNode(sc->ns, (const xmlChar *)"front");
        xmlAddPrevSibling(sc->body, sc->front);
    }
    snprintf(id, sizeof id, "abstract-%s", lang);
    imp_open_div(sc, sc->front, 0, "abstract", NULL, id, lang);
    xmlFree(add_head(sc, i, NULL, 0));
    if (*i + 1 < sc->ls->n && imp_all_caps(sc, line_at(sc, *i + 1))) {
        ++*i;
        xmlChar *title = add_head(sc, i, "title", 1);
        char **slot = !strcmp(lang, "tr") ? &sc->title_tr : &sc->title_en;
        if (!*slot)
            *slot = xstrdup((const char *)title);
        xmlFree(title);
    }
    sc->has_tr |= !strcmp(lang, "tr");
}

/* Before the first chapter and after an abstract, a short line in capitals alone between
 * paragraphs ("ACKNOWLEDGEMENTS", "TABLE OF CONTENTS") heads another part of the front. */
static int front_heading(const struct scan *sc, const struct imp_line *l)
{
    char num[32];
    size_t t;
    if (sc->chapters > 0 || !sc->front || (sc->block && !sc->ended) || sc->st != ST_BODY ||
        l->chars > sc->ls->width * 0.5 || !imp_all_caps(sc, l) ||
        imp_section_heading(sc, l, num, sizeof num, &t))
        return 0;
    const char *s = sc->ls->data + l->off;
    for (size_t k = 0; k < l->len; k++)
        if (s[k] >= '0' && s[k] <= '9')
            return 0;
    return 1;
}

/* A part of the front other than an abstract: its div's type from its heading. */
static void handle_front_div(struct scan *sc, size_t *i)
{
    static const char *const TYPES[][2] = {{"ACKNOWLEDG", "acknowledgements"},
                                           {"CONTENTS", "contents"},
                                           {"PREFACE", "preface"},
                                           {"FOREWORD", "preface"},
                                           {"DEDICATION", "dedication"},
                                           {"ABBREVIATION", "abbreviations"},
                                           {"LIST OF", "list"}};
    const struct imp_line *l = line_at(sc, *i);
    const char *type = "frontmatter";
    for (size_t k = 0; k < sizeof TYPES / sizeof *TYPES; k++) {
        size_t n = strlen(TYPES[k][0]);
        for (size_t a = 0; a + n <= l->len; a++)
            if (!strncasecmp(sc->ls->data + l->off + a, TYPES[k][0], n)) {
                type = TYPES[k][1];
                break;
            }
        if (strcmp(type, "frontmatter"))
            break;
    }
    char id[48];
    snprintf(id, sizeof id, "front-%s", type);
    imp_open_div(sc, sc->front, 0, type, NULL, id, NULL);
    xmlFree(add_head(sc, i, NULL, 1));
}

/* After the chapters, "BIBLIOGRAPHY", "REFERENCES", "APPENDIX" (or "KAYNAKÇA", "EKLER") alone
 * on a line in capitals start the back matter: returns the div's type, or NULL. */
static const char *back_heading(const struct scan *sc, const struct imp_line *l)
{
    static const char *const NAMES[][2] = {{"BIBLIOGRAPHY", "bibliography"},
                                           {"REFERENCES", "bibliography"},
                                           {"WORKS CITED", "bibliography"},
                                           {"KAYNAK\xC3\x87"
                                            "A",
                                            "bibliography"},
                                           {"KAYNAKLAR", "bibliography"},
                                           {"APPENDIX", "appendix"},
                                           {"APPENDICES", "appendix"},
                                           {"EKLER", "appendix"}};
    if (sc->chapters == 0 ||
        (sc->block && !sc->ended && sc->kind != BLK_HEAD && sc->st != ST_NOTES) ||
        !imp_all_caps(sc, l))
        return NULL;
    const char *s = sc->ls->data + l->off;
    for (size_t k = 0; k < sizeof NAMES / sizeof *NAMES; k++) {
        size_t n = strlen(NAMES[k][0]);
        if (l->len >= n && !memcmp(s, NAMES[k][0], n) && (l->len == n || l->len <= n + 3))
            return NAMES[k][1];
    }
    return NULL;
}

/* A div of the back matter (TEI P5 §4.7), after the body. */
static void handle_back_div(struct scan *sc, size_t *i, const char *type)
{
    char id[48];
    sc->st = ST_BODY;
    sc->cur = -1;
    if (!sc->back) {
        sc->back = xmlNewNode(sc->ns, (const xmlChar *)"back");
        xmlAddNextSibling(sc->body, sc->back);
    }
    snprintf(id, sizeof id, "back-%s", type);
    imp_open_div(sc, sc->back, 0, type, NULL, id, NULL);
    xmlFree(add_head(sc, i, NULL, 1));
}

/* A block quotation starts at line i when the lines up to the quotation's end are clearly
 * longer than the text's (smaller type, DESIGN "The source"); sets sc->quote_width. */
static int quote_ahead(struct scan *sc, size_t i)
{
    unsigned w[32];
    size_t k = 0;
    for (size_t j = i; j < sc->ls->n && k < 32; j++) {
        const struct imp_line *l = line_at(sc, j);
        size_t skip;
        if (l->sep || is_heading(sc, l) || imp_note_start(sc, l, 0, &skip) >= 0)
            break;
        int last =
            (sc->ls->trailing_blank && l->trail >= 2) || l->chars < 0.9 * line_at(sc, i)->chars;
        if (last)
            break;
        w[k++] = l->chars;
    }
    if (k == 0)
        return 0;
    for (size_t a = 1; a < k; a++)
        for (size_t b = a; b > 0 && w[b - 1] > w[b]; b--) {
            unsigned t = w[b];
            w[b] = w[b - 1];
            w[b - 1] = t;
        }
    if (w[k / 2] < sc->ls->width * 1.06)
        return 0;
    sc->quote_width = w[k / 2];
    return 1;
}

static void body_line(struct scan *sc, const struct imp_line *l, size_t skip)
{
    imp_block_add(sc, l, skip);
    sc->block_lines++;
    sc->ended = imp_line_ends_block(sc, l);
}

/* One line of running text: a note text without separator, a stranded note piece, a section
 * heading, a bullet item, or a line of a paragraph or quotation. */
static void body_step(struct scan *sc, size_t *i)
{
    const struct imp_line *l = line_at(sc, *i);
    size_t skip = 0;
    char num[32];
    if (sc->ls->indent_starts_paragraph && l->indent > 0 && l->blank_before && !l->ff)
        sc->ended = 1;
    long k = imp_note_start(sc, l, 1, &skip);
    if (k >= 0 && (!sc->block || sc->ended || sc->kind == BLK_HEAD ||
                   *i - sc->notes[k].ref_index <= NOTE_REACH)) {
        sc->st = ST_NOTES;
        start_note(sc, k, l, skip);
        return;
    }
    size_t j = run_end(sc, *i);
    if (imp_page_start(l) && sc->block && !sc->ended && stranded_citation(sc, *i, j) &&
        fragment_target(sc) >= 0) {
        attach_run(sc, fragment_target(sc), i, j);
        return;
    }
    int depth = imp_section_heading(sc, l, num, sizeof num, &skip);
    if (depth) {
        handle_section(sc, i, depth, num);
        return;
    }
    size_t b = imp_bullet(sc, l);
    if (b) {
        const char *s = sc->ls->data + l->off;
        while (b < l->len && (s[b] == ' ' || s[b] == '\t'))
            b++;
        imp_open_block(sc, BLK_ITEM, NULL);
        body_line(sc, l, b);
        return;
    }
    if (!sc->block || sc->ended || sc->kind == BLK_HEAD) {
        int quote = sc->kind == BLK_PARA && sc->last_char == ':' && quote_ahead(sc, *i);
        imp_open_block(sc, quote ? BLK_QUOTE : BLK_PARA, NULL);
    }
    body_line(sc, l, 0);
}

static void step(struct scan *sc, size_t *i)
{
    const struct imp_line *l = line_at(sc, *i);
    sc->at = *i;
    if (l->sep) {
        sc->st = ST_NOTES;
        sc->cur = -1;
        return;
    }
    if (imp_page_number(sc, l))
        return;
    int ch = imp_chapter_heading(sc, l);
    if (ch) {
        handle_chapter(sc, i, ch);
        return;
    }
    const char *lang = sc->chapters == 0 ? imp_abstract_heading(sc, l) : NULL;
    if (lang) {
        handle_abstract(sc, i, lang);
        return;
    }
    if (front_heading(sc, l)) {
        handle_front_div(sc, i);
        return;
    }
    const char *back = back_heading(sc, l);
    if (back) {
        handle_back_div(sc, i, back);
        return;
    }
    if (sc->st == ST_NOTES && notes_step(sc, i))
        return;
    body_step(sc, i);
}

static void scan_init(struct scan *sc, const struct imp_lines *ls, const char *name, struct diag *d)
{
    memset(sc, 0, sizeof *sc);
    sc->ls = ls;
    sc->name = name;
    sc->d = d;
    sc->depth = -1;
    sc->last_texted = -1;
    sc->cur = -1;
    buf_init(&sc->pend);
    sc->ids = xmlHashCreate(256);
    sc->doc = xmlNewDoc((const xmlChar *)"1.0");
    sc->root = xmlNewNode(NULL, (const xmlChar *)"TEI");
    xmlDocSetRootElement(sc->doc, sc->root);
    sc->ns = xmlNewNs(sc->root, (const xmlChar *)IMP_TEI_NS, NULL);
    xmlSetNs(sc->root, sc->ns);
    xmlNodeSetLang(sc->root, (const xmlChar *)"en");
    sc->xml_ns = xmlSearchNs(sc->doc, sc->root, (const xmlChar *)"xml");
    sc->text = xmlNewChild(sc->root, sc->ns, (const xmlChar *)"text", NULL);
    sc->body = xmlNewChild(sc->text, sc->ns, (const xmlChar *)"body", NULL);
}

static void scan_free(struct scan *sc)
{
    for (size_t k = 0; k < sc->n_notes; k++)
        buf_free(&sc->notes[k].text);
    free(sc->notes);
    buf_free(&sc->pend);
    xmlHashFree(sc->ids, NULL);
    free(sc->title_en);
    free(sc->title_tr);
}

xmlDocPtr imp_scan(const struct imp_lines *ls, const char *name, struct diag *d)
{
    struct scan sc;
    xmlDocPtr doc = NULL;
    scan_init(&sc, ls, name, d);
    if (ls->n == 0) {
        diag_report(d, DIAG_ERROR, name, 0, 0, "no text: the input holds only white space");
        goto done;
    }
    for (size_t i = 0; i < ls->n; i++)
        step(&sc, &i);
    imp_close_block(&sc);
    if (imp_finish(&sc) != 0)
        goto done;
    doc = sc.doc;
    sc.doc = NULL;
done:
    xmlFreeDoc(sc.doc);
    scan_free(&sc);
    return doc;
}

/* fo.c — the typesetter's entry point: FO tree → galleys → pages (pg_doc), with
 * page-number-citations resolved by laying out again until the page numbers are stable
 * (at most FO_PASSES passes; after the first, only the page-sequences that cite are laid out
 * again and spliced in, splice.c), bookmarks from fo:bookmark-tree, and the page map. */
#include "fo/fo.h"

#include <stdlib.h>
#include <string.h>

#include "fo/layout.h"
#include "fo/marks.h"

#define FO_PASSES 4

const char *lay_cite(struct lay *L, const char *id)
{
    if (!id)
        return "?";
    LAY_PUSH(L->cited, L->n_cited, L->cap_cited, id);
    const char *label = L->cites ? xmlHashLookup(L->cites, (const xmlChar *)id) : NULL;
    return label ? label : "00";
}

const char *lay_cite_last(struct lay *L, const char *id)
{
    if (!id)
        return "?";
    LAY_PUSH(L->cited_last, L->n_cited_last, L->cap_cited_last, id);
    const char *label = L->cites_last ? xmlHashLookup(L->cites_last, (const xmlChar *)id) : NULL;
    return label ? label : lay_cite(L, id);
}

static void *copy_label(void *payload, const xmlChar *name)
{
    (void)name;
    return xstrdup(payload);
}

void lay_free_label(void *payload, const xmlChar *name)
{
    (void)name;
    free(payload);
}

/* id → page label of its first area in doc. Free with xmlHashFree(h, lay_free_label). */
static xmlHashTablePtr labels_of(const struct pg_doc *doc)
{
    xmlHashTablePtr h = xmlHashCreate(256);
    struct buf id;
    buf_init(&id);
    for (size_t i = 0; i < doc->n_dests; i++) {
        const struct pg_dest *d = &doc->dests[i];
        buf_truncate(&id, 0);
        buf_put(&id, pg_text(doc, d->id), d->id.len);
        if (xmlHashLookup(h, (const xmlChar *)id.data))
            continue;
        const struct pg_page *pg = &doc->pages[d->page];
        char *label = xmalloc(pg->label.len + 1);
        memcpy(label, pg_text(doc, pg->label), pg->label.len);
        label[pg->label.len] = '\0';
        xmlHashAddEntry(h, (const xmlChar *)id.data, label);
    }
    buf_free(&id);
    return h;
}

/* Did every citation of the pass get the label its id has now? */
static int citations_stable(struct lay *L, xmlHashTablePtr now)
{
    int stable = 1;
    for (size_t i = 0; i < L->n_cited; i++) {
        const char *id = L->cited[i];
        const char *was = L->cites ? xmlHashLookup(L->cites, (const xmlChar *)id) : NULL;
        const char *is = xmlHashLookup(now, (const xmlChar *)id);
        if (!is) {
            char msg[300];
            snprintf(msg, sizeof msg, "page-number-citation: no object with id '%.200s'", id);
            fo_tree_warn_once(L->t, 0, msg, msg);
            continue;
        }
        if (!was || strcmp(was, is))
            stable = 0;
    }
    for (size_t i = 0; i < L->n_cited_last; i++) {
        const char *id = L->cited_last[i];
        const char *was = L->cites_last ? xmlHashLookup(L->cites_last, (const xmlChar *)id) : NULL;
        const char *is = xmlHashLookup(L->ends, (const xmlChar *)id);
        if (is && (!was || strcmp(was, is)))
            stable = 0;
    }
    return stable;
}

static void lay_free(struct lay *L)
{
    buf_free(&L->text);
    free(L->ops);
    free(L->noterefs);
    free(L->notes);
    free(L->note_items);
    free(L->dests);
    free(L->marks);
    free(L->tables);
    free(L->head_items);
    free(L->g_first);
    free(L->g_pending);
    free(L->cited);
    free(L->cited_last);
    if (L->ends)
        xmlHashFree(L->ends, lay_free_label);
    lay_scratch_free(L);
}

/* What a page-sequence's layout depends on from the sequences before it, and leaves to the
 * ones after it: the next page number and the page map's text stream position. */
struct seq_state {
    int next_number;
    long g;
    int g_space;
};

/* One page-sequence as a pass laid it out: its pages [p0, p1), the state it started from and
 * ended with, and whether it cited page numbers (so a later pass must lay it out again). */
struct seq_rec {
    int node, index;
    int p0, p1;
    struct seq_state in, out;
    int cites;
};

static struct seq_state state_of(const struct lay *L)
{
    struct seq_state st = {L->next_number, L->g, L->g_space};
    return st;
}

static int same_state(struct seq_state a, struct seq_state b)
{
    return a.next_number == b.next_number && a.g == b.g && a.g_space == b.g_space;
}

static void lay_start(struct lay *L, struct fo_tree *t, struct lay_env *env,
                      xmlHashTablePtr cites, xmlHashTablePtr cites_last,
                      struct lay_breaks *breaks, struct diag *d)
{
    memset(L, 0, sizeof *L);
    L->cites_last = cites_last;
    L->breaks = breaks;
    L->t = t;
    L->d = d;
    L->env = env;
    L->cites = cites;
    L->next_number = 1;
    L->g_space = 1;
    buf_init(&L->text);
    L->g_first = xmalloc((t->n_nodes + 1) * sizeof *L->g_first);
    for (size_t i = 0; i <= t->n_nodes; i++)
        L->g_first[i] = -1;
    L->g_pending = xmalloc((FO_MAX_DEPTH + 8) * sizeof *L->g_pending);
}

/* One layout of the whole document with the citation labels of the previous pass; records
 * each page-sequence in *recs (caller frees). */
static struct pg_doc *one_pass(struct fo_tree *t, struct lay_env *env, xmlHashTablePtr *cites,
                               struct lay_breaks *breaks, struct diag *d, int *stable,
                               xmlHashTablePtr *labels, struct seq_rec **recs, size_t *n_recs)
{
    struct lay L;
    lay_start(&L, t, env, cites[0], cites[1], breaks, d);
    L.ends = xmlHashCreate(256);
    L.doc = pg_new();
    lay_env_begin(env);
    struct fo_style root;
    fo_tree_style(t, t->root, NULL, NULL, &root);
    if (root.language)
        L.doc->language = pg_intern(L.doc, root.language, strlen(root.language));
    int seq = 0;
    size_t cap = 0;
    *n_recs = 0;
    for (int c = t->nodes[t->root].first; c >= 0; c = t->nodes[c].next) {
        if (t->nodes[c].type != FO_E_PAGE_SEQUENCE)
            continue;
        struct seq_rec r = {c, seq, (int)L.doc->n_pages, 0, state_of(&L), {0, 0, 0}, 0};
        size_t cited = L.n_cited;
        lay_page_sequence(&L, c, &root, seq++);
        r.p1 = (int)L.doc->n_pages;
        r.out = state_of(&L);
        r.cites = L.n_cited > cited;
        LAY_PUSH(*recs, *n_recs, cap, r);
    }
    labels[0] = labels_of(L.doc);
    *stable = citations_stable(&L, labels[0]);
    labels[1] = L.ends;
    L.ends = NULL;
    struct pg_doc *doc = L.doc;
    lay_free(&L);
    return doc;
}

/* A later pass that lays out again only the page-sequences that cite page numbers, each on
 * its own from the state it had, and splices their pages into doc in place of the old ones
 * (linear in those sequences, not in the book). Returns 0, or -1 when a sequence comes out
 * with another page count or end state (then the caller lays out everything again; doc may
 * then hold some new sequences already). */
static int cited_pass(struct fo_tree *t, struct lay_env *env, xmlHashTablePtr *cites,
                      struct lay_breaks *breaks, struct diag *d, struct pg_doc *doc,
                      const struct seq_rec *recs, size_t n_recs, int *stable,
                      xmlHashTablePtr *labels)
{
    int status = -1;
    struct lay L;
    lay_start(&L, t, env, cites[0], cites[1], breaks, d);
    /* last areas outside the sequences laid out again stay where they were */
    L.ends = cites[1] ? xmlHashCopy(cites[1], copy_label) : xmlHashCreate(256);
    struct fo_style root;
    fo_tree_style(t, t->root, NULL, NULL, &root);
    for (size_t i = 0; i < n_recs; i++) {
        const struct seq_rec *r = &recs[i];
        if (!r->cites)
            continue;
        L.doc = pg_new();
        L.page_base = r->p0;
        L.next_number = r->in.next_number;
        L.g = r->in.g;
        L.g_space = r->in.g_space;
        lay_page_sequence(&L, r->node, &root, r->index);
        int ok = same_state(state_of(&L), r->out) && lay_splice(doc, L.doc, r->p0, r->p1) == 0;
        pg_free(L.doc);
        L.doc = NULL;
        if (!ok)
            goto cleanup;
    }
    labels[0] = labels_of(doc);
    *stable = citations_stable(&L, labels[0]);
    labels[1] = L.ends;
    L.ends = NULL;
    status = 0;
cleanup:
    lay_free(&L);
    return status;
}

/* Gathers the text of a bookmark-title, white space collapsed. */
static void title_text(const struct fo_tree *t, int node, struct buf *b)
{
    for (int c = t->nodes[node].first; c >= 0; c = t->nodes[c].next) {
        if (t->nodes[c].type != FO_E_TEXT)
            continue;
        const char *s = fo_tree_str(t, t->nodes[c].text);
        for (size_t i = 0; i < t->nodes[c].text_len; i++) {
            char ch = s[i];
            int space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
            if (space) {
                if (b->len && b->data[b->len - 1] != ' ')
                    buf_putc(b, ' ');
            } else {
                buf_putc(b, ch);
            }
        }
    }
    while (b->len && b->data[b->len - 1] == ' ')
        buf_truncate(b, b->len - 1);
}

/* fo:bookmark-tree → pg_bookmark in document order with parents (XSL-FO 1.1 §6.11).
 * Nesting follows the tree, whose depth is capped. */
static void bookmarks(const struct fo_tree *t, int node, int parent, struct pg_doc *doc)
{
    for (int c = t->nodes[node].first; c >= 0; c = t->nodes[c].next) {
        if (t->nodes[c].type != FO_E_BOOKMARK)
            continue;
        struct buf title;
        buf_init(&title);
        for (int k = t->nodes[c].first; k >= 0; k = t->nodes[k].next)
            if (t->nodes[k].type == FO_E_BOOKMARK_TITLE)
                title_text(t, k, &title);
        const char *dest = fo_tree_spec(t, c, FO_P_INTERNAL_DESTINATION);
        const char *state = fo_tree_spec(t, c, FO_P_STARTING_STATE);
        struct pg_bookmark bm = {0};
        bm.title = pg_intern(doc, title.data ? title.data : "", title.len);
        bm.dest = pg_intern(doc, dest ? dest : "", dest ? strlen(dest) : 0);
        bm.parent = parent;
        bm.open = !state || strcmp(state, "hide") != 0;
        int me = (int)PG_PUSH(doc, bookmarks, bm);
        buf_free(&title);
        bookmarks(t, c, me, doc);
    }
}

/* Gives back the growth slack of the page arrays: a 10 000-page book keeps only what it uses
 * while the PDF is written. */
static void shrink(void **array, size_t *cap, size_t n, size_t elem)
{
    if (n == 0 || n == *cap)
        return;
    *array = xrealloc(*array, n * elem);
    *cap = n;
}

static void shrink_doc(struct pg_doc *doc)
{
    if (doc->pool)
        shrink((void **)&doc->pool, &doc->pool_cap, doc->pool_len + 1, 1);
    shrink((void **)&doc->runs, &doc->cap_runs, doc->n_runs, sizeof *doc->runs);
    shrink((void **)&doc->rules, &doc->cap_rules, doc->n_rules, sizeof *doc->rules);
    shrink((void **)&doc->fills, &doc->cap_fills, doc->n_fills, sizeof *doc->fills);
    shrink((void **)&doc->links, &doc->cap_links, doc->n_links, sizeof *doc->links);
    shrink((void **)&doc->dests, &doc->cap_dests, doc->n_dests, sizeof *doc->dests);
    shrink((void **)&doc->pages, &doc->cap_pages, doc->n_pages, sizeof *doc->pages);
}

struct pg_doc *fo_typeset(xmlDocPtr fo, const struct fo_options *opt, struct diag *d)
{
    struct pg_doc *doc = NULL;
    xmlHashTablePtr cites[2] = {NULL, NULL}; /* labels of the previous pass: first, last */
    struct lay_env *env = NULL;
    struct lay_breaks breaks = {NULL, 0};
    struct seq_rec *recs = NULL;
    size_t n_recs = 0;
    struct fo_tree *t = fo_tree_build(fo, opt && opt->name ? opt->name : "FO", d);
    if (!t)
        goto cleanup;
    breaks.n = t->n_nodes;
    breaks.e = xcalloc(t->n_nodes + 1, sizeof *breaks.e);
    env = lay_env_open(opt, d);
    if (!env)
        goto cleanup;
    for (int pass = 0; pass < FO_PASSES; pass++) {
        int stable = 0;
        xmlHashTablePtr labels[2] = {NULL, NULL}; /* first areas, last areas */
        if (!doc || cited_pass(t, env, cites, &breaks, d, doc, recs, n_recs, &stable,
                               labels) != 0) {
            pg_free(doc);
            free(recs);
            recs = NULL;
            doc = one_pass(t, env, cites, &breaks, d, &stable, labels, &recs, &n_recs);
        }
        for (int k = 0; k < 2; k++) {
            if (cites[k])
                xmlHashFree(cites[k], lay_free_label);
            cites[k] = labels[k];
        }
        if (stable)
            break;
    }
    for (int c = t->nodes[t->root].first; c >= 0; c = t->nodes[c].next)
        if (t->nodes[c].type == FO_E_BOOKMARK_TREE)
            bookmarks(t, c, -1, doc);
    if (marks_present(doc)) /* with the faces the pages were set with, not a reload */
        marks_place(doc, lay_env_fonts(env));
    shrink_doc(doc);
cleanup:
    for (size_t i = 0; i < breaks.n; i++) {
        free(breaks.e[i].breaks);
        free(breaks.e[i].ratios);
    }
    free(breaks.e);
    free(recs);
    for (int k = 0; k < 2; k++)
        if (cites[k])
            xmlHashFree(cites[k], lay_free_label);
    lay_env_close(env);
    fo_tree_free(t);
    return doc;
}

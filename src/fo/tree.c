/* tree.c — reads an XSL-FO xmlDoc into the flat FO tree (first step of the typesetter):
 * elements of the subset become nodes, attributes become specified properties (shorthands
 * expanded, XSL-FO 1.1 §7.31), unsupported names are reported once. The walk is iterative
 * and nesting deeper than FO_MAX_DEPTH is flattened, so no input can overflow the stack. */
#include "fo/tree.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define FO_NS "http://www.w3.org/1999/XSL/Format"

static const char *const elem_names[FO_E__MAX] = {
    "#text", "root", "declarations", "layout-master-set", "simple-page-master", "region-body",
    "region-before", "region-after", "region-start", "region-end", "page-sequence-master",
    "single-page-master-reference", "repeatable-page-master-reference",
    "repeatable-page-master-alternatives", "conditional-page-master-reference",
    "page-sequence", "title", "static-content", "flow", "block", "block-container", "inline",
    "wrapper", "basic-link", "page-number", "page-number-citation",
    "page-number-citation-last", "leader", "character", "footnote", "footnote-body",
    "list-block", "list-item", "list-item-label", "list-item-body", "table-and-caption",
    "table-caption", "table", "table-column", "table-header", "table-footer", "table-body",
    "table-row", "table-cell", "marker", "retrieve-marker", "bookmark-tree", "bookmark",
    "bookmark-title", "(other)"};
_Static_assert(sizeof elem_names / sizeof *elem_names == FO_E__MAX, "one name per element");

const char *fo_elem_name(int type)
{
    return type >= 0 && type < FO_E__MAX ? elem_names[type] : "?";
}

const char *fo_tree_str(const struct fo_tree *t, size_t off)
{
    return t->pool + off;
}

static size_t pool_add(struct fo_tree *t, const char *s, size_t n)
{
    if (t->pool_len + n + 1 > t->pool_cap) {
        size_t cap = t->pool_cap ? t->pool_cap + t->pool_cap / 2 : 4096;
        if (cap < t->pool_len + n + 1)
            cap = t->pool_len + n + 1;
        t->pool = xrealloc(t->pool, cap);
        t->pool_cap = cap;
    }
    size_t off = t->pool_len;
    memcpy(t->pool + off, s, n);
    t->pool[off + n] = '\0';
    t->pool_len += n + 1;
    return off;
}

void fo_tree_warn_once(struct fo_tree *t, long line, const char *key, const char *msg)
{
    if (xmlHashLookup(t->warned, (const xmlChar *)key))
        return;
    xmlHashAddEntry(t->warned, (const xmlChar *)key, (void *)1);
    diag_report(t->diag, DIAG_WARNING, t->name, line, 0, "%s", msg);
}

static void warn_name(struct fo_tree *t, long line, const char *kind, const char *name)
{
    char key[160], msg[240];
    snprintf(key, sizeof key, "%s %s", kind, name);
    snprintf(msg, sizeof msg, "unsupported %s '%s' ignored (not in folio's XSL-FO subset)",
             kind, name);
    fo_tree_warn_once(t, line, key, msg);
}

static int add_node(struct fo_tree *t, int type, int parent, long line)
{
    if (t->n_nodes == t->cap_nodes) {
        t->cap_nodes = t->cap_nodes ? t->cap_nodes + t->cap_nodes / 2 : 256;
        t->nodes = xrealloc(t->nodes, t->cap_nodes * sizeof *t->nodes);
    }
    int i = (int)t->n_nodes++;
    struct fo_node *n = &t->nodes[i];
    memset(n, 0, sizeof *n);
    n->type = type;
    n->parent = parent;
    n->first = n->last = n->next = -1;
    n->spec = (int)t->n_specs;
    n->line = line;
    if (parent >= 0) {
        struct fo_node *p = &t->nodes[parent];
        if (p->last >= 0)
            t->nodes[p->last].next = i;
        else
            p->first = i;
        p->last = i;
    }
    return i;
}

static void add_spec(struct fo_tree *t, int node, int prop, int component, int shorthand,
                     const char *value, size_t n)
{
    if (t->n_specs == t->cap_specs) {
        t->cap_specs = t->cap_specs ? t->cap_specs + t->cap_specs / 2 : 256;
        t->specs = xrealloc(t->specs, t->cap_specs * sizeof *t->specs);
    }
    struct fo_spec *s = &t->specs[t->n_specs++];
    s->prop = prop;
    s->component = component;
    s->shorthand = shorthand;
    s->value = pool_add(t, value, n);
    t->nodes[node].n_spec++;
}

/* Splits a shorthand value into up to 4 space-separated tokens (parentheses kept whole). */
static int split_tokens(const char *v, const char *tok[4], size_t len[4])
{
    int n = 0;
    while (*v && n < 4) {
        while (isspace((unsigned char)*v))
            v++;
        if (!*v)
            break;
        const char *s = v;
        int depth = 0;
        while (*v && (depth > 0 || !isspace((unsigned char)*v))) {
            depth += *v == '(' ? 1 : *v == ')' ? -1 : 0;
            v++;
        }
        tok[n] = s;
        len[n++] = (size_t)(v - s);
    }
    return n;
}

/* margin / padding / border-width|style|color: 1-4 values, top right bottom left (CSS order). */
static void expand_four(struct fo_tree *t, int node, int first_prop, const char *v, int prio)
{
    const char *tok[4];
    size_t len[4];
    int n = split_tokens(v, tok, len);
    if (n == 0)
        return;
    /* our side order is top, bottom, left, right */
    int pick[4][4] = {{0, 0, 0, 0}, {0, 0, 1, 1}, {0, 2, 1, 1}, {0, 2, 3, 1}};
    for (int side = 0; side < 4; side++) {
        int k = pick[n - 1][side];
        add_spec(t, node, first_prop + side, 0, prio, tok[k], len[k]);
    }
}

static int is_border_style(const char *s, size_t n)
{
    static const char *const w[] = {"none", "solid", "dotted", "dashed", "hidden", "double",
                                    "groove", "ridge", "inset", "outset"};
    for (size_t i = 0; i < sizeof w / sizeof *w; i++)
        if (strlen(w[i]) == n && !strncmp(s, w[i], n))
            return 1;
    return 0;
}

static int is_color_token(const char *s, size_t n)
{
    char tmp[64];
    if (n >= sizeof tmp)
        return 0;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    return fo_parse_color(tmp) != FO_NO_COLOR;
}

/* border, border-top…: width, style and colour in any order (XSL-FO 1.1 §7.31.3). */
static void expand_border(struct fo_tree *t, int node, int side_first, int side_last,
                          const char *v, int prio)
{
    const char *tok[4];
    size_t len[4];
    int n = split_tokens(v, tok, len);
    for (int i = 0; i < n; i++) {
        int base = is_border_style(tok[i], len[i]) ? FO_P_BORDER_TOP_STYLE
                   : is_color_token(tok[i], len[i]) ? FO_P_BORDER_TOP_COLOR
                                                    : FO_P_BORDER_TOP_WIDTH;
        for (int side = side_first; side <= side_last; side++)
            add_spec(t, node, base + side, 0, prio, tok[i], len[i]);
    }
}

static int side_of(const char *s)
{
    static const char *const names[] = {"top", "bottom", "left", "right",
                                        "before", "after", "start", "end"};
    for (int i = 0; i < 8; i++)
        if (!strcmp(s, names[i]))
            return i % 4;
    return -1;
}

/* Shorthands of the subset; returns 1 if name was one. */
static int expand_shorthand(struct fo_tree *t, int node, const char *name, const char *v)
{
    if (!strcmp(name, "margin")) {
        expand_four(t, node, FO_P_MARGIN_TOP, v, 2);
        return 1;
    }
    if (!strcmp(name, "padding")) {
        expand_four(t, node, FO_P_PADDING_TOP, v, 2);
        return 1;
    }
    if (!strcmp(name, "border")) {
        expand_border(t, node, 0, 3, v, 3);
        return 1;
    }
    if (!strcmp(name, "border-width") || !strcmp(name, "border-style") ||
        !strcmp(name, "border-color")) {
        int base = name[7] == 'w' ? FO_P_BORDER_TOP_WIDTH
                   : name[7] == 's' ? FO_P_BORDER_TOP_STYLE : FO_P_BORDER_TOP_COLOR;
        expand_four(t, node, base, v, 2);
        return 1;
    }
    if (!strncmp(name, "border-", 7) && side_of(name + 7) >= 0) {
        int side = side_of(name + 7);
        expand_border(t, node, side, side, v, 1);
        return 1;
    }
    return 0;
}

/* Property names already looked up while reading one document, by libxml2's name pointer
 * (names are interned in the document's dictionary, so one file has a few dozen): a
 * document's five thousand attributes need not each search the property table. */
#define NAME_MEMO 128
struct name_memo {
    const xmlChar *name[NAME_MEMO];
    int prop[NAME_MEMO], component[NAME_MEMO];
};

/* fo_prop_lookup(name), remembered by pointer while the document lives. */
static int lookup_prop(struct name_memo *m, const xmlChar *name, int *component)
{
    size_t h = ((uintptr_t)name >> 4) % NAME_MEMO;
    for (size_t k = 0; k < NAME_MEMO; k++, h = (h + 1) % NAME_MEMO) {
        if (m->name[h] == name) {
            *component = m->component[h];
            return m->prop[h];
        }
        if (!m->name[h]) {
            m->name[h] = name;
            m->prop[h] = fo_prop_lookup((const char *)name, &m->component[h]);
            *component = m->component[h];
            return m->prop[h];
        }
    }
    return fo_prop_lookup((const char *)name, component); /* full: no memo */
}

static void add_attribute(struct fo_tree *t, struct name_memo *memo, int node, xmlAttrPtr a)
{
    /* a value of one text node is read in place (what xmlNodeListGetString would copy) */
    int plain = a->children && !a->children->next && a->children->type == XML_TEXT_NODE &&
                a->children->content;
    xmlChar *value = plain ? NULL : xmlNodeListGetString(a->doc, a->children, 1);
    const char *v = plain ? (const char *)a->children->content
                          : value ? (const char *)value : "";
    const char *name = (const char *)a->name;
    long line = t->nodes[node].line;
    char full[128];
    if (a->ns && a->ns->prefix && !strcmp((const char *)a->ns->prefix, "xml")) {
        if (!strcmp(name, "lang"))
            add_spec(t, node, FO_P_XML_LANG, 0, 0, v, strlen(v));
        goto done;
    }
    if (a->ns) {
        snprintf(full, sizeof full, "%s:%s",
                 a->ns->prefix ? (const char *)a->ns->prefix : "", name);
        warn_name(t, line, "property", full);
        goto done;
    }
    int component;
    int prop = lookup_prop(memo, a->name, &component);
    if (prop >= 0)
        add_spec(t, node, prop, component, 0, v, strlen(v));
    else if (!expand_shorthand(t, node, name, v))
        warn_name(t, line, "property", name);
done:
    xmlFree(value);
}

static int elem_type(const char *name)
{
    for (int i = 1; i < FO_E_OTHER; i++)
        if (elem_names[i][0] == name[0] && !strcmp(elem_names[i], name))
            return i;
    return FO_E_OTHER;
}

/* Text is kept where it can be formatted: inside blocks, inlines and titles. */
static int holds_text(int type)
{
    switch (type) {
    case FO_E_BLOCK: case FO_E_INLINE: case FO_E_WRAPPER: case FO_E_BASIC_LINK:
    case FO_E_LEADER: case FO_E_BOOKMARK_TITLE: case FO_E_TITLE: case FO_E_MARKER:
    case FO_E_OTHER:
        return 1;
    default:
        return 0;
    }
}

static void add_text(struct fo_tree *t, int parent, xmlNodePtr x)
{
    const char *s = (const char *)x->content;
    if (!s || !*s || parent < 0 || !holds_text(t->nodes[parent].type))
        return;
    int i = add_node(t, FO_E_TEXT, parent, (long)xmlGetLineNo(x));
    size_t n = strlen(s);
    t->nodes[i].text = pool_add(t, s, n);
    t->nodes[i].text_len = n;
}

/* One element: a node (or nothing, when flattened or foreign). Returns the node to attach
 * the element's children to, or -2 to skip its subtree. */
static int add_element(struct fo_tree *t, struct name_memo *memo, int parent, int depth,
                       xmlNodePtr x)
{
    long line = (long)xmlGetLineNo(x);
    if (!x->ns || strcmp((const char *)x->ns->href, FO_NS)) {
        warn_name(t, line, "element", (const char *)x->name);
        return -2;
    }
    if (depth > FO_MAX_DEPTH) {
        fo_tree_warn_once(t, line, "depth", "formatting objects nested too deep: flattened");
        return parent;
    }
    int type = elem_type((const char *)x->name);
    if (type == FO_E_OTHER)
        warn_name(t, line, "element", (const char *)x->name);
    int node = add_node(t, type, parent, line);
    for (xmlAttrPtr a = x->properties; a; a = a->next)
        add_attribute(t, memo, node, a);
    const char *id = fo_tree_spec(t, node, FO_P_ID);
    if (id && *id && !xmlHashLookup(t->ids, (const xmlChar *)id))
        xmlHashAddEntry(t->ids, (const xmlChar *)id, (void *)(intptr_t)(node + 1));
    return node;
}

/* Walks the XML tree without recursion (STYLE lesson 1): stack[d] is the FO node that the
 * children of the element at XML depth d attach to. */
static void walk(struct fo_tree *t, struct name_memo *memo, xmlNodePtr root)
{
    size_t cap = 64, depth = 0;
    int *stack = xmalloc(cap * sizeof *stack);
    int *fodepth = xmalloc(cap * sizeof *fodepth);
    stack[0] = -1;
    fodepth[0] = 0;
    xmlNodePtr x = root;
    while (x) {
        int descend = 0;
        if (x->type == XML_ELEMENT_NODE) {
            int node = add_element(t, memo, stack[depth], fodepth[depth] + 1, x);
            if (node != -2 && x->children) {
                if (depth + 2 > cap) {
                    cap *= 2;
                    stack = xrealloc(stack, cap * sizeof *stack);
                    fodepth = xrealloc(fodepth, cap * sizeof *fodepth);
                }
                int grew = node != stack[depth];
                stack[depth + 1] = node;
                fodepth[depth + 1] = fodepth[depth] + grew;
                depth++;
                descend = 1;
            }
        } else if (x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE) {
            add_text(t, stack[depth], x);
        }
        if (descend) {
            x = x->children;
            continue;
        }
        while (x && !x->next && x != root) {
            x = x->parent;
            depth--;
        }
        if (!x || x == root)
            break;
        x = x->next;
    }
    free(stack);
    free(fodepth);
}

struct fo_tree *fo_tree_build(xmlDocPtr doc, const char *name, struct diag *d)
{
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root || !root->ns || strcmp((const char *)root->ns->href, FO_NS) ||
        strcmp((const char *)root->name, "root")) {
        diag_report(d, DIAG_ERROR, name, 0, 0, "not an XSL-FO document (no fo:root)");
        return NULL;
    }
    struct fo_tree *t = xcalloc(1, sizeof *t);
    t->ids = xmlHashCreate(256);
    t->warned = xmlHashCreate(64);
    t->name = name;
    t->diag = d;
    struct name_memo *memo = xcalloc(1, sizeof *memo);
    walk(t, memo, root);
    free(memo);
    t->root = t->n_nodes ? 0 : -1;
    return t;
}

void fo_tree_free(struct fo_tree *t)
{
    if (!t)
        return;
    xmlHashFree(t->ids, NULL);
    xmlHashFree(t->warned, NULL);
    free(t->nodes);
    free(t->specs);
    free(t->pool);
    free(t);
}

int fo_tree_find_id(const struct fo_tree *t, const char *id)
{
    if (!id)
        return -1;
    void *v = xmlHashLookup(t->ids, (const xmlChar *)id);
    return v ? (int)(intptr_t)v - 1 : -1;
}

const char *fo_tree_spec(const struct fo_tree *t, int node, int prop)
{
    const struct fo_node *n = &t->nodes[node];
    const char *found = NULL;
    for (int i = 0; i < n->n_spec; i++) {
        const struct fo_spec *s = &t->specs[n->spec + i];
        if (s->prop == prop && s->component == 0)
            found = fo_tree_str(t, s->value);
    }
    return found;
}

static void apply(struct fo_tree *t, int node, const struct fo_spec *s,
                  const struct fo_style *parent, const struct fo_context *cx,
                  struct fo_style *out)
{
    const char *v = fo_tree_str(t, s->value);
    if (fo_style_set(out, parent, cx, s->prop, s->component, v) < 0) {
        char key[200], msg[300];
        snprintf(key, sizeof key, "value %s=%.60s", fo_prop_name(s->prop), v);
        snprintf(msg, sizeof msg, "%s: cannot use %s=\"%.60s\"",
                 fo_elem_name(t->nodes[node].type), fo_prop_name(s->prop), v);
        fo_tree_warn_once(t, t->nodes[node].line, key, msg);
    }
}

/* XSL-FO 1.1 §5.3.2: margins give space-before/after and start/end-indent when the
 * corresponding property is not specified; borders and padding sit inside the indent. */
static void corresponding(struct fo_style *s, const struct fo_style *parent,
                          const unsigned char *given, const unsigned char *width_given)
{
    for (int side = 0; side < 4; side++) {
        if (s->border_style[side] == FO_BORDER_NONE)
            s->border_width[side] = 0;
        else if (!width_given[side])
            s->border_width[side] = 1;
    }
    double m = s->margin[FO_TOP], mb = s->margin[FO_BOTTOM];
    if (given[FO_P_MARGIN_TOP] && !given[FO_P_SPACE_BEFORE])
        s->space_before = (struct fo_space){m, m, m, 0};
    if (given[FO_P_MARGIN_BOTTOM] && !given[FO_P_SPACE_AFTER])
        s->space_after = (struct fo_space){mb, mb, mb, 0};
    double pstart = parent ? parent->start_indent : 0, pend = parent ? parent->end_indent : 0;
    if (!given[FO_P_START_INDENT])
        s->start_indent = pstart + s->margin[FO_LEFT] + s->padding[FO_LEFT] +
                          s->border_width[FO_LEFT];
    if (!given[FO_P_END_INDENT])
        s->end_indent = pend + s->margin[FO_RIGHT] + s->padding[FO_RIGHT] +
                        s->border_width[FO_RIGHT];
}

void fo_tree_style(struct fo_tree *t, int node, const struct fo_style *parent,
                   const struct fo_context *cx, struct fo_style *out)
{
    if (parent)
        fo_style_inherit(out, parent);
    else
        fo_style_initial(out);
    const struct fo_node *n = &t->nodes[node];
    unsigned char given[FO_P__MAX] = {0}, width_given[4] = {0};
    /* font-size first (em refers to it), then shorthands before specific properties */
    for (int pass = 0; pass < 5; pass++) {
        for (int i = 0; i < n->n_spec; i++) {
            const struct fo_spec *s = &t->specs[n->spec + i];
            int want = pass == 0 ? s->prop == FO_P_FONT_SIZE
                                 : s->prop != FO_P_FONT_SIZE && s->shorthand == 4 - pass;
            if (!want)
                continue;
            apply(t, node, s, parent, cx, out);
            given[s->prop] = 1;
            if (s->prop >= FO_P_BORDER_TOP_WIDTH && s->prop <= FO_P_BORDER_RIGHT_WIDTH)
                width_given[s->prop - FO_P_BORDER_TOP_WIDTH] = 1;
        }
    }
    corresponding(out, parent, given, width_given);
}

/* meta.c — --meta FILE: `key: value` lines (or a <teiHeader> fragment) merged into the TEI
 * header between import and the transforms. Keys, each optionally with a language suffix where
 * it makes sense (title.tr, keywords.tr):
 *   title subtitle author supervisor institution department degree date language keywords
 *   identifier licence (or license)
 * Lines starting with # and blank lines are ignored; a key may repeat (several authors). */
#include "meta.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "outfile.h"

#define TEI_NS "http://www.tei-c.org/ns/1.0"
#define XML_NS "http://www.w3.org/XML/1998/namespace"

enum meta_key {
    KEY_TITLE, KEY_SUBTITLE, KEY_AUTHOR, KEY_SUPERVISOR, KEY_INSTITUTION, KEY_DEPARTMENT,
    KEY_DEGREE, KEY_DATE, KEY_LANGUAGE, KEY_KEYWORDS, KEY_IDENTIFIER, KEY_LICENCE, KEY__MAX
};

static const struct {
    const char *name;
    int takes_lang;
} key_names[] = {
    [KEY_TITLE] = {"title", 1},         [KEY_SUBTITLE] = {"subtitle", 1},
    [KEY_AUTHOR] = {"author", 0},       [KEY_SUPERVISOR] = {"supervisor", 0},
    [KEY_INSTITUTION] = {"institution", 0}, [KEY_DEPARTMENT] = {"department", 0},
    [KEY_DEGREE] = {"degree", 0},       [KEY_DATE] = {"date", 0},
    [KEY_LANGUAGE] = {"language", 0},   [KEY_KEYWORDS] = {"keywords", 1},
    [KEY_IDENTIFIER] = {"identifier", 0}, [KEY_LICENCE] = {"licence", 0},
};
_Static_assert(sizeof key_names / sizeof key_names[0] == KEY__MAX, "one name per key");

static xmlXPathObjectPtr eval(xmlDocPtr doc, xmlNodePtr ctx, const char *xpath)
{
    xmlXPathContextPtr xp = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(xp, (const xmlChar *)"tei", (const xmlChar *)TEI_NS);
    if (ctx)
        xp->node = ctx;
    xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)xpath, xp);
    xmlXPathFreeContext(xp);
    return r;
}

static xmlNodePtr first(xmlDocPtr doc, xmlNodePtr ctx, const char *xpath)
{
    xmlXPathObjectPtr r = eval(doc, ctx, xpath);
    xmlNodePtr n = NULL;
    if (r && r->nodesetval && r->nodesetval->nodeNr > 0)
        n = r->nodesetval->nodeTab[0];
    xmlXPathFreeObject(r);
    return n;
}

xmlChar *meta_get(xmlDocPtr tei, const char *xpath)
{
    xmlNodePtr n = first(tei, NULL, xpath);
    return n ? xmlNodeGetContent(n) : NULL;
}

xmlChar *meta_get_all(xmlDocPtr tei, const char *xpath, const char *sep)
{
    xmlXPathObjectPtr r = eval(tei, NULL, xpath);
    xmlChar *all = NULL;
    for (int i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr; i++) {
        xmlChar *v = xmlNodeGetContent(r->nodesetval->nodeTab[i]);
        if (all)
            all = xmlStrcat(all, (const xmlChar *)sep);
        all = xmlStrcat(all, v);
        xmlFree(v);
    }
    xmlXPathFreeObject(r);
    return all;
}

/* The child of parent named name (TEI namespace), created at the end when missing. */
static xmlNodePtr child(xmlNodePtr parent, const char *name)
{
    for (xmlNodePtr c = parent->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name))
            return c;
    return xmlNewChild(parent, parent->ns, (const xmlChar *)name, NULL);
}

static xmlNodePtr new_elem(xmlNodePtr parent, const char *name, const char *text)
{
    xmlNodePtr n = xmlNewDocNode(parent->doc, parent->ns, (const xmlChar *)name, NULL);
    if (text)
        xmlNodeAddContent(n, (const xmlChar *)text);
    return n;
}

/* Inserts n into parent before the first child whose name is in `before` (NULL-terminated),
 * or at the end: TEI content models fix the order of header children. */
static xmlNodePtr insert_ordered(xmlNodePtr parent, xmlNodePtr n, const char *const *before)
{
    for (xmlNodePtr c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        for (int i = 0; before && before[i]; i++)
            if (!strcmp((const char *)c->name, before[i]))
                return xmlAddPrevSibling(c, n);
    }
    return xmlAddChild(parent, n);
}

static void set_lang(xmlNodePtr n, const char *lang)
{
    if (lang && *lang)
        xmlNodeSetLang(n, (const xmlChar *)lang);
}

/* title / title.LANG / subtitle: replaces the title of that kind and language, or adds one
 * after the titles already there (TEI P5 §2.2.1). */
static void put_title(xmlDocPtr doc, xmlNodePtr stmt, const char *type, const char *lang,
                      const char *value)
{
    char xpath[160];
    if (lang)
        snprintf(xpath, sizeof xpath, "tei:title[@xml:lang='%s'%s%s%s]", lang,
                 type ? " and @type='" : "", type ? type : "", type ? "'" : "");
    else if (type)
        snprintf(xpath, sizeof xpath, "tei:title[@type='%s'][not(@xml:lang)]", type);
    else
        snprintf(xpath, sizeof xpath, "tei:title[not(@type) or @type='main'][1]");
    xmlNodePtr t = first(doc, stmt, xpath);
    if (t) {
        xmlNodeSetContent(t, NULL);
        xmlNodeAddContent(t, (const xmlChar *)value);
        return;
    }
    t = new_elem(stmt, "title", value);
    if (type)
        xmlNewProp(t, (const xmlChar *)"type", (const xmlChar *)type);
    set_lang(t, lang);
    static const char *const after_titles[] = {"author", "editor", "respStmt", "sponsor",
                                               "funder", "principal", "meeting", NULL};
    insert_ordered(stmt, t, after_titles);
}

/* publicationStmt must start with an agency (publisher, authority) before details; a
 * paragraph-only statement is replaced once a field is given (TEI P5 §2.2.4). */
static xmlNodePtr publication_stmt(xmlDocPtr doc, xmlNodePtr file_desc)
{
    xmlNodePtr pub = child(file_desc, "publicationStmt");
    xmlNodePtr p;
    while ((p = first(doc, pub, "tei:p")) != NULL) {
        xmlUnlinkNode(p);
        xmlFreeNode(p);
    }
    if (!first(doc, pub, "tei:publisher|tei:authority|tei:distributor"))
        xmlAddChild(pub, new_elem(pub, "authority", NULL));
    return pub;
}

static void put_pub_detail(xmlDocPtr doc, xmlNodePtr file_desc, const char *name,
                           const char *value)
{
    xmlNodePtr pub = publication_stmt(doc, file_desc);
    xmlNodePtr n = new_elem(pub, name, NULL);
    if (!strcmp(name, "licence")) {
        xmlNodePtr avail = child(pub, "availability");
        xmlNodeAddContent(n, (const xmlChar *)value);
        xmlAddChild(avail, n);
        return;
    }
    xmlNodeAddContent(n, (const xmlChar *)value);
    if (!strcmp(name, "date"))
        xmlNewProp(n, (const xmlChar *)"when", (const xmlChar *)value);
    xmlAddChild(pub, n);
}

static void put_institution(xmlDocPtr doc, xmlNodePtr file_desc, const char *value)
{
    xmlNodePtr pub = publication_stmt(doc, file_desc);
    xmlNodePtr empty = first(doc, pub, "tei:authority[not(node())]");
    if (empty) {
        xmlUnlinkNode(empty);
        xmlFreeNode(empty);
    }
    static const char *const details[] = {"address", "availability", "date", "idno", "pubPlace",
                                          NULL};
    insert_ordered(pub, new_elem(pub, "publisher", value), details);
}

/* department and degree have no element of their own in the header: notes, typed. */
static void put_note(xmlNodePtr file_desc, const char *type, const char *value)
{
    xmlNodePtr notes = NULL;
    for (xmlNodePtr c = file_desc->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "notesStmt"))
            notes = c;
    if (!notes) {
        static const char *const before[] = {"sourceDesc", NULL};
        notes = insert_ordered(file_desc, new_elem(file_desc, "notesStmt", NULL), before);
    }
    xmlNodePtr n = xmlNewChild(notes, notes->ns, (const xmlChar *)"note", NULL);
    xmlNodeAddContent(n, (const xmlChar *)value);
    xmlNewProp(n, (const xmlChar *)"type", (const xmlChar *)type);
}

static void put_keywords(xmlNodePtr header, const char *lang, const char *value)
{
    xmlNodePtr profile = child(header, "profileDesc");
    xmlNodePtr classes = child(profile, "textClass");
    xmlNodePtr kw = xmlNewChild(classes, classes->ns, (const xmlChar *)"keywords", NULL);
    set_lang(kw, lang);
    char *copy = xstrdup(value);
    for (char *save = NULL, *t = strtok_r(copy, ",;", &save); t; t = strtok_r(NULL, ",;", &save)) {
        while (*t == ' ')
            t++;
        size_t n = strlen(t);
        while (n && t[n - 1] == ' ')
            t[--n] = '\0';
        if (n)
            xmlNewTextChild(kw, kw->ns, (const xmlChar *)"term", (const xmlChar *)t);
    }
    free(copy);
}

static void put_supervisor(xmlNodePtr stmt, const char *value)
{
    xmlNodePtr resp = new_elem(stmt, "respStmt", NULL);
    xmlNewTextChild(resp, resp->ns, (const xmlChar *)"resp", (const xmlChar *)"supervisor");
    xmlNewTextChild(resp, resp->ns, (const xmlChar *)"name", (const xmlChar *)value);
    xmlAddChild(stmt, resp);
}

static void apply_key(xmlDocPtr doc, enum meta_key key, const char *lang, const char *value)
{
    xmlNodePtr header = first(doc, NULL, "/tei:TEI/tei:teiHeader");
    xmlNodePtr file_desc = child(header, "fileDesc");
    xmlNodePtr stmt = child(file_desc, "titleStmt");
    static const char *const after_authors[] = {"respStmt", "sponsor", "funder", NULL};
    switch (key) {
    case KEY_TITLE:
        put_title(doc, stmt, NULL, lang, value);
        break;
    case KEY_SUBTITLE:
        put_title(doc, stmt, "sub", lang, value);
        break;
    case KEY_AUTHOR:
        insert_ordered(stmt, new_elem(stmt, "author", value), after_authors);
        break;
    case KEY_SUPERVISOR:
        put_supervisor(stmt, value);
        break;
    case KEY_INSTITUTION:
        put_institution(doc, file_desc, value);
        break;
    case KEY_DEPARTMENT:
    case KEY_DEGREE:
        put_note(file_desc, key_names[key].name, value);
        break;
    case KEY_DATE:
        put_pub_detail(doc, file_desc, "date", value);
        break;
    case KEY_IDENTIFIER:
        put_pub_detail(doc, file_desc, "idno", value);
        break;
    case KEY_LICENCE:
        put_pub_detail(doc, file_desc, "licence", value);
        break;
    case KEY_LANGUAGE:
        xmlNodeSetLang(xmlDocGetRootElement(doc), (const xmlChar *)value);
        break;
    case KEY_KEYWORDS:
        put_keywords(header, lang, value);
        break;
    case KEY__MAX:
        break;
    }
}

/* The key's index, or -1; *lang points at the dot of a language suffix (or NULL). */
static int find_key(const char *name, size_t n, const char **lang)
{
    const char *dot = memchr(name, '.', n);
    size_t base = dot ? (size_t)(dot - name) : n;
    *lang = dot;
    for (int k = 0; k < KEY__MAX; k++) {
        const char *kn = key_names[k].name;
        if (strlen(kn) == base && !strncmp(kn, name, base)) {
            if (dot && !key_names[k].takes_lang)
                return -1;
            return k;
        }
    }
    if (base == 7 && !strncmp(name, "license", 7) && !dot)
        return KEY_LICENCE;
    return -1;
}

static char *trimmed(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return strndup(s, n);
}

/* One `key: value` line; with doc NULL only checks it. */
static int apply_line(xmlDocPtr doc, const char *line, size_t n, const char *path, long lineno,
                      struct diag *d)
{
    const char *colon = memchr(line, ':', n);
    if (!colon) {
        diag_report(d, DIAG_ERROR, path, lineno, 1, "expected `key: value`");
        return -1;
    }
    char *key = trimmed(line, (size_t)(colon - line));
    char *value = trimmed(colon + 1, n - (size_t)(colon + 1 - line));
    const char *dot_lang;
    int k = find_key(key, strlen(key), &dot_lang);
    int status = -1;
    if (k < 0) {
        diag_report(d, DIAG_ERROR, path, lineno, 1, "unknown metadata key '%s'", key);
    } else if (!*value) {
        diag_report(d, DIAG_ERROR, path, lineno, (long)(colon - line) + 2, "empty value for '%s'",
                    key);
    } else {
        if (doc)
            apply_key(doc, (enum meta_key)k, dot_lang ? strchr(key, '.') + 1 : NULL, value);
        status = 0;
    }
    free(key);
    free(value);
    return status;
}

/* Checks every line first (doc NULL), then applies them: a bad line changes nothing. */
static int apply_lines(xmlDocPtr doc, const char *data, size_t len, const char *path,
                       struct diag *d)
{
    if (doc && apply_lines(NULL, data, len, path, d) != 0)
        return -1;
    long lineno = 0;
    for (size_t i = 0; i < len;) {
        const char *line = data + i;
        const char *nl = memchr(line, '\n', len - i);
        size_t n = nl ? (size_t)(nl - line) : len - i;
        i += n + 1;
        lineno++;
        size_t j = 0;
        while (j < n && (line[j] == ' ' || line[j] == '\t' || line[j] == '\r'))
            j++;
        if (j == n || line[j] == '#')
            continue;
        if (apply_line(doc, line, n, path, lineno, d) != 0)
            return -1;
    }
    return 0;
}

/* A <teiHeader> fragment replaces the header the importer made. */
static int apply_fragment(xmlDocPtr doc, const char *data, size_t len, const char *path,
                          struct diag *d)
{
    xmlDocPtr frag = xmlReadMemory(data, (int)len, path, "UTF-8", XML_PARSE_NONET);
    xmlNodePtr root = frag ? xmlDocGetRootElement(frag) : NULL;
    int status = -1;
    if (!root || strcmp((const char *)root->name, "teiHeader") != 0 || !root->ns ||
        strcmp((const char *)root->ns->href, TEI_NS) != 0) {
        const xmlError *e = xmlGetLastError();
        diag_report(d, DIAG_ERROR, path, e && !frag ? e->line : 0, e && !frag ? e->int2 : 0,
                    "metadata fragment must be a TEI <teiHeader> element");
    } else {
        xmlNodePtr old = first(doc, NULL, "/tei:TEI/tei:teiHeader");
        xmlNodePtr copy = xmlDocCopyNode(root, doc, 1);
        xmlReplaceNode(old, copy);
        xmlFreeNode(old);
        xmlReconciliateNs(doc, copy);
        status = 0;
    }
    xmlFreeDoc(frag);
    return status;
}

int meta_apply_file(xmlDocPtr tei, const char *path, struct diag *d)
{
    size_t len = 0;
    char *data = out_read_file(path, &len, d);
    if (!data)
        return -1;
    size_t i = 0;
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'))
        i++;
    int status = -1;
    if (!first(tei, NULL, "/tei:TEI/tei:teiHeader"))
        diag_report(d, DIAG_ERROR, path, 0, 0, "the document has no teiHeader to add metadata to");
    else if (i < len && data[i] == '<')
        status = apply_fragment(tei, data, len, path, d);
    else
        status = apply_lines(tei, data, len, path, d);
    free(data);
    return status;
}

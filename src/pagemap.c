/* pagemap.c — inserts TEI <pb ed="print"/> milestones at the page starts the typesetter
 * reported (TEI P5 §3.11.3, milestone elements). Counting follows pages.h: code points of the
 * element's text without its notes, white space collapsed, leading white space dropped. */
#include "pagemap.h"

#include <libxml/hash.h>
#include <string.h>

#include "buf.h"

#define TEI_NS "http://www.tei-c.org/ns/1.0"

static int is_tei(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns &&
           !strcmp((const char *)n->ns->href, TEI_NS) && !strcmp((const char *)n->name, name);
}

/* Next node in document order below top, not entering notes (iterative: deep trees are safe). */
static xmlNodePtr next_node(xmlNodePtr n, xmlNodePtr top, int enter)
{
    if (enter && n->children && !is_tei(n, "note"))
        return n->children;
    while (n && n != top) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

/* Every element with an xml:id, by id (the table does not own the nodes). */
static xmlHashTablePtr index_ids(xmlDocPtr doc)
{
    xmlHashTablePtr ids = xmlHashCreate(1024);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    for (xmlNodePtr n = root; n; n = next_node(n, root, 1)) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *id = xmlGetNsProp(n, (const xmlChar *)"id", XML_XML_NAMESPACE);
        if (id)
            xmlHashAddEntry(ids, id, n);
        xmlFree(id);
    }
    return ids;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Finds the text node and byte position of code point `offset` of el's collapsed text.
 * Returns the text node (with *pos set), or NULL when the offset lies beyond the text. */
static xmlNodePtr locate(xmlNodePtr el, size_t offset, size_t *pos)
{
    size_t count = 0;
    int pending_space = 0, started = 0;
    for (xmlNodePtr n = el->children; n; n = next_node(n, el, 1)) {
        if (n->type != XML_TEXT_NODE || !n->content)
            continue;
        const unsigned char *s = n->content;
        for (size_t i = 0; s[i]; i++) {
            if (is_space(s[i])) {
                pending_space = started;
                continue;
            }
            if ((s[i] & 0xC0) == 0x80)
                continue; /* continuation byte: same code point */
            if (pending_space) {
                pending_space = 0;
                count++;
            }
            if (count == offset) {
                *pos = i;
                return n;
            }
            started = 1;
            count++;
        }
    }
    return NULL;
}

static xmlNodePtr new_pb(xmlNodePtr near, const char *label, size_t len)
{
    xmlNodePtr pb = xmlNewDocNode(near->doc, NULL, (const xmlChar *)"pb", NULL);
    xmlSetNs(pb, xmlSearchNsByHref(near->doc, xmlDocGetRootElement(near->doc),
                                   (const xmlChar *)TEI_NS));
    xmlChar *n = xmlStrndup((const xmlChar *)label, (int)len);
    xmlNewProp(pb, (const xmlChar *)"n", n);
    xmlNewProp(pb, (const xmlChar *)"ed", (const xmlChar *)"print");
    xmlFree(n);
    return pb;
}

/* Puts pb before code point `offset` of el: before el itself at 0, else splitting a text node. */
static int place_pb(xmlNodePtr el, size_t offset, xmlNodePtr pb)
{
    if (offset == 0) {
        xmlAddPrevSibling(el, pb);
        return 0;
    }
    size_t pos = 0;
    xmlNodePtr text = locate(el, offset, &pos);
    if (!text)
        return -1;
    if (pos == 0) {
        xmlAddPrevSibling(text, pb);
        return 0;
    }
    if (!is_space(text->content[pos - 1])) /* the page begins inside a word (TEI P5 §3.11.3) */
        xmlNewProp(pb, (const xmlChar *)"break", (const xmlChar *)"no");
    xmlNodePtr rest = xmlNewDocText(el->doc, text->content + pos);
    xmlChar *head = xmlStrndup(text->content, (int)pos);
    xmlNodeSetContent(text, head);
    xmlFree(head);
    /* pb first: libxml2 merges a text node added next to another text node. */
    xmlAddNextSibling(text, pb);
    xmlAddNextSibling(pb, rest);
    return 0;
}

/* Removes the print edition's pb milestones a TEI input already carries (from an earlier
 * build), joining the text they split, so a rebuild places each page break once. */
static void remove_print_pbs(xmlDocPtr tei)
{
    xmlNodePtr root = xmlDocGetRootElement(tei);
    xmlNodePtr n = root;
    while (n) {
        xmlNodePtr next = next_node(n, root, 1);
        if (is_tei(n, "pb")) {
            xmlChar *ed = xmlGetProp(n, (const xmlChar *)"ed");
            int print = ed && !strcmp((const char *)ed, "print");
            xmlFree(ed);
            if (print) {
                next = next_node(n, root, 0);
                xmlNodePtr prev = n->prev, after = n->next;
                xmlUnlinkNode(n);
                xmlFreeNode(n);
                if (prev && after && prev->type == XML_TEXT_NODE && after->type == XML_TEXT_NODE) {
                    next = next_node(after, root, 0);
                    xmlTextMerge(prev, after); /* frees after */
                }
            }
        }
        n = next;
    }
}

int pagemap_insert_pb(xmlDocPtr tei, const struct pg_doc *pages, struct diag *d)
{
    remove_print_pbs(tei);
    xmlHashTablePtr ids = index_ids(tei);
    int inserted = 0;
    for (size_t i = 0; i < pages->n_page_starts; i++) {
        const struct pg_page_start *ps = &pages->page_starts[i];
        const struct pg_page *page = &pages->pages[ps->page];
        xmlChar *id = xmlStrndup((const xmlChar *)pg_text(pages, ps->source_id),
                                 (int)ps->source_id.len);
        xmlNodePtr el = xmlHashLookup(ids, id);
        xmlNodePtr pb = el ? new_pb(el, pg_text(pages, page->label), page->label.len) : NULL;
        if (!el) {
            diag_report(d, DIAG_NOTE, NULL, 0, 0, "page %.*s starts in '%s', which the TEI does not have (generated matter)",
                        (int)page->label.len, pg_text(pages, page->label), (const char *)id);
        } else if (place_pb(el, ps->offset, pb) != 0) {
            diag_report(d, DIAG_WARNING, NULL, 0, 0,
                        "page start %zu of '%s' is beyond its text; no pb for it", ps->offset,
                        (const char *)id);
            xmlFreeNode(pb);
        } else {
            inserted++;
        }
        xmlFree(id);
    }
    xmlHashFree(ids, NULL);
    return inserted;
}

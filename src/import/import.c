/* import.c — the import stage's entry points (import.h): tells XML from plain text by
 * content, reads a plain-text thesis into TEI (utf8.c → lines.c → drive.c/scan.c →
 * finish.c), and reads a TEI file safely (no network, no DTD, no entity expansion, depth
 * capped). */
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "import/import.h"
#include "import/internal.h"

/* Deepest element nesting accepted in TEI input (libxml2 refuses more than 256 without
 * XML_PARSE_HUGE, which folio never sets; this is our own, lower, limit). */
#define IMP_MAX_DEPTH 200

int imp_looks_like_xml(const char *data, size_t len)
{
    size_t i = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
        i++;
    return i < len && data[i] == '<';
}

xmlDocPtr imp_text(const char *data, size_t len, const char *name, struct diag *d)
{
    struct imp_lines lines = {0};
    xmlDocPtr doc = NULL;
    if (!data || imp_check_text(data, len, name, d) != 0) {
        if (!data)
            diag_report(d, DIAG_ERROR, name, 0, 0, "empty input: nothing to convert");
        goto done;
    }
    imp_split_lines(data, len, &lines);
    doc = imp_scan(&lines, name, d);
done:
    free(lines.v);
    return doc;
}

/* The first entity reference in the tree, or an element nested deeper than IMP_MAX_DEPTH
 * (walked without recursion). Returns that node or NULL. */
static xmlNodePtr refused_node(xmlNodePtr root, int *too_deep)
{
    int depth = 0;
    xmlNodePtr n = root;
    *too_deep = 0;
    while (n) {
        if (n->type == XML_ENTITY_REF_NODE)
            return n;
        if (n->children && n->type == XML_ELEMENT_NODE) {
            if (++depth > IMP_MAX_DEPTH) {
                *too_deep = 1;
                return n;
            }
            n = n->children;
            continue;
        }
        while (n && !n->next && n != root) {
            n = n->parent;
            depth--;
        }
        if (!n || n == root)
            break;
        n = n->next;
    }
    return NULL;
}

static int check_tei(xmlDocPtr doc, const char *name, struct diag *d)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root || strcmp((const char *)root->name, "TEI") != 0 || !root->ns ||
        strcmp((const char *)root->ns->href, IMP_TEI_NS) != 0) {
        diag_report(d, DIAG_ERROR, name, root ? xmlGetLineNo(root) : 0, 0,
                    "the root element is not TEI in the namespace %s", IMP_TEI_NS);
        return -1;
    }
    if (doc->intSubset && (doc->intSubset->entities || doc->intSubset->pentities)) {
        diag_report(d, DIAG_ERROR, name, 0, 0,
                    "entity declarations are not accepted: folio never expands entities");
        return -1;
    }
    int has_header = 0, has_text = 0;
    for (xmlNodePtr c = root->children; c; c = c->next) {
        has_header |= c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "teiHeader");
        has_text |= c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "text");
    }
    if (!has_header || !has_text)
        diag_report(d, DIAG_WARNING, name, xmlGetLineNo(root), 0,
                    "TEI without %s: TEI P5 requires a teiHeader and a text",
                    !has_header ? "teiHeader" : "text");
    int too_deep;
    xmlNodePtr bad = refused_node(root, &too_deep);
    if (bad) {
        diag_report(d, DIAG_ERROR, name, xmlGetLineNo(bad), 0,
                    too_deep ? "elements nested deeper than %d levels"
                             : "entity reference: "
                               "folio never expands entities (limit %d)",
                    IMP_MAX_DEPTH);
        return -1;
    }
    return 0;
}

xmlDocPtr imp_tei(const char *data, size_t len, const char *name, struct diag *d)
{
    xmlDocPtr doc = NULL;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt)
        buf_oom();
    if (len > (size_t)INT32_MAX) {
        diag_report(d, DIAG_ERROR, name, 0, 0, "TEI input larger than 2 GiB");
        goto done;
    }
    /* No XML_PARSE_NOENT (no entity expansion), no DTDLOAD/DTDATTR, no HUGE. */
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
    doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL, opts);
    if (!doc) {
        xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
        char msg[300];
        snprintf(msg, sizeof msg, "%s", e && e->message ? e->message : "not well-formed XML");
        size_t n = strlen(msg);
        while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
            msg[--n] = '\0';
        diag_report(d, DIAG_ERROR, name, e ? e->line : 0, e && e->int2 > 0 ? e->int2 : 0, "%s",
                    msg);
        goto done;
    }
    if (check_tei(doc, name, d) != 0) {
        xmlFreeDoc(doc);
        doc = NULL;
        goto done;
    }
    if (doc->intSubset) {
        xmlDtdPtr dtd = doc->intSubset;
        xmlUnlinkNode((xmlNodePtr)dtd);
        xmlFreeDtd(dtd);
    }
done:
    xmlFreeParserCtxt(ctxt);
    return doc;
}

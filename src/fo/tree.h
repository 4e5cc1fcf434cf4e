/* tree.h — the FO tree: an XSL-FO xmlDoc read into a flat array of nodes (indices, not
 * pointers) with each node's specified properties kept as text, plus the id table.
 * First step of the typesetter (tree → lines → pages). Owner: fo_tree_build's caller frees
 * with fo_tree_free; strings returned by fo_tree_str live as long as the tree. */
#ifndef FOLIO_FO_TREE_H
#define FOLIO_FO_TREE_H

#include <libxml/hash.h>
#include <libxml/tree.h>
#include <stddef.h>

#include "diag.h"
#include "fo/props.h"

/* The formatting objects folio knows (XSL-FO 1.1 §6). FO_E_TEXT is a character run. */
enum fo_elem {
    FO_E_TEXT, FO_E_ROOT, FO_E_DECLARATIONS, FO_E_LAYOUT_MASTER_SET, FO_E_SIMPLE_PAGE_MASTER,
    FO_E_REGION_BODY, FO_E_REGION_BEFORE, FO_E_REGION_AFTER, FO_E_REGION_START,
    FO_E_REGION_END, FO_E_PAGE_SEQUENCE_MASTER, FO_E_SINGLE_PAGE_MASTER_REFERENCE,
    FO_E_REPEATABLE_PAGE_MASTER_REFERENCE, FO_E_REPEATABLE_PAGE_MASTER_ALTERNATIVES,
    FO_E_CONDITIONAL_PAGE_MASTER_REFERENCE, FO_E_PAGE_SEQUENCE, FO_E_TITLE,
    FO_E_STATIC_CONTENT, FO_E_FLOW, FO_E_BLOCK, FO_E_BLOCK_CONTAINER, FO_E_INLINE,
    FO_E_WRAPPER, FO_E_BASIC_LINK, FO_E_PAGE_NUMBER, FO_E_PAGE_NUMBER_CITATION,
    FO_E_PAGE_NUMBER_CITATION_LAST, FO_E_LEADER, FO_E_CHARACTER, FO_E_FOOTNOTE,
    FO_E_FOOTNOTE_BODY, FO_E_LIST_BLOCK, FO_E_LIST_ITEM, FO_E_LIST_ITEM_LABEL,
    FO_E_LIST_ITEM_BODY, FO_E_TABLE_AND_CAPTION, FO_E_TABLE_CAPTION, FO_E_TABLE,
    FO_E_TABLE_COLUMN, FO_E_TABLE_HEADER, FO_E_TABLE_FOOTER, FO_E_TABLE_BODY, FO_E_TABLE_ROW,
    FO_E_TABLE_CELL, FO_E_MARKER, FO_E_RETRIEVE_MARKER, FO_E_BOOKMARK_TREE, FO_E_BOOKMARK,
    FO_E_BOOKMARK_TITLE, FO_E_OTHER, /* an unsupported FO element: kept as a wrapper */
    FO_E__MAX
};

#define FO_MAX_DEPTH 120 /* deeper formatting objects are flattened into their ancestor */

struct fo_spec {
    int prop, component, shorthand;
    size_t value; /* pool offset of the NUL-terminated text */
};

struct fo_node {
    int type;   /* enum fo_elem */
    int parent; /* -1 for the root */
    int first, last, next; /* children, -1 when none */
    int spec, n_spec;      /* into fo_tree.specs */
    size_t text, text_len; /* FO_E_TEXT: pool offset and byte length */
    long line;
};

struct fo_tree {
    struct fo_node *nodes;
    size_t n_nodes, cap_nodes;
    struct fo_spec *specs;
    size_t n_specs, cap_specs;
    char *pool;
    size_t pool_len, pool_cap;
    int root;                 /* the fo:root node, or -1 */
    xmlHashTablePtr ids;      /* id → node index + 1 */
    xmlHashTablePtr warned;   /* names already warned about */
    const char *name;         /* file name for diagnostics */
    struct diag *diag;
};

/* Reads doc into a tree; NULL (after reporting to d) if the root is not fo:root.
 * Unknown elements and properties are reported once per name. Free with fo_tree_free. */
struct fo_tree *fo_tree_build(xmlDocPtr doc, const char *name, struct diag *d);
void fo_tree_free(struct fo_tree *t);
/* The pool string at off. */
const char *fo_tree_str(const struct fo_tree *t, size_t off);
/* The node with id, or -1. */
int fo_tree_find_id(const struct fo_tree *t, const char *id);
const char *fo_elem_name(int type);
/* Reports "msg" as a warning once per key for this tree. */
void fo_tree_warn_once(struct fo_tree *t, long line, const char *key, const char *msg);
/* Computes node's style from its parent's (NULL for the root) in context cx
 * (XSL-FO 1.1 §5: inheritance, shorthands, corresponding margin/indent properties). */
void fo_tree_style(struct fo_tree *t, int node, const struct fo_style *parent,
                   const struct fo_context *cx, struct fo_style *out);
/* The string value of one specified property of node, or NULL. */
const char *fo_tree_spec(const struct fo_tree *t, int node, int prop);

#endif

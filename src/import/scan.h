/* scan.h — the scanner's state, shared by scan.c (line predicates, references, blocks),
 * drive.c (the one pass over the lines) and finish.c (note texts, gaps, ids, teiHeader).
 * Internal to the import stage. */
#ifndef FOLIO_IMPORT_SCAN_H
#define FOLIO_IMPORT_SCAN_H

#include <libxml/hash.h>
#include <libxml/tree.h>

#include "buf.h"
#include "import/internal.h"

#define IMP_ID_MAX 96

enum imp_block { BLK_NONE, BLK_PARA, BLK_QUOTE, BLK_ITEM, BLK_HEAD };
enum imp_state { ST_BODY, ST_NOTES };

/* One footnote: where it is referenced, and its text as far as the source holds it. */
struct imp_note {
    long n;           /* the number as printed */
    unsigned chapter; /* ordinal of the chapter holding the reference (0: before any) */
    long ref_line;    /* source line of the reference */
    size_t ref_index; /* index of that line among the line records */
    long text_line;   /* first and last source line of its text (0: none found) */
    long end_line;
    struct buf text;
    int has_text;
    int need_space; /* the next line of text is joined with a space */
    int fragment;   /* only the end of its text survives (its start was lost) */
    int unplaced;   /* its reference was not found: it stands before the next note */
    xmlNodePtr elem;
};

/* One open division: chapter (or abstract, or plain div), section, sub-section. */
struct imp_level {
    xmlNodePtr div;
    char id[IMP_ID_MAX];
    unsigned p, q, l, h; /* children counted for their ids */
};

struct scan {
    const struct imp_lines *ls;
    const char *name;
    struct diag *d;

    xmlDocPtr doc;
    xmlNsPtr ns, xml_ns;
    xmlNodePtr root, text, front, body, back;
    xmlHashTablePtr ids; /* every xml:id given, for uniqueness */

    struct imp_level lv[3];
    int depth;      /* index of the innermost open div in lv, -1 when none */
    int chapter_no; /* printed number of the current chapter (0: none) */
    unsigned chapters, sections, abstracts;
    char *title_en, *title_tr; /* abstract titles, for the teiHeader */
    int has_tr;

    enum imp_block kind; /* the open block */
    xmlNodePtr block, list;
    char list_id[IMP_ID_MAX];
    unsigned items;
    struct buf pend;      /* text of the open block not yet in the tree */
    int need_space;       /* the next line is joined with a space */
    int ended;            /* the last line added ended the block */
    unsigned block_lines; /* lines in the open block */
    char last_char;       /* last byte of the last line added */
    double quote_width;   /* line length inside the open quotation */

    struct imp_note *notes;
    size_t n_notes, cap_notes;
    long last_n;           /* number of the last reference seen */
    unsigned chapter_refs; /* references seen in the current chapter */
    int per_chapter;       /* note numbers restart in each chapter */
    long last_texted;      /* index of the last note whose text started, -1 */
    long cur;              /* index of the note receiving text lines, -1 */
    enum imp_state st;
    size_t at; /* index of the line being read */
};

/* Line predicates (scan.c). imp_chapter_heading returns the chapter's number or 0;
 * imp_abstract_heading the abstract's language or NULL; imp_section_heading the depth (1, 2)
 * or 0, filling the number ("4.1.1") and where the title starts; imp_bullet the bullet's
 * length or 0; imp_note_start the index of the pending note the line's text begins, or -1. */
int imp_chapter_heading(const struct scan *sc, const struct imp_line *l);
const char *imp_abstract_heading(const struct scan *sc, const struct imp_line *l);
int imp_section_heading(const struct scan *sc, const struct imp_line *l, char *num, size_t num_size,
                        size_t *title_at);
int imp_page_number(const struct scan *sc, const struct imp_line *l);
int imp_page_start(const struct imp_line *l);
size_t imp_bullet(const struct scan *sc, const struct imp_line *l);
int imp_citation_like(const struct scan *sc, const struct imp_line *l);
long imp_note_start(const struct scan *sc, const struct imp_line *l, int strict, size_t *skip);
int imp_note_complete(const struct imp_note *note);
int imp_all_caps(const struct scan *sc, const struct imp_line *l);
int imp_line_ends_block(const struct scan *sc, const struct imp_line *l);

/* Tree builders (scan.c): divisions, blocks (head, p, quote, item in a list), the text of a
 * block with its note references, note texts and note elements. */
/* Makes id unique in the document (a suffix -2, -3 ... on a clash) and records it. */
void imp_unique_id(struct scan *sc, char *id, size_t size);
void imp_open_div(struct scan *sc, xmlNodePtr parent_top, int depth, const char *type,
                  const char *n, const char *id, const char *lang);
void imp_open_block(struct scan *sc, enum imp_block kind, const char *head_type);
void imp_close_block(struct scan *sc);
void imp_block_add(struct scan *sc, const struct imp_line *l, size_t skip);
void imp_note_add(struct scan *sc, long k, const struct imp_line *l, size_t skip);
void imp_note_element(struct scan *sc, struct imp_note *note, xmlNodePtr parent);
long imp_orphan_note(struct scan *sc, long n, long line);
/* The number a line starts with when it starts like a note text ("9 Konstantin"), or 0. */
long imp_note_number(const struct scan *sc, const struct imp_line *l, size_t *skip);

/* finish.c: fills every note (text, gaps, one warning per gap), gives notes their ids and
 * writes the teiHeader. Returns 0, or -1 after reporting an error. */
int imp_finish(struct scan *sc);

#endif

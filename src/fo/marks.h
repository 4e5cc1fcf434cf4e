/* marks.h — combining marks put on their base letters: the typesetter's last step over the
 * laid-out runs (pages.h), after the pages are built and before the PDF writer draws them. A
 * base and its marks become the precomposed letter where Unicode and the face have one; other
 * marks are moved into runs of their own, over or under their base. */
#ifndef FOLIO_FO_MARKS_H
#define FOLIO_FO_MARKS_H

#include <stddef.h>

#include "pages.h"

struct font_set;

/* 1 when some run of doc holds a combining mark (Unicode general category Mn), i.e. when
 * marks_place may have work to do; else 0. */
int marks_present(const struct pg_doc *doc);

/* Composes and places the combining marks of doc's runs with the faces of fonts (a face is
 * matched to a pg_font by its file path; runs in a font the set lacks stay as they are).
 * Runs without marks to change keep their bytes; a changed run may become several runs, in
 * place, so runs stay sorted by page; nothing else of doc changes (pages, page map, links).
 * Returns the number of runs changed. */
size_t marks_place(struct pg_doc *doc, const struct font_set *fonts);

#endif

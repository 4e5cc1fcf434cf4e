/* font.h — the typesetter's fonts: a set of TrueType faces named by a font map (fonts/fonts.map),
 * read with FreeType, giving the metrics that line breaking and page layout need. Widths are
 * those the PDF writer (libharu) will write into the font's /W array, so layout and PDF agree.
 * Sits under src/fo/: layout asks for faces and widths; the PDF writer embeds font_path(). */
#ifndef FOLIO_FO_FONT_H
#define FOLIO_FO_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct font_set;

/* Vertical metrics of a face at a size, in points (hhea/OS-2 values scaled by size / em).
 * ascender and descender are both positive (descender is the depth below the baseline). */
struct font_extents {
    double ascender;
    double descender;
    double x_height;   /* height of 'x' (OS/2 sxHeight, else the glyph's bounding box) */
    double cap_height; /* height of 'H' (OS/2 sCapHeight, else the glyph's bounding box) */
};

/* Loads every face listed in the font map at map_path. The map has one face per line:
 *     family  weight  style  file
 * where the last three white-space separated fields are weight (normal|bold|100..900), style
 * (normal|italic|oblique) and file (relative to the map's directory, or absolute), and the
 * words before them are the family (it may contain spaces: Liberation Serif); '#' starts a
 * comment. A line `alias GENERIC FAMILY` maps a generic family (serif, sans-serif, monospace)
 * to a family of the map (CSS 2.1 §15.3 generic families). Family names match without case.
 * Returns NULL after reporting to d when the map cannot be read or no face loads; a face that
 * fails to load is reported and skipped. The caller frees with font_set_free. */
struct font_set *font_set_load(const char *map_path, struct diag *d);
void font_set_free(struct font_set *set);

/* Number of faces loaded; face indices run 0 .. font_count() - 1. */
int font_count(const struct font_set *set);

/* The face for a CSS-like comma-separated family list (XSL-FO 1.1 §7.9.2 font-family, names
 * optionally quoted, generic names through the map's aliases), bold (weight >= 600) and italic:
 * the first family the map knows, with the closest weight and style (CSS 2.1 §15.5 font
 * matching: style first, then weight). When no family of the list is known it falls back to
 * the first family of the map and reports one warning per unknown family list (once per set,
 * not per call). family_list may be NULL (the map's first family). Never fails: returns a
 * valid face index. d may be NULL. */
int font_find(struct font_set *set, const char *family_list, int bold, int italic, struct diag *d);

/* Width in points of len bytes of UTF-8 at size_pt: the sum of the glyphs' default advances,
 * each as libharu computes it (hmtx advance * 1000 / unitsPerEm, truncated to an integer, in
 * thousandths of an em). No kerning: the PDF writer places glyphs at their default advances.
 * A code point with no glyph takes the width of glyph 0 (.notdef), as in the PDF. Invalid
 * UTF-8 bytes count as U+FFFD. Cached for code points below 0x3000: a tight loop. */
double font_width(const struct font_set *set, int face, const char *utf8, size_t len,
                  double size_pt);

/* Width of one code point in thousandths of an em (the integer libharu writes in /W). */
int font_advance(const struct font_set *set, int face, uint32_t cp);

/* 1 when the face's cmap maps cp to a real glyph (not .notdef), else 0. */
int font_has_glyph(const struct font_set *set, int face, uint32_t cp);

/* A glyph's ink box (its outline's control box, unhinted) in thousandths of an em, x from the
 * pen position, y up from the baseline. */
struct font_ink {
    double x_min, x_max, y_min, y_max;
};

/* The ink box of cp's glyph in *ink: 1 when the face maps cp to a glyph with an outline, else
 * 0 with *ink all zero (no glyph, or an empty one such as a space). */
int font_ink_box(const struct font_set *set, int face, uint32_t cp, struct font_ink *ink);

/* The face whose TrueType file is path (len bytes, as font_path spells it; pg_font.path), or
 * -1 when no face of the set was loaded from it. */
int font_face_of_path(const struct font_set *set, const char *path, size_t len);

/* Vertical metrics of a face at size_pt. */
struct font_extents font_extents(const struct font_set *set, int face, double size_pt);

/* The TrueType file of a face (what the PDF writer embeds), its family name as the map spells
 * it, and its weight/style. Strings are owned by the set; valid until font_set_free. */
const char *font_path(const struct font_set *set, int face);
const char *font_family(const struct font_set *set, int face);
int font_is_bold(const struct font_set *set, int face);
int font_is_italic(const struct font_set *set, int face);

#endif

/* hyph.h — hyphenation points by language for the typesetter's paragraph builder: English from
 * libhyphen with Debian's hyphen-en-us patterns (Liang 1983, loaded lazily, once), Turkish by
 * its syllable rules (turkish.h: TDK Yazım Kılavuzu, "Hece yapısı" and "Satır sonunda
 * kelimelerin bölünmesi"), other languages none. Sits under src/fo/: inline layout asks. */
#ifndef FOLIO_FO_HYPH_H
#define FOLIO_FO_HYPH_H

#include <stddef.h>

#include "diag.h"

/* TeX's \lefthyphenmin / \righthyphenmin: characters (code points) kept before the first and
 * after the last hyphenation point. */
#define HYPH_LEFT_MIN 2
#define HYPH_RIGHT_MIN 3

struct hyph;

/* A hyphenator. dict_dir holds libhyphen dictionaries (hyph_en_US.dic); NULL means
 * /usr/share/hyphen. Nothing is read until an English word is asked for; if the dictionary
 * cannot be loaded then, one warning goes to d and English gets no points. d may be NULL; when
 * given it must outlive the hyphenator. Never returns NULL; the caller frees with hyph_free. */
struct hyph *hyph_new(const char *dict_dir, struct diag *d);
void hyph_free(struct hyph *h);

/* Where word (len bytes of UTF-8) may be hyphenated in language lang (BCP 47 / xml:lang as in
 * XSL-FO 1.1 §7.9.4 language: "en", "en-US", "EN_gb", "tr", "tr-TR"; case ignored; NULL or
 * unknown: none). Writes at most max byte offsets into offsets, ascending, 0 < offset < len,
 * each on a code point boundary: the word may be broken as word[0..offset) + "-" and
 * word[offset..len). Returns how many it wrote. Honours HYPH_LEFT_MIN / HYPH_RIGHT_MIN. A word
 * containing a digit gets no points, nor does one containing anything that is not a letter
 * (the caller passes runs of letters: punctuation and explicit hyphens are its business).
 * Upper-case letters hyphenate like lower-case ones (Turkish İ/ı and I/i included). Results are
 * deterministic. */
size_t hyph_points(struct hyph *h, const char *lang, const char *word, size_t len, size_t *offsets,
                   size_t max);

/* 1 when lang has hyphenation here (English or Turkish), else 0. */
int hyph_supports(const char *lang);

#endif

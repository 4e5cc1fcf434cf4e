/* turkish.h — hyphenation points of one Turkish word by the syllable rules of the TDK spelling
 * guide (Debian ships no Turkish hyphenation patterns for libhyphen). The typesetter asks it for
 * the places where a word in a Turkish paragraph (xml:lang="tr") may take a hyphen. */
#ifndef FOLIO_FO_TURKISH_H
#define FOLIO_FO_TURKISH_H

#include <stddef.h>

/* Longest word (in code points, punctuation included) that is hyphenated; longer gives 0. */
#define TR_MAX_WORD 128

/* Takes word: len bytes of UTF-8 (no NUL needed), one bare word; leading and trailing
 * punctuation such as ( " « . , is skipped. Gives the number of points written to offsets
 * (at most max): byte offsets into word, ascending, before which a hyphen may go — syllable
 * boundaries with at least 2 letters before and 3 after (lefthyphenmin 2, righthyphenmin 3).
 * Gives 0 for invalid UTF-8, a digit, an apostrophe (' or ’: the caller splits a suffixed proper
 * noun), any other non-letter inside the word, or a word of one syllable. Allocates nothing;
 * the caller owns word and offsets. */
size_t tr_hyphen_points(const char *word, size_t len, size_t *offsets, size_t max);

#endif

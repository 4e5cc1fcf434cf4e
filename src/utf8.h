/* utf8.h — the one UTF-8 decoder (RFC 3629) of the modules that measure and show text, so the
 * typesetter's widths and the PDF writer's codes agree on every byte sequence. */
#ifndef FOLIO_UTF8_H
#define FOLIO_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decodes one UTF-8 sequence at s (n > 0 bytes left) per RFC 3629 §3-4: no overlong forms, no
 * surrogates, nothing above U+10FFFF. Stores the code point (UTF8_REPLACEMENT when malformed)
 * and returns the bytes consumed (at least 1). */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

#endif

/* utf8.c — strict UTF-8 decoding shared by the typesetter's metrics and the PDF writer. */
#include "utf8.h"

size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    static const uint32_t min_of_len[5] = {0, 0, 0x80, 0x800, 0x10000};
    uint32_t c = s[0];
    size_t len = c < 0x80 ? 1 : c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
    *cp = UTF8_REPLACEMENT;
    if (len == 0 || len > n)
        return 1;
    uint32_t v = len == 1 ? c : c & (0x7Fu >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return i;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min_of_len[len] || (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
        return len;
    *cp = v;
    return len;
}

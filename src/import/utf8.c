/* utf8.c — the importer's gate and character classes: is the input readable text (UTF-8,
 * RFC 3629; no characters XML 1.0 §2.2 forbids), and which letters are upper or lower case.
 * First step of the import stage, before lines are cut. */
#include <stdint.h>
#include <string.h>

#include "import/internal.h"

/* Length of the valid UTF-8 sequence at s, or 0 (RFC 3629 §4: no overlongs, no surrogates,
 * nothing above U+10FFFF). */
static size_t utf8_valid(const unsigned char *s, size_t n, unsigned *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (len == 0 || c > 0xF4 || len > n)
        return 0;
    unsigned v = c & (0x3F >> (len - 1));
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
        (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

size_t imp_utf8_next(const char *s, size_t n, unsigned *cp)
{
    size_t len = utf8_valid((const unsigned char *)s, n, cp);
    if (len == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    return len;
}

size_t imp_utf8_chars(const char *s, size_t n)
{
    size_t chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    return chars;
}

/* A control character XML 1.0 §2.2 does not allow (TAB, LF, CR are fine; a form feed marks a
 * page in extracted text and is read as white space). */
static int bad_control(unsigned cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != '\f') || cp == 0xFFFE ||
           cp == 0xFFFF;
}

int imp_check_text(const char *data, size_t len, const char *name, struct diag *d)
{
    int status = -1;
    const unsigned char *s = (const unsigned char *)data;
    size_t start = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
    long line = 1, col = 1;
    size_t line_start = start;
    if (len == start) {
        diag_report(d, DIAG_ERROR, name, 0, 0, "empty input: nothing to convert");
        goto done;
    }
    for (size_t i = start; i < len;) {
        if (s[i] >= 0x20 && s[i] < 0x7F && i - line_start < IMP_MAX_LINE) {
            col++; /* printable ASCII, most of any manuscript: nothing to decode or check */
            i++;
            continue;
        }
        unsigned cp;
        size_t n = utf8_valid(s + i, len - i, &cp);
        if (n == 0) {
            diag_report(d, DIAG_ERROR, name, line, col,
                        "invalid UTF-8 (byte 0x%02X); folio reads UTF-8 text", s[i]);
            goto done;
        }
        if (bad_control(cp)) {
            diag_report(d, DIAG_ERROR, name, line, col,
                        cp == 0 ? "NUL byte: this looks like a binary file, not text"
                                : "control character U+%04X: this looks like a binary file",
                        cp);
            goto done;
        }
        if (cp == '\n' || (cp == '\r' && (i + 1 >= len || s[i + 1] != '\n'))) {
            line++;
            col = 1;
            line_start = i + 1;
        } else if (cp != '\r') {
            col++;
            if (i - line_start >= IMP_MAX_LINE) {
                diag_report(d, DIAG_ERROR, name, line, 0,
                            "line longer than %d bytes: not a plain-text manuscript", IMP_MAX_LINE);
                goto done;
            }
        }
        i += n;
    }
    status = 0;
done:
    return status;
}

/* Latin Extended-A (U+0100-U+017F) alternates upper/lower with two phase changes. */
static int case_latin_ext_a(unsigned cp)
{
    if (cp == 0x138 || cp == 0x149 || cp == 0x17F)
        return 1;
    if (cp == 0x178)
        return 2;
    int odd = cp & 1;
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
        return odd ? 2 : 1;
    return odd ? 1 : 2;
}

int imp_case(unsigned cp)
{
    if (cp >= 'a' && cp <= 'z')
        return 1;
    if (cp >= 'A' && cp <= 'Z')
        return 2;
    if (cp < 0xC0)
        return 0;
    if (cp <= 0xFF)
        return cp == 0xD7 || cp == 0xF7 ? 0 : cp >= 0xDF ? 1 : 2;
    if (cp <= 0x17F)
        return case_latin_ext_a(cp);
    if (cp >= 0x391 && cp <= 0x3A9)
        return 2;
    if (cp >= 0x3B1 && cp <= 0x3C9)
        return 1;
    if (cp >= 0x400 && cp <= 0x42F)
        return 2;
    if (cp >= 0x430 && cp <= 0x45F)
        return 1;
    if ((cp >= 0x460 && cp <= 0x4FF) || (cp >= 0x1E00 && cp <= 0x1EFF))
        return cp & 1 ? 1 : 2;
    return 0;
}

void imp_count_case(const char *s, size_t n, size_t *lower, size_t *upper)
{
    *lower = *upper = 0;
    for (size_t i = 0; i < n;) {
        unsigned cp;
        i += imp_utf8_next(s + i, n - i, &cp);
        int c = imp_case(cp);
        *lower += c == 1;
        *upper += c == 2;
    }
}

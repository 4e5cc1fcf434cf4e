/* pdf_id.c — the PDF's /ID (PDF 1.4 §9.3) as the MD5 of the file itself, written with a
 * placeholder ID first: the same input gives the same bytes, hence the same ID, and hashing the
 * finished file (half a megabyte for the thesis) costs a tenth of gathering every run, rule and
 * link of the pages for the digest. */
#include "pdf_id.h"

#include <hpdf.h>
#include <hpdf_encrypt.h>
#include <stdint.h>
#include <string.h>

const unsigned char pdf_id_placeholder[PDF_ID_LEN];

/* The last occurrence of needle in hay[0..len), or NULL. */
static unsigned char *last_match(unsigned char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;)
        if (memcmp(hay + i, needle, n) == 0)
            return hay + i;
    return NULL;
}

/* Writes the 2 * PDF_ID_LEN upper-case hex digits of digest at p. */
static void put_hex(unsigned char *p, const unsigned char digest[PDF_ID_LEN])
{
    static const char digits[] = "0123456789ABCDEF";
    for (size_t i = 0; i < PDF_ID_LEN; i++) {
        p[2 * i] = (unsigned char)digits[digest[i] >> 4];
        p[2 * i + 1] = (unsigned char)digits[digest[i] & 15];
    }
}

int pdf_id_patch(unsigned char *pdf, size_t len)
{
    /* libharu writes the trailer's ID array as "/ID [ <hex> <hex> ]" */
    char zeros[2 * PDF_ID_LEN + 1];
    memset(zeros, '0', 2 * PDF_ID_LEN);
    zeros[2 * PDF_ID_LEN] = '\0';
    unsigned char *trailer = last_match(pdf, len, "trailer");
    if (!trailer)
        return -1;
    size_t rest = len - (size_t)(trailer - pdf);
    unsigned char *id = last_match(trailer, rest, "/ID [ <");
    if (!id)
        return -1;
    unsigned char *first = id + strlen("/ID [ <");
    unsigned char *second = first + 2 * PDF_ID_LEN + strlen("> <");
    if ((size_t)(second - trailer) + 2 * PDF_ID_LEN > rest ||
        memcmp(first, zeros, 2 * PDF_ID_LEN) != 0 || memcmp(second, zeros, 2 * PDF_ID_LEN) != 0)
        return -1;
    /* libharu's MD5, already loaded to write the PDF: OpenSSL's EVP_Digest spends more setting
     * up its providers (5 M instructions) than hashing the thesis (4 M) */
    unsigned char digest[PDF_ID_LEN];
    struct HPDF_MD5Context md5;
    HPDF_MD5Init(&md5);
    for (size_t done = 0; done < len;) {
        HPDF_UINT32 piece = len - done > UINT32_MAX ? UINT32_MAX : (HPDF_UINT32)(len - done);
        HPDF_MD5Update(&md5, pdf + done, piece);
        done += piece;
    }
    HPDF_MD5Final(digest, &md5);
    put_hex(first, digest);
    put_hex(second, digest);
    return 0;
}

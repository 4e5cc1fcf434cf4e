/* fuzz_fo.c — libFuzzer harness: FO in, pages out, then the pages written as a PDF (font
 * subsets, TJ arrays, links, bookmarks) in memory. The input is FO as it comes. */
#include <libxml/parser.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "fo/fo.h"
#include "pdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 200000)
        return 0;
    xmlDocPtr fo = xmlReadMemory((const char *)data, (int)size, "fuzz.fo", NULL,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!fo)
        return 0;
    struct diag d;
    diag_init(&d, NULL, -1);
    struct fo_options opt = {.font_map = FUZZ_FONT_MAP, .hyphen_dir = "/usr/share/hyphen",
                             .name = "fuzz.fo"};
    struct pg_doc *pages = fo_typeset(fo, &opt, &d);
    if (pages) {
        struct pdf_meta meta = {"t", "a", NULL, NULL, "en", "/usr/share/color/icc/sRGB.icc"};
        struct buf pdf;
        buf_init(&pdf);
        pdf_write(pages, &meta, 0, &pdf, &d);
        buf_free(&pdf);
    }
    pg_free(pages);
    xmlFreeDoc(fo);
    diag_free(&d);
    return 0;
}

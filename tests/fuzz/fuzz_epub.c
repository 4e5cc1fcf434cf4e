/* fuzz_epub.c — libFuzzer harness: any XML as the EPUB package tree given to the zip writer. */
#include <libxml/parser.h>
#include <stddef.h>
#include <stdint.h>

#include "epub.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xmlDocPtr tree = xmlReadMemory((const char *)data, (int)size, "fuzz.xml", NULL,
                                   XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!tree)
        return 0;
    struct diag d;
    diag_init(&d, NULL, -1);
    struct buf out;
    buf_init(&out);
    epub_pack(tree, 0, &out, &d);
    buf_free(&out);
    xmlFreeDoc(tree);
    diag_free(&d);
    return 0;
}

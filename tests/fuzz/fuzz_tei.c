/* fuzz_tei.c — libFuzzer harness: any bytes through the safe TEI reader. */
#include <libxml/tree.h>
#include <stddef.h>
#include <stdint.h>

#include "import/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct diag d;
    diag_init(&d, NULL, -1);
    xmlDocPtr doc = imp_tei((const char *)data, size, "fuzz.xml", &d);
    xmlFreeDoc(doc);
    diag_free(&d);
    return 0;
}

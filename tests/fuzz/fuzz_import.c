/* fuzz_import.c — libFuzzer harness: any bytes through the plain-text importer. */
#include <libxml/tree.h>
#include <stddef.h>
#include <stdint.h>

#include "import/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct diag d;
    diag_init(&d, NULL, -1);
    xmlDocPtr doc = imp_text((const char *)data, size, "fuzz.txt", &d);
    xmlFreeDoc(doc);
    diag_free(&d);
    return 0;
}

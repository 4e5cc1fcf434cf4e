/* pdf_xmp.c — writes the XMP packet (XMP Specification 2004, ISO 19005-1 §6.7) that pdf.c
 * puts in the catalog's /Metadata stream in place of libharu's, which is neither escaped nor
 * complete (no dates, no Producer without other fields). */
#include "pdf_xmp.h"

#include <string.h>

/* Appends s with the five XML special characters escaped (XML 1.0 §2.4). */
static void put_escaped(struct buf *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            buf_puts(out, "&amp;");
            break;
        case '<':
            buf_puts(out, "&lt;");
            break;
        case '>':
            buf_puts(out, "&gt;");
            break;
        case '"':
            buf_puts(out, "&quot;");
            break;
        case '\'':
            buf_puts(out, "&apos;");
            break;
        default:
            buf_putc(out, *s);
        }
    }
}

/* One simple property: <name>value</name>. */
static void put_simple(struct buf *out, const char *name, const char *value)
{
    buf_printf(out, "   <%s>", name);
    put_escaped(out, value);
    buf_printf(out, "</%s>\n", name);
}

/* A language alternative (dc:title, dc:description) or ordered array (dc:creator) of one item,
 * the forms XMP's Dublin Core schema prescribes (XMP Specification 2004 §4.2.1). */
static void put_container(struct buf *out, const char *name, const char *kind, const char *value)
{
    buf_printf(out, "   <%s><rdf:%s><rdf:li%s>", name, kind,
               strcmp(kind, "Alt") == 0 ? " xml:lang=\"x-default\"" : "");
    put_escaped(out, value);
    buf_printf(out, "</rdf:li></rdf:%s></%s>\n", kind, name);
}

void pdf_xmp_packet(const struct pdf_meta *meta, const char *creator, const char *producer,
                    time_t date, struct buf *out)
{
    struct tm tm;
    char when[32];
    gmtime_r(&date, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    buf_puts(out, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                  "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                  " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                  "  <rdf:Description rdf:about=\"\"\n"
                  "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                  "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                  "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                  "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                  "   <dc:format>application/pdf</dc:format>\n");
    if (meta->title)
        put_container(out, "dc:title", "Alt", meta->title);
    if (meta->author)
        put_container(out, "dc:creator", "Seq", meta->author);
    if (meta->subject)
        put_container(out, "dc:description", "Alt", meta->subject);
    if (meta->language)
        put_container(out, "dc:language", "Bag", meta->language);
    if (meta->keywords)
        put_simple(out, "pdf:Keywords", meta->keywords);
    put_simple(out, "pdf:Producer", producer);
    put_simple(out, "xmp:CreatorTool", creator);
    put_simple(out, "xmp:CreateDate", when);
    put_simple(out, "xmp:ModifyDate", when);
    put_simple(out, "xmp:MetadataDate", when);
    buf_puts(out, "   <pdfaid:part>1</pdfaid:part>\n"
                  "   <pdfaid:conformance>B</pdfaid:conformance>\n"
                  "  </rdf:Description>\n"
                  " </rdf:RDF>\n"
                  "</x:xmpmeta>\n");
    /* Padding lets an editor update the packet in place (XMP Specification 2004 §3.3.2). */
    for (int i = 0; i < 20; i++)
        buf_puts(out, "                                                                   \n");
    buf_puts(out, "<?xpacket end=\"w\"?>");
}

/* check_epub.c — unit tests of the EPUB stage: the zip writer (src/epub.c) on small package
 * trees, the zip's bytes inspected raw (local headers, APPNOTE §4.3.7) and through libzip; and
 * xslt/tei2epub.xsl on small TEI documents, one rule each (run from the tree's top). */
#include <check.h>
#include <libxml/parser.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "buf.h"
#include "diag.h"
#include "epub.h"
#include "xform.h"
#include "check_helpers.h"

#define PKG "<package-files xmlns='urn:x-folio:package'>"
#define MIMETYPE "<file path='mimetype' method='stored'>application/epub+zip</file>"
#define T_2023 ((time_t)1700000000) /* 2023-11-14 22:13:20 UTC */

static const char good_tree[] = PKG MIMETYPE
    "<file path='META-INF/container.xml'><container xmlns='urn:oasis:names:tc:opendocument:"
    "xmlns:container' version='1.0'/></file>"
    "<file path='EPUB/z.css'>p { margin: 0 }</file>"
    "<file path='EPUB/a.xhtml'><html xmlns='http://www.w3.org/1999/xhtml'><body><p>Ğüş "
    "text text text text text text text text text text text text text</p></body></html></file>"
    "</package-files>";

/* Packs the tree in xml; returns the status and leaves the bytes in out, messages in d. */
static int pack(const char *xml, time_t mtime, struct buf *out, struct diag *d)
{
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "tree.xml", NULL, XML_PARSE_NONET);
    ck_assert_ptr_nonnull(doc);
    buf_init(out);
    diag_init(d, NULL, 0);
    int rc = epub_pack(doc, mtime, out, d);
    xmlFreeDoc(doc);
    return rc;
}

static unsigned le16(const struct buf *b, size_t at)
{
    ck_assert_uint_le(at + 2, b->len);
    const unsigned char *p = (const unsigned char *)b->data + at;
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t le32(const struct buf *b, size_t at)
{
    return le16(b, at) | (uint32_t)le16(b, at + 2) << 16;
}

/* Opens the bytes with libzip for reading (the caller closes with zip_discard). */
static zip_t *open_zip(const struct buf *b)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(b->data, b->len, 0, &err);
    ck_assert_ptr_nonnull(src);
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    ck_assert_ptr_nonnull(za);
    zip_error_fini(&err);
    return za;
}

START_TEST(mimetype_is_first_and_stored)
{
    struct buf b;
    struct diag d;
    ck_assert_int_eq(pack(good_tree, T_2023, &b, &d), 0);
    ck_assert_uint_eq(le32(&b, 0), 0x04034b50); /* local file header */
    ck_assert_uint_eq(le16(&b, 8), 0);          /* method: stored */
    ck_assert_uint_eq(le16(&b, 26), 8);         /* name length */
    ck_assert_uint_eq(le16(&b, 28), 0);         /* no extra field */
    ck_assert_int_eq(memcmp(b.data + 30, "mimetypeapplication/epub+zip", 28), 0);
    buf_free(&b);
}
END_TEST

START_TEST(other_entries_are_deflated)
{
    struct buf b;
    struct diag d;
    ck_assert_int_eq(pack(good_tree, T_2023, &b, &d), 0);
    zip_t *za = open_zip(&b);
    ck_assert_int_eq(zip_get_num_entries(za, 0), 4);
    for (zip_uint64_t i = 1; i < 4; i++) {
        zip_stat_t st;
        ck_assert_int_eq(zip_stat_index(za, i, 0, &st), 0);
        ck_assert_uint_eq(st.comp_method, ZIP_CM_DEFLATE);
    }
    zip_discard(za);
    buf_free(&b);
}
END_TEST

/* The deflated entries are compressed before libzip sees them: it must copy them as they are
 * (one DEFLATE stream, smaller than the text) and they must inflate to the same bytes with
 * the CRC-32 the central directory states (libzip checks it at the end of each read). */
START_TEST(deflated_entry_inflates_to_its_text_with_its_crc)
{
    struct buf tree, b;
    struct diag d;
    buf_init(&tree);
    buf_printf(&tree, PKG MIMETYPE "<file path='EPUB/t.txt'>");
    for (int i = 0; i < 200; i++)
        buf_printf(&tree, "line %d of a text that repeats itself, ğüşıöç\n", i % 7);
    buf_printf(&tree, "</file></package-files>");
    ck_assert_int_eq(pack(tree.data, T_2023, &b, &d), 0);
    zip_t *za = open_zip(&b);
    zip_stat_t st;
    ck_assert_int_eq(zip_stat(za, "EPUB/t.txt", 0, &st), 0);
    ck_assert_uint_eq(st.comp_method, ZIP_CM_DEFLATE);
    ck_assert_uint_lt(st.comp_size, st.size / 4);
    char *text = strstr(tree.data, "<file path='EPUB/t.txt'>") + strlen("<file path='EPUB/t.txt'>");
    size_t len = (size_t)(strstr(text, "</file>") - text);
    ck_assert_uint_eq(st.size, len);
    char *got = xmalloc(len + 1);
    zip_file_t *zf = zip_fopen(za, "EPUB/t.txt", 0);
    ck_assert_ptr_nonnull(zf);
    ck_assert_int_eq(zip_fread(zf, got, len + 1), (zip_int64_t)len);
    ck_assert_int_eq(zip_fread(zf, got + len, 1), 0); /* end of data: -1 if the CRC differs */
    ck_assert_int_eq(zip_fclose(zf), 0);
    ck_assert_int_eq(memcmp(got, text, len), 0);
    free(got);
    zip_discard(za);
    buf_free(&b);
    buf_free(&tree);
}
END_TEST

START_TEST(entries_keep_tree_order)
{
    struct buf b;
    struct diag d;
    ck_assert_int_eq(pack(good_tree, T_2023, &b, &d), 0);
    zip_t *za = open_zip(&b);
    const char *want[] = {"mimetype", "META-INF/container.xml", "EPUB/z.css", "EPUB/a.xhtml"};
    for (zip_uint64_t i = 0; i < 4; i++)
        ck_assert_str_eq(zip_get_name(za, i, 0), want[i]);
    zip_discard(za);
    buf_free(&b);
}
END_TEST

/* Walks every local header and checks its DOS date/time and that it has no extra field
 * (an extended-timestamp field would carry the clock). */
static void assert_all_local_headers(const struct buf *b, unsigned dtime, unsigned ddate)
{
    size_t at = 0;
    int n = 0;
    while (le32(b, at) == 0x04034b50) {
        ck_assert_uint_eq(le16(b, at + 10), dtime);
        ck_assert_uint_eq(le16(b, at + 12), ddate);
        ck_assert_uint_eq(le16(b, at + 28), 0);
        at += 30 + le16(b, at + 26) + le32(b, at + 18);
        n++;
    }
    ck_assert_int_eq(n, 4);
}

START_TEST(entry_times_are_mtime_in_utc)
{
    struct buf b;
    struct diag d;
    setenv("TZ", "Asia/Tokyo", 1);
    tzset();
    ck_assert_int_eq(pack(good_tree, T_2023, &b, &d), 0);
    /* 22:13:20 → (22<<11)|(13<<5)|10; 2023-11-14 → (43<<9)|(11<<5)|14 */
    assert_all_local_headers(&b, (22u << 11) | (13u << 5) | 10u, (43u << 9) | (11u << 5) | 14u);
    buf_free(&b);
    unsetenv("TZ");
    tzset();
}
END_TEST

START_TEST(times_before_1980_clamp_to_1980)
{
    struct buf b;
    struct diag d;
    ck_assert_int_eq(pack(good_tree, 0, &b, &d), 0);
    assert_all_local_headers(&b, 0, (0u << 9) | (1u << 5) | 1u);
    buf_free(&b);
}
END_TEST

START_TEST(same_tree_gives_same_bytes)
{
    struct buf a, b;
    struct diag d;
    ck_assert_int_eq(pack(good_tree, T_2023, &a, &d), 0);
    setenv("TZ", "America/New_York", 1);
    tzset();
    ck_assert_int_eq(pack(good_tree, T_2023, &b, &d), 0);
    unsetenv("TZ");
    tzset();
    ck_assert_uint_eq(a.len, b.len);
    ck_assert_int_eq(memcmp(a.data, b.data, a.len), 0);
    buf_free(&a);
    buf_free(&b);
}
END_TEST

/* Reads entry name from the zip into a NUL-terminated malloc'd string (caller frees). */
static char *read_entry(zip_t *za, const char *name)
{
    zip_stat_t st;
    ck_assert_int_eq(zip_stat(za, name, 0, &st), 0);
    char *s = calloc(1, (size_t)st.size + 1);
    zip_file_t *f = zip_fopen(za, name, 0);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(zip_fread(f, s, st.size), (zip_int64_t)st.size);
    zip_fclose(f);
    return s;
}

START_TEST(element_is_written_as_xml_document)
{
    struct buf b;
    struct diag d;
    ck_assert_int_eq(pack(good_tree, T_2023, &b, &d), 0);
    zip_t *za = open_zip(&b);
    char *s = read_entry(za, "EPUB/a.xhtml");
    ck_assert_str_eq(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Ğüş text text "
                        "text text text text text text text text text text text</p></body>"
                        "</html>\n");
    free(s);
    s = read_entry(za, "EPUB/z.css");
    ck_assert_str_eq(s, "p { margin: 0 }");
    free(s);
    zip_discard(za);
    buf_free(&b);
}
END_TEST

START_TEST(namespace_declared_above_entry_is_carried_into_it)
{
    struct buf b;
    struct diag d;
    const char *tree =
        "<p:package-files xmlns:p='urn:x-folio:package' "
        "xmlns='http://www.w3.org/1999/xhtml' xmlns:epub='http://www.idpf.org/2007/ops'>"
        "<p:file path='mimetype' method='stored'>application/epub+zip</p:file>"
        "<p:file path='a.xhtml'><html><a epub:type='noteref'/></html></p:file>"
        "</p:package-files>";
    ck_assert_int_eq(pack(tree, T_2023, &b, &d), 0);
    zip_t *za = open_zip(&b);
    char *s = read_entry(za, "a.xhtml");
    xmlDocPtr doc = xmlReadMemory(s, (int)strlen(s), "a.xhtml", NULL, XML_PARSE_NONET);
    ck_assert_ptr_nonnull(doc);
    xmlNodePtr a = xmlDocGetRootElement(doc)->children;
    ck_assert_str_eq((const char *)a->ns->href, "http://www.w3.org/1999/xhtml");
    ck_assert_str_eq((const char *)a->properties->ns->href, "http://www.idpf.org/2007/ops");
    xmlFreeDoc(doc);
    free(s);
    zip_discard(za);
    buf_free(&b);
}
END_TEST

/* Packs a bad tree and checks it fails with a message containing what. */
static void assert_refused(const char *tree, const char *what)
{
    struct buf b;
    struct diag d;
    ck_assert_int_eq(pack(tree, T_2023, &b, &d), -1);
    ck_assert_int_eq(d.errors, 1);
    ck_assert_msg(strstr(d.last, what) != NULL, "message '%s' lacks '%s'", d.last, what);
    ck_assert_uint_eq(b.len, 0);
    buf_free(&b);
}

START_TEST(refuses_wrong_root)
{
    assert_refused("<files><file path='mimetype'/></files>", "not a package tree");
}
END_TEST

START_TEST(refuses_tree_without_mimetype_first)
{
    assert_refused(PKG "<file path='a.css'>x</file>" MIMETYPE "</package-files>",
                   "first entry must be 'mimetype'");
}
END_TEST

START_TEST(refuses_deflated_mimetype)
{
    assert_refused(PKG "<file path='mimetype'>application/epub+zip</file></package-files>",
                   "mimetype must be stored");
}
END_TEST

START_TEST(refuses_path_leaving_container)
{
    assert_refused(PKG MIMETYPE "<file path='EPUB/../../x'>x</file></package-files>",
                   "relative path");
    assert_refused(PKG MIMETYPE "<file path='/etc/x'>x</file></package-files>", "relative path");
    assert_refused(PKG MIMETYPE "<file>x</file></package-files>", "relative path");
}
END_TEST

START_TEST(refuses_duplicate_path)
{
    assert_refused(PKG MIMETYPE "<file path='a'>x</file><file path='a'>y</file></package-files>",
                   "zip:");
}
END_TEST

START_TEST(refuses_src_that_is_not_a_regular_file)
{
    assert_refused(PKG MIMETYPE "<file path='z' src='/dev/zero'/></package-files>",
                   "not a readable regular file");
    assert_refused(PKG MIMETYPE "<file path='z' src='/nonexistent/x.png'/></package-files>",
                   "not a readable regular file");
}
END_TEST

START_TEST(refuses_two_contents_and_unknown_method)
{
    assert_refused(PKG MIMETYPE "<file path='a'><x/><y/></file></package-files>",
                   "more than one content");
    assert_refused(PKG MIMETYPE "<file path='a' method='bzip2'>x</file></package-files>",
                   "stored or deflated");
    assert_refused(PKG MIMETYPE "<other/></package-files>", "unexpected element");
}
END_TEST

START_TEST(empty_entry_is_written_empty)
{
    struct buf b;
    struct diag d;
    ck_assert_int_eq(
        pack(PKG MIMETYPE "<file path='e.txt'></file></package-files>", T_2023, &b, &d), 0);
    zip_t *za = open_zip(&b);
    zip_stat_t st;
    ck_assert_int_eq(zip_stat(za, "e.txt", 0, &st), 0);
    ck_assert_uint_eq(st.size, 0);
    zip_discard(za);
    buf_free(&b);
}
END_TEST

START_TEST(copies_src_file_bytes)
{
    char path[] = "/tmp/folio-epub-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    const char bytes[] = "\x89PNG\r\n\x1a\n\0\1\2";
    ck_assert_int_eq(write(fd, bytes, sizeof bytes - 1), (ssize_t)(sizeof bytes - 1));
    close(fd);
    struct buf tree;
    buf_init(&tree);
    buf_printf(&tree, PKG MIMETYPE "<file path='i.png' src='%s'/></package-files>", path);
    struct buf b;
    struct diag d;
    ck_assert_int_eq(pack(tree.data, T_2023, &b, &d), 0);
    zip_t *za = open_zip(&b);
    char *s = read_entry(za, "i.png");
    ck_assert_int_eq(memcmp(s, bytes, sizeof bytes - 1), 0);
    free(s);
    zip_discard(za);
    buf_free(&b);
    buf_free(&tree);
    unlink(path);
}
END_TEST

/* ---- the stylesheet: TEI in, package tree out */

#define TEI_OPEN                                                                                   \
    "<TEI xmlns='http://www.tei-c.org/ns/1.0' xml:lang='en'><teiHeader><fileDesc>"                 \
    "<titleStmt><title>A Thesis</title><title xml:lang='tr'>Bir Tez</title></titleStmt>"           \
    "</fileDesc></teiHeader><text>"
#define TEI_CLOSE "</text></TEI>"
#define XSL "xslt/tei2epub.xsl"

/* Applies tei2epub.xsl to the TEI text; returns the package tree (xmlFreeDoc) or NULL, with
 * the messages in d. */
static xmlDocPtr transform(const char *tei, struct diag *d)
{
    xmlDocPtr doc = xmlReadMemory(tei, (int)strlen(tei), "t.xml", NULL, XML_PARSE_NONET);
    ck_assert_ptr_nonnull(doc);
    diag_init(d, NULL, 0);
    const char *params[] = {"modified", "2023-11-14T22:13:20Z", NULL};
    xmlDocPtr pkg = xform_apply(XSL, doc, params, NULL, d);
    xmlFreeDoc(doc);
    return pkg;
}

/* The serialised content of the package entry at path (caller frees), or NULL. */
static char *entry_text(xmlDocPtr pkg, const char *path)
{
    for (xmlNodePtr f = xmlDocGetRootElement(pkg)->children; f; f = f->next) {
        xmlChar *p = xmlGetProp(f, (const xmlChar *)"path");
        int match = p && !strcmp((const char *)p, path);
        xmlFree(p);
        if (!match)
            continue;
        xmlBufferPtr b = xmlBufferCreate();
        for (xmlNodePtr c = f->children; c; c = c->next)
            xmlNodeDump(b, pkg, c, 0, 0);
        char *s = strdup((const char *)xmlBufferContent(b));
        xmlBufferFree(b);
        return s;
    }
    return NULL;
}

/* Transforms tei and checks that the entry at path contains want. */
static void assert_entry_has(const char *tei, const char *path, const char *want)
{
    struct diag d;
    xmlDocPtr pkg = transform(tei, &d);
    ck_assert_ptr_nonnull(pkg);
    char *s = entry_text(pkg, path);
    ck_assert_ptr_nonnull(s);
    ck_assert_msg(strstr(s, want) != NULL, "%s lacks %s", path, want);
    free(s);
    xmlFreeDoc(pkg);
}

START_TEST(note_keeps_thesis_number_and_links_both_ways)
{
    const char *tei = TEI_OPEN
        "<body><div type='chapter' n='1'><head>One</head><p>Word."
        "<note place='foot' n='42' xml:id='fn42'>A source.</note></p></div></body>" TEI_CLOSE;
    assert_entry_has(tei, "EPUB/ch01.xhtml",
                     "<a class=\"noteref\" epub:type=\"noteref\" role=\"doc-noteref\" "
                     "id=\"ref-fn42\" href=\"#fn42\">42</a>");
    assert_entry_has(tei, "EPUB/ch01.xhtml",
                     "<aside class=\"footnote\" epub:type=\"footnote\" role=\"doc-footnote\" "
                     "id=\"fn42\"><p><a class=\"backlink\" role=\"doc-backlink\" "
                     "href=\"#ref-fn42\" title=\"Back to the text\">42.</a> A source.</p></aside>");
}
END_TEST

/* Notes without n are numbered by their rank among all the text's notes (xsl:number
 * level="any" from="tei:text"), across chapters, whether or not they have an xml:id (those
 * with one come from a list made once, the others are counted). */
START_TEST(notes_without_n_are_numbered_in_order_across_chapters)
{
    const char *tei = TEI_OPEN
        "<body><div type='chapter' n='1'><head>One</head><p>A.<note xml:id='a'>First.</note>"
        " B.<note>Second.</note></p></div>"
        "<div type='chapter' n='2'><head>Two</head><p>C.<note xml:id='c'>Third.</note></p>"
        "</div></body>" TEI_CLOSE;
    assert_entry_has(tei, "EPUB/ch01.xhtml", "id=\"ref-a\" href=\"#a\">1</a>");
    assert_entry_has(tei, "EPUB/ch01.xhtml", "\">2</a>");
    assert_entry_has(tei, "EPUB/ch02.xhtml", "id=\"ref-c\" href=\"#c\">3</a>");
    assert_entry_has(tei, "EPUB/ch02.xhtml", "title=\"Back to the text\">3.</a> Third.");
}
END_TEST

START_TEST(note_with_paragraphs_keeps_every_part)
{
    const char *tei = TEI_OPEN "<body><div><p>W.<note n='5' xml:id='n5'><p>First.</p> tail "
                               "<p>Second.</p></note></p></div></body>" TEI_CLOSE;
    assert_entry_has(tei, "EPUB/ch01.xhtml",
                     "title=\"Back to the text\">5.</a> First.</p> tail <p id=\"");
    assert_entry_has(tei, "EPUB/ch01.xhtml", "\">Second.</p></aside>");
}
END_TEST

START_TEST(lost_note_shows_missing_sign)
{
    assert_entry_has(TEI_OPEN "<body><div><p>W.<note n='3'><gap reason='lost'/></note></p></div>"
                              "</body>" TEI_CLOSE,
                     "EPUB/ch01.xhtml", "<span class=\"gap\">[text missing in source]</span>");
}
END_TEST

START_TEST(unknown_element_keeps_text_and_warns)
{
    struct diag d;
    xmlDocPtr pkg = transform(
        TEI_OPEN "<body><div><p>a <zork>kept text</zork> b</p></div></body>" TEI_CLOSE, &d);
    ck_assert_ptr_nonnull(pkg);
    ck_assert_int_eq(d.warnings, 1);
    ck_assert_ptr_nonnull(strstr(d.last, "unknown TEI element <zork>"));
    char *s = entry_text(pkg, "EPUB/ch01.xhtml");
    ck_assert_ptr_nonnull(strstr(s, "<span class=\"tei-zork\">kept text</span>"));
    free(s);
    xmlFreeDoc(pkg);
}
END_TEST

START_TEST(graphic_leaving_input_dir_is_refused)
{
    const char *urls[] = {"../x.png",           "a/../../x.png", "/etc/x.png",  "file:///x.png",
                          "http://e.org/x.png", "%2e%2e/x.png",  "a\\..\\x.png"};
    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
        struct buf tei;
        buf_init(&tei);
        buf_printf(
            &tei, TEI_OPEN "<body><div><figure><graphic url='%s'/></figure></div></body>" TEI_CLOSE,
            urls[i]);
        struct diag d;
        xmlDocPtr pkg = transform(tei.data, &d);
        ck_assert_msg(pkg == NULL, "%s accepted", urls[i]);
        ck_assert_int_ge(d.errors, 1);
        buf_free(&tei);
    }
}
END_TEST

START_TEST(page_list_only_with_print_page_breaks)
{
    const char *plain = TEI_OPEN "<body><div><p>Text.</p></div></body>" TEI_CLOSE;
    struct diag d;
    xmlDocPtr pkg = transform(plain, &d);
    char *nav = entry_text(pkg, "EPUB/nav.xhtml");
    ck_assert_ptr_null(strstr(nav, "page-list"));
    free(nav);
    xmlFreeDoc(pkg);
    const char *paged =
        TEI_OPEN "<body><div><p><pb n='7' ed='print'/>Text.</p></div></body>" TEI_CLOSE;
    assert_entry_has(paged, "EPUB/nav.xhtml", "<a href=\"ch01.xhtml#page-7\">7</a>");
    assert_entry_has(paged, "EPUB/ch01.xhtml",
                     "<span class=\"pagebreak\" epub:type=\"pagebreak\" role=\"doc-pagebreak\" "
                     "id=\"page-7\" aria-label=\"7\"/>");
    assert_entry_has(paged, "EPUB/package.opf", "printPageNumbers");
}
END_TEST

START_TEST(page_break_between_chapters_opens_the_next_chapter)
{
    const char *tei = TEI_OPEN "<body><div><head>A</head><p>x</p></div><pb n='9' ed='print'/>"
                               "<div xml:id='b'><head>B</head><p>y</p></div></body>" TEI_CLOSE;
    assert_entry_has(tei, "EPUB/ch02.xhtml",
                     "<section id=\"b\"><span class=\"pagebreak\" epub:type=\"pagebreak\" "
                     "role=\"doc-pagebreak\" id=\"page-9\" aria-label=\"9\"/><h1>B</h1>");
    assert_entry_has(tei, "EPUB/nav.xhtml", "<a href=\"ch02.xhtml#page-9\">9</a>");
}
END_TEST

START_TEST(turkish_abstract_and_title_carry_their_language)
{
    const char *tei = TEI_OPEN "<front><div type='abstract' xml:lang='en'><p>E.</p></div>"
                               "<div type='abstract' xml:lang='tr'><p>T.</p></div></front>"
                               "<body><div><p>x</p></div></body>" TEI_CLOSE;
    assert_entry_has(tei, "EPUB/front.xhtml",
                     "<section epub:type=\"abstract\" role=\"doc-abstract\" class=\"abstract\" "
                     "id=\"");
    assert_entry_has(tei, "EPUB/front.xhtml",
                     "lang=\"tr\" xml:lang=\"tr\"><div class=\"abstract-text\"><p");
    assert_entry_has(tei, "EPUB/package.opf", "<dc:title id=\"title-2\" xml:lang=\"tr\">Bir Tez");
}
END_TEST

START_TEST(modified_and_identifier_come_from_parameters_and_metadata)
{
    const char *tei = TEI_OPEN "<body><div><p>x</p></div></body>" TEI_CLOSE;
    assert_entry_has(tei, "EPUB/package.opf",
                     "<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>");
    assert_entry_has(tei, "EPUB/package.opf",
                     "<dc:identifier id=\"uid\">urn:x-folio:a-thesis</dc:identifier>");
}
END_TEST

START_TEST(nav_nests_sections_in_chapters)
{
    const char *tei =
        TEI_OPEN "<body><div type='chapter' xml:id='c'><head>C</head>"
                 "<div type='section' xml:id='s'><head>S</head>"
                 "<div type='subsection' xml:id='u'><head>U</head><p>x</p></div></div></div>"
                 "</body>" TEI_CLOSE;
    assert_entry_has(tei, "EPUB/nav.xhtml",
                     "<li><a href=\"ch01.xhtml#c\">C</a><ol><li><a href=\"ch01.xhtml#s\">S</a><ol>"
                     "<li><a href=\"ch01.xhtml#u\">U</a></li></ol></li></ol></li>");
}
END_TEST

static Suite *epub_suite(void)
{
    Suite *s = suite_create("epub");
    TCase *tc = tcase_create("zip");
    tcase_add_test(tc, mimetype_is_first_and_stored);
    tcase_add_test(tc, other_entries_are_deflated);
    tcase_add_test(tc, deflated_entry_inflates_to_its_text_with_its_crc);
    tcase_add_test(tc, entries_keep_tree_order);
    tcase_add_test(tc, entry_times_are_mtime_in_utc);
    tcase_add_test(tc, times_before_1980_clamp_to_1980);
    tcase_add_test(tc, same_tree_gives_same_bytes);
    tcase_add_test(tc, element_is_written_as_xml_document);
    tcase_add_test(tc, namespace_declared_above_entry_is_carried_into_it);
    tcase_add_test(tc, copies_src_file_bytes);
    tcase_add_test(tc, empty_entry_is_written_empty);
    suite_add_tcase(s, tc);
    TCase *bad = tcase_create("bad trees");
    tcase_add_test(bad, refuses_wrong_root);
    tcase_add_test(bad, refuses_tree_without_mimetype_first);
    tcase_add_test(bad, refuses_deflated_mimetype);
    tcase_add_test(bad, refuses_path_leaving_container);
    tcase_add_test(bad, refuses_duplicate_path);
    tcase_add_test(bad, refuses_two_contents_and_unknown_method);
    tcase_add_test(bad, refuses_src_that_is_not_a_regular_file);
    suite_add_tcase(s, bad);
    TCase *xsl = tcase_create("tei2epub.xsl");
    tcase_add_test(xsl, note_keeps_thesis_number_and_links_both_ways);
    tcase_add_test(xsl, notes_without_n_are_numbered_in_order_across_chapters);
    tcase_add_test(xsl, lost_note_shows_missing_sign);
    tcase_add_test(xsl, note_with_paragraphs_keeps_every_part);
    tcase_add_test(xsl, unknown_element_keeps_text_and_warns);
    tcase_add_test(xsl, graphic_leaving_input_dir_is_refused);
    tcase_add_test(xsl, page_list_only_with_print_page_breaks);
    tcase_add_test(xsl, page_break_between_chapters_opens_the_next_chapter);
    tcase_add_test(xsl, turkish_abstract_and_title_carry_their_language);
    tcase_add_test(xsl, modified_and_identifier_come_from_parameters_and_metadata);
    tcase_add_test(xsl, nav_nests_sections_in_chapters);
    suite_add_tcase(s, xsl);
    return s;
}

int main(void)
{
    int failed = check_failures(epub_suite());
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

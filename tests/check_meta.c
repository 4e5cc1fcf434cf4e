/* check_meta.c — --meta files merged into the TEI header: each key where TEI puts it, nothing
 * invented, bad lines refused with their position and no change made. */
#include <check.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "meta.h"
#include "check_helpers.h"

static const char tei_text[] =
    "<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader><fileDesc>"
    "<titleStmt><title>Main</title><title xml:lang='tr'>Ana</title></titleStmt>"
    "<publicationStmt><p>Unpublished</p></publicationStmt>"
    "<sourceDesc><p>text</p></sourceDesc></fileDesc></teiHeader><text><body><p>x</p></body>"
    "</text></TEI>";

static xmlDocPtr tei(void)
{
    return xmlReadMemory(tei_text, (int)strlen(tei_text), "t.xml", NULL, XML_PARSE_NONET);
}

static char meta_path[64];

static const char *write_meta(const char *text)
{
    strcpy(meta_path, "/tmp/folio-meta-XXXXXX");
    int fd = mkstemp(meta_path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, strlen(text)), (int)strlen(text));
    close(fd);
    return meta_path;
}

static void assert_value(xmlDocPtr doc, const char *xpath, const char *want)
{
    xmlChar *v = meta_get(doc, xpath);
    ck_assert_msg(v != NULL, "nothing at %s", xpath);
    ck_assert_str_eq((char *)v, want);
    xmlFree(v);
}

START_TEST(keys_land_in_the_header)
{
    xmlDocPtr doc = tei();
    struct diag d;
    diag_init(&d, NULL, 0);
    const char *p = write_meta("# sample\ntitle: New Title\ntitle.tr: Yeni\nauthor: A. Writer\n"
                               "supervisor: Prof. S\ninstitution: Some University\n"
                               "date: 2021-06-01\nkeywords: China, Russia\n"
                               "keywords.tr: Çin, Rusya\ndegree: MA\n");
    ck_assert_int_eq(meta_apply_file(doc, p, &d), 0);
    assert_value(doc, "//tei:titleStmt/tei:title[1]", "New Title");
    assert_value(doc, "//tei:titleStmt/tei:title[@xml:lang='tr']", "Yeni");
    assert_value(doc, "//tei:titleStmt/tei:author", "A. Writer");
    assert_value(doc, "//tei:respStmt/tei:name", "Prof. S");
    assert_value(doc, "//tei:publicationStmt/*[1]", "Some University");
    assert_value(doc, "//tei:publicationStmt/tei:date/@when", "2021-06-01");
    assert_value(doc, "//tei:keywords[not(@xml:lang)]/tei:term[2]", "Russia");
    assert_value(doc, "//tei:keywords[@xml:lang='tr']/tei:term[1]", "Çin");
    assert_value(doc, "//tei:notesStmt/tei:note[@type='degree']", "MA");
    ck_assert_ptr_null(meta_get(doc, "//tei:publicationStmt/tei:p"));
    xmlChar *kw = meta_get_all(doc, "//tei:keywords[not(@xml:lang)]/tei:term", ", ");
    ck_assert_str_eq((char *)kw, "China, Russia");
    xmlFree(kw);
    unlink(p);
    xmlFreeDoc(doc);
}
END_TEST

START_TEST(absent_fields_are_not_invented)
{
    xmlDocPtr doc = tei();
    struct diag d;
    diag_init(&d, NULL, 0);
    const char *p = write_meta("title: Only\n");
    ck_assert_int_eq(meta_apply_file(doc, p, &d), 0);
    ck_assert_ptr_null(meta_get(doc, "//tei:author"));
    assert_value(doc, "//tei:publicationStmt/tei:p", "Unpublished");
    unlink(p);
    xmlFreeDoc(doc);
}
END_TEST

START_TEST(unknown_key_is_an_error_with_position_and_no_change)
{
    xmlDocPtr doc = tei();
    struct diag d;
    diag_init(&d, NULL, 0);
    const char *p = write_meta("author: A\n\ncolour: blue\n");
    ck_assert_int_eq(meta_apply_file(doc, p, &d), -1);
    ck_assert_ptr_nonnull(strstr(d.last, ":3:1: error: unknown metadata key 'colour'"));
    ck_assert_ptr_null(meta_get(doc, "//tei:author"));
    unlink(p);
    xmlFreeDoc(doc);
}
END_TEST

START_TEST(line_without_colon_is_an_error)
{
    xmlDocPtr doc = tei();
    struct diag d;
    diag_init(&d, NULL, 0);
    const char *p = write_meta("author A\n");
    ck_assert_int_eq(meta_apply_file(doc, p, &d), -1);
    ck_assert_ptr_nonnull(strstr(d.last, ":1:1: error: expected `key: value`"));
    unlink(p);
    xmlFreeDoc(doc);
}
END_TEST

START_TEST(header_fragment_replaces_the_header)
{
    xmlDocPtr doc = tei();
    struct diag d;
    diag_init(&d, NULL, 0);
    const char *p = write_meta("<teiHeader xmlns='http://www.tei-c.org/ns/1.0'><fileDesc>"
                               "<titleStmt><title>Frag</title><author>B</author></titleStmt>"
                               "<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>y</p>"
                               "</sourceDesc></fileDesc></teiHeader>");
    ck_assert_int_eq(meta_apply_file(doc, p, &d), 0);
    assert_value(doc, "/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author", "B");
    unlink(p);
    p = write_meta("<notHeader/>");
    ck_assert_int_eq(meta_apply_file(doc, p, &d), -1);
    unlink(p);
    xmlFreeDoc(doc);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("meta");
    TCase *tc = tcase_create("meta");
    tcase_add_test(tc, keys_land_in_the_header);
    tcase_add_test(tc, absent_fields_are_not_invented);
    tcase_add_test(tc, unknown_key_is_an_error_with_position_and_no_change);
    tcase_add_test(tc, line_without_colon_is_an_error);
    tcase_add_test(tc, header_fragment_replaces_the_header);
    suite_add_tcase(s, tc);
    int failed = check_failures(s);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

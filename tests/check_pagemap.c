/* check_pagemap.c — pb milestones land where the typesetter says each page begins. */
#include <check.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pagemap.h"
#include "check_helpers.h"

static const char tei_text[] =
    "<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body>"
    "<div xml:id='d1'><head xml:id='h1'>One</head>"
    "<p xml:id='p1'>  Alpha beta<note n='1'>not counted</note>\n   gamma délta epsilon</p>"
    "</div></body></text></TEI>";

static void add_start(struct pg_doc *doc, const char *label, const char *id, size_t offset)
{
    struct pg_page page = {.width = 595, .height = 842};
    page.label = pg_intern(doc, label, strlen(label));
    PG_PUSH(doc, pages, page);
    struct pg_page_start ps = {.page = (int)doc->n_pages - 1, .offset = offset};
    ps.source_id = pg_intern(doc, id, strlen(id));
    PG_PUSH(doc, page_starts, ps);
}

static char *serialise(xmlDocPtr doc)
{
    xmlChar *mem;
    int size;
    xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
    char *s = xstrdup((char *)mem);
    xmlFree(mem);
    return s;
}

START_TEST(pb_before_element_and_inside_text)
{
    xmlDocPtr tei = xmlReadMemory(tei_text, (int)strlen(tei_text), "t.xml", NULL, 0);
    struct pg_doc *pages = pg_new();
    add_start(pages, "7", "h1", 0);
    /* "Alpha beta gamma délta epsilon": "délta" begins at code point 17, "epsilon" at 23 */
    add_start(pages, "8", "p1", 17);
    add_start(pages, "9", "p1", 23);
    add_start(pages, "10", "p1", 26); /* "eps|ilon": inside a word */
    struct diag d;
    diag_init(&d, NULL, 0);
    ck_assert_int_eq(pagemap_insert_pb(tei, pages, &d), 4);
    char *s = serialise(tei);
    ck_assert_msg(strstr(s, "<pb n=\"7\" ed=\"print\"/><head"), "%s", s);
    ck_assert_msg(strstr(s, "gamma <pb n=\"8\" ed=\"print\"/>délta <pb n=\"9\" ed=\"print\"/>eps"
                                 "<pb n=\"10\" ed=\"print\" break=\"no\"/>ilon"),
                  "%s", s);
    ck_assert_int_eq(d.warnings, 0);
    free(s);
    pg_free(pages);
    xmlFreeDoc(tei);
}
END_TEST

/* A rebuild from a TEI that already has the print pb gives the same TEI, not a second pb. */
START_TEST(rebuild_places_each_pb_once)
{
    xmlDocPtr tei = xmlReadMemory(tei_text, (int)strlen(tei_text), "t.xml", NULL, 0);
    struct pg_doc *pages = pg_new();
    add_start(pages, "7", "h1", 0);
    add_start(pages, "8", "p1", 26);
    struct diag d;
    diag_init(&d, NULL, 0);
    ck_assert_int_eq(pagemap_insert_pb(tei, pages, &d), 2);
    char *once = serialise(tei);
    ck_assert_int_eq(pagemap_insert_pb(tei, pages, &d), 2);
    char *twice = serialise(tei);
    ck_assert_str_eq(once, twice);
    free(once);
    free(twice);
    pg_free(pages);
    xmlFreeDoc(tei);
}
END_TEST

START_TEST(unknown_id_and_offset_beyond_text_warn)
{
    xmlDocPtr tei = xmlReadMemory(tei_text, (int)strlen(tei_text), "t.xml", NULL, 0);
    struct pg_doc *pages = pg_new();
    add_start(pages, "1", "nowhere", 0);
    add_start(pages, "2", "h1", 99);
    struct diag d;
    diag_init(&d, NULL, 0);
    ck_assert_int_eq(pagemap_insert_pb(tei, pages, &d), 0);
    ck_assert_int_eq(d.warnings, 1); /* the unknown id is generated matter: a note */
    pg_free(pages);
    xmlFreeDoc(tei);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pagemap");
    TCase *tc = tcase_create("pagemap");
    tcase_add_test(tc, pb_before_element_and_inside_text);
    tcase_add_test(tc, unknown_id_and_offset_beyond_text_warn);
    tcase_add_test(tc, rebuild_places_each_pb_once);
    suite_add_tcase(s, tc);
    int failed = check_failures(s);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

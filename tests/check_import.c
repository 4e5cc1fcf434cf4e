/* check_import.c — unit tests of the import stage: one rule per test on small hand-made
 * manuscripts, the spec examples in tests/spec/import-*.txt, bad inputs, the safe TEI reader,
 * and the bundled thesis end to end (counts, notes in order, validity against
 * xml/folio-tei.rng, identical bytes on two runs). Run from the top of the tree. */
#include <check.h>
#include <glob.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "import/import.h"
#include "outfile.h"
#include "check_helpers.h"

/* ---- helpers ---------------------------------------------------------------------------- */

static xmlDocPtr import(const char *text, struct diag *d)
{
    diag_init(d, NULL, 0);
    return imp_text(text, strlen(text), "t.txt", d);
}

static double xp_number(xmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr xp = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(xp, (const xmlChar *)"t", (const xmlChar *)"http://www.tei-c.org/ns/1.0");
    xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)expr, xp);
    ck_assert_msg(r != NULL, "bad xpath %s", expr);
    double v = xmlXPathCastToNumber(r);
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(xp);
    return v;
}

/* The string value of expr; the caller frees it. */
static char *xp_string(xmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr xp = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(xp, (const xmlChar *)"t", (const xmlChar *)"http://www.tei-c.org/ns/1.0");
    xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)expr, xp);
    ck_assert_msg(r != NULL, "bad xpath %s", expr);
    char *s = (char *)xmlXPathCastToString(r);
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(xp);
    return s;
}

#define ASSERT_XP(doc, expr, n)                                                                    \
    ck_assert_msg(xp_number(doc, expr) == (n), "%s = %g, want %g", expr, xp_number(doc, expr),     \
                  (double)(n))

#define ASSERT_XS(doc, expr, want)                                                                 \
    do {                                                                                           \
        char *got_ = xp_string(doc, expr);                                                         \
        ck_assert_msg(!strcmp(got_, want), "%s = \"%s\", want \"%s\"", expr, got_, want);          \
        xmlFree(got_);                                                                             \
    } while (0)

/* The element (body or text) serialised without the namespace declaration; caller frees. */
static char *dump_element(xmlDocPtr doc, const char *name)
{
    xmlNodePtr root = xmlDocGetRootElement(doc), e = NULL;
    for (xmlNodePtr c = root->children; c; c = c->next)
        if (!strcmp((const char *)c->name, "text"))
            e = c;
    if (e && !strcmp(name, "body"))
        for (xmlNodePtr c = e->children; c; c = c->next)
            if (!strcmp((const char *)c->name, "body"))
                e = c;
    xmlBufferPtr b = xmlBufferCreate();
    xmlNodeDump(b, doc, e, 0, 0);
    const char *ns = " xmlns=\"http://www.tei-c.org/ns/1.0\"";
    struct buf out;
    buf_init(&out);
    const char *s = (const char *)xmlBufferContent(b);
    for (const char *hit; (hit = strstr(s, ns)) != NULL; s = hit + strlen(ns))
        buf_put(&out, s, (size_t)(hit - s));
    buf_puts(&out, s);
    xmlBufferFree(b);
    return buf_detach(&out);
}

/* ---- spec examples (tests/spec/import-*.txt) --------------------------------------------- */

struct example {
    char name[160];
    char *input, *expect, *root;
    int warnings;
};
static struct example examples[64];
static int n_examples;

/* Replaces "␣" by a space and "␌" by a form feed. */
static void unescape(struct buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i + 2 < n && !memcmp(s + i, "\xE2\x90\xA3", 3)) {
            buf_putc(b, ' ');
            i += 2;
        } else if (i + 2 < n && !memcmp(s + i, "\xE2\x90\x8C", 3)) {
            buf_putc(b, '\f');
            i += 2;
        } else {
            buf_putc(b, s[i]);
        }
    }
}

static void load_spec(const char *path)
{
    struct diag d;
    size_t len;
    diag_init(&d, stderr, 0);
    char *text = out_read_file(path, &len, &d);
    if (!text)
        return;
    struct example *ex = NULL;
    int part = 0; /* 1 input, 2 expected */
    struct buf in, want;
    buf_init(&in);
    buf_init(&want);
    for (char *line = text, *next; line && *line; line = next) {
        char *nl = strchr(line, '\n');
        next = nl ? nl + 1 : NULL;
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        if (n >= 4 && !strncmp(line, "=== ", 4) && n_examples < 64) {
            ex = &examples[n_examples++];
            snprintf(ex->name, sizeof ex->name, "%.*s", (int)(n - 4), line + 4);
            part = 1;
        } else if (ex && n >= 4 && !strncmp(line, "--- ", 4) && part == 1) {
            ex->input = buf_detach(&in);
            ex->root = xstrdup(!strncmp(line + 4, "text", 4) ? "text" : "body");
            part = 2;
        } else if (ex && n >= 12 && !strncmp(line, "--- warnings", 12)) {
            ex->expect = buf_detach(&want);
            ex->warnings = atoi(line + 12);
            ex = NULL;
            part = 0;
        } else if (ex && part == 1) {
            unescape(&in, line, n);
            buf_putc(&in, '\n');
        } else if (ex && part == 2) {
            buf_put(&want, line, n);
        }
    }
    buf_free(&in);
    buf_free(&want);
    free(text);
    diag_free(&d);
}

START_TEST(spec_example)
{
    struct example *ex = &examples[_i];
    ck_assert_msg(ex->input && ex->expect, "example \"%s\" is incomplete", ex->name);
    struct diag d;
    xmlDocPtr doc = import(ex->input, &d);
    ck_assert_msg(doc != NULL, "example \"%s\": %s", ex->name, d.last);
    char *got = dump_element(doc, ex->root);
    ck_assert_msg(!strcmp(got, ex->expect), "example \"%s\":\n got: %s\nwant: %s", ex->name, got,
                  ex->expect);
    ck_assert_msg(d.warnings == ex->warnings, "example \"%s\": %d warnings, want %d (last: %s)",
                  ex->name, d.warnings, ex->warnings, d.last);
    free(got);
    xmlFreeDoc(doc);
    diag_free(&d);
}
END_TEST

/* ---- one rule each ---------------------------------------------------------------------- */

/* A small chapter with the given body lines (each gets the trailing space the extraction
 * leaves) and notes. */
static const char *CHAPTER = " CHAPTER ONE \n\nINTRODUCTION \n\n";

static xmlDocPtr chapter(const char *body, struct diag *d)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, CHAPTER);
    buf_puts(&b, body);
    xmlDocPtr doc = import(b.data, d);
    buf_free(&b);
    ck_assert_msg(doc != NULL, "%s", d->last);
    return doc;
}

START_TEST(refs_glued_to_words_punctuation_quotes_years)
{
    struct diag d;
    xmlDocPtr doc = chapter(
        "A sentence that ends with a word glued to its note Xinjiang1 and goes on after it. \n"
        "Another one ends with a full stop.2 A third one ends with a “closing quote”.3 Then \n"
        "the Soviets4, and a year with a note glued on in October 19945 and more words here. \n"
        "                                                  \n"
        "1 First. \n2 Second. \n3 Third. \n4 Fourth. \n5 Fifth. \n",
        &d);
    ASSERT_XP(doc, "count(//t:body//t:p/t:note)", 5);
    ASSERT_XS(doc, "string(//t:note[@n='1']/preceding-sibling::text()[1])",
              "A sentence that ends with a word glued to its note Xinjiang");
    ASSERT_XS(doc, "string(//t:note[@n='3']/preceding-sibling::text()[1])",
              " A third one ends with a “closing quote”.");
    ASSERT_XS(doc, "normalize-space(//t:note[@n='5']/preceding-sibling::text()[1])",
              ", and a year with a note glued on in October 1994");
    ASSERT_XS(doc, "normalize-space(//t:note[@n='4'])", "Fourth.");
    ck_assert_int_eq(d.warnings, 0);
    xmlFreeDoc(doc);
    diag_free(&d);
}
END_TEST

START_TEST(ref_after_a_space)
{
    struct diag d;
    xmlDocPtr doc = chapter(
        "The massacre of former participants in the movement in Xinjiang from 1944-1949. 1 \n"
        "                                                  \n"
        "1 Tursun Rahimov, Moscow: Mysli, 1968, p. 120. \n",
        &d);
    ASSERT_XP(doc, "count(//t:note)", 1);
    ASSERT_XS(doc, "string(//t:body//t:p/text()[1])",
              "The massacre of former participants in the movement in Xinjiang from 1944-1949.");
    xmlFreeDoc(doc);
    diag_free(&d);
}
END_TEST

START_TEST(numbers_that_are_not_refs)
{
    struct diag d;
    xmlDocPtr doc = chapter("It has 1.2 million people, 14.2% of them in p. 2 of the book. The \n"
                            "Republic covers 1.6 million km2 of land and was founded in 1949. \n",
                            &d);
    ASSERT_XP(doc, "count(//t:note)", 0);
    xmlFreeDoc(doc);
    diag_free(&d);
}
END_TEST

START_TEST(note_body_across_a_page_start)
{
    struct diag d;
    xmlDocPtr doc = chapter(
        "The paragraph has a reference here.1 And a second reference is right here.2 It \n"
        "                                                  \n"
        "1 Anna Bondarenko, “Problemy i Perspektivy Razvitia Sintzian-Uyghurskogo Avtonomnogo \n"
        " Raiona KNR” (PhD Thesis, Russian Academy of Sciences, 2007), https://example.org/a-\n"
        "2 Batalov, Deutsche Welle, 2018. \n"
        " continues on the next page with the paragraph that ends on this line.  \n",
        &d);
    ASSERT_XS(doc, "normalize-space(//t:note[@n='1'])",
              "Anna Bondarenko, “Problemy i Perspektivy Razvitia Sintzian-Uyghurskogo Avtonomnogo "
              "Raiona KNR” (PhD Thesis, Russian Academy of Sciences, 2007), "
              "https://example.org/a-");
    ASSERT_XS(doc, "normalize-space(//t:note[@n='2'])", "Batalov, Deutsche Welle, 2018.");
    ASSERT_XP(doc, "count(//t:body//t:p)", 1);
    ASSERT_XS(doc, "substring-after(string(//t:body//t:p), 'Welle, 2018.')",
              " It continues on the next page with the paragraph that ends on this line.");
    xmlFreeDoc(doc);
    diag_free(&d);
}
END_TEST

START_TEST(note_without_separator_line)
{
    struct diag d;
    xmlDocPtr doc = chapter(
        "This is a small manuscript with one chapter and a footnote reference here.1 It has \n\n"
        "enough words to make a paragraph of its own.  \n\n"
        " 1 A note that survived the extraction. \n",
        &d);
    ASSERT_XP(doc, "count(//t:note)", 1);
    ASSERT_XS(doc, "normalize-space(//t:note)", "A note that survived the extraction.");
    ASSERT_XP(doc, "count(//t:body//t:p)", 1);
    ck_assert_int_eq(d.warnings, 0);
    xmlFreeDoc(doc);
    diag_free(&d);
}
END_TEST

START_TEST(lost_note_gets_a_gap_and_one_warning)
{
    struct diag d;
    xmlDocPtr doc =
        chapter("A reference whose note text the extraction lost is right here.1 \n", &d);
    ASSERT_XP(doc, "count(//t:note[@n='1']/t:gap[@reason='lost'])", 1);
    ck_assert_int_eq(d.warnings, 1);
    ck_assert_str_eq(d.last, "t.txt:5: warning: note 1: its text is missing from the source");
    xmlFreeDoc(doc);
    diag_free(&d);
}
END_TEST

START_TEST(cut_note_gets_a_gap)
{
    struct diag d;
    xmlDocPtr doc = chapter("A reference whose note text the extraction cut is right here.1 \n"
                            "                                                  \n"
                            "1 Gardner Bovingdon, Autonomy in Xinjiang, 2004, p. 8, \n",
                            &d);
    ASSERT_XP(doc, "count(//t:note/t:gap[@reason='truncated'])", 1);
    ck_assert_int_eq(d.warnings, 1);
    ck_assert_str_eq(d.last, "t.txt:7: warning: note 1: its text is cut off in the source");
    xmlFreeDoc(doc);
    diag_free(&d);
}
END_TEST

START_TEST(damaged_reference_does_not_stop_the_count)
{
    struct diag d;
    xmlDocPtr doc =
        chapter("The first reference is fine.1 The second lost its number in the extraction. The \n"
                "third is glued on again.3 And the fourth one follows it in the same line here.4 \n"
                "                                                  \n"
                "1 First. \n2 Second, whose reference is gone. \n3 Third. \n4 Fourth. \n",
                &d);
    ASSERT_XP(doc, "count(//t:note)", 4);
    for (int n = 1; n <= 4; n++) {
        char expr[64];
        snprintf(expr, sizeof expr, "count((//t:note)[%d][@n='%d'])", n, n);
        ASSERT_XP(doc, expr, 1);
    }
    ASSERT_XS(doc, "normalize-space(//t:note[@n='2'])", "Second, whose reference is gone.");
    ASSERT_XS(doc, "normalize-space(//t:note[@n='1'])", "First.");
    ck_assert_int_eq(d.warnings, 1);
    ck_assert_msg(strstr(d.last, "note 2: its reference was not found") != NULL, "%s", d.last);
    xmlFreeDoc(doc);
    diag_free(&d);
}
END_TEST

START_TEST(bullets_become_a_list)
{
    struct diag d;
    xmlDocPtr doc = chapter("Based on the stated goal, it formulates the following questions:   \n"
                            "• What national interests impel the government to support the \n"
                            "policy over Xinjiang? \n"
                            "• How does the issue manifest itself?  \n"
                            "After the list, a paragraph of running text follows and ends.  \n",
                            &d);
    ASSERT_XP(doc, "count(//t:list[@rend='bulleted']/t:item)", 2);
    ASSERT_XS(doc, "string(//t:item[1])",
              "What national interests impel the government to support the policy over Xinjiang?");
    ASSERT_XP(doc, "count(//t:body//t:p)", 2);
    xmlFreeDoc(doc);
    diag_free(&d);
}
END_TEST

START_TEST(block_quotation_after_a_colon)
{
    struct diag d;
    xmlDocPtr doc = chapter(
        "The text of the chapter introduces a quotation, and the lines of running text are \n"
        "all about as long as this one, while the lines of the quotation, set in a smaller \n"
        "type, hold more words; the paragraph that comes before it ends with a colon, as the \n"
        "program of the party proclaimed:  \n"
        "To further strengthen the unity of our Motherland and develop the brotherhood relations "
        "between \n"
        "different nationalities. To further strengthen cohesion within national minorities in the "
        "building \n"
        "of the Motherland and of socialism over a long period of time.1  \n"
        "In other words, the running text goes on after the quotation in lines of the usual \n"
        "length, and it ends here.  \n",
        &d);
    ASSERT_XP(doc, "count(//t:div/t:quote)", 1);
    ASSERT_XP(doc, "count(//t:quote/t:note)", 1);
    ASSERT_XP(doc, "count(//t:body//t:p)", 2);
    xmlFreeDoc(doc);
    diag_free(&d);
}
END_TEST

START_TEST(notes_numbered_per_chapter)
{
    struct diag d;
    xmlDocPtr doc = import(" CHAPTER ONE \n\nFIRST \n\nThe first chapter has one reference.1 \n"
                           "                                                  \n"
                           "1 The first note. \n"
                           " CHAPTER TWO \n\nSECOND \n\nThe second chapter has one too.1 \n"
                           "                                                  \n"
                           "1 The second chapter's first note. \n",
                           &d);
    ck_assert_ptr_nonnull(doc);
    ASSERT_XP(doc, "count(//t:note)", 2);
    ASSERT_XS(doc, "string(//t:div[@n='2']//t:note/@xml:id)", "ch2-fn1");
    ASSERT_XS(doc, "normalize-space(//t:div[@n='2']//t:note)", "The second chapter's first note.");
    xmlFreeDoc(doc);
    diag_free(&d);
}
END_TEST

static const char *SMALL = " ABSTRACT \n\nA TITLE \n\n This abstract is one short paragraph.  \n"
                           " CHAPTER ONE \n\nINTRODUCTION \n\n"
                           "The chapter has a paragraph with a note reference right at its end.1 \n"
                           "                                                  \n"
                           "1 The note. \n";

/* Converts LF to CRLF and prefixes a BOM when asked. */
static char *crlf(const char *s, int bom)
{
    struct buf b;
    buf_init(&b);
    if (bom)
        buf_puts(&b, "\xEF\xBB\xBF");
    for (; *s; s++) {
        if (*s == '\n')
            buf_putc(&b, '\r');
        buf_putc(&b, *s);
    }
    return buf_detach(&b);
}

START_TEST(crlf_and_bom_give_the_same_tei)
{
    struct diag d1, d2;
    xmlDocPtr a = import(SMALL, &d1);
    char *variant = crlf(SMALL, 1);
    xmlDocPtr b = import(variant, &d2);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    char *ta = dump_element(a, "text"), *tb = dump_element(b, "text");
    ck_assert_str_eq(ta, tb);
    ASSERT_XP(b, "count(//t:front/t:div[@type='abstract'])", 1);
    free(ta);
    free(tb);
    free(variant);
    xmlFreeDoc(a);
    xmlFreeDoc(b);
    diag_free(&d1);
    diag_free(&d2);
}
END_TEST

START_TEST(form_feed_marks_a_page_start)
{
    struct diag d;
    xmlDocPtr doc =
        chapter("The paragraph runs to the end of the page where a note reference stands.1 The \n"
                "                                                  \n"
                "1 The note, complete. \n"
                "\fsentence goes on at the top of the next page and ends the paragraph.  \n",
                &d);
    ASSERT_XP(doc, "count(//t:body//t:p)", 1);
    ASSERT_XS(doc, "normalize-space(//t:note)", "The note, complete.");
    ck_assert_int_eq(d.warnings, 0);
    xmlFreeDoc(doc);
    diag_free(&d);
}
END_TEST

START_TEST(no_structure_is_one_div_with_a_warning)
{
    struct diag d;
    xmlDocPtr doc = import("just some words without any structure at all\n", &d);
    ck_assert_ptr_nonnull(doc);
    ASSERT_XP(doc, "count(/t:TEI/t:text/t:body/t:div/t:p)", 1);
    ck_assert_int_eq(d.warnings, 1);
    ck_assert_int_eq(d.errors, 0);
    xmlFreeDoc(doc);
    diag_free(&d);
}
END_TEST

/* ---- bad input ---------------------------------------------------------------------------- */

static void expect_error(const char *data, size_t len, const char *message)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    xmlDocPtr doc = imp_text(data, len, "t.txt", &d);
    ck_assert_ptr_null(doc);
    ck_assert_int_eq(d.errors, 1);
    ck_assert_msg(strstr(d.last, message) != NULL, "\"%s\" lacks \"%s\"", d.last, message);
    diag_free(&d);
}

START_TEST(bad_inputs_are_refused)
{
    expect_error("", 0, "t.txt: error: empty input");
    expect_error("\xEF\xBB\xBF", 3, "empty input");
    expect_error("  \n \n\t\n", 7, "only white space");
    expect_error("ab\ncd\0ef", 8, "t.txt:2:3: error: NUL byte");
    expect_error("line one\nlin\xC3(e two", 15, "t.txt:2:4: error: invalid UTF-8");
    expect_error("caf\xE9\n", 5, "t.txt:1:4: error: invalid UTF-8");
    expect_error("x\x01y", 3, "t.txt:1:2: error: control character U+0001");
    expect_error("\xED\xA0\x80", 3, "invalid UTF-8");
}
END_TEST

START_TEST(fifty_megabyte_line_is_refused)
{
    size_t n = 50u * 1024 * 1024;
    char *big = xmalloc(n);
    memset(big, 'a', n);
    expect_error(big, n, "t.txt:1: error: line longer than");
    free(big);
}
END_TEST

/* ---- TEI input ---------------------------------------------------------------------------- */

static const char *TEI_OK =
    "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>t</title>"
    "</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc>"
    "</fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>";

START_TEST(xml_is_told_by_content)
{
    ck_assert(imp_looks_like_xml("\xEF\xBB\xBF \n<TEI/>", 10));
    ck_assert(!imp_looks_like_xml(" CHAPTER ONE", 12));
    ck_assert(!imp_looks_like_xml("", 0));
}
END_TEST

static void expect_tei_error(const char *xml, const char *message)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    xmlDocPtr doc = imp_tei(xml, strlen(xml), "t.xml", &d);
    ck_assert_ptr_null(doc);
    ck_assert_msg(strstr(d.last, message) != NULL, "\"%s\" lacks \"%s\"", d.last, message);
    diag_free(&d);
}

START_TEST(tei_is_read_safely)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    xmlDocPtr doc = imp_tei(TEI_OK, strlen(TEI_OK), "t.xml", &d);
    ck_assert_ptr_nonnull(doc);
    ASSERT_XS(doc, "string(//t:body/t:p)", "x");
    ck_assert_int_eq(d.warnings, 0);
    xmlFreeDoc(doc);
    diag_free(&d);
    diag_init(&d, NULL, 0);
    const char *headless = "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text/></TEI>";
    doc = imp_tei(headless, strlen(headless), "t.xml", &d);
    ck_assert_ptr_nonnull(doc);
    ck_assert_str_eq(d.last, "t.xml:1: warning: TEI without teiHeader: TEI P5 requires a "
                             "teiHeader and a text");
    xmlFreeDoc(doc);
    diag_free(&d);
    expect_tei_error("<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "
                     "\"file:///etc/passwd\">]>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">"
                     "<text><body><p>&x;</p></body></text></TEI>",
                     "entity declarations are not accepted");
    expect_tei_error("<TEI><text/></TEI>", "t.xml:1: error: the root element is not TEI");
    expect_tei_error("<html xmlns=\"http://www.tei-c.org/ns/1.0\"/>", "not TEI");
    expect_tei_error("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n<text>\n<p>x</q>", "t.xml:3:");
    struct buf deep;
    buf_init(&deep);
    buf_puts(&deep, "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">");
    for (int i = 0; i < 5000; i++)
        buf_puts(&deep, "<div>");
    for (int i = 0; i < 5000; i++)
        buf_puts(&deep, "</div>");
    buf_puts(&deep, "</TEI>");
    expect_tei_error(deep.data, "t.xml:1:");
    buf_free(&deep);
}
END_TEST

/* ---- the bundled thesis ------------------------------------------------------------------ */

static xmlDocPtr thesis(struct diag *d)
{
    size_t len;
    diag_init(d, NULL, 0);
    char *data = out_read_file("xml/thesis.txt", &len, d);
    ck_assert_msg(data != NULL, "run from the top of the tree: %s", d->last);
    xmlDocPtr doc = imp_text(data, len, "xml/thesis.txt", d);
    free(data);
    ck_assert_ptr_nonnull(doc);
    return doc;
}

START_TEST(thesis_structure)
{
    struct diag d;
    xmlDocPtr doc = thesis(&d);
    ASSERT_XP(doc, "count(//t:front/t:div[@type='abstract'])", 2);
    ASSERT_XS(doc, "string(//t:front/t:div[1]/@xml:lang)", "en");
    ASSERT_XS(doc, "string(//t:front/t:div[2]/@xml:lang)", "tr");
    ASSERT_XS(doc, "string(//t:front/t:div[1]/t:head[@type='title'])",
              "XINJIANG ISSUE FROM THE PERSPECTIVE OF RUSSIA AND CENTRAL ASIAN COUNTRIES");
    ASSERT_XS(doc, "string(//t:titleStmt/t:title[1])",
              "XINJIANG ISSUE FROM THE PERSPECTIVE OF RUSSIA AND CENTRAL ASIAN COUNTRIES");
    ASSERT_XS(doc, "string(//t:titleStmt/t:title[@xml:lang='tr'])",
              "RUSYA VE ORTA ASYA ÜLKELERİ AÇISINDAN SİNCAN SORUNU");
    ASSERT_XP(doc, "count(//t:langUsage/t:language[@ident='en' or @ident='tr'])", 2);
    ASSERT_XP(doc, "count(/t:TEI/t:text/t:body/t:div[@type='chapter'])", 5);
    ASSERT_XS(doc, "string(//t:div[@type='chapter'][3]/t:head[2])", "THE RUSSIAN FEDERATION");
    ASSERT_XS(doc, "string(//t:div[@n='1.3']/t:head)",
              "1.3. OBJECTIVES OF THE STUDY AND THE RESEARCH QUESTIONS");
    static const char *const SECTIONS[] = {"1.1", "1.2", "1.3", "1.4", "1.5", "4.1", "4.2"};
    static const char *const SUBS[] = {"4.1.1", "4.1.2", "4.1.3", "4.2.1", "4.2.2", "4.2.3"};
    ASSERT_XP(doc, "count(//t:div[@type='section'])", 7);
    ASSERT_XP(doc, "count(//t:div[@type='subsection'])", 6);
    for (int i = 0; i < 7; i++) {
        char expr[160];
        snprintf(expr, sizeof expr,
                 "count((//t:div[@type='section'])[%d][@n='%s']/parent::t:div"
                 "[@type='chapter'][@n='%c'])",
                 i + 1, SECTIONS[i], SECTIONS[i][0]);
        ASSERT_XP(doc, expr, 1);
    }
    for (int i = 0; i < 6; i++) {
        char expr[160];
        snprintf(expr, sizeof expr,
                 "count((//t:div[@type='subsection'])[%d][@n='%s']/parent::"
                 "t:div[@type='section'][@n='%.3s'])",
                 i + 1, SUBS[i], SUBS[i]);
        ASSERT_XP(doc, expr, 1);
    }
    ASSERT_XP(doc, "count(//t:list/t:item)", 5);
    ASSERT_XP(doc, "count(//t:div[@n='1.3']/t:list)", 1);
    ck_assert_int_ge(xp_number(doc, "count(//t:quote)"), 3);
    xmlFreeDoc(doc);
    diag_free(&d);
}
END_TEST

START_TEST(thesis_notes)
{
    struct diag d;
    xmlDocPtr doc = thesis(&d);
    ASSERT_XP(doc, "count(//t:note[@place='foot'])", 195);
    for (int n = 1; n <= 195; n++) {
        char expr[96];
        snprintf(expr, sizeof expr, "count((//t:note)[%d][@n='%d'][@xml:id='fn%d'])", n, n, n);
        ASSERT_XP(doc, expr, 1);
    }
    ASSERT_XS(doc, "normalize-space(//t:note[@n='9'])",
              "Konstantin Syroezhkin, Myths and Reality of Ethnic Separatism in China and "
              "Security of Central Asia, Almaty: Daik-Press, 2003, p. 36.");
    ASSERT_XP(doc, "count(//t:note[@n='158']/t:gap)", 1);
    /* 141 notes lost, 4 cut off (35, 36, 190, 195), 2 with only their end (191, 193): one
       warning each, nothing else warned about. */
    ASSERT_XP(doc, "count(//t:note[t:gap[@reason='lost']][not(normalize-space())])", 141);
    ASSERT_XP(doc, "count(//t:note[t:gap])", 147);
    ck_assert_int_eq(d.warnings, 147);
    /* no note text in a paragraph, no body text in a note */
    ASSERT_XP(doc, "count(//t:body//t:p/text()[contains(., 'Daik-Press')])", 1 - 1);
    ASSERT_XP(doc, "count(//t:note[contains(., 'abovementioned claim')])", 0);
    xmlFreeDoc(doc);
    diag_free(&d);
}
END_TEST

START_TEST(thesis_valid_and_deterministic)
{
    struct diag d1, d2;
    xmlDocPtr a = thesis(&d1), b = thesis(&d2);
    xmlChar *ma, *mb;
    int na, nb;
    xmlDocDumpFormatMemoryEnc(a, &ma, &na, "UTF-8", 1);
    xmlDocDumpFormatMemoryEnc(b, &mb, &nb, "UTF-8", 1);
    ck_assert_int_eq(na, nb);
    ck_assert(memcmp(ma, mb, (size_t)na) == 0);
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt("xml/folio-tei.rng");
    xmlRelaxNGPtr schema = xmlRelaxNGParse(pc);
    ck_assert_ptr_nonnull(schema);
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
    ck_assert_int_eq(xmlRelaxNGValidateDoc(vc, a), 0);
    xmlRelaxNGFreeValidCtxt(vc);
    xmlRelaxNGFree(schema);
    xmlRelaxNGFreeParserCtxt(pc);
    xmlFree(ma);
    xmlFree(mb);
    xmlFreeDoc(a);
    xmlFreeDoc(b);
    diag_free(&d1);
    diag_free(&d2);
}
END_TEST

static Suite *import_suite(void)
{
    Suite *s = suite_create("import");
    TCase *rules = tcase_create("rules");
    tcase_add_test(rules, refs_glued_to_words_punctuation_quotes_years);
    tcase_add_test(rules, ref_after_a_space);
    tcase_add_test(rules, numbers_that_are_not_refs);
    tcase_add_test(rules, note_body_across_a_page_start);
    tcase_add_test(rules, note_without_separator_line);
    tcase_add_test(rules, lost_note_gets_a_gap_and_one_warning);
    tcase_add_test(rules, cut_note_gets_a_gap);
    tcase_add_test(rules, damaged_reference_does_not_stop_the_count);
    tcase_add_test(rules, bullets_become_a_list);
    tcase_add_test(rules, block_quotation_after_a_colon);
    tcase_add_test(rules, notes_numbered_per_chapter);
    tcase_add_test(rules, crlf_and_bom_give_the_same_tei);
    tcase_add_test(rules, form_feed_marks_a_page_start);
    tcase_add_test(rules, no_structure_is_one_div_with_a_warning);
    tcase_add_loop_test(rules, spec_example, 0, n_examples);
    suite_add_tcase(s, rules);
    TCase *bad = tcase_create("bad input");
    tcase_set_timeout(bad, 60);
    tcase_add_test(bad, bad_inputs_are_refused);
    tcase_add_test(bad, fifty_megabyte_line_is_refused);
    tcase_add_test(bad, xml_is_told_by_content);
    tcase_add_test(bad, tei_is_read_safely);
    suite_add_tcase(s, bad);
    TCase *whole = tcase_create("thesis");
    tcase_set_timeout(whole, 60);
    tcase_add_test(whole, thesis_structure);
    tcase_add_test(whole, thesis_notes);
    tcase_add_test(whole, thesis_valid_and_deterministic);
    suite_add_tcase(s, whole);
    return s;
}

int main(void)
{
    glob_t g;
    if (glob("tests/spec/import-*.txt", 0, NULL, &g) == 0) {
        for (size_t i = 0; i < g.gl_pathc; i++)
            load_spec(g.gl_pathv[i]);
        globfree(&g);
    }
    int failed = check_failures(import_suite());
    for (int i = 0; i < n_examples; i++) {
        free(examples[i].input);
        free(examples[i].expect);
        free(examples[i].root);
    }
    xmlCleanupParser();
    return failed == 0 && n_examples > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

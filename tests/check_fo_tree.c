/* check_fo_tree.c — unit tests of the FO tree and properties: units, inheritance,
 * expressions, shorthands, one warning per unsupported name, deep nesting. */
#include <check.h>
#include <libxml/parser.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fo/tree.h"
#include "check_helpers.h"

#define NS "xmlns:fo='http://www.w3.org/1999/XSL/Format'"

static struct fo_tree *parse(const char *xml, struct diag *d, xmlDocPtr *doc)
{
    *doc = xmlReadMemory(xml, (int)strlen(xml), "t.fo", NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
    ck_assert_ptr_nonnull(*doc);
    return fo_tree_build(*doc, "t.fo", d);
}

static int find(const struct fo_tree *t, int type, int nth)
{
    for (size_t i = 0; i < t->n_nodes; i++)
        if (t->nodes[i].type == type && nth-- == 0)
            return (int)i;
    return -1;
}

static double len(const char *expr, double fs, double pct)
{
    double v = -12345;
    struct fo_context cx = {400, 0, 0, 0, 0};
    ck_assert_int_eq(fo_eval_length(expr, fs, pct, &cx, NULL, &v, NULL), 0);
    return v;
}

START_TEST(units_convert_to_points)
{
    ck_assert(fabs(len("1in", 10, 0) - 72) < 1e-9);
    ck_assert(fabs(len("25.4mm", 10, 0) - 72) < 1e-9);
    ck_assert(fabs(len("2.54cm", 10, 0) - 72) < 1e-9);
    ck_assert(fabs(len("1pc", 10, 0) - 12) < 1e-9);
    ck_assert(fabs(len("4px", 10, 0) - 3) < 1e-9);
    ck_assert(fabs(len("1.5em", 10, 0) - 15) < 1e-9);
    ck_assert(fabs(len("50%", 10, 300) - 150) < 1e-9);
}
END_TEST

START_TEST(expressions_evaluate)
{
    ck_assert(fabs(len("10pt * 1.2", 10, 0) - 12) < 1e-9);
    ck_assert(fabs(len("(1in + 8pt) div 2", 10, 0) - 40) < 1e-9);
    ck_assert(fabs(len("-2pt + 5pt", 10, 0) - 3) < 1e-9);
    ck_assert(fabs(len("max(3pt, 7pt)", 10, 0) - 7) < 1e-9);
    double v, prop = 0;
    ck_assert_int_eq(fo_eval_length("proportional-column-width(2)", 10, 0, NULL, NULL, &v, &prop),
                     0);
    ck_assert(fabs(prop - 2) < 1e-9);
    struct fo_context cx = {400, 10, 30, 6, 1};
    ck_assert_int_eq(fo_eval_length("body-start()", 10, 0, &cx, NULL, &v, NULL), 0);
    ck_assert(fabs(v - 40) < 1e-9);
    ck_assert_int_eq(fo_eval_length("label-end()", 10, 0, &cx, NULL, &v, NULL), 0);
    ck_assert(fabs(v - (400 - 34)) < 1e-9);
    ck_assert_int_eq(fo_eval_length("12qq", 10, 0, &cx, NULL, &v, NULL), -1);
}
END_TEST

START_TEST(inherited_and_not_inherited)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    xmlDocPtr doc;
    struct fo_tree *t = parse("<fo:root " NS "><fo:block font-size='20pt' space-before='6pt'"
                              " color='#ff0000' start-indent='1in'><fo:block>x</fo:block>"
                              "</fo:block></fo:root>",
                              &d, &doc);
    ck_assert_ptr_nonnull(t);
    struct fo_context cx = {400, 0, 0, 0, 0};
    struct fo_style root, outer, inner;
    fo_tree_style(t, 0, NULL, &cx, &root);
    fo_tree_style(t, find(t, FO_E_BLOCK, 0), &root, &cx, &outer);
    fo_tree_style(t, find(t, FO_E_BLOCK, 1), &outer, &cx, &inner);
    ck_assert(fabs(inner.font_size - 20) < 1e-9);
    ck_assert_uint_eq(inner.color, 0xFF0000);
    ck_assert(fabs(inner.start_indent - 72) < 1e-9);
    ck_assert(fabs(outer.space_before.opt - 6) < 1e-9);
    ck_assert(fabs(inner.space_before.opt) < 1e-9);
    ck_assert(fabs(inner.line_height - 24) < 1e-9); /* normal = 1.2 of its own size */
    fo_tree_free(t);
    xmlFreeDoc(doc);
}
END_TEST

/* last-line-end-indent (XSL-FO 1.1 §7.16.3): a length, % of the containing block or em, may be
 * negative, inherited; in the subset, so no warning. */
START_TEST(last_line_end_indent_computed_and_inherited)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    xmlDocPtr doc;
    struct fo_tree *t = parse("<fo:root " NS " font-size='10pt'><fo:block"
                              " last-line-end-indent='-3em'><fo:block>x</fo:block><fo:block"
                              " last-line-end-indent='10%'>y</fo:block></fo:block></fo:root>",
                              &d, &doc);
    ck_assert_ptr_nonnull(t);
    ck_assert_int_eq(d.warnings, 0);
    struct fo_context cx = {400, 0, 0, 0, 0};
    struct fo_style root, outer, inner, pct;
    fo_tree_style(t, 0, NULL, &cx, &root);
    fo_tree_style(t, find(t, FO_E_BLOCK, 0), &root, &cx, &outer);
    fo_tree_style(t, find(t, FO_E_BLOCK, 1), &outer, &cx, &inner);
    fo_tree_style(t, find(t, FO_E_BLOCK, 2), &outer, &cx, &pct);
    ck_assert(fabs(root.last_line_end_indent) < 1e-9); /* initial 0pt */
    ck_assert(fabs(outer.last_line_end_indent + 30) < 1e-9);
    ck_assert(fabs(inner.last_line_end_indent + 30) < 1e-9);
    ck_assert(fabs(pct.last_line_end_indent - 40) < 1e-9);
    fo_tree_free(t);
    xmlFreeDoc(doc);
}
END_TEST

START_TEST(em_and_percent_use_parent_font_size)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    xmlDocPtr doc;
    struct fo_tree *t = parse("<fo:root " NS " font-size='10pt'><fo:block font-size='150%'"
                              " line-height='1.5' text-indent='2em'>x</fo:block></fo:root>",
                              &d, &doc);
    struct fo_context cx = {400, 0, 0, 0, 0};
    struct fo_style root, b;
    fo_tree_style(t, 0, NULL, &cx, &root);
    fo_tree_style(t, find(t, FO_E_BLOCK, 0), &root, &cx, &b);
    ck_assert(fabs(b.font_size - 15) < 1e-9);
    ck_assert(fabs(b.line_height - 22.5) < 1e-9);
    ck_assert(fabs(b.text_indent - 30) < 1e-9);
    fo_tree_free(t);
    xmlFreeDoc(doc);
}
END_TEST

START_TEST(space_components_and_margins)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    xmlDocPtr doc;
    struct fo_tree *t = parse(
        "<fo:root " NS "><fo:block space-before.minimum='2pt' space-before.optimum='4pt'"
        " space-before.maximum='8pt' space-before.conditionality='retain'"
        " margin='1pt 2pt 3pt 4pt' border='0.5pt solid blue' keep-together.within-page='always'"
        ">x</fo:block></fo:root>",
        &d, &doc);
    struct fo_context cx = {400, 0, 0, 0, 0};
    struct fo_style root, b;
    fo_tree_style(t, 0, NULL, &cx, &root);
    fo_tree_style(t, find(t, FO_E_BLOCK, 0), &root, &cx, &b);
    ck_assert(fabs(b.space_before.min - 2) < 1e-9);
    ck_assert(fabs(b.space_before.opt - 4) < 1e-9);
    ck_assert(fabs(b.space_before.max - 8) < 1e-9);
    ck_assert_int_eq(b.space_before.retain, 1);
    ck_assert(fabs(b.space_after.opt - 3) < 1e-9); /* margin-bottom corresponds */
    ck_assert(fabs(b.start_indent - 4.5) < 1e-9);  /* margin-left + border */
    ck_assert(fabs(b.end_indent - 2.5) < 1e-9);
    ck_assert_uint_eq(b.border_color[FO_TOP], 0x0000FF);
    ck_assert_int_eq(b.keep_together, FO_KEEP_ALWAYS);
    fo_tree_free(t);
    xmlFreeDoc(doc);
}
END_TEST

START_TEST(unknown_property_warns_once)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    xmlDocPtr doc;
    struct fo_tree *t = parse("<fo:root " NS "><fo:block frobnicate='1'>a</fo:block>"
                              "<fo:block frobnicate='2'>b</fo:block><fo:float/><fo:float/>"
                              "</fo:root>",
                              &d, &doc);
    ck_assert_ptr_nonnull(t);
    ck_assert_int_eq(d.warnings, 2);
    ck_assert_ptr_nonnull(strstr(d.last, "float"));
    fo_tree_free(t);
    xmlFreeDoc(doc);
}
END_TEST

START_TEST(not_fo_is_an_error)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    xmlDocPtr doc;
    struct fo_tree *t = parse("<root/>", &d, &doc);
    ck_assert_ptr_null(t);
    ck_assert_int_eq(d.errors, 1);
    xmlFreeDoc(doc);
}
END_TEST

START_TEST(deep_nesting_is_flattened)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<fo:root " NS "><fo:page-sequence><fo:flow>");
    for (int i = 0; i < 100000; i++)
        buf_puts(&b, "<fo:block>");
    buf_puts(&b, "deep");
    for (int i = 0; i < 100000; i++)
        buf_puts(&b, "</fo:block>");
    buf_puts(&b, "</fo:flow></fo:page-sequence></fo:root>");
    struct diag d;
    diag_init(&d, NULL, 0);
    xmlDocPtr doc;
    struct fo_tree *t = parse(b.data, &d, &doc);
    ck_assert_ptr_nonnull(t);
    ck_assert_uint_le(t->n_nodes, FO_MAX_DEPTH + 5);
    ck_assert_int_ge(find(t, FO_E_TEXT, 0), 0);
    ck_assert_int_eq(d.warnings, 1);
    fo_tree_free(t);
    xmlFreeDoc(doc);
    buf_free(&b);
}
END_TEST

START_TEST(ids_are_found)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    xmlDocPtr doc;
    struct fo_tree *t = parse("<fo:root " NS "><fo:block id='a'>x<fo:inline id='b'>y</fo:inline>"
                              "</fo:block></fo:root>", &d, &doc);
    ck_assert_int_eq(fo_tree_find_id(t, "a"), find(t, FO_E_BLOCK, 0));
    ck_assert_int_eq(fo_tree_find_id(t, "b"), find(t, FO_E_INLINE, 0));
    ck_assert_int_eq(fo_tree_find_id(t, "c"), -1);
    fo_tree_free(t);
    xmlFreeDoc(doc);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fo_tree");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, units_convert_to_points);
    tcase_add_test(tc, expressions_evaluate);
    tcase_add_test(tc, inherited_and_not_inherited);
    tcase_add_test(tc, last_line_end_indent_computed_and_inherited);
    tcase_add_test(tc, em_and_percent_use_parent_font_size);
    tcase_add_test(tc, space_components_and_margins);
    tcase_add_test(tc, unknown_property_warns_once);
    tcase_add_test(tc, not_fo_is_an_error);
    tcase_add_test(tc, deep_nesting_is_flattened);
    tcase_add_test(tc, ids_are_found);
    suite_add_tcase(s, tc);
    int failed = check_failures(s);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

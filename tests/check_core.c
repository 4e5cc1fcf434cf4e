/* check_core.c — unit tests of the shared pieces: string buffer, diagnostics, atomic output,
 * and the transform stage's security rules. */
#include <check.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "outfile.h"
#include "xform.h"
#include "check_helpers.h"

START_TEST(buf_grows_and_detaches)
{
    struct buf b;
    buf_init(&b);
    for (int i = 0; i < 10000; i++)
        buf_printf(&b, "%d,", i % 10);
    ck_assert_uint_eq(b.len, 20000);
    ck_assert_int_eq(b.data[b.len], '\0');
    char *s = buf_detach(&b);
    ck_assert_ptr_null(b.data);
    ck_assert_int_eq(strncmp(s, "0,1,2,", 6), 0);
    free(s);
}
END_TEST

START_TEST(diag_formats_position_and_counts)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    diag_report(&d, DIAG_WARNING, "a.txt", 3, 7, "odd %s", "thing");
    ck_assert_str_eq(d.last, "a.txt:3:7: warning: odd thing");
    diag_report(&d, DIAG_ERROR, "a.txt", 0, 0, "bad");
    ck_assert_str_eq(d.last, "a.txt: error: bad");
    ck_assert_int_eq(d.warnings, 1);
    ck_assert_int_eq(d.errors, 1);
}
END_TEST

static char tmpdir[64];

static void make_tmpdir(void)
{
    strcpy(tmpdir, "/tmp/folio-core-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

START_TEST(out_write_replaces_atomically)
{
    make_tmpdir();
    char path[128];
    snprintf(path, sizeof path, "%s/sub/dir/f.txt", tmpdir);
    struct diag d;
    diag_init(&d, NULL, 0);
    char dir[128];
    snprintf(dir, sizeof dir, "%s/sub/dir", tmpdir);
    ck_assert_int_eq(out_make_dir(dir, &d), 0);
    ck_assert_int_eq(out_write_file(path, "one", 3, &d), 0);
    ck_assert_int_eq(out_write_file(path, "two!", 4, &d), 0);
    size_t len;
    char *data = out_read_file(path, &len, &d);
    ck_assert_str_eq(data, "two!");
    ck_assert_uint_eq(len, 4);
    free(data);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0044, 0044); /* readable like a normal file */
    unlink(path);
}
END_TEST

START_TEST(out_write_fails_cleanly_in_missing_dir)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    ck_assert_int_eq(out_write_file("/nonexistent-dir/x.pdf", "x", 1, &d), -1);
    ck_assert_int_eq(d.errors, 1);
    ck_assert_ptr_nonnull(strstr(d.last, "cannot create output file"));
}
END_TEST

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static const char xsl_head[] =
    "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
    "<xsl:param name='p' select=\"'none'\"/>";

START_TEST(xform_applies_with_quoted_params)
{
    make_tmpdir();
    char xsl[128];
    snprintf(xsl, sizeof xsl, "%s/t.xsl", tmpdir);
    char text[512];
    snprintf(text, sizeof text,
             "%s<xsl:template match='/'><out v='{$p}'><xsl:value-of select='/in'/></out>"
             "</xsl:template></xsl:stylesheet>",
             xsl_head);
    write_text(xsl, text);
    xmlDocPtr in = xmlReadMemory("<in>hi</in>", 11, "in.xml", NULL, XML_PARSE_NONET);
    const char *params[] = {"p", "it's", NULL};
    struct diag d;
    diag_init(&d, NULL, 0);
    xmlDocPtr out = xform_apply(xsl, in, params, NULL, &d);
    ck_assert_ptr_nonnull(out);
    xmlChar *v = xmlGetProp(xmlDocGetRootElement(out), (const xmlChar *)"v");
    ck_assert_str_eq((char *)v, "it's");
    xmlFree(v);
    xmlFreeDoc(out);
    xmlFreeDoc(in);
}
END_TEST

/* document() of a file outside the allowed directories is refused (libxslt security prefs). */
START_TEST(xform_refuses_documents_outside)
{
    make_tmpdir();
    char xsl[128];
    snprintf(xsl, sizeof xsl, "%s/t.xsl", tmpdir);
    char text[512];
    snprintf(text, sizeof text,
             "%s<xsl:template match='/'><out><xsl:copy-of select=\"document('/etc/passwd')\"/>"
             "</out></xsl:template></xsl:stylesheet>",
             xsl_head);
    write_text(xsl, text);
    xmlDocPtr in = xmlReadMemory("<in/>", 5, "in.xml", NULL, XML_PARSE_NONET);
    struct diag d;
    diag_init(&d, NULL, 0);
    xmlDocPtr out = xform_apply(xsl, in, NULL, NULL, &d);
    ck_assert(out == NULL || xmlDocGetRootElement(out)->children == NULL);
    ck_assert_int_ge(d.errors + d.warnings, 1);
    xmlFreeDoc(out);
    xmlFreeDoc(in);
}
END_TEST

START_TEST(xform_refuses_network_include)
{
    make_tmpdir();
    char xsl[128];
    snprintf(xsl, sizeof xsl, "%s/t.xsl", tmpdir);
    char text[512];
    snprintf(text, sizeof text, "%s<xsl:include href='http://127.0.0.1:9/x.xsl'/>"
             "</xsl:stylesheet>", xsl_head);
    write_text(xsl, text);
    xmlDocPtr in = xmlReadMemory("<in/>", 5, "in.xml", NULL, XML_PARSE_NONET);
    struct diag d;
    diag_init(&d, NULL, 0);
    ck_assert_ptr_null(xform_apply(xsl, in, NULL, NULL, &d));
    ck_assert_int_ge(d.errors, 1);
    xmlFreeDoc(in);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("core");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, buf_grows_and_detaches);
    tcase_add_test(tc, diag_formats_position_and_counts);
    tcase_add_test(tc, out_write_replaces_atomically);
    tcase_add_test(tc, out_write_fails_cleanly_in_missing_dir);
    tcase_add_test(tc, xform_applies_with_quoted_params);
    tcase_add_test(tc, xform_refuses_documents_outside);
    tcase_add_test(tc, xform_refuses_network_include);
    suite_add_tcase(s, tc);
    int failed = check_failures(s);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

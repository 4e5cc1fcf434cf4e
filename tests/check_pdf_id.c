/* check_pdf_id.c — the PDF /ID as the digest of the file written with a placeholder: both halves
 * replaced, the same bytes give the same ID, any other byte another, no placeholder refused. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_id.h"
#include "check_helpers.h"

#define ZEROS "00000000000000000000000000000000"

static const char file_text[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
                                "trailer\n<<\n/ID [ <" ZEROS "> <" ZEROS "> ]\n/Root 1 0 R\n>>\n"
                                "startxref\n9\n%%EOF\n";

/* A writable copy of text (the patch works in place). */
static char *copy(const char *text)
{
    char *s = malloc(strlen(text) + 1);
    ck_assert_ptr_nonnull(s);
    return strcpy(s, text);
}

/* The two hex halves of the patched ID, as one NUL-terminated "first second" string. */
static void halves(const char *pdf, char out[66])
{
    const char *id = strstr(pdf, "/ID [ <");
    ck_assert_ptr_nonnull(id);
    memcpy(out, id + 7, 32);
    out[32] = ' ';
    memcpy(out + 33, id + 7 + 32 + 3, 32);
    out[65] = '\0';
}

START_TEST(both_halves_replaced_by_one_digest)
{
    char *pdf = copy(file_text);
    ck_assert_int_eq(pdf_id_patch((unsigned char *)pdf, strlen(pdf)), 0);
    char h[66];
    halves(pdf, h);
    ck_assert_msg(strncmp(h, ZEROS, 32) != 0, "first half still the placeholder: %s", h);
    ck_assert_msg(strncmp(h, h + 33, 32) == 0, "halves differ: %s", h);
    ck_assert_int_eq(strlen(pdf), strlen(file_text)); /* same length: offsets stay right */
    free(pdf);
}
END_TEST

START_TEST(same_bytes_same_id_other_bytes_other_id)
{
    char *a = copy(file_text), *b = copy(file_text), *c = copy(file_text);
    c[strlen("%PDF-1.4\n1 0 obj\n<< /Type /")] = 'X'; /* one byte of the content changed */
    ck_assert_int_eq(pdf_id_patch((unsigned char *)a, strlen(a)), 0);
    ck_assert_int_eq(pdf_id_patch((unsigned char *)b, strlen(b)), 0);
    ck_assert_int_eq(pdf_id_patch((unsigned char *)c, strlen(c)), 0);
    char ha[66], hb[66], hc[66];
    halves(a, ha);
    halves(b, hb);
    halves(c, hc);
    ck_assert_str_eq(ha, hb);
    ck_assert_str_ne(ha, hc);
    free(a);
    free(b);
    free(c);
}
END_TEST

START_TEST(no_placeholder_refused)
{
    char *pdf = copy(file_text);
    ck_assert_int_eq(pdf_id_patch((unsigned char *)pdf, strlen(pdf)), 0);
    char *again = copy(pdf); /* already patched: the placeholder is gone */
    ck_assert_int_eq(pdf_id_patch((unsigned char *)again, strlen(again)), -1);
    const char *no_trailer = "%PDF-1.4\n/ID [ <" ZEROS "> <" ZEROS "> ]\n";
    char *t = copy(no_trailer);
    ck_assert_int_eq(pdf_id_patch((unsigned char *)t, strlen(t)), -1);
    char *cut = copy(file_text);
    size_t at = (size_t)(strstr(cut, "> <") - cut) + 5; /* the file ends inside the second half */
    ck_assert_int_eq(pdf_id_patch((unsigned char *)cut, at), -1);
    free(pdf);
    free(again);
    free(t);
    free(cut);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pdf_id");
    TCase *tc = tcase_create("id");
    tcase_add_test(tc, both_halves_replaced_by_one_digest);
    tcase_add_test(tc, same_bytes_same_id_other_bytes_other_id);
    tcase_add_test(tc, no_placeholder_refused);
    suite_add_tcase(s, tc);
    int failed = check_failures(s);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

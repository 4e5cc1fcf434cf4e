/* check_layout.c — the typesetter on small FO documents: lines, justification, keeps,
 * widows and orphans, footnotes, page labels, tables, leaders, citations, deep nesting. */
#include <check.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include <libxml/parser.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fo/fo.h"
#include "fo/font.h"
#include "check_helpers.h"

static char map_path[256];

/* A font map naming the Liberation Serif files (fonts/ after `make fonts`, else Debian's). */
static const char *font_map(void)
{
    if (map_path[0])
        return map_path;
    const char *dir = access("fonts/LiberationSerif-Regular.ttf", R_OK) == 0
                          ? "fonts" : "/usr/share/fonts/truetype/liberation2";
    char cwd[200] = "";
    if (dir[0] != '/' && !getcwd(cwd, sizeof cwd))
        cwd[0] = '\0';
    snprintf(map_path, sizeof map_path, "/tmp/check_layout_%d.map", (int)getpid());
    FILE *f = fopen(map_path, "w");
    ck_assert_ptr_nonnull(f);
    const char *pre = dir[0] == '/' ? "" : cwd, *sep = dir[0] == '/' ? "" : "/";
    fprintf(f, "serif normal normal %s%s%s/LiberationSerif-Regular.ttf\n", pre, sep, dir);
    fprintf(f, "serif bold normal %s%s%s/LiberationSerif-Bold.ttf\n", pre, sep, dir);
    fprintf(f, "serif normal italic %s%s%s/LiberationSerif-Italic.ttf\n", pre, sep, dir);
    fprintf(f, "serif bold italic %s%s%s/LiberationSerif-BoldItalic.ttf\n", pre, sep, dir);
    fclose(f);
    return map_path;
}

static double text_width(const struct pg_doc *doc, const struct pg_run *r)
{
    static FT_Library lib;
    static FT_Face faces[8];
    if (!lib)
        FT_Init_FreeType(&lib);
    if (!faces[r->font]) {
        struct buf p;
        buf_init(&p);
        buf_put(&p, pg_text(doc, doc->fonts[r->font].path), doc->fonts[r->font].path.len);
        ck_assert_int_eq(FT_New_Face(lib, p.data, 0, &faces[r->font]), 0);
        buf_free(&p);
    }
    FT_Face f = faces[r->font];
    const unsigned char *s = (const unsigned char *)pg_text(doc, r->text);
    double w = 0;
    for (size_t i = 0; i < r->text.len;) {
        uint32_t cp = s[i];
        size_t k = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
        if (k > 1) {
            cp &= 0xFF >> (k + 1);
            for (size_t j = 1; j < k; j++)
                cp = (cp << 6) | (s[i + j] & 0x3F);
        }
        FT_Load_Char(f, cp, FT_LOAD_NO_SCALE);
        /* as libharu writes it in /W: thousandths of an em, truncated */
        w += (double)(long)(f->glyph->advance.x * 1000.0 / f->units_per_EM) / 1000;
        i += k;
    }
    return w * r->size;
}

#define HEAD                                                                                   \
    "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'><fo:layout-master-set>"            \
    "<fo:simple-page-master master-name='p' page-width='300pt' page-height='%s'"                \
    " margin='20pt'><fo:region-body/></fo:simple-page-master></fo:layout-master-set>"        \
    "<fo:page-sequence master-reference='p'><fo:flow flow-name='xsl-region-body'"              \
    " font-size='10pt' line-height='12pt'>"
#define TAIL "</fo:flow></fo:page-sequence></fo:root>"

static struct diag diag;

static struct pg_doc *typeset_doc(const char *fo)
{
    xmlDocPtr x = xmlReadMemory(fo, (int)strlen(fo), "t.fo", NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
    ck_assert_ptr_nonnull(x);
    diag_init(&diag, NULL, 0);
    struct fo_options o = {font_map(), "/usr/share/hyphen", "t.fo"};
    struct pg_doc *doc = fo_typeset(x, &o, &diag);
    xmlFreeDoc(x);
    ck_assert_ptr_nonnull(doc);
    return doc;
}

/* The flow HEAD…TAIL around body, on pages of height h. */
static struct pg_doc *typeset(const char *height, const char *body)
{
    struct buf b;
    buf_init(&b);
    buf_printf(&b, HEAD, height);
    buf_puts(&b, body);
    buf_puts(&b, TAIL);
    struct pg_doc *doc = typeset_doc(b.data);
    buf_free(&b);
    return doc;
}

static int run_is(const struct pg_doc *doc, const struct pg_run *r, const char *s)
{
    return r->text.len == strlen(s) && !memcmp(pg_text(doc, r->text), s, r->text.len);
}

/* The page of the first run whose text is s, or -1. */
static int page_of(const struct pg_doc *doc, const char *s)
{
    for (size_t i = 0; i < doc->n_runs; i++)
        if (run_is(doc, &doc->runs[i], s))
            return doc->runs[i].page;
    return -1;
}

/* Distinct baselines of runs of size `size` on page. */
static int lines_on(const struct pg_doc *doc, int page, double size)
{
    double seen[256];
    int n = 0;
    for (size_t i = 0; i < doc->n_runs; i++) {
        const struct pg_run *r = &doc->runs[i];
        if (r->page != page || fabs(r->size - size) > 0.01)
            continue;
        int dup = 0;
        for (int k = 0; k < n; k++)
            dup |= fabs(seen[k] - r->y) < 0.01;
        if (!dup && n < 256)
            seen[n++] = r->y;
    }
    return n;
}

static const char *LOREM =
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
    "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure "
    "dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. ";

START_TEST(paragraph_breaks_into_lines)
{
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "<fo:block text-align='justify'>%s</fo:block>", LOREM);
    struct pg_doc *doc = typeset("800pt", b.data);
    int n = lines_on(doc, 0, 10);
    ck_assert_int_ge(n, 5); /* 250 pt measure, about 50 words */
    ck_assert_int_le(n, 8);
    ck_assert_uint_eq(doc->n_pages, 1);
    pg_free(doc);
    buf_free(&b);
}
END_TEST

START_TEST(justified_lines_fill_the_measure)
{
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "<fo:block text-align='justify' hyphenate='true' language='en'>%s%s</fo:block>",
               LOREM, LOREM);
    struct pg_doc *doc = typeset("800pt", b.data);
    /* the right end of every line but the last is the measure's end (280 pt) */
    double last_y = doc->runs[doc->n_runs - 1].y;
    int checked = 0;
    for (size_t i = 0; i + 1 < doc->n_runs; i++) {
        const struct pg_run *r = &doc->runs[i];
        if (fabs(doc->runs[i + 1].y - r->y) < 0.01 || fabs(r->y - last_y) < 0.01)
            continue;
        ck_assert_double_eq_tol(r->x + text_width(doc, r), 280, 0.05);
        checked++;
    }
    ck_assert_int_ge(checked, 8);
    pg_free(doc);
    buf_free(&b);
}
END_TEST

START_TEST(ragged_text_keeps_natural_spaces)
{
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "<fo:block hyphenate='true' language='en'>%s%s</fo:block>", LOREM, LOREM);
    struct pg_doc *doc = typeset("800pt", b.data);
    int hyphens = 0;
    for (size_t i = 0; i + 1 < doc->n_runs; i++) {
        const struct pg_run *r = &doc->runs[i], *n = &doc->runs[i + 1];
        if (pg_text(doc, r->text)[r->text.len - 1] == '-')
            hyphens++;
        if (fabs(n->y - r->y) < 0.01) /* same line: one natural space (2.5 pt at 10 pt) */
            ck_assert_double_eq_tol(n->x - (r->x + text_width(doc, r)), 2.5, 0.01);
    }
    ck_assert_int_le(hyphens, 1);
    pg_free(doc);
    buf_free(&b);
}
END_TEST

START_TEST(no_line_is_overfull)
{
    struct pg_doc *doc = typeset("800pt",
        "<fo:block text-align='justify' hyphenate='true' language='en'>See "
        "https://example.org/typesetting/hyphenation/paragraphs/a/very/long/path/that/"
        "never/ends/in/one/line/index.html?query=value&amp;other=thing and "
        "Pneumonoultramicroscopicsilicovolcanoconiosisandthensomemoreletters too.</fo:block>");
    struct buf all;
    buf_init(&all);
    for (size_t i = 0; i < doc->n_runs; i++) {
        ck_assert_double_le(doc->runs[i].x + text_width(doc, &doc->runs[i]), 280.05);
        buf_put(&all, pg_text(doc, doc->runs[i].text), doc->runs[i].text.len);
    }
    /* the URL breaks where it may, but no hyphen is added to it */
    ck_assert_ptr_nonnull(strstr(all.data, "https://example.org/typesetting/hyphenation/"
                                           "paragraphs/a/very/long/path/that/never/ends/in/"
                                           "one/line/index.html?query=value&other=thing"));
    buf_free(&all);
    pg_free(doc);
}
END_TEST

START_TEST(heading_keeps_with_next)
{
    /* 260 pt body = 21 lines of 12 pt: 20 filler lines, then a heading that must move */
    struct buf b;
    buf_init(&b);
    for (int i = 0; i < 20; i++)
        buf_printf(&b, "<fo:block>Filler %d</fo:block>", i);
    buf_puts(&b, "<fo:block keep-with-next='always'>Heading</fo:block>"
                 "<fo:block>First body line</fo:block><fo:block>more</fo:block>");
    struct pg_doc *doc = typeset("300pt", b.data);
    ck_assert_int_eq(page_of(doc, "Heading"), 1);
    ck_assert_int_eq(page_of(doc, "First"), 1);
    ck_assert_int_eq(page_of(doc, "Filler"), 0);
    pg_free(doc);
    buf_free(&b);
}
END_TEST

START_TEST(widows_and_orphans)
{
    /* 19 filler lines leave 2 lines on the page for a 4-line paragraph: with widows=2 it
     * splits 2+2; with 20 filler lines one line would be an orphan, so it moves whole */
    for (int filler = 19; filler <= 20; filler++) {
        struct buf b;
        buf_init(&b);
        for (int i = 0; i < filler; i++)
            buf_printf(&b, "<fo:block>Filler</fo:block>");
        buf_puts(&b, "<fo:block linefeed-treatment='preserve'>aa\nbb\ncc\ndd</fo:block>");
        struct pg_doc *doc = typeset("300pt", b.data);
        if (filler == 19) {
            ck_assert_int_eq(page_of(doc, "bb"), 0);
            ck_assert_int_eq(page_of(doc, "cc"), 1);
        } else {
            ck_assert_int_eq(page_of(doc, "aa"), 1);
        }
        pg_free(doc);
        buf_free(&b);
    }
}
END_TEST

START_TEST(widow_in_a_real_paragraph)
{
    struct buf b;
    buf_init(&b);
    for (int i = 0; i < 17; i++)
        buf_printf(&b, "<fo:block>Filler</fo:block>");
    buf_printf(&b, "<fo:block text-align='justify'>%s</fo:block>", LOREM); /* 5-6 lines */
    struct pg_doc *doc = typeset("300pt", b.data);
    ck_assert_uint_ge(doc->n_pages, 2);
    for (size_t p = 0; p < doc->n_pages; p++) {
        int n = 0;
        for (size_t i = 0; i < doc->n_runs; i++)
            if (doc->runs[i].page == (int)p && !run_is(doc, &doc->runs[i], "Filler"))
                n++;
        if (n > 0) /* a lone line has at most ~10 words; two lines have more runs */
            ck_assert_int_ge(lines_on(doc, (int)p, 10) - (p == 0 ? 17 : 0), 2);
    }
    pg_free(doc);
    buf_free(&b);
}
END_TEST

START_TEST(footnote_on_reference_page)
{
    struct buf b;
    buf_init(&b);
    for (int i = 0; i < 19; i++)
        buf_printf(&b, "<fo:block>Filler</fo:block>");
    buf_puts(&b, "<fo:block>Ref<fo:footnote><fo:inline font-size='6pt' baseline-shift='super'>1"
                 "</fo:inline><fo:footnote-body><fo:block font-size='8pt'>Thenote text."
                 "</fo:block></fo:footnote-body></fo:footnote> here</fo:block>"
                 "<fo:block>After</fo:block>");
    struct pg_doc *doc = typeset("300pt", b.data);
    int ref = page_of(doc, "Ref");
    ck_assert_int_ge(ref, 0);
    ck_assert_int_eq(page_of(doc, "Thenote"), ref);
    /* the note sits below the body and above the bottom margin */
    double ref_y = 0, note_y = 0;
    for (size_t i = 0; i < doc->n_runs; i++) {
        if (run_is(doc, &doc->runs[i], "Ref"))
            ref_y = doc->runs[i].y;
        if (run_is(doc, &doc->runs[i], "Thenote"))
            note_y = doc->runs[i].y;
    }
    ck_assert_double_lt(note_y, ref_y - 10);
    ck_assert_double_ge(note_y, 20);
    ck_assert_uint_ge(doc->n_rules, 1); /* the separator */
    pg_free(doc);
    buf_free(&b);
}
END_TEST

START_TEST(long_footnote_continues)
{
    struct buf b;
    buf_init(&b);
    for (int i = 0; i < 10; i++)
        buf_printf(&b, "<fo:block>Filler</fo:block>");
    buf_puts(&b, "<fo:block>Ref <fo:footnote><fo:inline>1</fo:inline><fo:footnote-body>");
    for (int i = 0; i < 30; i++)
        buf_printf(&b, "<fo:block font-size='8pt' line-height='10pt'>Note%d</fo:block>", i);
    buf_puts(&b, "</fo:footnote-body></fo:footnote> here</fo:block>");
    for (int i = 0; i < 5; i++)
        buf_printf(&b, "<fo:block>Tail</fo:block>");
    struct pg_doc *doc = typeset("300pt", b.data);
    int ref = page_of(doc, "Ref");
    ck_assert_int_eq(page_of(doc, "Note0"), ref);
    ck_assert_int_gt(page_of(doc, "Note29"), ref); /* continued on the following page(s) */
    for (int p = ref; p <= page_of(doc, "Note29"); p++)
        ck_assert_int_ge(lines_on(doc, p, 8), 1);
    /* body and notes never overlap: every body run is above every note run on a page */
    for (size_t p = 0; p < doc->n_pages; p++) {
        double low_body = 1e9, high_note = -1e9;
        for (size_t i = 0; i < doc->n_runs; i++) {
            const struct pg_run *r = &doc->runs[i];
            if (r->page != (int)p)
                continue;
            if (fabs(r->size - 8) < 0.01)
                high_note = fmax(high_note, r->y + 8);
            else
                low_body = fmin(low_body, r->y - 3);
        }
        ck_assert_double_gt(low_body, high_note);
    }
    pg_free(doc);
    buf_free(&b);
}
END_TEST

START_TEST(page_labels_roman_then_arabic)
{
    const char *fo =
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'><fo:layout-master-set>"
        "<fo:simple-page-master master-name='p' page-width='300pt' page-height='300pt'>"
        "<fo:region-body/></fo:simple-page-master></fo:layout-master-set>"
        "<fo:page-sequence master-reference='p' format='i'><fo:flow flow-name='xsl-region-body'>"
        "<fo:block>one</fo:block><fo:block break-before='page'>two</fo:block></fo:flow>"
        "</fo:page-sequence><fo:page-sequence master-reference='p' initial-page-number='1'>"
        "<fo:flow flow-name='xsl-region-body'><fo:block>three</fo:block></fo:flow>"
        "</fo:page-sequence></fo:root>";
    struct pg_doc *doc = typeset_doc(fo);
    ck_assert_uint_eq(doc->n_pages, 3);
    const char *want[] = {"i", "ii", "1"};
    for (int i = 0; i < 3; i++) {
        ck_assert_uint_eq(doc->pages[i].label.len, strlen(want[i]));
        ck_assert(!memcmp(pg_text(doc, doc->pages[i].label), want[i], strlen(want[i])));
    }
    ck_assert_int_eq(doc->pages[0].style, PG_NUM_LOWER_ROMAN);
    ck_assert_int_eq(doc->pages[2].sequence, 1);
    pg_free(doc);
}
END_TEST

START_TEST(odd_page_break_inserts_blank)
{
    const char *fo =
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'><fo:layout-master-set>"
        "<fo:simple-page-master master-name='p' page-width='300pt' page-height='300pt'>"
        "<fo:region-body/></fo:simple-page-master></fo:layout-master-set>"
        "<fo:page-sequence master-reference='p'><fo:flow flow-name='xsl-region-body'>"
        "<fo:block>one</fo:block><fo:block break-before='odd-page'>three</fo:block></fo:flow>"
        "</fo:page-sequence></fo:root>";
    struct pg_doc *doc = typeset_doc(fo);
    ck_assert_uint_eq(doc->n_pages, 3);
    ck_assert_int_eq(page_of(doc, "three"), 2);
    pg_free(doc);
}
END_TEST

START_TEST(auto_odd_sequence_adds_a_blank_page)
{
    const char *fo =
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'><fo:layout-master-set>"
        "<fo:simple-page-master master-name='p' page-width='300pt' page-height='300pt'>"
        "<fo:region-body/></fo:simple-page-master></fo:layout-master-set>"
        "<fo:page-sequence master-reference='p'><fo:flow flow-name='xsl-region-body'>"
        "<fo:block>one</fo:block></fo:flow></fo:page-sequence>"
        "<fo:page-sequence master-reference='p' initial-page-number='auto-odd'>"
        "<fo:flow flow-name='xsl-region-body'><fo:block>three</fo:block></fo:flow>"
        "</fo:page-sequence></fo:root>";
    struct pg_doc *doc = typeset_doc(fo);
    ck_assert_uint_eq(doc->n_pages, 3);
    ck_assert_int_eq(page_of(doc, "three"), 2);
    ck_assert_int_eq(doc->pages[2].number, 3);
    ck_assert_int_eq(doc->pages[1].number, 2);
    pg_free(doc);
}
END_TEST

START_TEST(table_row_breaks_and_header_repeats)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<fo:table><fo:table-column column-width='100pt'/>"
                 "<fo:table-column column-width='proportional-column-width(1)'/>"
                 "<fo:table-header><fo:table-row><fo:table-cell><fo:block>Head</fo:block>"
                 "</fo:table-cell><fo:table-cell><fo:block>Head2</fo:block></fo:table-cell>"
                 "</fo:table-row></fo:table-header><fo:table-body>"
                 "<fo:table-row><fo:table-cell><fo:block>left</fo:block></fo:table-cell>"
                 "<fo:table-cell>");
    for (int i = 0; i < 40; i++)
        buf_printf(&b, "<fo:block>cell%d</fo:block>", i);
    buf_puts(&b, "</fo:table-cell></fo:table-row></fo:table-body></fo:table>");
    struct pg_doc *doc = typeset("300pt", b.data);
    ck_assert_uint_ge(doc->n_pages, 2);
    int heads = 0;
    for (size_t i = 0; i < doc->n_runs; i++)
        if (run_is(doc, &doc->runs[i], "Head"))
            heads++;
    ck_assert_int_eq(heads, (int)doc->n_pages);
    ck_assert_int_eq(page_of(doc, "cell0"), 0);
    ck_assert_int_eq(page_of(doc, "cell39"), (int)doc->n_pages - 1);
    /* the second column starts at 20 + 100 pt */
    for (size_t i = 0; i < doc->n_runs; i++)
        if (run_is(doc, &doc->runs[i], "cell5"))
            ck_assert_double_eq_tol(doc->runs[i].x, 120, 0.01);
    pg_free(doc);
    buf_free(&b);
}
END_TEST

START_TEST(leader_fills_to_the_right_edge)
{
    struct pg_doc *doc = typeset("300pt", "<fo:block text-align-last='justify'>Chapter"
                                          "<fo:leader leader-pattern='dots'/>17</fo:block>");
    const struct pg_run *num = NULL, *dots = NULL;
    for (size_t i = 0; i < doc->n_runs; i++) {
        if (run_is(doc, &doc->runs[i], "17"))
            num = &doc->runs[i];
        else if (pg_text(doc, doc->runs[i].text)[0] == '.')
            dots = &doc->runs[i];
    }
    ck_assert_ptr_nonnull(num);
    ck_assert_ptr_nonnull(dots);
    ck_assert_double_eq_tol(num->x + text_width(doc, num), 280, 0.05);
    ck_assert_double_gt(text_width(doc, dots), 150);
    pg_free(doc);
}
END_TEST

/* The right end of the rightmost run on the line of baseline y (0 if none). */
static double line_right(const struct pg_doc *doc, double y)
{
    double right = 0;
    for (size_t i = 0; i < doc->n_runs; i++)
        if (fabs(doc->runs[i].y - y) < 0.01)
            right = fmax(right, doc->runs[i].x + text_width(doc, &doc->runs[i]));
    return right;
}

#define TOC_TITLE "Objectives of the study and the research questions of this thesis on type"

/* The contents entry (XSL-FO 1.1 §7.16.3 last-line-end-indent): the title's lines stop 30 pt
 * short of the margin (the measure ends at 280), the last line's leader runs on and its
 * number ends at the margin. */
static void check_toc_entry(struct pg_doc *doc)
{
    const struct pg_run *num = NULL;
    for (size_t i = 0; i < doc->n_runs; i++)
        if (run_is(doc, &doc->runs[i], "17"))
            num = &doc->runs[i];
    ck_assert_ptr_nonnull(num);
    ck_assert_double_eq_tol(num->x + text_width(doc, num), 280, 0.05);
    int title_lines = 0;
    for (size_t i = 0; i < doc->n_runs; i++) {
        const struct pg_run *r = &doc->runs[i];
        if (fabs(r->y - num->y) < 0.01 || (i > 0 && fabs(doc->runs[i - 1].y - r->y) < 0.01))
            continue;
        title_lines++;
        double right = line_right(doc, r->y);
        ck_assert_double_le(right, 250.05);
        ck_assert_double_gt(right, 200); /* the title lines are not cut short otherwise */
    }
    ck_assert_int_ge(title_lines, 1);
    ck_assert_int_eq(diag.warnings, 0); /* the property is in the subset */
}

START_TEST(last_line_end_indent_contents_entry)
{
    struct pg_doc *doc = typeset("300pt",
        "<fo:block end-indent='30pt' last-line-end-indent='-30pt' text-align-last='justify'>"
        TOC_TITLE " <fo:leader leader-pattern='dots'/>17</fo:block>");
    check_toc_entry(doc);
    pg_free(doc);
}
END_TEST

/* last-line-end-indent is inherited (XSL-FO 1.1 §7.16.3, appendix B), as end-indent is. */
START_TEST(last_line_end_indent_is_inherited)
{
    struct pg_doc *doc = typeset("300pt",
        "<fo:block last-line-end-indent='-30pt' end-indent='30pt'><fo:block"
        " text-align-last='justify'>" TOC_TITLE " <fo:leader leader-pattern='dots'/>17"
        "</fo:block></fo:block>");
    check_toc_entry(doc);
    pg_free(doc);
}
END_TEST

/* A positive value shortens the last line only: justified lines end at the margin (280), the
 * last line, set flush end, ends 100 pt before it. */
START_TEST(last_line_end_indent_positive)
{
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "<fo:block text-align='justify' text-align-last='end'"
                   " last-line-end-indent='100pt'>%s</fo:block>", LOREM);
    struct pg_doc *doc = typeset("800pt", b.data);
    double last_y = doc->runs[doc->n_runs - 1].y;
    ck_assert_double_eq_tol(line_right(doc, last_y), 180, 0.05);
    ck_assert_double_eq_tol(line_right(doc, doc->runs[0].y), 280, 0.05);
    ck_assert_int_eq(diag.warnings, 0);
    pg_free(doc);
    buf_free(&b);
}
END_TEST

START_TEST(rule_leader_and_borders)
{
    struct pg_doc *doc = typeset("300pt",
        "<fo:block>x<fo:leader leader-pattern='rule' leader-length='100pt' rule-thickness="
        "'2pt'/>y</fo:block><fo:block border='1pt solid red' background-color='#00ff00' "
        "padding='3pt'>boxed</fo:block>");
    int rule = 0, red = 0;
    for (size_t i = 0; i < doc->n_rules; i++) {
        const struct pg_rule *r = &doc->rules[i];
        if (fabs(r->width - 2) < 1e-6 && fabs(r->x2 - r->x1 - 100) < 0.01)
            rule = 1;
        if (r->rgb == 0xFF0000)
            red++;
    }
    ck_assert_int_eq(rule, 1);
    ck_assert_int_eq(red, 4);
    ck_assert_uint_eq(doc->n_fills, 1);
    ck_assert_uint_eq(doc->fills[0].rgb, 0x00FF00);
    pg_free(doc);
}
END_TEST

/* A footnote separator given as static content whose block holds only a rule leader (what
 * tei2fo.xsl emits) draws that rule between the body and the notes (XSL-FO 1.1 §6.6.9: a
 * leader is an inline area even alone on its line). */
/* A footer region with display-align center puts its line in the middle of the region, not
 * against the body's last line (XSL-FO 1.1 §7.14.4). */
static double footer_baseline(const char *align)
{
    char fo[1024];
    snprintf(fo, sizeof fo,
             "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'><fo:layout-master-set>"
             "<fo:simple-page-master master-name='p' page-width='300pt' page-height='300pt'>"
             "<fo:region-body margin-bottom='60pt'/><fo:region-after extent='60pt'%s/>"
             "</fo:simple-page-master></fo:layout-master-set>"
             "<fo:page-sequence master-reference='p'><fo:static-content "
             "flow-name='xsl-region-after'><fo:block font-size='10pt' line-height='12pt'>Foot"
             "</fo:block></fo:static-content><fo:flow flow-name='xsl-region-body'><fo:block>"
             "Body</fo:block></fo:flow></fo:page-sequence></fo:root>",
             align);
    struct pg_doc *doc = typeset_doc(fo);
    double y = -1;
    for (size_t i = 0; i < doc->n_runs; i++)
        if (run_is(doc, &doc->runs[i], "Foot"))
            y = doc->runs[i].y;
    pg_free(doc);
    return y;
}

START_TEST(region_display_align_places_static_content)
{
    double before = footer_baseline("");
    double center = footer_baseline(" display-align='center'");
    double after = footer_baseline(" display-align='after'");
    ck_assert_double_gt(before, 0);
    ck_assert_double_eq_tol(before - center, 24, 0.5); /* (60 - 12) / 2 lower */
    ck_assert_double_eq_tol(before - after, 48, 0.5);  /* 60 - 12 lower */
}
END_TEST

START_TEST(separator_static_content_draws_its_rule)
{
    const char *fo =
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'><fo:layout-master-set>"
        "<fo:simple-page-master master-name='p' page-width='300pt' page-height='300pt'"
        " margin='20pt'><fo:region-body/></fo:simple-page-master></fo:layout-master-set>"
        "<fo:page-sequence master-reference='p'>"
        "<fo:static-content flow-name='xsl-footnote-separator'><fo:block line-height='1'"
        " space-after='4pt'><fo:leader leader-pattern='rule' leader-length='50pt'"
        " rule-thickness='0.7pt'/></fo:block></fo:static-content>"
        "<fo:flow flow-name='xsl-region-body'><fo:block>Ref<fo:footnote><fo:inline>1"
        "</fo:inline><fo:footnote-body><fo:block>Thenote.</fo:block></fo:footnote-body>"
        "</fo:footnote> here</fo:block></fo:flow></fo:page-sequence></fo:root>";
    struct pg_doc *doc = typeset_doc(fo);
    double note_y = -1, ref_y = -1;
    for (size_t i = 0; i < doc->n_runs; i++) {
        if (run_is(doc, &doc->runs[i], "Thenote."))
            note_y = doc->runs[i].y;
        if (run_is(doc, &doc->runs[i], "Ref1"))
            ref_y = doc->runs[i].y;
    }
    ck_assert_double_ge(note_y, 0);
    ck_assert_double_gt(ref_y, note_y);
    ck_assert_uint_eq(doc->n_rules, 1);
    const struct pg_rule *r = &doc->rules[0];
    ck_assert_double_eq_tol(r->x1, 20, 0.01);
    ck_assert_double_eq_tol(r->x2 - r->x1, 50, 0.01);
    ck_assert_double_eq_tol(r->width, 0.7, 1e-6);
    ck_assert_double_gt(r->y1, note_y + 8); /* above the note's text… */
    ck_assert_double_lt(r->y1, ref_y);      /* …and below the body */
    pg_free(doc);
}
END_TEST

/* The text of the last run on each line (by baseline) of page 0, in line order. */
static int line_ends(const struct pg_doc *doc, const char **ends, size_t *lens, int max)
{
    double ys[64];
    size_t best[64];
    int n = 0;
    for (size_t i = 0; i < doc->n_runs; i++) {
        const struct pg_run *r = &doc->runs[i];
        int k = 0;
        while (k < n && fabs(ys[k] - r->y) > 0.01)
            k++;
        if (k == n && n < 64 && n < max) {
            ys[n] = r->y;
            best[n++] = i;
        } else if (k < n && r->x > doc->runs[best[k]].x) {
            best[k] = i;
        }
    }
    for (int k = 0; k < n; k++) {
        ends[k] = pg_text(doc, doc->runs[best[k]].text);
        lens[k] = doc->runs[best[k]].text.len;
    }
    return n;
}

/* A word whose text comes in two text nodes (a comment between its halves) is set as the
 * word written whole: the same runs at the same places, hyphenated alike. */
START_TEST(word_across_text_nodes_is_one_word)
{
    const char *fmt = "<fo:block text-align='justify' hyphenate='true' language='en'"
                      " start-indent='150pt'>Incomprehensibilities %s characterizations "
                      "incomprehensibilities internationalization.</fo:block>";
    struct buf whole, split;
    buf_init(&whole);
    buf_init(&split);
    buf_printf(&whole, fmt, "extraordinarily");
    buf_printf(&split, fmt, "extra<!-- x -->ordin<!-- y -->arily");
    struct pg_doc *a = typeset("600pt", whole.data), *b = typeset("600pt", split.data);
    ck_assert_uint_eq(a->n_runs, b->n_runs);
    int hyphens = 0;
    for (size_t i = 0; i < a->n_runs; i++) {
        ck_assert(a->runs[i].text.len == b->runs[i].text.len &&
                  !memcmp(pg_text(a, a->runs[i].text), pg_text(b, b->runs[i].text),
                          a->runs[i].text.len));
        ck_assert(a->runs[i].x == b->runs[i].x && a->runs[i].y == b->runs[i].y);
        hyphens += pg_text(a, a->runs[i].text)[a->runs[i].text.len - 1] == '-';
    }
    ck_assert_int_ge(hyphens, 1);
    pg_free(a);
    pg_free(b);
    buf_free(&whole);
    buf_free(&split);
}
END_TEST

/* A URL is known by what the word itself holds: "://" later in the same text does not make
 * the long words before it URLs (which would lose their hyphenation points). */
START_TEST(scheme_after_a_word_is_not_in_it)
{
    struct pg_doc *doc = typeset("600pt",
        "<fo:block text-align='justify' hyphenate='true' language='en' start-indent='180pt'>"
        "Incomprehensibilities characterizations internationalization incomprehensibilities "
        "see x://y</fo:block>");
    int hyphens = 0;
    for (size_t i = 0; i < doc->n_runs; i++)
        hyphens += pg_text(doc, doc->runs[i].text)[doc->runs[i].text.len - 1] == '-';
    ck_assert_int_ge(hyphens, 1);
    pg_free(doc);
}
END_TEST

/* A URL breaks only after / . - _ ? & = # (Chicago Manual of Style 14.18), never between two
 * letters while such a point exists, and gets no hyphen; no line is overfull. */
START_TEST(url_breaks_after_marks_only)
{
    struct pg_doc *doc = typeset("600pt",
        "<fo:block text-align='justify'>See http://cheloveknauka.com/sintszyan-uygurskiy-"
        "avtonomnyy-rayon-vo-vnutrenney-politike-kitaya-1991-2006-gg and https://www.ilkav.org"
        "/haber-1266-abdulahad-abdurrahman--dogu-turkistan-ikinci-endulus-olma-yolunda!.html "
        "and https://24.kg/obschestvo/102826_kuda_propadayut_kyirgyizyi_vkitae_versii_"
        "rodstvennikov/ for more.</fo:block>");
    const char *ends[64];
    size_t lens[64];
    int n = line_ends(doc, ends, lens, 64);
    ck_assert_int_ge(n, 5);
    for (int k = 0; k + 1 < n; k++) {
        char c = ends[k][lens[k] - 1];
        int word_end = lens[k] >= 3 && !memcmp(ends[k] + lens[k] - 3, "See", 3);
        word_end |= lens[k] >= 3 && !memcmp(ends[k] + lens[k] - 3, "and", 3);
        ck_assert_msg(word_end || strchr("/.-_?&=#", c), "line %d ends in '%.*s'", k,
                      (int)lens[k], ends[k]);
    }
    for (size_t i = 0; i < doc->n_runs; i++)
        ck_assert_double_le(doc->runs[i].x + text_width(doc, &doc->runs[i]), 280.01);
    pg_free(doc);
}
END_TEST

/* "4- respect": the space after a word ending in a hyphen is not a line break while another
 * break serves (a line ending "4-" reads as a hyphenated word). */
START_TEST(no_break_after_a_bare_hyphen)
{
    for (int fill = 0; fill < 14; fill++) {
        struct buf b;
        buf_init(&b);
        buf_puts(&b, "<fo:block text-align='justify'>");
        for (int i = 0; i < fill; i++)
            buf_puts(&b, i % 3 ? "ab " : "word ");
        buf_puts(&b, "principles: 1- adhere to good neighborliness; 2- develop cooperation; "
                     "3- respect the choice of the people; 4- respect sovereignty.</fo:block>");
        struct pg_doc *doc = typeset("600pt", b.data);
        const char *ends[64];
        size_t lens[64];
        int n = line_ends(doc, ends, lens, 64);
        for (int k = 0; k + 1 < n; k++)
            ck_assert_msg(ends[k][lens[k] - 1] != '-' || lens[k] < 2 ||
                              !(ends[k][lens[k] - 2] >= '1' && ends[k][lens[k] - 2] <= '4'),
                          "fill %d: line %d ends in '%.*s'", fill, k, (int)lens[k], ends[k]);
        pg_free(doc);
        buf_free(&b);
    }
}
END_TEST

/* display-align="after" on a cell puts its content at the row's bottom (XSL-FO 1.1 §7.14.4):
 * a contents entry's page number stands on the entry's last line. */
START_TEST(cell_display_align_after)
{
    struct pg_doc *doc = typeset("300pt",
        "<fo:table table-layout='fixed' width='260pt'><fo:table-column column-width='200pt'/>"
        "<fo:table-column column-width='60pt'/><fo:table-body><fo:table-row><fo:table-cell>"
        "<fo:block>Alpha</fo:block><fo:block>Omega</fo:block></fo:table-cell>"
        "<fo:table-cell display-align='after'><fo:block>42</fo:block></fo:table-cell>"
        "<fo:table-cell display-align='center'><fo:block>C</fo:block></fo:table-cell>"
        "</fo:table-row></fo:table-body></fo:table>");
    double alpha = -1, omega = -1, num = -1;
    for (size_t i = 0; i < doc->n_runs; i++) {
        if (run_is(doc, &doc->runs[i], "Alpha"))
            alpha = doc->runs[i].y;
        if (run_is(doc, &doc->runs[i], "Omega"))
            omega = doc->runs[i].y;
        if (run_is(doc, &doc->runs[i], "42"))
            num = doc->runs[i].y;
    }
    ck_assert_double_gt(alpha, omega);
    ck_assert_double_eq_tol(num, omega, 0.01);
    pg_free(doc);
}
END_TEST

/* A hyphen on the last-but-one line of a paragraph costs far more than TeX's 5000 demerits,
 * so it is taken only when the other lines within tolerance are much worse: over 41 measures
 * of one paragraph, TeX's value leaves such a hyphen at 6 of them, folio at 4. */
START_TEST(no_hyphen_on_the_last_but_one_line)
{
    const char *text = "The governments of Russia and Central Asian countries are emphasizing "
                       "the achievements of the Chinese government in stabilizing the region "
                       "and in fighting three evils of separatism, extremism and terrorism "
                       "while maneuvering between China and the Uyghur diasporas.";
    int hyphenated = 0, final = 0;
    for (int indent = 0; indent <= 160; indent += 4) {
        struct buf b;
        buf_init(&b);
        buf_printf(&b, "<fo:block text-align='justify' hyphenate='true' language='en' "
                       "end-indent='%dpt'>%s</fo:block>", indent, text);
        struct pg_doc *doc = typeset("800pt", b.data);
        const char *ends[64];
        size_t lens[64];
        int n = line_ends(doc, ends, lens, 64);
        ck_assert_int_ge(n, 3);
        for (int k = 0; k + 1 < n; k++)
            hyphenated += ends[k][lens[k] - 1] == '-';
        final += ends[n - 2][lens[n - 2] - 1] == '-';
        pg_free(doc);
        buf_free(&b);
    }
    ck_assert_int_gt(hyphenated, 20); /* hyphenation is on */
    ck_assert_int_le(final, 4);
}
END_TEST

/* The widest gap between two words on the line at baseline y of page 0. */
static double widest_gap(const struct pg_doc *doc, double y)
{
    double widest = 0;
    for (size_t i = 0; i + 1 < doc->n_runs; i++) {
        const struct pg_run *r = &doc->runs[i], *n = &doc->runs[i + 1];
        if (r->page == 0 && fabs(r->y - y) < 0.01 && fabs(n->y - y) < 0.01)
            widest = fmax(widest, n->x - (r->x + text_width(doc, r)));
    }
    return widest;
}

/* A narrow column that only the emergency-stretch pass can set (the Turkish abstract, 11 pt in
 * 198.4 pt) takes a hyphen on its last-but-one line at TeX's 5000 demerits rather than pour the
 * paragraph's slack into that line (Knuth & Plass 1981; The TeXbook ch. 14): it was
 * "Çalışma, Rusça ve İngilizce kaynaklara" with gaps 3.25 spaces wide. */
START_TEST(last_but_one_line_not_loose_in_a_narrow_column)
{
    struct pg_doc *doc = typeset("800pt",
        "<fo:block text-align='justify' text-align-last='start' hyphenate='true' language='tr'"
        " font-size='11pt' line-height='16.5pt' end-indent='61.575pt'>Bu araştırma, Rusya ve "
        "Orta Asya ülkelerinin Sincan Uygur Özerk Bölgesi’nde etnik azınlıklara yönelik Çin "
        "politikasına karşı konumlarını incelemekte ve Sincan sorununun bu ülkelerin iç "
        "siyasetindeki tezahürlerini analiz etmektedir. Sincan sorununu Çin ulusal "
        "politikasının bir başarısızlığı olarak gören ve bunu insan haklarının ihlali olarak "
        "kınayan Batı ülkelerinin aksine Rusya ve Orta Asya ülkelerinin hükümetleri, Çin "
        "hükümetinin bölgeyi istikrara kavuşturma ve üç kötülük olarak adlandırdıkları "
        "ayrılıkçılık, aşırılıkçılık ve terörizm ile mücadelesindeki başarılarını "
        "vurgulamaktadırlar. Rusya, Batı’yı Sincan meselesini siyasallaştırması ve Çin’e karşı "
        "siyasi bir araç olarak kullanmasını eleştirerek Çin’in ulusal azınlıklara yönelik "
        "politikasını desteklemektedir. Orta Asya'daki diğer komşularının aksine çok sayıda "
        "Uygurların yaşadığı Kazakistan ve Kırgızistan, Çin ile Uygur diasporası arasında "
        "manevra yapmaya çalışmaktadır. Ayrıca, bu iki ülkenin halkları, Sincan’daki etnik "
        "Kazakların ve Kırgızların durumuyla ilgilenmekte ve hükümetlerden önlem almalarını "
        "istemektedirler. Çalışma, Rusça ve İngilizce kaynaklara dayalı olarak "
        "yapılmıştır.</fo:block>");
    double last = doc->runs[doc->n_runs - 1].y, before = last;
    for (size_t i = 0; i < doc->n_runs; i++)
        if (doc->runs[i].y > last + 0.01 && (before == last || doc->runs[i].y < before))
            before = doc->runs[i].y;
    ck_assert_double_gt(before, last);
    double space = 0.25 * 11; /* Liberation Serif's space, 0.25 em */
    ck_assert_double_le(widest_gap(doc, before), 2 * space);
    pg_free(doc);
}
END_TEST

/* A word set once is set again from memory only in the same font, size, language and
 * hyphenation, and not where it needs last-resort breaks: "Uyghurstanization" repeated in a
 * wide 10 pt block (colour 1), at 20 pt (2), without hyphenation in 110 pt (3) and in 60 pt,
 * where it is wider than the line (4), never overflows its measure and takes a hyphen only
 * where hyphenation is on. */
START_TEST(repeated_words_keep_their_style)
{
    static const char *attrs[] = {"true'", "true' font-size='20pt' line-height='24pt'",
                                  "false' end-indent='150pt'", "true' end-indent='200pt'"};
    static const double right[] = {280, 280, 130, 80};
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<fo:block language='en'>"); /* one language value for all four */
    for (int k = 0; k < 4; k++) {
        buf_printf(&b, "<fo:block text-align='justify' color='#00000%d' hyphenate='%s>", k + 1,
                   attrs[k]);
        for (int i = 0; i < 8; i++)
            buf_puts(&b, "Uyghurstanization ");
        buf_puts(&b, "</fo:block>");
    }
    buf_puts(&b, "</fo:block>");
    struct pg_doc *doc = typeset("1200pt", b.data);
    int seen[4] = {0}, hyphens[4] = {0};
    for (size_t i = 0; i < doc->n_runs; i++) {
        const struct pg_run *r = &doc->runs[i];
        ck_assert(r->rgb >= 1 && r->rgb <= 4);
        int k = (int)r->rgb - 1;
        seen[k]++;
        ck_assert_double_le(r->x + text_width(doc, r), right[k] + 0.01);
        hyphens[k] += pg_text(doc, r->text)[r->text.len - 1] == '-';
    }
    for (int k = 0; k < 4; k++)
        ck_assert_int_gt(seen[k], 0);
    ck_assert_int_gt(hyphens[0] + hyphens[1] + hyphens[3], 0);
    ck_assert_int_eq(hyphens[2], 0);
    buf_free(&b);
    pg_free(doc);
}
END_TEST

/* Two sequences: contents (roman) citing pages of a body (arabic, from start). */
static struct pg_doc *contents_and_body(const char *start, int filler, int cites)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'><fo:layout-master-set>"
                 "<fo:simple-page-master master-name='p' page-width='300pt' page-height='200pt'"
                 " margin='20pt'><fo:region-body margin-bottom='20pt'/><fo:region-after "
                 "extent='15pt'/></fo:simple-page-master></fo:layout-master-set>"
                 "<fo:page-sequence master-reference='p' format='i'><fo:static-content "
                 "flow-name='xsl-region-after'><fo:block>p<fo:page-number/></fo:block>"
                 "</fo:static-content><fo:flow flow-name='xsl-region-body' font-size='10pt' "
                 "line-height='12pt'>");
    for (int i = 0; i < filler; i++)
        buf_puts(&b, "<fo:block>Line</fo:block>");
    buf_puts(&b, "<fo:block text-align='justify'>Contents entry number one, and more words "
                 "to fill this line well past the middle, at page "
                 "<fo:page-number-citation ref-id='b3'/></fo:block>"
                 "<fo:block>Second <fo:page-number-citation ref-id='b1'/></fo:block>");
    buf_puts(&b, "<fo:block>");
    for (int i = 0; i < cites; i++)
        buf_puts(&b, "<fo:page-number-citation ref-id='b3'/> ");
    buf_puts(&b, "</fo:block></fo:flow></fo:page-sequence>");
    buf_printf(&b, "<fo:page-sequence master-reference='p' initial-page-number='%s'>"
                   "<fo:static-content flow-name='xsl-region-after'><fo:block>p<fo:page-number/>"
                   "</fo:block></fo:static-content><fo:flow flow-name='xsl-region-body' "
                   "font-size='10pt' line-height='12pt'><fo:block id='b1'>Bodyone<fo:footnote>"
                   "<fo:inline>1</fo:inline><fo:footnote-body><fo:block>Anote.</fo:block>"
                   "</fo:footnote-body></fo:footnote></fo:block>", start);
    for (int i = 0; i < 22; i++)
        buf_puts(&b, "<fo:block>Body filler</fo:block>");
    buf_puts(&b, "<fo:block id='b3'>Bodythree <fo:basic-link internal-destination='b1'>back"
                 "</fo:basic-link></fo:block></fo:flow></fo:page-sequence></fo:root>");
    struct pg_doc *doc = typeset_doc(b.data);
    buf_free(&b);
    return doc;
}

/* A later citation pass lays out only the sequences with citations and splices their pages
 * in: the result is whole and in order (runs sorted by page, every page's footer, the body's
 * text, note, link and destinations where they belong) and the citations are right. */
START_TEST(citation_pass_splices_the_contents)
{
    struct pg_doc *doc = contents_and_body("1", 3, 0);
    ck_assert_uint_eq(doc->n_pages, 4); /* i, then 1..3 */
    ck_assert_int_eq(page_of(doc, "Bodyone1"), 1);
    ck_assert_int_eq(page_of(doc, "Anote."), 1);
    ck_assert_int_eq(page_of(doc, "Bodythree"), 3);
    ck_assert_int_eq(page_of(doc, "3"), 0); /* the citation of b3 */
    ck_assert_int_eq(page_of(doc, "pi"), 0);
    ck_assert_int_eq(page_of(doc, "p3"), 3);
    for (size_t i = 1; i < doc->n_runs; i++)
        ck_assert_int_le(doc->runs[i - 1].page, doc->runs[i].page);
    int b1 = -1, b3 = -1;
    for (size_t i = 0; i < doc->n_dests; i++) {
        const char *id = pg_text(doc, doc->dests[i].id);
        if (doc->dests[i].id.len == 2 && !memcmp(id, "b1", 2))
            b1 = doc->dests[i].page;
        if (doc->dests[i].id.len == 2 && !memcmp(id, "b3", 2))
            b3 = doc->dests[i].page;
    }
    ck_assert_int_eq(b1, 1);
    ck_assert_int_eq(b3, 3);
    ck_assert_uint_eq(doc->n_links, 1); /* the body's link */
    pg_free(doc);
}
END_TEST

/* When the real page number is longer than the first pass's placeholder and pushes the
 * contents onto another page, everything is laid out again: the body follows on. */
START_TEST(citation_pass_falls_back_when_pages_move)
{
    struct pg_doc *doc = contents_and_body("123456789", 3, 40);
    int first = page_of(doc, "Bodyone1");
    ck_assert_int_ge(first, 2); /* the contents took two pages */
    int cite = -1;
    for (size_t i = 0; i < doc->n_runs; i++)
        if (run_is(doc, &doc->runs[i], "123456791") && doc->runs[i].page < first)
            cite = doc->runs[i].page;
    ck_assert_int_ge(cite, 0);
    ck_assert_int_eq(page_of(doc, "Bodythree"), first + 2);
    for (size_t i = 1; i < doc->n_runs; i++)
        ck_assert_int_le(doc->runs[i - 1].page, doc->runs[i].page);
    pg_free(doc);
}
END_TEST

/* page-number-citation-last cites the page of the last area of the block with that id
 * (XSL-FO 1.1 §6.6.12), page-number-citation its first: "pages 1–3". */
START_TEST(citation_last_cites_the_last_area)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<fo:block>Pages <fo:page-number-citation ref-id='ch'/>to"
                 "<fo:page-number-citation-last ref-id='ch'/>end</fo:block><fo:block id='ch'>");
    for (int i = 0; i < 40; i++)
        buf_printf(&b, "<fo:block>Filler</fo:block>");
    buf_puts(&b, "<fo:block>Lastline</fo:block></fo:block><fo:block>After</fo:block>");
    struct pg_doc *doc = typeset("300pt", b.data);
    int last = page_of(doc, "Lastline");
    ck_assert_int_ge(last, 1);
    char want[32];
    snprintf(want, sizeof want, "to%dend", last + 1);
    ck_assert_int_eq(page_of(doc, "1to"), -1);
    int found = 0;
    for (size_t i = 0; i < doc->n_runs; i++) {
        const char *t = pg_text(doc, doc->runs[i].text);
        size_t n = doc->runs[i].text.len;
        char run[64];
        snprintf(run, sizeof run, "%.*s", (int)n, t);
        found |= strstr(run, want) != NULL;
    }
    ck_assert_msg(found, "no run contains '%s'", want);
    pg_free(doc);
    buf_free(&b);
}
END_TEST

START_TEST(citation_resolved)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<fo:block>See <fo:page-number-citation ref-id='far'/></fo:block>");
    for (int i = 0; i < 60; i++)
        buf_printf(&b, "<fo:block>Filler</fo:block>");
    buf_puts(&b, "<fo:block id='far'>Target</fo:block>");
    struct pg_doc *doc = typeset("300pt", b.data);
    int target = page_of(doc, "Target");
    ck_assert_int_eq(target, 2);
    ck_assert_int_eq(page_of(doc, "3"), 0);
    ck_assert_uint_ge(doc->n_dests, 1);
    pg_free(doc);
    buf_free(&b);
}
END_TEST

START_TEST(links_and_dests)
{
    struct pg_doc *doc = typeset("300pt",
        "<fo:block id='a'>Go <fo:basic-link internal-destination='a'>there</fo:basic-link> or "
        "<fo:basic-link external-destination=\"url('https://example.org/')\">web</fo:basic-link>"
        "</fo:block>");
    ck_assert_uint_eq(doc->n_links, 2);
    ck_assert_int_eq(doc->links[0].kind, PG_LINK_INTERNAL);
    ck_assert_int_eq(doc->links[1].kind, PG_LINK_URI);
    ck_assert(!memcmp(pg_text(doc, doc->links[1].target), "https://example.org/", 20));
    ck_assert_double_gt(doc->links[0].x2, doc->links[0].x1);
    ck_assert_double_gt(doc->links[0].y2, doc->links[0].y1);
    ck_assert_uint_eq(doc->n_dests, 1);
    pg_free(doc);
}
END_TEST

START_TEST(page_starts_point_into_blocks)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<fo:block id='d1'>");
    for (int i = 0; i < 30; i++)
        buf_printf(&b, "<fo:block>  word%02d  </fo:block>", i);
    buf_puts(&b, "</fo:block>");
    struct pg_doc *doc = typeset("300pt", b.data);
    ck_assert_uint_eq(doc->n_page_starts, 2);
    ck_assert_int_eq(doc->page_starts[1].page, 1);
    /* page 2 starts with word21 (21 lines on a page): 21 words of 6 letters + spaces */
    ck_assert_int_eq(page_of(doc, "word21"), 1);
    ck_assert_uint_eq(doc->page_starts[1].offset, 21 * 7);
    pg_free(doc);
    buf_free(&b);
}
END_TEST

START_TEST(page_start_offset_skips_notes)
{
    /* the page map counts the block's text without its notes (pages.h pg_page_start) */
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<fo:block id='d1' linefeed-treatment='preserve'>aa<fo:footnote><fo:inline>1"
                 "</fo:inline><fo:footnote-body><fo:block id='n1'>note</fo:block>"
                 "</fo:footnote-body></fo:footnote> bb");
    for (int i = 0; i < 25; i++)
        buf_printf(&b, "\nw%02d", i);
    buf_puts(&b, "</fo:block>");
    struct pg_doc *doc = typeset("300pt", b.data);
    ck_assert_uint_eq(doc->n_page_starts, 2);
    /* "aa bb" then " w00"…: the second page starts at a line "wNN" */
    int p = page_of(doc, "w19") == 1 ? 19 : page_of(doc, "w20") == 1 ? 20 : 18;
    char first[16];
    snprintf(first, sizeof first, "w%02d", p);
    for (int k = 0; k < 25; k++) {
        char w[16];
        snprintf(w, sizeof w, "w%02d", k);
        if (page_of(doc, w) == 1) {
            ck_assert_uint_eq(doc->page_starts[1].offset, 5 + 1 + (size_t)k * 4);
            break;
        }
    }
    pg_free(doc);
    buf_free(&b);
}
END_TEST

START_TEST(superscript_inside_link_is_raised)
{
    struct pg_doc *doc = typeset("300pt", "<fo:block>word<fo:inline baseline-shift='super' "
                                          "font-size='7pt'><fo:basic-link internal-destination"
                                          "='x'>9</fo:basic-link></fo:inline></fo:block>"
                                          "<fo:block id='x'>x</fo:block>");
    double yw = 0, yr = 0;
    for (size_t i = 0; i < doc->n_runs; i++) {
        if (run_is(doc, &doc->runs[i], "word"))
            yw = doc->runs[i].y;
        if (run_is(doc, &doc->runs[i], "9"))
            yr = doc->runs[i].y;
    }
    ck_assert_double_gt(yr, yw + 2);
    pg_free(doc);
}
END_TEST

static const char *MASTERS =
    "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'><fo:layout-master-set>"
    "<fo:simple-page-master master-name='first' page-width='300pt' page-height='300pt'"
    " margin='20pt'><fo:region-body margin-top='20pt'/><fo:region-before region-name='none'"
    " extent='15pt'/></fo:simple-page-master>"
    "<fo:simple-page-master master-name='rest' page-width='300pt' page-height='300pt'"
    " margin='20pt'><fo:region-body margin-top='20pt'/><fo:region-before region-name='head'"
    " extent='15pt'/></fo:simple-page-master>"
    "<fo:page-sequence-master master-name='chapter'><fo:repeatable-page-master-alternatives>"
    "<fo:conditional-page-master-reference page-position='first' master-reference='first'/>"
    "<fo:conditional-page-master-reference page-position='rest' master-reference='rest'/>"
    "</fo:repeatable-page-master-alternatives></fo:page-sequence-master>"
    "</fo:layout-master-set>";

START_TEST(running_heads_from_markers)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, MASTERS);
    buf_puts(&b, "<fo:page-sequence master-reference='chapter'><fo:static-content flow-name='head'>"
                 "<fo:block id='h'>Head: <fo:retrieve-marker retrieve-class-name='ch'/> p. "
                 "<fo:page-number/></fo:block></fo:static-content>"
                 "<fo:flow flow-name='xsl-region-body'><fo:block><fo:marker marker-class-name="
                 "'ch'>Alpha</fo:marker>Chapter</fo:block>");
    for (int i = 0; i < 40; i++)
        buf_printf(&b, "<fo:block>Filler</fo:block>");
    buf_puts(&b, "</fo:flow></fo:page-sequence></fo:root>");
    struct pg_doc *doc = typeset_doc(b.data);
    ck_assert_uint_ge(doc->n_pages, 2);
    ck_assert_int_eq(page_of(doc, "Alpha"), 1); /* no head on the first page (master first) */
    int found = 0;
    for (size_t i = 0; i < doc->n_runs; i++)
        if (doc->runs[i].page == 1 && run_is(doc, &doc->runs[i], "2"))
            found = 1;
    ck_assert_int_eq(found, 1); /* the page number in the head */
    ck_assert_uint_eq(doc->n_dests, 0); /* ids in static content are no destinations */
    pg_free(doc);
    buf_free(&b);
}
END_TEST

START_TEST(bookmarks_nest)
{
    const char *fo =
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'><fo:layout-master-set>"
        "<fo:simple-page-master master-name='p' page-width='300pt' page-height='300pt'>"
        "<fo:region-body/></fo:simple-page-master></fo:layout-master-set>"
        "<fo:bookmark-tree><fo:bookmark internal-destination='a'><fo:bookmark-title>One"
        "</fo:bookmark-title><fo:bookmark internal-destination='b' starting-state='hide'>"
        "<fo:bookmark-title>One  point\n one</fo:bookmark-title></fo:bookmark></fo:bookmark>"
        "<fo:bookmark internal-destination='b'><fo:bookmark-title>Two</fo:bookmark-title>"
        "</fo:bookmark></fo:bookmark-tree>"
        "<fo:page-sequence master-reference='p'><fo:flow flow-name='xsl-region-body'>"
        "<fo:block id='a'>a</fo:block><fo:block id='b'>b</fo:block></fo:flow>"
        "</fo:page-sequence></fo:root>";
    struct pg_doc *doc = typeset_doc(fo);
    ck_assert_uint_eq(doc->n_bookmarks, 3);
    ck_assert_int_eq(doc->bookmarks[0].parent, -1);
    ck_assert_int_eq(doc->bookmarks[1].parent, 0);
    ck_assert_int_eq(doc->bookmarks[2].parent, -1);
    ck_assert_int_eq(doc->bookmarks[1].open, 0);
    ck_assert_uint_eq(doc->bookmarks[1].title.len, strlen("One point one"));
    ck_assert(!memcmp(pg_text(doc, doc->bookmarks[1].dest), "b", 1));
    pg_free(doc);
}
END_TEST

START_TEST(unknown_names_warn_once)
{
    struct pg_doc *doc = typeset("300pt", "<fo:block foo='1'>a</fo:block><fo:block foo='2'>b"
                                          " <fo:float>c</fo:float> <fo:float>d</fo:float>"
                                          "</fo:block>");
    ck_assert_int_eq(diag.warnings, 2);
    ck_assert_int_eq(page_of(doc, "d"), 0); /* an unknown FO element keeps its content */
    pg_free(doc);
}
END_TEST

START_TEST(pathological_notes_and_markers)
{
    /* a note of 600 lines continued page after page, every line with a note, and a marker
     * that retrieves itself */
    struct buf b;
    buf_init(&b);
    buf_puts(&b, MASTERS);
    buf_puts(&b, "<fo:page-sequence master-reference='chapter'><fo:static-content flow-name='head'>"
                 "<fo:block><fo:retrieve-marker retrieve-class-name='m'/></fo:block>"
                 "</fo:static-content><fo:flow flow-name='xsl-region-body'>"
                 "<fo:block><fo:marker marker-class-name='m'>x<fo:retrieve-marker "
                 "retrieve-class-name='m'/></fo:marker>Big <fo:footnote><fo:inline>*</fo:inline>"
                 "<fo:footnote-body>");
    for (int i = 0; i < 600; i++)
        buf_printf(&b, "<fo:block>n%d</fo:block>", i);
    buf_puts(&b, "</fo:footnote-body></fo:footnote></fo:block>");
    for (int i = 0; i < 100; i++)
        buf_printf(&b, "<fo:block>line%d <fo:footnote><fo:inline>*</fo:inline><fo:footnote-body>"
                      "<fo:block>note%d</fo:block></fo:footnote-body></fo:footnote></fo:block>",
                   i, i);
    buf_puts(&b, "</fo:flow></fo:page-sequence></fo:root>");
    struct pg_doc *doc = typeset_doc(b.data);
    ck_assert_int_eq(page_of(doc, "n0"), page_of(doc, "Big"));
    ck_assert_int_le(page_of(doc, "n0"), page_of(doc, "n599"));
    for (int i = 0; i < 100; i += 7) { /* each later note starts on its line's page */
        char l[16], n[16];
        snprintf(l, sizeof l, "line%d", i);
        snprintf(n, sizeof n, "note%d", i);
        ck_assert_int_eq(page_of(doc, n), page_of(doc, l));
    }
    pg_free(doc);
    buf_free(&b);
}
END_TEST

START_TEST(broken_masters_and_values_do_not_hang)
{
    /* regressions found by mutating FO files: a page-sequence-master naming no master looped
     * for ever; negative and huge line heights */
    const char *fo =
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'><fo:layout-master-set>"
        "<fo:simple-page-master master-name='p' page-width='300pt' page-height='300pt'>"
        "<fo:region-body/></fo:simple-page-master>"
        "<fo:page-sequence-master master-name='s'><fo:repeatable-page-master-alternatives>"
        "<fo:conditional-page-master-reference page-position='first' master-reference=''/>"
        "<fo:conditional-page-master-reference page-position='rest' master-reference='nope'/>"
        "</fo:repeatable-page-master-alternatives></fo:page-sequence-master>"
        "</fo:layout-master-set><fo:page-sequence master-reference='s'>"
        "<fo:flow flow-name='xsl-region-body'><fo:block line-height='-100%'>one</fo:block>"
        "<fo:block line-height='100000%' font-size='-3pt'>two</fo:block></fo:flow>"
        "</fo:page-sequence></fo:root>";
    struct pg_doc *doc = typeset_doc(fo);
    ck_assert_int_ge(page_of(doc, "one"), 0);
    ck_assert_int_ge(page_of(doc, "two"), 0);
    ck_assert_int_ge(diag.warnings, 1);
    pg_free(doc);
}
END_TEST

START_TEST(deep_nesting_does_not_crash)
{
    struct buf b;
    buf_init(&b);
    for (int i = 0; i < 100000; i++)
        buf_puts(&b, "<fo:block start-indent='1pt'>");
    buf_puts(&b, "deep");
    for (int i = 0; i < 100000; i++)
        buf_puts(&b, "</fo:block>");
    struct pg_doc *doc = typeset("300pt", b.data);
    ck_assert_int_eq(page_of(doc, "deep"), 0);
    pg_free(doc);
    buf_free(&b);
}
END_TEST

START_TEST(deep_lists_do_not_crash)
{
    struct buf b;
    buf_init(&b);
    for (int i = 0; i < 10000; i++)
        buf_puts(&b, "<fo:list-block><fo:list-item><fo:list-item-label end-indent='label-end()'>"
                     "<fo:block>-</fo:block></fo:list-item-label>"
                     "<fo:list-item-body start-indent='body-start()'>");
    buf_puts(&b, "<fo:block>deep</fo:block>");
    for (int i = 0; i < 10000; i++)
        buf_puts(&b, "</fo:list-item-body></fo:list-item></fo:list-block>");
    struct pg_doc *doc = typeset("300pt", b.data);
    ck_assert_uint_ge(doc->n_pages, 1); /* the innermost text is squeezed, but set */
    ck_assert_uint_ge(doc->n_runs, 4);
    ck_assert_int_ge(diag.warnings, 1);
    pg_free(doc);
    buf_free(&b);
}
END_TEST

/* Advances are looked up per code point when first measured (font.c): each must equal what the
 * face's Unicode cmap gives, mapped code points their glyph's advance (libharu's truncated
 * thousandths), the others glyph 0's, asked in any order and from either entry point. */
START_TEST(font_advances_are_the_cmaps)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct font_set *fs = font_set_load(font_map(), &d);
    ck_assert_ptr_nonnull(fs);
    FT_Library lib;
    ck_assert_int_eq(FT_Init_FreeType(&lib), 0);
    for (int face = 0; face < font_count(fs); face++) {
        FT_Face ft;
        ck_assert_int_eq(FT_New_Face(lib, font_path(fs, face), 0, &ft), 0);
        ck_assert_int_eq(FT_Select_Charmap(ft, FT_ENCODING_UNICODE), 0);
        static int expect[0x3000];
        FT_Fixed a0 = 0;
        FT_Get_Advance(ft, 0, FT_LOAD_NO_SCALE | FT_LOAD_IGNORE_TRANSFORM, &a0);
        for (int cp = 0; cp < 0x3000; cp++)
            expect[cp] = -1 - (int)((unsigned long)a0 * 1000u / ft->units_per_EM);
        FT_UInt gid = 0;
        for (FT_ULong cp = FT_Get_First_Char(ft, &gid); gid; cp = FT_Get_Next_Char(ft, cp, &gid)) {
            FT_Fixed a = 0;
            FT_Get_Advance(ft, gid, FT_LOAD_NO_SCALE | FT_LOAD_IGNORE_TRANSFORM, &a);
            if (cp < 0x3000)
                expect[cp] = (int)((unsigned long)a * 1000u / ft->units_per_EM);
        }
        long ascii = 0;
        for (int cp = 0x20; cp < 0x7F; cp++)
            ascii += expect[cp] >= 0 ? expect[cp] : -1 - expect[cp];
        char all[0x7F - 0x20];
        for (int cp = 0x20; cp < 0x7F; cp++)
            all[cp - 0x20] = (char)cp;
        if (face % 2) /* widths first, one by one after */
            ck_assert(font_width(fs, face, all, sizeof all, 1000) == (double)ascii);
        for (int cp = 0x2FFF; cp >= 0x20; cp--) {
            if (cp >= 0x7F && cp <= 0x9F)
                continue; /* C1 controls: shown as U+FFFD */
            int has = expect[cp] >= 0, w = has ? expect[cp] : -1 - expect[cp];
            ck_assert_int_eq(font_has_glyph(fs, face, (uint32_t)cp), has);
            ck_assert_int_eq(font_advance(fs, face, (uint32_t)cp), w);
        }
        ck_assert(font_width(fs, face, all, sizeof all, 1000) == (double)ascii);
        FT_Done_Face(ft);
    }
    FT_Done_FreeType(lib);
    font_set_free(fs);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("layout");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, paragraph_breaks_into_lines);
    tcase_add_test(tc, justified_lines_fill_the_measure);
    tcase_add_test(tc, ragged_text_keeps_natural_spaces);
    tcase_add_test(tc, no_line_is_overfull);
    tcase_add_test(tc, heading_keeps_with_next);
    tcase_add_test(tc, widows_and_orphans);
    tcase_add_test(tc, widow_in_a_real_paragraph);
    tcase_add_test(tc, footnote_on_reference_page);
    tcase_add_test(tc, long_footnote_continues);
    tcase_add_test(tc, page_labels_roman_then_arabic);
    tcase_add_test(tc, odd_page_break_inserts_blank);
    tcase_add_test(tc, auto_odd_sequence_adds_a_blank_page);
    tcase_add_test(tc, table_row_breaks_and_header_repeats);
    tcase_add_test(tc, leader_fills_to_the_right_edge);
    tcase_add_test(tc, last_line_end_indent_contents_entry);
    tcase_add_test(tc, last_line_end_indent_is_inherited);
    tcase_add_test(tc, last_line_end_indent_positive);
    tcase_add_test(tc, rule_leader_and_borders);
    tcase_add_test(tc, separator_static_content_draws_its_rule);
    tcase_add_test(tc, region_display_align_places_static_content);
    tcase_add_test(tc, url_breaks_after_marks_only);
    tcase_add_test(tc, no_break_after_a_bare_hyphen);
    tcase_add_test(tc, cell_display_align_after);
    tcase_add_test(tc, no_hyphen_on_the_last_but_one_line);
    tcase_add_test(tc, last_but_one_line_not_loose_in_a_narrow_column);
    tcase_add_test(tc, repeated_words_keep_their_style);
    tcase_add_test(tc, citation_pass_splices_the_contents);
    tcase_add_test(tc, citation_pass_falls_back_when_pages_move);
    tcase_add_test(tc, citation_last_cites_the_last_area);
    tcase_add_test(tc, citation_resolved);
    tcase_add_test(tc, links_and_dests);
    tcase_add_test(tc, page_starts_point_into_blocks);
    tcase_add_test(tc, page_start_offset_skips_notes);
    tcase_add_test(tc, superscript_inside_link_is_raised);
    tcase_add_test(tc, running_heads_from_markers);
    tcase_add_test(tc, bookmarks_nest);
    tcase_add_test(tc, unknown_names_warn_once);
    tcase_add_test(tc, pathological_notes_and_markers);
    tcase_add_test(tc, broken_masters_and_values_do_not_hang);
    tcase_add_test(tc, deep_nesting_does_not_crash);
    tcase_add_test(tc, deep_lists_do_not_crash);
    tcase_add_test(tc, font_advances_are_the_cmaps);
    tcase_add_test(tc, word_across_text_nodes_is_one_word);
    tcase_add_test(tc, scheme_after_a_word_is_not_in_it);
    suite_add_tcase(s, tc);
    int failed = check_failures(s);
    if (map_path[0])
        unlink(map_path);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

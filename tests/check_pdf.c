/* check_pdf.c — unit tests of the PDF writer (src/pdf*.c): small hand-built pages written with
 * pdf_write, then opened with the real readers (qpdf, pdftotext, pdffonts, pdfinfo) and the
 * shared PDF/A checker. One rule per test. */
#include <check.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "pages.h"
#include "pdf.h"
#include "pdf_text.h"
#include "check_helpers.h"

#define FONT_DIR "/usr/share/fonts/truetype/liberation2/"
#define ICC "/usr/share/color/icc/sRGB.icc"
#define A4_W 595.276
#define A4_H 841.89
#define DATE ((time_t)1767225600) /* 2026-01-01T00:00:00Z */

/* The text of each page, one run per line (what pdftotext must give back). */
static const char *const page_text[] = {
    "Özet\nTürkçe: ılık İğde şişe çörek güneş",
    "İçindekiler\n“Curly” quotes ‘here’ – en dash — em dash",
    "Bölüm 1\nКириллица: Привет, мир",
    "Kısım 1.1\nSee https://example.org/ağ",
};

static struct pg_str intern(struct pg_doc *d, const char *s)
{
    return pg_intern(d, s, strlen(s));
}

static void add_page(struct pg_doc *d, enum pg_number_style style, int number, int seq,
                     const char *label)
{
    struct pg_page p = {A4_W, A4_H, intern(d, label), style, number, seq};
    PG_PUSH(d, pages, p);
}

/* Adds the lines of page_text[page] as runs, one line per run, 20 pt apart. */
static void add_lines(struct pg_doc *d, int page)
{
    const char *s = page_text[page];
    double y = 760;
    for (int line = 0; *s; line++, y -= 20) {
        size_t n = strcspn(s, "\n");
        struct pg_run r = {page,
                           100,
                           y,
                           line == 0 ? 1 : (page == 3 ? 2 : 0),
                           12,
                           line == 0 ? 0x202060 : 0,
                           pg_intern(d, s, n)};
        PG_PUSH(d, runs, r);
        s += n + (s[n] == '\n');
    }
}

/* Four A4 pages: i, ii (front matter, roman) then 1, 2 (arabic), with Turkish, Cyrillic and
 * typographic punctuation, an internal and a URI link, dests, nested bookmarks, rules, a fill. */
static struct pg_doc *sample(void)
{
    struct pg_doc *d = pg_new();
    const char *fonts[] = {"Regular", "Bold", "Italic"};
    for (int i = 0; i < 3; i++) {
        char path[128];
        snprintf(path, sizeof path, FONT_DIR "LiberationSerif-%s.ttf", fonts[i]);
        struct pg_font f = {intern(d, path)};
        PG_PUSH(d, fonts, f);
    }
    add_page(d, PG_NUM_LOWER_ROMAN, 1, 0, "i");
    add_page(d, PG_NUM_LOWER_ROMAN, 2, 0, "ii");
    add_page(d, PG_NUM_DECIMAL, 1, 1, "1");
    add_page(d, PG_NUM_DECIMAL, 2, 1, "2");
    struct pg_fill fill = {0, 90, 750, 200, 30, 0xEEEEEE};
    PG_PUSH(d, fills, fill);
    for (int p = 0; p < 4; p++)
        add_lines(d, p);
    struct pg_rule rules[] = {{3, 100, 700, 300, 700, 0.5, 0, PG_RULE_SOLID},
                              {3, 100, 690, 300, 690, 1, 0, PG_RULE_DOTTED},
                              {3, 100, 680, 300, 680, 1, 0x800000, PG_RULE_DASHED}};
    for (int i = 0; i < 3; i++)
        PG_PUSH(d, rules, rules[i]);
    struct pg_link in = {1, 100, 756, 200, 772, PG_LINK_INTERNAL, intern(d, "ch1")};
    PG_PUSH(d, links, in);
    struct pg_link uri = {3, 120, 736, 300, 752, PG_LINK_URI, intern(d, "https://example.org/ağ")};
    PG_PUSH(d, links, uri);
    const char *ids[] = {"front", "toc", "ch1", "sec1"};
    for (int p = 0; p < 4; p++) {
        struct pg_dest dest = {intern(d, ids[p]), p, 100, 775};
        PG_PUSH(d, dests, dest);
    }
    struct pg_bookmark marks[] = {{intern(d, "Özet"), intern(d, "front"), -1, 1},
                                  {intern(d, "Bölüm 1"), intern(d, "ch1"), -1, 1},
                                  {intern(d, "Kısım 1.1"), intern(d, "sec1"), 1, 0}};
    for (int i = 0; i < 3; i++)
        PG_PUSH(d, bookmarks, marks[i]);
    d->language = intern(d, "tr");
    return d;
}

static const struct pdf_meta sample_meta = {
    "Bir Tez: “Ölçüler” & <Sınırlar>", "Ayşe Yılmaz", "Sayfa düzeni", "tez, PDF/A", "tr", ICC};

static char pdf_path[64];

/* Writes doc as a PDF into a fresh temporary file (pdf_path); returns pdf_write's status. */
static int write_pdf(const struct pg_doc *doc, const struct pdf_meta *meta, struct diag *d)
{
    struct buf out;
    buf_init(&out);
    int status = pdf_write(doc, meta, DATE, &out, d);
    strcpy(pdf_path, "/tmp/folio-pdf-XXXXXX");
    int fd = mkstemp(pdf_path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, out.data, out.len), (ssize_t)out.len);
    close(fd);
    buf_free(&out);
    return status;
}

static void write_sample(void)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    ck_assert_int_eq(write_pdf(doc, &sample_meta, &d), 0);
    ck_assert_int_eq(d.errors, 0);
    ck_assert_int_eq(d.warnings, 0);
    pg_free(doc);
}

static void remove_pdf(void)
{
    unlink(pdf_path);
}

/* Runs a shell command (stderr joined to stdout) and returns its exit status. */
static int run(struct buf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int run(struct buf *out, const char *fmt, ...)
{
    char cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    strncat(cmd, " 2>&1", sizeof cmd - strlen(cmd) - 1);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    char chunk[4096];
    size_t n;
    buf_truncate(out, 0);
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        buf_put(out, chunk, n);
    buf_putc(out, '\0');
    out->len--;
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* A fact about the file from `qpdf --json`, computed by a Python expression over `d`. */
static int qpdf_json(struct buf *out, const char *expr)
{
    return run(out,
               "qpdf --json %s | python3 -c 'import json,sys; d=json.load(sys.stdin); "
               "print(%s)'",
               pdf_path, expr);
}

START_TEST(qpdf_check_is_clean)
{
    write_sample();
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(run(&o, "qpdf --check %s", pdf_path), 0);
    ck_assert_ptr_null(strstr(o.data, "WARNING"));
    ck_assert_ptr_nonnull(strstr(o.data, "No syntax or stream encoding errors"));
    buf_free(&o);
    remove_pdf();
}
END_TEST

/* pdftotext gives back each page's text exactly, Turkish letters, curly quotes, dashes and
 * Cyrillic included, and prints no warning (stderr is joined into the output). */
START_TEST(pdftotext_copies_text_without_warnings)
{
    write_sample();
    struct buf o, want;
    buf_init(&o);
    buf_init(&want);
    for (int p = 0; p < 4; p++) {
        ck_assert_int_eq(run(&o, "pdftotext -enc UTF-8 -f %d -l %d %s -", p + 1, p + 1, pdf_path),
                         0);
        buf_truncate(&want, 0);
        buf_printf(&want, "%s\n\n\f", page_text[p]);
        ck_assert_str_eq(o.data, want.data);
    }
    buf_free(&o);
    buf_free(&want);
    remove_pdf();
}
END_TEST

/* Poppler's renderer draws every page without a message (pdftoppm prints errors on stderr). */
START_TEST(pdftoppm_renders_without_errors)
{
    write_sample();
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(run(&o, "pdftoppm -r 30 -gray %s %s-page", pdf_path, pdf_path), 0);
    ck_assert_str_eq(o.data, "");
    ck_assert_int_eq(run(&o, "ls %s-page-*.pgm | wc -l; rm -f %s-page-*.pgm", pdf_path, pdf_path),
                     0);
    ck_assert_str_eq(o.data, "4\n");
    buf_free(&o);
    remove_pdf();
}
END_TEST

/* Rules are stroked with their width, colour and style: dotted as round dots (zero dashes, round
 * caps), dashed as 3w dashes and gaps, in page 4's content stream. */
START_TEST(rules_keep_width_colour_and_style)
{
    write_sample();
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(run(&o,
                         "qpdf --qdf --object-streams=disable %s - | grep -a -x "
                         "-e '0.5 w' -e '1 w' -e '1 J' -e '.* d' -e '.* RG' -e '.* l'",
                         pdf_path),
                     0);
    ck_assert_str_eq(o.data, "0.5 w\n0 0 0 RG\n300 700 l\n"
                             "1 w\n0 0 0 RG\n1 J\n[0 2.000] 0 d\n300 690 l\n"
                             "1 w\n0.50196 0 0 RG\n[3.000 3.000] 0 d\n300 680 l\n");
    buf_free(&o);
    remove_pdf();
}
END_TEST

START_TEST(every_font_is_embedded)
{
    write_sample();
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(run(&o, "pdffonts %s", pdf_path), 0);
    int fonts = 0;
    char *save = NULL;
    for (char *line = strtok_r(o.data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (!strstr(line, "LiberationSerif"))
            continue;
        fonts++;
        ck_assert_msg(strstr(line, "CID TrueType      Identity-H       yes yes yes"), "%s", line);
    }
    ck_assert_int_eq(fonts, 3);
    ck_assert_int_eq(qpdf_json(&o, "sorted(set(v[\"value\"][\"/CIDSystemInfo\"][\"/Ordering\"] "
                                   "for v in d[\"qpdf\"][1].values() if isinstance(v.get("
                                   "\"value\"), dict) and \"/CIDSystemInfo\" in v[\"value\"]))"),
                     0);
    ck_assert_str_eq(o.data, "['u:Identity']\n");
    buf_free(&o);
    remove_pdf();
}
END_TEST

/* Python over `qpdf --json` of pdf_path, streams decoded: `fonts`, one dict per Type0 font sorted
 * by PostScript name, each with its /BaseFont (name), CIDFont (cid) and descriptor (desc)
 * dictionaries, the sorted table tags of its embedded program (tables), the program's size
 * (size), /Length1 and compressed /Length (length1, packed), the glyph id of each CID from the
 * CIDToGIDMap (gid), the /W widths by CID (w), and adv(gid): that glyph's hmtx advance in the
 * program, in 1/1000 em truncated. */
#define FONT_FACTS                                                                                 \
    "import json,sys,base64,struct,subprocess\n"                                                   \
    "def qpdf(*a): return json.loads(subprocess.run((\"qpdf\", \"--json\") + a + (sys.argv[1],), " \
    "capture_output=True).stdout)[\"qpdf\"][1]\n"                                                  \
    "o = qpdf(\"--json-stream-data=inline\", \"--decode-level=generalized\")\n"                    \
    "raw = qpdf()\n"                                                                               \
    "def val(r): return o[\"obj:\" + r][\"value\"]\n"                                              \
    "def data(r): return base64.b64decode(o[\"obj:\" + r][\"stream\"][\"data\"])\n"                \
    "def num(v): return raw[\"obj:\" + v][\"value\"] if isinstance(v, str) else v\n"               \
    "def tables(p):\n"                                                                             \
    "    n = struct.unpack(\">H\", p[4:6])[0]\n"                                                   \
    "    return {p[12 + 16 * i:16 + 16 * i].decode(): struct.unpack(\">II\", "                     \
    "p[20 + 16 * i:28 + 16 * i]) for i in range(n)}\n"                                             \
    "def widths(a):\n"                                                                             \
    "    w, i = {}, 0\n"                                                                           \
    "    while i < len(a):\n"                                                                      \
    "        if isinstance(a[i + 1], list):\n"                                                     \
    "            w.update({a[i] + k: x for k, x in enumerate(a[i + 1])}); i += 2\n"                \
    "        else:\n"                                                                              \
    "            w.update({c: a[i + 2] for c in range(a[i], a[i + 1] + 1)}); i += 3\n"             \
    "    return w\n"                                                                               \
    "fonts = []\n"                                                                                 \
    "for v in o.values():\n"                                                                       \
    "    f = v.get(\"value\")\n"                                                                   \
    "    if not isinstance(f, dict) or f.get(\"/Subtype\") != \"/Type0\": continue\n"              \
    "    c = val(f[\"/DescendantFonts\"][0]); d = val(c[\"/FontDescriptor\"])\n"                   \
    "    p = data(d[\"/FontFile2\"]); t = tables(p); sd = raw[\"obj:\" + d[\"/FontFile2\"]]"       \
    "[\"stream\"][\"dict\"]\n"                                                                     \
    "    g = lambda tag: p[t[tag][0]:t[tag][0] + t[tag][1]]\n"                                     \
    "    upem = struct.unpack(\">H\", g(\"head\")[18:20])[0]\n"                                    \
    "    nh = struct.unpack(\">H\", g(\"hhea\")[34:36])[0]\n"                                      \
    "    a = [struct.unpack(\">H\", g(\"hmtx\")[4 * i:4 * i + 2])[0] * 1000 // upem "              \
    "for i in range(nh)]\n"                                                                        \
    "    m = data(c[\"/CIDToGIDMap\"])\n"                                                          \
    "    fonts.append(dict(name=f[\"/BaseFont\"][1:], cid=c, desc=d, tables=sorted(t), "           \
    "size=len(p), length1=num(sd[\"/Length1\"]), packed=num(sd[\"/Length\"]), "                    \
    "gid=[m[i] << 8 | m[i + 1] for i in range(0, len(m), 2)], w=widths(c[\"/W\"]), "               \
    "adv=lambda gid, a=a: a[min(gid, len(a) - 1)]))\n"                                             \
    "fonts.sort(key=lambda f: f[\"name\"].split(\"+\")[-1])\n"

/* Prints the Python expression expr over FONT_FACTS of pdf_path into out. */
static int font_facts(struct buf *out, const char *expr)
{
    return run(out, "python3 -c '" FONT_FACTS "print(%s)' %s", expr, pdf_path);
}

/* Each face is embedded as a subset (PDF 1.4 §5.5.3): BaseFont and FontName are the same
 * six-uppercase-letter tag + the font's PostScript name, and the program holds a small part of
 * the font file, Flate-compressed smaller still. */
START_TEST(fonts_are_tagged_subsets)
{
    write_sample();
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(
        font_facts(&o,
                   "[(__import__(\"re\").fullmatch(\"[A-Z]{6}[+]LiberationSerif(-Bold|-Italic)?\","
                   " f[\"name\"]) is not None, f[\"desc\"][\"/FontName\"] == \"/\" + f[\"name\"]"
                   " == f[\"cid\"][\"/BaseFont\"], f[\"length1\"] == f[\"size\"],"
                   " f[\"size\"] * 10 < 370000, f[\"packed\"] < f[\"size\"]) for f in fonts]"),
        0);
    ck_assert_str_eq(o.data, "[(True, True, True, True, True), (True, True, True, True, True), "
                             "(True, True, True, True, True)]\n");
    buf_free(&o);
    remove_pdf();
}
END_TEST

/* /W gives each CID shown exactly the advance the embedded program's hmtx has for its glyph
 * (ISO 19005-1 §6.3.6), /DW that of .notdef, and every CID mapped to a glyph has a width. */
START_TEST(widths_agree_with_the_font_program)
{
    write_sample();
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(
        font_facts(&o, "[(len(f[\"w\"]) > 5, [c for c in f[\"w\"] if f[\"w\"][c] != "
                       "f[\"adv\"](f[\"gid\"][c]) or not f[\"gid\"][c]], [c for c, g in "
                       "enumerate(f[\"gid\"]) if g and c not in f[\"w\"]], f[\"cid\"][\"/DW\"] == "
                       "f[\"adv\"](0)) for f in fonts]"),
        0);
    ck_assert_str_eq(o.data,
                     "[(True, [], [], True), (True, [], [], True), (True, [], [], True)]\n");
    buf_free(&o);
    remove_pdf();
}
END_TEST

/* The subset keeps the full font's glyph ids (HarfBuzz's RETAIN_GIDS): the CIDToGIDMap maps
 * each code shown to the glyph the font file's own cmap gives it, and codes not shown to 0. */
START_TEST(glyph_ids_are_the_font_files)
{
    write_sample();
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(font_facts(&o, "\" \".join(str(g) for g in fonts[0][\"gid\"])"), 0);
    FT_Library ft;
    FT_Face face;
    ck_assert_int_eq(FT_Init_FreeType(&ft), 0);
    ck_assert_int_eq(FT_New_Face(ft, FONT_DIR "LiberationSerif-Regular.ttf", 0, &face), 0);
    struct pdf_codes *used = calloc(1, sizeof *used);
    for (size_t i = 0; i < 3; i++) /* the second lines of pages 1-3 are the Regular face's runs */
        pdf_text_mark(page_text[i] + strcspn(page_text[i], "\n") + 1,
                      strlen(page_text[i]) - strcspn(page_text[i], "\n") - 1, used);
    char *p = o.data, *end;
    unsigned cid = 0, mapped = 0;
    for (unsigned long gid = strtoul(p, &end, 10); end != p; gid = strtoul(p, &end, 10), cid++) {
        p = end;
        unsigned want = pdf_codes_has(used, cid) ? FT_Get_Char_Index(face, cid) : 0;
        ck_assert_msg(gid == want, "CID %u: glyph %lu, the font has %u", cid, gid, want);
        mapped += gid != 0;
    }
    ck_assert_uint_gt(mapped, 20);
    FT_Done_Face(face);
    FT_Done_FreeType(ft);
    free(used);
    buf_free(&o);
    remove_pdf();
}
END_TEST

/* The subset program drops hinting (fpgm, prep, cvt) and the layout tables (GSUB, GPOS, GDEF),
 * keeping the tables a CIDFontType2 program needs (PDF 1.4 §5.8). */
START_TEST(font_program_keeps_only_what_is_drawn)
{
    write_sample();
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(font_facts(&o,
                                "[(sorted(set(f[\"tables\"]) & {\"fpgm\", \"prep\", \"cvt \", "
                                "\"GSUB\", \"GPOS\", \"GDEF\"}), {\"glyf\", \"loca\", \"head\", "
                                "\"hhea\", \"hmtx\", \"maxp\"} <= set(f[\"tables\"])) "
                                "for f in fonts]"),
                     0);
    ck_assert_str_eq(o.data, "[([], True), ([], True), ([], True)]\n");
    buf_free(&o);
    remove_pdf();
}
END_TEST

/* The descriptor's metrics come from the font: an upright face has ItalicAngle 0, the italic one
 * a negative (right-leaning) angle and the Italic flag; Ascent > CapHeight > 0 > Descent. */
START_TEST(descriptor_metrics_come_from_the_font)
{
    write_sample();
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(font_facts(&o,
                                "[(f[\"name\"].split(\"+\")[1], f[\"desc\"][\"/ItalicAngle\"] < 0,"
                                " f[\"desc\"][\"/Flags\"] >> 6 & 1, f[\"desc\"][\"/Ascent\"] > "
                                "f[\"desc\"][\"/CapHeight\"] > 0 > f[\"desc\"][\"/Descent\"], "
                                "f[\"desc\"][\"/StemV\"] > 0) for f in fonts]"),
                     0);
    ck_assert_str_eq(o.data, "[('LiberationSerif', False, 0, True, True), "
                             "('LiberationSerif-Bold', False, 0, True, True), "
                             "('LiberationSerif-Italic', True, 1, True, True)]\n");
    buf_free(&o);
    remove_pdf();
}
END_TEST

/* The subset tag follows the codes shown: one more character in the Regular face changes its
 * tag and no other face's. */
START_TEST(subset_tag_follows_the_codes)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    struct buf a, b;
    buf_init(&a);
    buf_init(&b);
    ck_assert_int_eq(write_pdf(doc, &sample_meta, &d), 0);
    ck_assert_int_eq(font_facts(&a, "[f[\"name\"] for f in fonts]"), 0);
    remove_pdf();
    struct pg_run r = {3, 100, 600, 0, 12, 0, intern(doc, "Z")};
    PG_PUSH(doc, runs, r);
    ck_assert_int_eq(write_pdf(doc, &sample_meta, &d), 0);
    ck_assert_int_eq(font_facts(&b, "[f[\"name\"] for f in fonts]"), 0);
    ck_assert_int_ne(memcmp(a.data, b.data, 10), 0); /* the Regular face's tag (first) */
    ck_assert_str_eq(strchr(a.data, ','), strchr(b.data, ','));
    buf_free(&a);
    buf_free(&b);
    remove_pdf();
    pg_free(doc);
}
END_TEST

/* Each page's /Resources /Font names every face it shows once (PDF 1.4 §3.7.2), and a face has
 * the same name on every page. */
START_TEST(page_resources_name_each_font)
{
    write_sample();
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(
        qpdf_json(&o, "[sorted(d[\"qpdf\"][1][\"obj:\" + p][\"value\"][\"/Resources\"][\"/Font\"]"
                      ".items()) for p in [x[\"object\"] for x in d[\"pages\"]]]"),
        0);
    /* every page shows the title face (Bold) and the text face; page 4 the Italic */
    char *save = NULL;
    int pages = 0;
    for (char *pg = strtok_r(o.data, "]", &save); pg; pg = strtok_r(NULL, "]", &save))
        pages += strstr(pg, "('/F") != NULL;
    ck_assert_int_eq(pages, 4);
    buf_free(&o);
    ck_assert_int_eq(
        qpdf_json(&o, "sorted(set((k, v) for p in d[\"pages\"] for k, v in d[\"qpdf\"][1][\"obj:\" "
                      "+ p[\"object\"]][\"value\"][\"/Resources\"][\"/Font\"].items()))"),
        0);
    ck_assert_msg(strstr(o.data, "('/F1', '") && strstr(o.data, "('/F2', '") &&
                      strstr(o.data, "('/F3', '") && !strstr(o.data, "('/F4'"),
                  "%s", o.data);
    buf_free(&o);
    remove_pdf();
}
END_TEST

/* The viewer shows i, ii then 1, 2, 3: one range per numbering, even where a new page sequence
 * (a chapter) goes on counting. */
START_TEST(page_labels_roman_then_arabic)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    add_page(doc, PG_NUM_DECIMAL, 3, 2, "3");
    ck_assert_int_eq(write_pdf(doc, &sample_meta, &d), 0);
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(qpdf_json(&o, "[(l[\"index\"], l[\"label\"][\"/S\"], l[\"label\"][\"/St\"]) "
                                   "for l in d[\"pagelabels\"]]"),
                     0);
    ck_assert_str_eq(o.data, "[(0, '/r', 1), (2, '/D', 1)]\n");
    buf_free(&o);
    remove_pdf();
    pg_free(doc);
}
END_TEST

/* A printed label that is not a plain number in its style ("Ek-1", or a number out of step) is
 * shown as printed; numbering resumes after it. */
START_TEST(page_labels_follow_printed_labels)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    doc->pages[3].label = intern(doc, "Ek-1");
    add_page(doc, PG_NUM_UPPER_ALPHA, 2, 2, "B");
    add_page(doc, PG_NUM_UPPER_ALPHA, 28, 3, "AB"); /* the viewer's 28th letter label is BB */
    add_page(doc, PG_NUM_UPPER_ROMAN, 14, 4, "XIV");
    ck_assert_int_eq(write_pdf(doc, &sample_meta, &d), 0);
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(qpdf_json(&o, "[(l[\"index\"], l[\"label\"]) for l in d[\"pagelabels\"]]"), 0);
    ck_assert_str_eq(o.data, "[(0, {'/S': '/r', '/St': 1}), (2, {'/S': '/D', '/St': 1}), "
                             "(3, {'/P': 'u:Ek-1', '/St': 1}), (4, {'/S': '/A', '/St': 2}), "
                             "(5, {'/P': 'u:AB', '/St': 1}), (6, {'/S': '/R', '/St': 14})]\n");
    buf_free(&o);
    remove_pdf();
    pg_free(doc);
}
END_TEST

START_TEST(bookmarks_nest_and_point_to_pages)
{
    write_sample();
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(qpdf_json(&o, "[(o[\"title\"], o[\"destpageposfrom1\"], [(k[\"title\"], "
                                   "k[\"destpageposfrom1\"]) for k in o[\"kids\"]]) "
                                   "for o in d[\"outlines\"]]"),
                     0);
    ck_assert_str_eq(o.data, "[('Özet', 1, []), ('Bölüm 1', 3, [('Kısım 1.1', 4)])]\n");
    /* items carry no /Type (only the outline root is /Type /Outlines) */
    ck_assert_int_eq(qpdf_json(&o, "sum(1 for v in d[\"qpdf\"][1].values() if "
                                   "isinstance(v.get(\"value\"), dict) and "
                                   "v[\"value\"].get(\"/Type\") == \"/Outlines\")"),
                     0);
    ck_assert_str_eq(o.data, "1\n");
    buf_free(&o);
    remove_pdf();
}
END_TEST

/* The two links: an internal one to "ch1" (page 3, /XYZ at the dest's top) and a URI one with
 * its non-ASCII bytes percent-encoded; both borderless and printable (ISO 19005-1 §6.5.3). */
START_TEST(links_go_to_dest_and_uri)
{
    write_sample();
    struct buf o;
    buf_init(&o);
    const char *expr = "(lambda o: [(o[\"obj:\" + a[\"/Dest\"]][\"value\"] if \"/Dest\" in a "
                       "else None, a.get(\"/A\", {}).get(\"/URI\"), a[\"/Border\"], a[\"/F\"]) "
                       "for v in o.values() for a in [v.get(\"value\", {})] if isinstance(a, dict)"
                       " and a.get(\"/Subtype\") == \"/Link\"])(d[\"qpdf\"][1])";
    ck_assert_int_eq(qpdf_json(&o, expr), 0);
    ck_assert_ptr_nonnull(strstr(o.data, "'/XYZ', None, 775, None]"));
    ck_assert_ptr_nonnull(strstr(o.data, "'u:https://example.org/a%C4%9F'"));
    ck_assert_ptr_nonnull(strstr(o.data, "[0, 0, 0], 4)"));
    ck_assert_int_eq(qpdf_json(&o, "[len(p.get(\"/Annots\", [])) for k, v in "
                                   "d[\"qpdf\"][1].items() for p in [v.get(\"value\", {})] "
                                   "if isinstance(p, dict) and p.get(\"/Type\") == \"/Page\"]"),
                     0);
    ck_assert_str_eq(o.data, "[0, 1, 0, 1]\n");
    buf_free(&o);
    remove_pdf();
}
END_TEST

START_TEST(pdfa_output_intent_and_metadata_present)
{
    write_sample();
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(
        qpdf_json(&o,
                  "[(v[\"value\"].get(\"/OutputIntents\") is not None, "
                  "v[\"value\"].get(\"/Metadata\") is not None, "
                  "v[\"value\"].get(\"/Lang\"), v[\"value\"][\"/ViewerPreferences\"]) for k, v in "
                  "d[\"qpdf\"][1].items() if isinstance(v.get(\"value\"), dict)"
                  " and v[\"value\"].get(\"/Type\") == \"/Catalog\"]"),
        0);
    ck_assert_str_eq(o.data, "[(True, True, 'u:tr', {'/DisplayDocTitle': True})]\n");
    buf_free(&o);
    remove_pdf();
}
END_TEST

/* Info holds what the metadata gives plus Creator, Producer and the SOURCE_DATE_EPOCH dates. */
START_TEST(pdfinfo_shows_metadata)
{
    write_sample();
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(run(&o, "TZ=UTC pdfinfo -isodates %s", pdf_path), 0);
    ck_assert_ptr_nonnull(strstr(o.data, "Title:           Bir Tez: “Ölçüler” & <Sınırlar>\n"));
    ck_assert_ptr_nonnull(strstr(o.data, "Author:          Ayşe Yılmaz\n"));
    ck_assert_ptr_nonnull(strstr(o.data, "Subject:         Sayfa düzeni\n"));
    ck_assert_ptr_nonnull(strstr(o.data, "Keywords:        tez, PDF/A\n"));
    ck_assert_ptr_nonnull(strstr(o.data, "Creator:         folio\n"));
    ck_assert_ptr_nonnull(strstr(o.data, "Producer:        folio "));
    ck_assert_ptr_nonnull(strstr(o.data, "CreationDate:    2026-01-01T00:00:00Z"));
    ck_assert_ptr_nonnull(strstr(o.data, "ModDate:         2026-01-01T00:00:00Z"));
    ck_assert_ptr_nonnull(strstr(o.data, "Pages:           4\n"));
    ck_assert_ptr_null(strstr(o.data, "Syntax"));
    buf_free(&o);
    remove_pdf();
}
END_TEST

/* Fields the metadata does not give are not invented, in Info or in XMP. */
START_TEST(absent_metadata_is_not_invented)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    struct pdf_meta meta = {.title = "T", .icc_profile = ICC};
    ck_assert_int_eq(write_pdf(doc, &meta, &d), 0);
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(run(&o, "pdfinfo %s", pdf_path), 0);
    ck_assert_ptr_null(strstr(o.data, "Author:"));
    ck_assert_ptr_null(strstr(o.data, "Subject:"));
    ck_assert_ptr_null(strstr(o.data, "Keywords:"));
    ck_assert_int_eq(run(&o, "pdfinfo -meta %s", pdf_path), 0);
    ck_assert_ptr_nonnull(strstr(o.data, "<rdf:li xml:lang=\"x-default\">T</rdf:li>"));
    ck_assert_ptr_null(strstr(o.data, "dc:creator"));
    ck_assert_ptr_null(strstr(o.data, "dc:description"));
    buf_free(&o);
    remove_pdf();
    pg_free(doc);
}
END_TEST

START_TEST(same_input_same_bytes)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    struct buf a, b;
    buf_init(&a);
    buf_init(&b);
    ck_assert_int_eq(pdf_write(doc, &sample_meta, DATE, &a, &d), 0);
    ck_assert_int_eq(pdf_write(doc, &sample_meta, DATE, &b, &d), 0);
    ck_assert_uint_gt(a.len, 1000);
    ck_assert_uint_eq(a.len, b.len);
    ck_assert_int_eq(memcmp(a.data, b.data, a.len), 0);
    buf_free(&a);
    buf_free(&b);
    pg_free(doc);
}
END_TEST

/* The document ID follows the content: a changed word gives another ID. */
START_TEST(document_id_follows_content)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    struct buf a, b;
    buf_init(&a);
    buf_init(&b);
    ck_assert_int_eq(pdf_write(doc, &sample_meta, DATE, &a, &d), 0);
    doc->pool[doc->runs[0].text.off] = 'O';
    ck_assert_int_eq(pdf_write(doc, &sample_meta, DATE, &b, &d), 0);
    const char *ia = strstr(a.data + a.len - 300, "/ID"), *ib = strstr(b.data + b.len - 300, "/ID");
    ck_assert_ptr_nonnull(ia);
    ck_assert_ptr_nonnull(ib);
    ck_assert_int_ne(memcmp(ia, ib, 40), 0);
    buf_free(&a);
    buf_free(&b);
    pg_free(doc);
}
END_TEST

/* The independent checker of structure and PDF/A-1b essentials passes every check. */
START_TEST(shared_checker_passes)
{
    const char *shared = getenv("SHARED") ? getenv("SHARED") : "/work/shared";
    char tool[512];
    snprintf(tool, sizeof tool, "%s/tools/check_pdf.py", shared);
    if (access(tool, X_OK) != 0) {
        fprintf(stderr, "check_pdf: %s not found, checker test skipped\n", tool);
        return;
    }
    write_sample();
    struct buf o;
    buf_init(&o);
    int st = run(&o, "%s %s", tool, pdf_path);
    ck_assert_msg(st == 0, "%s", o.data);
    ck_assert_ptr_null(strstr(o.data, "FAIL"));
    buf_free(&o);
    remove_pdf();
}
END_TEST

/* Line breaks, a character beyond the BMP and markup in the metadata: Info and XMP still agree
 * and the XMP still parses (the shared checker compares them). */
START_TEST(odd_metadata_still_agrees)
{
    const char *shared = getenv("SHARED") ? getenv("SHARED") : "/work/shared";
    char tool[512];
    snprintf(tool, sizeof tool, "%s/tools/check_pdf.py", shared);
    if (access(tool, X_OK) != 0)
        return;
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    struct pdf_meta meta = {"  Two\n    lines \xF0\x9F\x98\x80 & <b>\n",
                            "A \"B\" 'C'",
                            " \t\n",
                            "x<y",
                            "not a tag!",
                            ICC};
    ck_assert_int_eq(write_pdf(doc, &meta, &d), 0);
    ck_assert_ptr_nonnull(strstr(d.last, "not a BCP 47 tag"));
    struct buf o;
    buf_init(&o);
    int st = run(&o, "%s %s", tool, pdf_path);
    ck_assert_msg(st == 0, "%s", o.data);
    ck_assert_ptr_nonnull(strstr(o.data, "'Two lines \xEF\xBF\xBD & <b>'"));
    ck_assert_int_eq(run(&o, "pdfinfo %s", pdf_path), 0);
    ck_assert_ptr_null(strstr(o.data, "Subject:")); /* blank is absent */
    buf_free(&o);
    remove_pdf();
    pg_free(doc);
}
END_TEST

/* More pages than one libharu array holds (32767) still make one valid document; more label
 * ranges than PDF/A-1 arrays allow fall back to numbers with a warning. */
START_TEST(long_document_gets_a_page_tree)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    for (int p = 4; p < 33000; p++) {
        add_page(doc, PG_NUM_DECIMAL, p - 1, 1, "n");
        struct pg_run r = {p, 100, 700, 0, 12, 0, intern(doc, "x")};
        PG_PUSH(doc, runs, r);
    }
    ck_assert_msg(write_pdf(doc, &sample_meta, &d) == 0, "%s", d.last);
    ck_assert_str_eq(d.last, "warning: pdf: 32998 page label ranges are too many; the viewer "
                             "shows page numbers");
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(run(&o, "pdfinfo %s", pdf_path), 0);
    ck_assert_ptr_nonnull(strstr(o.data, "Pages:           33000\n"));
    ck_assert_int_eq(run(&o, "pdftotext -f 33000 -l 33000 %s -", pdf_path), 0);
    ck_assert_str_eq(o.data, "x\n\n\f");
    buf_free(&o);
    remove_pdf();
    pg_free(doc);
}
END_TEST

/* Bookmarks nested 5000 deep (a pathological FO) are kept at 16 levels, with a warning, and
 * written at once (libharu's outline counting grows steeply with depth). */
START_TEST(deep_bookmarks_are_capped)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    for (int i = 0; i < 5000; i++) {
        struct pg_bookmark b = {intern(doc, "deep"), intern(doc, "sec1"), (int)doc->n_bookmarks - 1,
                                1};
        PG_PUSH(doc, bookmarks, b);
    }
    ck_assert_int_eq(write_pdf(doc, &sample_meta, &d), 0);
    ck_assert_str_eq(d.last, "warning: pdf: bookmarks nested deeper than 16 levels kept at "
                             "level 16");
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(qpdf_json(&o, "(lambda f: max(f(f, o, 1) for o in d[\"outlines\"]))("
                                   "lambda f, o, n: max([n] + [f(f, k, n + 1) for k in "
                                   "o[\"kids\"]]))"),
                     0);
    ck_assert_str_eq(o.data, "16\n");
    buf_free(&o);
    remove_pdf();
    pg_free(doc);
}
END_TEST

/* A run longer than libharu shows at once (64 KiB) is shown in pieces that join up, cut on
 * character boundaries. */
START_TEST(long_run_is_shown_in_pieces)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    struct buf text;
    buf_init(&text);
    buf_puts(&text, "a");
    for (int i = 0; i < 40000; i++)
        buf_puts(&text, "ş");
    struct pg_run r = {3, 10, 100, 0, 1, 0, pg_intern(doc, text.data, text.len)};
    PG_PUSH(doc, runs, r);
    ck_assert_msg(write_pdf(doc, &sample_meta, &d) == 0, "%s", d.last);
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(run(&o, "pdftotext -raw -f 4 -l 4 -y 700 -H 200 -x 0 -W 600 %s -", pdf_path),
                     0);
    ck_assert_ptr_nonnull(strstr(o.data, "aşşşşşşşşşşşşşşşşşşşş"));
    ck_assert_ptr_null(strstr(o.data, "\xEF\xBF\xBD"));
    buf_free(&o);
    buf_free(&text);
    remove_pdf();
    pg_free(doc);
}
END_TEST

/* One line of words at laid-out places: regular, an italic word, regular again, and a word
 * placed back over its neighbour (negative gap). */
static const struct {
    double x;
    int font;
    const char *text;
} line_words[] = {{100, 0, "Tez"},    {131.25, 0, "metni"}, {180.5, 2, "burada"},
                  {236.75, 0, "biter"}, {262, 0, "ve"},    {300.125, 0, "son"}};

/* The sample with line_words added on page 4, written to pdf_path; the caller frees it. */
static struct pg_doc *written_line(void)
{
    struct pg_doc *d = sample();
    for (size_t i = 0; i < sizeof line_words / sizeof line_words[0]; i++) {
        struct pg_run r = {3, line_words[i].x, 400, line_words[i].font, 11, 0,
                           intern(d, line_words[i].text)};
        PG_PUSH(d, runs, r);
    }
    struct diag dg;
    diag_init(&dg, NULL, 0);
    ck_assert_msg(write_pdf(d, &sample_meta, &dg) == 0, "%s", dg.last);
    return d;
}

/* Words of one line in one font go in one TJ array, the gaps as numbers (PDF 1.4 §5.3.2):
 * the italic word opens a second array, the regular words after it a third. */
START_TEST(line_of_one_font_is_one_array)
{
    struct pg_doc *doc = written_line();
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(run(&o, "qpdf --qdf --object-streams=disable %s - | awk "
                             "'/Contents for page 4/{p=1} p && /endstream/{p=0} "
                             "p && /TJ$/{n++} END{print n}'",
                         pdf_path),
                     0);
    /* page 4's two sample lines are two arrays, the test line three */
    ck_assert_str_eq(o.data, "5\n");
    buf_free(&o);
    remove_pdf();
    pg_free(doc);
}
END_TEST

/* Every word starts where it was laid out, to 0.001 pt, as pdftotext measures it: the numbers in
 * the array and the advances from /W put it there whatever the font and the gap. */
START_TEST(words_in_an_array_land_where_laid_out)
{
    struct pg_doc *doc = written_line();
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(run(&o, "pdftotext -bbox -f 4 -l 4 %s - | grep -o 'xMin=\"[0-9.]*\"[^>]*>[^<]*' "
                             "| sed 's/xMin=\"\\([0-9.]*\\)\".*>/\\1 /'",
                         pdf_path),
                     0);
    for (size_t i = 0; i < sizeof line_words / sizeof line_words[0]; i++) {
        char word[64];
        snprintf(word, sizeof word, " %s\n", line_words[i].text);
        const char *at = strstr(o.data, word);
        ck_assert_msg(at != NULL, "%s not found in %s", line_words[i].text, o.data);
        while (at > o.data && at[-1] != '\n')
            at--;
        ck_assert_msg(fabs(strtod(at, NULL) - line_words[i].x) < 0.001, "%s at %s",
                      line_words[i].text, at);
    }
    buf_free(&o);
    remove_pdf();
    pg_free(doc);
}
END_TEST

/* Two words of one font on one line, 460 pt apart in 8 pt type (57 500 thousandths of an em):
 * the second starts a new array with a Td, so no number in the content exceeds the largest
 * real PDF/A-1 allows (ISO 19005-1 §6.1.12: 32767), and both land where laid out. */
START_TEST(far_apart_words_keep_reals_in_range)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    struct pg_run a = {3, 100, 300, 0, 8, 0, intern(doc, "near")};
    struct pg_run b = {3, 560, 300, 0, 8, 0, intern(doc, "far")};
    PG_PUSH(doc, runs, a);
    PG_PUSH(doc, runs, b);
    ck_assert_msg(write_pdf(doc, &sample_meta, &d) == 0, "%s", d.last);
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(run(&o, "qpdf --qdf --object-streams=disable %s - | awk "
                             "'/Contents for page 4/{p=1} p && /endstream/{p=0} p' "
                             "| sed 's/<[0-9A-Fa-f]*>//g' | grep -a -o -- '-\\?[0-9][0-9.]*' "
                             "| tr -d - "
                             "| awk '$1 > 32767 {n++} END {print n + 0}'",
                         pdf_path),
                     0);
    ck_assert_str_eq(o.data, "0\n");
    ck_assert_int_eq(run(&o, "pdftotext -bbox -f 4 -l 4 %s - | grep '>far<'", pdf_path), 0);
    const char *x = strstr(o.data, "xMin=\"");
    ck_assert_ptr_nonnull(x);
    ck_assert_msg(fabs(strtod(x + 6, NULL) - 560) < 0.001, "%s", o.data);
    buf_free(&o);
    remove_pdf();
    pg_free(doc);
}
END_TEST

/* One page holds at most 8000 links: PDF/A-1 keeps arrays, /Annots included, under 8192. */
START_TEST(links_per_page_are_capped)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    for (int i = 0; i < 8005; i++) {
        struct pg_link l = {3, 10, 10, 20, 20, PG_LINK_URI, intern(doc, "https://example.org/")};
        PG_PUSH(doc, links, l);
    }
    ck_assert_int_eq(write_pdf(doc, &sample_meta, &d), 0);
    ck_assert_ptr_nonnull(strstr(d.last, "page 4 has 8006 links; the last 6 left out"));
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(qpdf_json(&o, "max(len(p.get(\"/Annots\", [])) for v in "
                                   "d[\"qpdf\"][1].values() for p in [v.get(\"value\", {})] "
                                   "if isinstance(p, dict) and p.get(\"/Type\") == \"/Page\")"),
                     0);
    ck_assert_str_eq(o.data, "8000\n");
    buf_free(&o);
    remove_pdf();
    pg_free(doc);
}
END_TEST

START_TEST(missing_font_is_an_error)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    doc->fonts[2].path = intern(doc, "/nonexistent/Font.ttf");
    struct buf out;
    buf_init(&out);
    ck_assert_int_eq(pdf_write(doc, &sample_meta, DATE, &out, &d), -1);
    ck_assert_int_eq(d.errors, 1);
    ck_assert_ptr_nonnull(strstr(d.last, "/nonexistent/Font.ttf: error: pdf: cannot embed"));
    ck_assert_uint_eq(out.len, 0);
    buf_free(&out);
    pg_free(doc);
}
END_TEST

/* Two fonts of the page naming one file are one embedded font, with the codes of both. */
START_TEST(fonts_naming_one_file_share_one_font)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    doc->fonts[2].path = doc->fonts[0].path;
    ck_assert_int_eq(write_pdf(doc, &sample_meta, &d), 0);
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(font_facts(&o, "[f[\"name\"].split(\"+\")[1] for f in fonts]"), 0);
    ck_assert_str_eq(o.data, "['LiberationSerif', 'LiberationSerif-Bold']\n");
    ck_assert_int_eq(
        run(&o, "pdftotext -f 4 -l 4 %s - | grep -c 'https://example.org/ağ'", pdf_path), 0);
    buf_free(&o);
    remove_pdf();
    pg_free(doc);
}
END_TEST

/* A file that is not a TrueType font (here the ICC profile) is an error naming it, not an
 * empty font. */
START_TEST(file_that_is_no_font_is_an_error)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    doc->fonts[1].path = intern(doc, ICC);
    struct buf out;
    buf_init(&out);
    ck_assert_int_eq(pdf_write(doc, &sample_meta, DATE, &out, &d), -1);
    ck_assert_int_eq(d.errors, 1);
    ck_assert_ptr_nonnull(
        strstr(d.last, ICC ": error: pdf: cannot embed this TrueType font: not a font file"));
    ck_assert_uint_eq(out.len, 0);
    buf_free(&out);
    pg_free(doc);
}
END_TEST

/* PDF/A needs the output intent: a missing profile is an error, not a silent non-PDF/A file. */
START_TEST(missing_icc_profile_is_an_error)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    struct pdf_meta meta = sample_meta;
    meta.icc_profile = "/nonexistent/sRGB.icc";
    struct buf out;
    buf_init(&out);
    ck_assert_int_eq(pdf_write(doc, &meta, DATE, &out, &d), -1);
    ck_assert_int_eq(d.errors, 1);
    ck_assert_ptr_nonnull(strstr(d.last, "/nonexistent/sRGB.icc: error: pdf: cannot load"));
    meta.icc_profile = NULL;
    ck_assert_int_eq(pdf_write(doc, &meta, DATE, &out, &d), -1);
    ck_assert_ptr_nonnull(strstr(d.last, "no ICC profile"));
    ck_assert_uint_eq(out.len, 0);
    buf_free(&out);
    pg_free(doc);
}
END_TEST

/* A character the font lacks (here CJK in Liberation Serif) is reported, not silently boxed. */
/* Many links to unknown ids: three warnings quote them (long ids cut), one counts the rest; a
 * link with an empty URI is left out with a warning (libharu refuses it). */
START_TEST(unknown_ids_are_summed_up)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    char id[100];
    memset(id, 'x', sizeof id);
    for (int i = 0; i < 10; i++) {
        struct pg_link l = {3, 100, 500, 200, 520, PG_LINK_INTERNAL, pg_intern(doc, id, 61 + i)};
        PG_PUSH(doc, links, l);
    }
    struct pg_link empty = {3, 100, 500, 200, 520, PG_LINK_URI, pg_intern(doc, "", 0)};
    PG_PUSH(doc, links, empty);
    ck_assert_int_eq(write_pdf(doc, &sample_meta, &d), 0);
    ck_assert_int_eq(d.warnings, 5);
    ck_assert_str_eq(d.last, "warning: pdf: 7 more links or bookmarks to unknown ids left out");
    remove_pdf();
    pg_free(doc);
}
END_TEST

START_TEST(missing_glyph_is_a_warning)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    struct pg_run r = {3, 100, 600, 0, 12, 0, intern(doc, "\xE6\xBC\xA2\xE5\xAD\x97")};
    PG_PUSH(doc, runs, r);
    ck_assert_int_eq(write_pdf(doc, &sample_meta, &d), 0);
    ck_assert_int_eq(d.warnings, 1);
    ck_assert_ptr_nonnull(strstr(d.last, "LiberationSerif-Regular.ttf: warning: pdf: 2 characters "
                                         "have no glyph in this font (first U+5B57)"));
    remove_pdf();
    pg_free(doc);
}
END_TEST

/* The CIDSet (PDF/A-1 §6.3.5) of a subset lists CID 0 and the codes shown with a glyph: not
 * codes never shown, not codes the font has no glyph for. */
START_TEST(cidset_lists_shown_glyphs)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    struct pg_run r = {3, 100, 600, 0, 12, 0, intern(doc, "\xE5\xAD\x97")}; /* U+5B57 */
    PG_PUSH(doc, runs, r);
    ck_assert_int_eq(write_pdf(doc, &sample_meta, &d), 0);
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(
        run(&o,
            "qpdf --json --json-stream-data=inline --decode-level=generalized %s | python3 -c '"
            "import json,sys,base64\n"
            "o = json.load(sys.stdin)[\"qpdf\"][1]\n"
            "for v in o.values():\n"
            "    f = v.get(\"value\")\n"
            "    if isinstance(f, dict) and "
            "str(f.get(\"/FontName\")).endswith(\"+LiberationSerif\"):\n"
            "        b = base64.b64decode(o[\"obj:\" + f[\"/CIDSet\"]][\"stream\"][\"data\"])\n"
            "        print([c < len(b) * 8 and bool(b[c // 8] & 0x80 >> c %% 8)"
            " for c in (0, 0x54, 0x51, 0x131, 0x5B57)])'",
            pdf_path),
        0);
    ck_assert_str_eq(o.data, "[True, True, False, True, False]\n");
    buf_free(&o);
    remove_pdf();
    pg_free(doc);
}
END_TEST

/* Runs out of page order (pages.h promises order, but a slip must not lose text) are still
 * drawn on their own page. */
START_TEST(unsorted_runs_land_on_their_page)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    doc->runs[0].page = 3; /* "Özet", first in the array, now on the last page */
    doc->runs[0].y = 600;
    ck_assert_int_eq(write_pdf(doc, &sample_meta, &d), 0);
    struct buf o;
    buf_init(&o);
    ck_assert_int_eq(run(&o, "pdftotext -f 1 -l 1 %s -", pdf_path), 0);
    ck_assert_ptr_null(strstr(o.data, "Özet"));
    ck_assert_int_eq(run(&o, "pdftotext -f 4 -l 4 %s -", pdf_path), 0);
    ck_assert_ptr_nonnull(strstr(o.data, "Özet"));
    buf_free(&o);
    remove_pdf();
    pg_free(doc);
}
END_TEST

START_TEST(content_off_the_pages_is_an_error)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    doc->rules[0].page = 4;
    struct buf out;
    buf_init(&out);
    ck_assert_int_eq(pdf_write(doc, &sample_meta, DATE, &out, &d), -1);
    ck_assert_ptr_nonnull(strstr(d.last, "on a page that does not exist"));
    doc->rules[0].page = 3;
    doc->runs[2].x = 1e6; /* past the PDF 1.4 limit for reals (Appendix C) */
    ck_assert_int_eq(pdf_write(doc, &sample_meta, DATE, &out, &d), -1);
    ck_assert_ptr_nonnull(strstr(d.last, "page 2 has a size or position"));
    doc->n_pages = 0;
    ck_assert_int_eq(pdf_write(doc, &sample_meta, DATE, &out, &d), -1);
    ck_assert_ptr_nonnull(strstr(d.last, "no pages"));
    ck_assert_uint_eq(out.len, 0);
    buf_free(&out);
    pg_free(doc);
}
END_TEST

START_TEST(link_to_unknown_id_is_a_warning)
{
    struct diag d;
    diag_init(&d, NULL, 0);
    struct pg_doc *doc = sample();
    doc->links[0].target = intern(doc, "nowhere");
    ck_assert_int_eq(write_pdf(doc, &sample_meta, &d), 0);
    ck_assert_int_eq(d.warnings, 1);
    ck_assert_ptr_nonnull(strstr(d.last, "'nowhere'"));
    remove_pdf();
    pg_free(doc);
}
END_TEST

START_TEST(text_outside_bmp_becomes_replacement)
{
    struct buf o;
    buf_init(&o);
    struct pdf_codes *used = calloc(1, sizeof *used);
    /* U+1F600, a lone continuation byte, an overlong '/', then 'a' */
    const char in[] = "\xF0\x9F\x98\x80\x80\xC0\xAF"
                      "a";
    ck_assert_uint_eq(pdf_text_to_bmp(in, strlen(in), &o, used), 4);
    ck_assert_str_eq(o.data, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                             "a");
    ck_assert(pdf_codes_has(used, 0xFFFD));
    ck_assert(pdf_codes_has(used, 'a'));
    ck_assert(!pdf_codes_has(used, 'b'));
    free(used);
    buf_free(&o);
}
END_TEST

/* Each character is two bytes (code = BMP code point); parentheses, backslash and the line-end
 * bytes are escaped in the literal string (PDF 1.4 §3.2.3), every other byte is as is. */
START_TEST(text_show_escapes_string_bytes)
{
    struct buf o;
    buf_init(&o);
    struct pdf_codes *used = calloc(1, sizeof *used);
    /* '(' ')' '\\' then U+0A0D, whose bytes are LF and CR */
    const char in[] = "()\\\xE0\xA8\x8D";
    ck_assert_uint_eq(pdf_text_show(in, strlen(in), &o, used, NULL, NULL), 0);
    const char want[] = "(\0\\(\0\\)\0\\\\\\n\\r)";
    ck_assert_uint_eq(o.len, sizeof want - 1);
    ck_assert_mem_eq(o.data, want, sizeof want - 1);
    ck_assert(pdf_codes_has(used, 0x0A0D));
    free(used);
    buf_free(&o);
}
END_TEST

/* A run longer than one string operand is shown by several strings in the TJ array, each
 * within PDF 1.4's 65535 bytes (Appendix C), which join up as each moves the text position on;
 * the width sums every code's advance. */
START_TEST(text_show_splits_long_runs)
{
    struct buf in, o;
    buf_init(&in);
    buf_init(&o);
    for (int i = 0; i < PDF_SHOW_PIECE + 5; i++)
        buf_putc(&in, 'a');
    uint16_t advance['a' + 1] = {0};
    advance['a'] = 444;
    struct pdf_advances adv = {advance, 'a'};
    unsigned long width = 7;
    pdf_text_show(in.data, in.len, &o, NULL, &adv, &width);
    size_t joins = 0;
    for (size_t i = 0; i + 2 <= o.len; i++)
        joins += memcmp(o.data + i, ")(", 2) == 0; /* the strings hold NUL bytes */
    ck_assert_uint_eq(joins, 1);
    ck_assert_uint_eq(o.len, 2 * (PDF_SHOW_PIECE + 5) + 2 * strlen("()"));
    ck_assert_uint_eq(width, 7 + 444ul * (PDF_SHOW_PIECE + 5));
    buf_free(&in);
    buf_free(&o);
}
END_TEST

START_TEST(text_cut_keeps_whole_characters)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "ışık");
    pdf_text_cut(&b, 3);
    ck_assert_str_eq(b.data, "ı");
    pdf_text_cut(&b, 10);
    ck_assert_str_eq(b.data, "ı");
    pdf_text_cut(&b, 1);
    ck_assert_uint_eq(b.len, 0);
    buf_free(&b);
}
END_TEST

/* Consecutive codes within one high byte become a bfrange, lone codes a bfchar; no cidrange. */
START_TEST(tounicode_uses_bfrange_and_bfchar)
{
    struct buf o, cmap;
    buf_init(&o);
    buf_init(&cmap);
    struct pdf_codes *used = calloc(1, sizeof *used);
    pdf_text_to_bmp("abcı\xC4\xB0", strlen("abcı\xC4\xB0"), &o,
                    used); /* a b c ı (U+0131) İ (U+0130) */
    pdf_tounicode_cmap(used, &cmap);
    ck_assert_ptr_nonnull(strstr(cmap.data, "2 beginbfrange\n<0061> <0063> <0061>\n"
                                            "<0130> <0131> <0130>\nendbfrange\n"));
    ck_assert_ptr_null(strstr(cmap.data, "bfchar"));
    ck_assert_ptr_null(strstr(cmap.data, "cidrange"));
    free(used);
    buf_free(&o);
    buf_free(&cmap);
}
END_TEST

/* More than 100 entries are split into blocks of at most 100 (Adobe TN 5014). */
START_TEST(tounicode_blocks_hold_at_most_100)
{
    struct buf o, cmap;
    buf_init(&o);
    buf_init(&cmap);
    struct pdf_codes *used = calloc(1, sizeof *used);
    for (unsigned c = 0x400; c < 0x400 + 2 * 150; c += 2) /* 150 lone codes */
        used->bits[c >> 3] |= (uint8_t)(1u << (c & 7));
    pdf_tounicode_cmap(used, &cmap);
    ck_assert_ptr_nonnull(strstr(cmap.data, "100 beginbfchar\n<0400> <0400>\n"));
    ck_assert_ptr_nonnull(strstr(cmap.data, "50 beginbfchar\n"));
    free(used);
    buf_free(&o);
    buf_free(&cmap);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pdf");
    TCase *readers = tcase_create("readers");
    tcase_set_timeout(readers, 60);
    tcase_add_test(readers, qpdf_check_is_clean);
    tcase_add_test(readers, pdftotext_copies_text_without_warnings);
    tcase_add_test(readers, pdftoppm_renders_without_errors);
    tcase_add_test(readers, rules_keep_width_colour_and_style);
    tcase_add_test(readers, every_font_is_embedded);
    tcase_add_test(readers, fonts_are_tagged_subsets);
    tcase_add_test(readers, widths_agree_with_the_font_program);
    tcase_add_test(readers, glyph_ids_are_the_font_files);
    tcase_add_test(readers, font_program_keeps_only_what_is_drawn);
    tcase_add_test(readers, descriptor_metrics_come_from_the_font);
    tcase_add_test(readers, page_resources_name_each_font);
    tcase_add_test(readers, page_labels_roman_then_arabic);
    tcase_add_test(readers, page_labels_follow_printed_labels);
    tcase_add_test(readers, bookmarks_nest_and_point_to_pages);
    tcase_add_test(readers, links_go_to_dest_and_uri);
    tcase_add_test(readers, pdfa_output_intent_and_metadata_present);
    tcase_add_test(readers, pdfinfo_shows_metadata);
    tcase_add_test(readers, absent_metadata_is_not_invented);
    tcase_add_test(readers, shared_checker_passes);
    tcase_add_test(readers, odd_metadata_still_agrees);
    suite_add_tcase(s, readers);
    TCase *writer = tcase_create("writer");
    tcase_set_timeout(writer, 30);
    tcase_add_test(writer, same_input_same_bytes);
    tcase_add_test(writer, document_id_follows_content);
    tcase_add_test(writer, long_document_gets_a_page_tree);
    tcase_add_test(writer, deep_bookmarks_are_capped);
    tcase_add_test(writer, long_run_is_shown_in_pieces);
    tcase_add_test(writer, line_of_one_font_is_one_array);
    tcase_add_test(writer, words_in_an_array_land_where_laid_out);
    tcase_add_test(writer, far_apart_words_keep_reals_in_range);
    tcase_add_test(writer, links_per_page_are_capped);
    tcase_add_test(writer, missing_font_is_an_error);
    tcase_add_test(writer, file_that_is_no_font_is_an_error);
    tcase_add_test(writer, fonts_naming_one_file_share_one_font);
    tcase_add_test(writer, missing_icc_profile_is_an_error);
    tcase_add_test(writer, unknown_ids_are_summed_up);
    tcase_add_test(writer, missing_glyph_is_a_warning);
    tcase_add_test(writer, cidset_lists_shown_glyphs);
    tcase_add_test(writer, subset_tag_follows_the_codes);
    tcase_add_test(writer, unsorted_runs_land_on_their_page);
    tcase_add_test(writer, content_off_the_pages_is_an_error);
    tcase_add_test(writer, link_to_unknown_id_is_a_warning);
    suite_add_tcase(s, writer);
    TCase *text = tcase_create("text");
    tcase_add_test(text, text_outside_bmp_becomes_replacement);
    tcase_add_test(text, text_show_escapes_string_bytes);
    tcase_add_test(text, text_show_splits_long_runs);
    tcase_add_test(text, text_cut_keeps_whole_characters);
    tcase_add_test(text, tounicode_uses_bfrange_and_bfchar);
    tcase_add_test(text, tounicode_blocks_hold_at_most_100);
    suite_add_tcase(s, text);
    int failed = check_failures(s);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* main.c — the command line: parses options and wires the stages together
 * (import → transform → typeset → write). Holds no stage logic of its own; the only place
 * that prints usage and decides exit codes. */
#include <errno.h>
#include <poll.h>
#include <sys/wait.h>
#include <libxml/parser.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltutils.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "epub.h"
#include "fo/fo.h"
#include "import/import.h"
#include "meta.h"
#include "outfile.h"
#include "pagemap.h"
#include "pdf.h"
#include "report.h"
#include "xform.h"

#ifndef FOLIO_VERSION
#define FOLIO_VERSION "0.0.0"
#endif
#define HYPHEN_DIR "/usr/share/hyphen"
#define ICC_PROFILE "/usr/share/color/icc/sRGB.icc"
#ifndef FOLIO_DATADIR
#define FOLIO_DATADIR "/usr/local/share/folio"
#endif

enum { EXIT_CONVERSION = 1, EXIT_USAGE = 2 };
enum { FMT_TEI = 1, FMT_EPUB = 2, FMT_PDF = 4, FMT_ALL = 7 };
#define MAX_PARAMS 64

struct options {
    const char *command;
    const char *inputs[256];
    int n_inputs;
    const char *outdir; /* build: the directory; fo: the PDF file */
    int output_set;
    int formats;
    const char *meta;
    const char *report; /* --report FILE.json */
    const char *xsl_fo;   /* --xsl-fo: a customization layer over tei2fo.xsl */
    const char *xsl_epub; /* --xsl-epub: one over tei2epub.xsl */
    const char *font_dir; /* --font-dir: a directory with its own fonts.map */
    int jobs;           /* -j N */
    int verbosity;
    int strict;
    int keep_fo;
    int dump;
    const char *params[MAX_PARAMS * 2 + 1]; /* name, value, …, NULL */
    int n_params;
};

/* Everything one input's conversion needs besides the options. */
struct job {
    const struct options *opt;
    const char *input;
    char *stem;    /* outdir/name without extension */
    char datadir[PATH_MAX];
    time_t date;   /* SOURCE_DATE_EPOCH or now */
    struct diag *diag;
    struct report *report;
};

static const char usage_text[] =
    "usage: folio build INPUT... [-o OUTDIR] [--formats tei,epub,pdf] [--meta FILE]\n"
    "                  [--param NAME=VALUE] [--xsl-fo FILE] [--xsl-epub FILE]\n"
    "                  [--font-dir DIR] [--keep-fo] [--report FILE.json] [-j N]\n"
    "                  [--strict] [-q|-v]\n"
    "       folio fo FILE.fo (-o FILE.pdf | --dump)\n"
    "       folio --help | --version\n"
    "\n"
    "`build` turns a thesis manuscript (plain text as extracted from a PDF, or TEI P5 XML; detected by\n"
    "content) into TEI (OUTDIR/NAME.xml), EPUB 3 (OUTDIR/NAME.epub) and PDF (OUTDIR/NAME.pdf).\n"
    "`fo` typesets any XSL-FO file of folio's subset (see README) into a PDF.\n"
    "\n"
    "  -o, --output OUTDIR   where the outputs go (default: out)\n"
    "  --formats LIST        comma-separated subset of tei,epub,pdf (default: all)\n"
    "  --meta FILE           metadata: `key: value` lines or a TEI <teiHeader>; keys: title,\n"
    "                        subtitle, author, supervisor, institution, department, degree,\n"
    "                        date, language, keywords, identifier, licence (title.tr …)\n"
    "  --param NAME=VALUE    a stylesheet parameter (e.g. font-size=11pt)\n"
    "  --xsl-fo FILE         print layout from FILE, a stylesheet importing tei2fo.xsl\n"
    "  --xsl-epub FILE       EPUB from FILE, a stylesheet importing tei2epub.xsl\n"
    "  --font-dir DIR        fonts from DIR/fonts.map (lines: family weight style file.ttf)\n"
    "  --keep-fo             also write the generated XSL-FO as OUTDIR/NAME.fo\n"
    "  --dump                fo: print the laid-out pages as text instead of writing a PDF\n"
    "  --report FILE.json    write warnings, counts, stage timings and checksums as JSON\n"
    "  -j N                  convert up to N inputs in parallel\n"
    "  --strict              warnings make the run fail (exit 1)\n"
    "  -q, --quiet           print errors only\n"
    "  -v, --verbose         print each stage\n"
    "  -h, --help            this text\n"
    "  --version             the version\n"
    "\n"
    "Exit status: 0 success, 1 a conversion failed, 2 usage error.\n"
    "SOURCE_DATE_EPOCH, when set, dates every output (reproducible builds).\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("folio: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'folio --help'.\n", stderr);
    return EXIT_USAGE;
}

static int parse_formats(const char *list, int *formats)
{
    *formats = 0;
    char *copy = xstrdup(list);
    int ok = 1;
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok && ok;
         tok = strtok_r(NULL, ",", &save)) {
        if (strcmp(tok, "tei") == 0)
            *formats |= FMT_TEI;
        else if (strcmp(tok, "epub") == 0)
            *formats |= FMT_EPUB;
        else if (strcmp(tok, "pdf") == 0)
            *formats |= FMT_PDF;
        else
            ok = 0;
    }
    free(copy);
    return ok && *formats;
}

static int add_param(struct options *o, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg || o->n_params >= MAX_PARAMS)
        return 0;
    o->params[o->n_params * 2] = strndup(arg, (size_t)(eq - arg));
    o->params[o->n_params * 2 + 1] = eq + 1;
    o->n_params++;
    return 1;
}

/* Returns -1 when parsing succeeded, else the exit status (0 for --help/--version). */
static int parse_args(int argc, char **argv, struct options *o)
{
    memset(o, 0, sizeof *o);
    o->outdir = "out";
    o->formats = FMT_ALL;
    o->jobs = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_text, stdout);
            return 0;
        } else if (!strcmp(a, "--version")) {
            printf("folio %s\n", FOLIO_VERSION);
            return 0;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            o->verbosity = -1;
        } else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
            o->verbosity = 1;
        } else if (!strcmp(a, "--strict")) {
            o->strict = 1;
        } else if (!strcmp(a, "--keep-fo")) {
            o->keep_fo = 1;
        } else if (!strcmp(a, "--dump")) {
            o->dump = 1;
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output") || !strcmp(a, "--formats") ||
                   !strcmp(a, "--meta") || !strcmp(a, "--param") || !strcmp(a, "--report") ||
                   !strcmp(a, "-j") || !strcmp(a, "--xsl-fo") || !strcmp(a, "--xsl-epub") ||
                   !strcmp(a, "--font-dir")) {
            if (!next)
                return usage_error("option %s needs a value", a);
            i++;
            if (a[1] == 'o' || !strcmp(a, "--output")) {
                o->outdir = next;
                o->output_set = 1;
            }
            else if (!strcmp(a, "--meta"))
                o->meta = next;
            else if (!strcmp(a, "--report"))
                o->report = next;
            else if (!strcmp(a, "--xsl-fo"))
                o->xsl_fo = next;
            else if (!strcmp(a, "--xsl-epub"))
                o->xsl_epub = next;
            else if (!strcmp(a, "--font-dir"))
                o->font_dir = next;
            else if (!strcmp(a, "-j") && (o->jobs = atoi(next)) < 1)
                return usage_error("bad -j '%s' (want a number of parallel jobs)", next);
            else if (!strcmp(a, "--param") && !add_param(o, next))
                return usage_error("bad --param '%s' (want NAME=VALUE)", next);
            else if (!strcmp(a, "--formats") && !parse_formats(next, &o->formats))
                return usage_error("bad --formats '%s' (want a list of tei,epub,pdf)", next);
        } else if (a[0] == '-' && a[1] != '\0') {
            return usage_error("unknown option %s", a);
        } else if (!o->command) {
            o->command = a;
        } else if (o->n_inputs < (int)(sizeof o->inputs / sizeof o->inputs[0])) {
            o->inputs[o->n_inputs++] = a;
        } else {
            return usage_error("too many inputs (at most %s)", "256");
        }
    }
    if (!o->command)
        return usage_error("%s", "no command given");
    if (strcmp(o->command, "build") != 0 && strcmp(o->command, "fo") != 0)
        return usage_error("unknown command '%s'", o->command);
    if (o->n_inputs == 0)
        return usage_error("%s needs an INPUT file", o->command);
    if (!strcmp(o->command, "fo") && o->n_inputs != 1)
        return usage_error("%s", "fo takes one FO file");
    if (!strcmp(o->command, "fo") && !o->output_set && !o->dump)
        return usage_error("%s", "fo needs -o FILE.pdf (or --dump)");
    return -1;
}

/* The date every output carries: SOURCE_DATE_EPOCH when set (reproducible-builds.org). */
static int output_date(time_t *date, struct diag *d)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (!s || !*s) {
        *date = time(NULL);
        return 0;
    }
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < 0) {
        diag_report(d, DIAG_ERROR, NULL, 0, 0, "SOURCE_DATE_EPOCH is not a number of seconds: %s",
                    s);
        return -1;
    }
    *date = (time_t)v;
    return 0;
}

/* Finds xslt/ and fonts/: $FOLIO_DATADIR, the tree the binary sits in (bin/..), or the
 * installed share directory. */
static void find_datadir(const char *argv0, char *out, size_t size)
{
    const char *env = getenv("FOLIO_DATADIR");
    if (env && *env) {
        snprintf(out, size, "%s", env);
        return;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0)
        exe[n] = '\0';
    else if (!realpath(argv0, exe))
        exe[0] = '\0';
    /* exe is TREE/bin/folio: try TREE */
    for (int up = 0; up < 2; up++) {
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
    }
    /* the source tree (TREE/xslt), or an installation moved as a whole (TREE/share/folio) */
    static const char *const layouts[] = {"", "/share/folio"};
    for (size_t i = 0; exe[0] && i < sizeof layouts / sizeof layouts[0]; i++) {
        struct buf probe;
        buf_init(&probe);
        buf_printf(&probe, "%s%s/xslt/tei2epub.xsl", exe, layouts[i]);
        int found = access(probe.data, R_OK) == 0;
        buf_truncate(&probe, probe.len - strlen("/xslt/tei2epub.xsl"));
        if (found && probe.len < size)
            memcpy(out, probe.data, probe.len + 1);
        buf_free(&probe);
        if (found)
            return;
    }
    snprintf(out, size, "%s", FOLIO_DATADIR);
}

/* outdir/NAME without extension, NAME being the input's file name. Caller frees. */
static char *output_stem(const char *outdir, const char *input)
{
    const char *base = strrchr(input, '/');
    base = base ? base + 1 : input;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "%s/%.*s", outdir, (int)n, base);
    return buf_detach(&b);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* With -v, says how long a stage took (`make bench` reads these lines). */
static void stage_done(const struct job *job, const char *stage, double started)
{
    double ms = now_ms() - started;
    diag_report(job->diag, DIAG_NOTE, job->input, 0, 0, "stage %s: %.3f ms", stage, ms);
    if (job->report)
        report_stage(job->report, stage, ms);
}

/* Writes one artifact (atomically) and records it for the report. */
static int emit(const struct job *job, const char *path, const void *data, size_t len)
{
    if (out_write_file(path, data, len, job->diag) != 0)
        return -1;
    if (job->report)
        report_output(job->report, path, data, len);
    return 0;
}

static xmlDocPtr load_input(const struct job *job)
{
    double t0 = now_ms();
    size_t len = 0;
    char *data = out_read_file(job->input, &len, job->diag);
    if (!data)
        return NULL;
    xmlDocPtr doc = imp_looks_like_xml(data, len) ? imp_tei(data, len, job->input, job->diag)
                                                  : imp_text(data, len, job->input, job->diag);
    free(data);
    stage_done(job, "import", t0);
    return doc;
}

/* Refuses to write over the input file (a TEI input is never changed on disk). */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

static int write_doc(const struct job *job, xmlDocPtr doc, const char *ext)
{
    struct buf path;
    buf_init(&path);
    buf_printf(&path, "%s.%s", job->stem, ext);
    int status = -1;
    if (same_file(path.data, job->input)) {
        diag_report(job->diag, DIAG_ERROR, path.data, 0, 0,
                    "output would overwrite the input; choose another -o directory");
    } else {
        xmlChar *mem = NULL;
        int size = 0;
        xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
        if (mem)
            status = emit(job, path.data, mem, (size_t)size);
        else
            diag_report(job->diag, DIAG_ERROR, path.data, 0, 0, "cannot serialise the document");
        xmlFree(mem);
    }
    buf_free(&path);
    return status;
}

/* The stock stylesheet `name`, or the user's customization layer when one was given. */
static const char *stylesheet(const struct job *job, const char *name, const char *user,
                              struct buf *path)
{
    buf_truncate(path, 0);
    if (user)
        buf_puts(path, user);
    else
        buf_printf(path, "%s/xslt/%s", job->datadir, name);
    return path->data;
}

/* A customization layer may import the stock stylesheets: their directory is readable. */
static const char *stock_dir(const struct job *job, struct buf *dir)
{
    buf_printf(dir, "%s/xslt", job->datadir);
    return dir->data;
}

/* Adds the user's --param pairs after the built-in ones in params (n entries, NULL-terminated);
 * a user's value replaces a built-in one of the same name (libxslt refuses a name twice). */
static void merge_params(const struct options *o, const char **params, int n, int max)
{
    for (int i = 0; i < o->n_params * 2; i += 2) {
        int j = 0;
        while (j < n && strcmp(params[j], o->params[i]) != 0)
            j += 2;
        if (j < n) {
            params[j + 1] = o->params[i + 1];
        } else if (n < max - 2) {
            params[n++] = o->params[i];
            params[n++] = o->params[i + 1];
        }
    }
    params[n] = NULL;
}

static int build_epub(const struct job *job, xmlDocPtr tei)
{
    char modified[32];
    struct tm tm;
    gmtime_r(&job->date, &tm);
    strftime(modified, sizeof modified, "%Y-%m-%dT%H:%M:%SZ", &tm);
    /* the input's directory: where a TEI graphic's url is resolved, and what it may not leave */
    char *source_dir = xstrdup(job->input);
    char *slash = strrchr(source_dir, '/');
    if (slash && slash != source_dir)
        *slash = '\0';
    else
        strcpy(source_dir, slash ? "/" : ".");
    const char *params[MAX_PARAMS * 2 + 8] = {"modified", modified, "source-dir", source_dir};
    merge_params(job->opt, params, 4, (int)(sizeof params / sizeof params[0]));

    struct buf xsl, bytes, path;
    buf_init(&xsl);
    buf_init(&bytes);
    buf_init(&path);
    int status = -1;
    double t0 = now_ms();
    struct buf stock;
    buf_init(&stock);
    xmlDocPtr package =
        xform_apply(stylesheet(job, "tei2epub.xsl", job->opt->xsl_epub, &xsl), tei, params,
                    stock_dir(job, &stock), job->diag);
    buf_free(&stock);
    stage_done(job, "tei2epub", t0);
    t0 = now_ms();
    if (package && epub_pack(package, job->date, &bytes, job->diag) == 0) {
        stage_done(job, "zip", t0);
        buf_printf(&path, "%s.epub", job->stem);
        status = emit(job, path.data, bytes.data, bytes.len);
    }
    xmlFreeDoc(package);
    free(source_dir);
    buf_free(&xsl);
    buf_free(&bytes);
    buf_free(&path);
    return status;
}

static void fo_options_for(const struct job *job, struct fo_options *fo, struct buf *map,
                           const char *name)
{
    if (job->opt->font_dir)
        buf_printf(map, "%s/fonts.map", job->opt->font_dir);
    else
        buf_printf(map, "%s/fonts/fonts.map", job->datadir);
    fo->font_map = map->data;
    fo->hyphen_dir = HYPHEN_DIR;
    fo->name = name;
}

/* Typesets an FO document (and frees it as soon as the pages exist: at 10 000 pages the FO
 * tree is the largest thing alive) and writes the PDF to pdf_path; the pages are returned
 * through *pages_out (caller frees with pg_free) when it is not NULL. */
static int typeset_and_write(const struct job *job, xmlDocPtr fo, const char *fo_name,
                             const struct pdf_meta *meta, const char *pdf_path,
                             struct pg_doc **pages_out)
{
    struct buf map, bytes;
    buf_init(&map);
    buf_init(&bytes);
    struct fo_options fopt = {0};
    fo_options_for(job, &fopt, &map, fo_name);
    int status = -1;
    double t0 = now_ms();
    struct pg_doc *pages = fo_typeset(fo, &fopt, job->diag);
    xmlFreeDoc(fo);
    stage_done(job, "typeset", t0);
    t0 = now_ms();
    if (pages && pdf_write(pages, meta, job->date, &bytes, job->diag) == 0) {
        stage_done(job, "pdf-write", t0);
        status = emit(job, pdf_path, bytes.data, bytes.len);
        if (job->report)
            job->report->pages = (long)pages->n_pages;
    }
    if (pages_out && status == 0)
        *pages_out = pages;
    else
        pg_free(pages);
    buf_free(&map);
    buf_free(&bytes);
    return status;
}

/* PDF Info fields from the TEI header: only what it states. */
struct header_fields {
    xmlChar *title, *author, *keywords, *language, *subject;
};

static void read_header(xmlDocPtr tei, struct header_fields *h, struct pdf_meta *meta)
{
    h->title = meta_get(tei, "/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[1]");
    h->author = meta_get_all(tei, "/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author",
                             "; ");
    h->keywords = meta_get_all(tei, "/tei:TEI/tei:teiHeader/tei:profileDesc/tei:textClass/"
                                    "tei:keywords[1]/tei:term", ", ");
    h->language = meta_get(tei, "(/tei:TEI/@xml:lang | /tei:TEI/tei:teiHeader/tei:profileDesc/"
                                "tei:langUsage/tei:language/@ident)[1]");
    meta->title = (const char *)h->title;
    meta->author = (const char *)h->author;
    meta->keywords = (const char *)h->keywords;
    meta->language = (const char *)h->language;
    /* Subject: the subtitle, when the header has one (nothing else says what it is about) */
    h->subject = meta_get(tei, "/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/"
                               "tei:title[@type='sub'][not(@xml:lang)][1]");
    meta->subject = (const char *)h->subject;
    meta->icc_profile = ICC_PROFILE;
}

static void free_header(struct header_fields *h)
{
    xmlFree(h->title);
    xmlFree(h->author);
    xmlFree(h->keywords);
    xmlFree(h->subject);
    xmlFree(h->language);
}

/* TEI → FO → pages → PDF; the page map goes back into the TEI as pb milestones, so the TEI
 * and EPUB written after this agree with the print pagination. */
static int build_pdf(const struct job *job, xmlDocPtr tei)
{
    const char *params[MAX_PARAMS * 2 + 2];
    merge_params(job->opt, params, 0, (int)(sizeof params / sizeof params[0]));
    struct buf xsl, path;
    buf_init(&xsl);
    buf_init(&path);
    struct header_fields h;
    struct pdf_meta meta;
    read_header(tei, &h, &meta);
    int status = -1;
    double t0 = now_ms();
    struct buf stock;
    buf_init(&stock);
    xmlDocPtr fo = xform_apply(stylesheet(job, "tei2fo.xsl", job->opt->xsl_fo, &xsl), tei, params,
                               stock_dir(job, &stock), job->diag);
    buf_free(&stock);
    stage_done(job, "tei2fo", t0);
    struct pg_doc *pages = NULL;
    if (fo && (!job->opt->keep_fo || write_doc(job, fo, "fo") == 0)) {
        buf_printf(&path, "%s.pdf", job->stem);
        status = typeset_and_write(job, fo, job->input, &meta, path.data, &pages);
        fo = NULL; /* freed by typeset_and_write */
    }
    if (pages && (job->opt->formats & (FMT_TEI | FMT_EPUB)))
        pagemap_insert_pb(tei, pages, job->diag);
    pg_free(pages);
    xmlFreeDoc(fo);
    free_header(&h);
    buf_free(&xsl);
    buf_free(&path);
    return status;
}

/* One input through every requested stage. Returns 0 when every output was written. */
static int build_one(struct job *job)
{
    int status = -1;
    xmlDocPtr tei = load_input(job);
    if (!tei)
        return -1;
    if (job->opt->meta && meta_apply_file(tei, job->opt->meta, job->diag) != 0) {
        xmlFreeDoc(tei);
        return -1;
    }
    if (job->report)
        report_count_tei(job->report, tei);
    int formats = job->opt->formats;
    status = 0;
    if ((formats & FMT_PDF) && build_pdf(job, tei) != 0)
        status = -1;
    double t0 = now_ms();
    if ((formats & FMT_TEI) && write_doc(job, tei, "xml") != 0)
        status = -1;
    if (formats & FMT_TEI)
        stage_done(job, "tei-write", t0);
    xmlChar *has_pb = meta_get(tei, "//tei:pb[@ed='print']/@n");
    if ((formats & FMT_EPUB) && !(formats & FMT_PDF) && !has_pb)
        diag_report(job->diag, DIAG_WARNING, job->input, 0, 0,
                    "EPUB without a page-list: the print pages are known only when the PDF is "
                    "built too (--formats pdf,epub)");
    xmlFree(has_pb);
    if ((formats & FMT_EPUB) && build_epub(job, tei) != 0)
        status = -1;
    xmlFreeDoc(tei);
    return status;
}

/* One input with its own diagnostics (recorded for the report); its JSON goes to json.
 * Returns 0 when it succeeded (and, with --strict, had no warning). */
static int convert_input(struct job job, const char *input, struct buf *json)
{
    struct diag d;
    diag_init(&d, stderr, job.opt->verbosity);
    d.record = 1;
    struct report rep;
    report_init(&rep, input);
    job.input = input;
    job.stem = output_stem(job.opt->outdir, input);
    job.diag = &d;
    /* counts and checksums cost a pass over every output: only when a report was asked for */
    job.report = job.opt->report ? &rep : NULL;
    int failed = build_one(&job) != 0 || d.errors > 0;
    if (!failed && job.opt->strict && d.warnings > 0) {
        diag_report(&d, DIAG_ERROR, input, 0, 0, "%d warning(s) and --strict given", d.warnings);
        failed = 1;
    }
    rep.ok = !failed;
    if (job.opt->report)
        report_json(&rep, &d, json);
    report_free(&rep);
    diag_free(&d);
    free(job.stem);
    return failed ? -1 : 0;
}

/* A child per input, at most opt->jobs at once; each sends its JSON back through a pipe,
 * read as it comes (poll) so that no child blocks on a full pipe. */
struct child {
    pid_t pid;
    int fd;
    struct buf json;
    int status;
};

static void drain_children(struct child *kids, int n, int want_free)
{
    for (;;) {
        struct pollfd fds[256];
        int map[256], m = 0;
        for (int i = 0; i < n; i++)
            if (kids[i].fd >= 0) {
                fds[m].fd = kids[i].fd;
                fds[m].events = POLLIN;
                map[m++] = i;
            }
        if (m == 0 || (want_free && m < want_free))
            return;
        if (poll(fds, (nfds_t)m, -1) < 0 && errno != EINTR)
            return;
        for (int j = 0; j < m; j++) {
            if (!(fds[j].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            struct child *k = &kids[map[j]];
            char chunk[65536];
            ssize_t got = read(k->fd, chunk, sizeof chunk);
            if (got > 0) {
                buf_put(&k->json, chunk, (size_t)got);
            } else if (got == 0 || errno != EINTR) {
                close(k->fd);
                k->fd = -1;
                int ws = 0;
                waitpid(k->pid, &ws, 0);
                k->status = WIFEXITED(ws) && WEXITSTATUS(ws) == 0 ? 0 : -1;
            }
        }
    }
}

static int convert_parallel(const struct options *o, struct job job, struct buf *json)
{
    struct child *kids = xcalloc((size_t)o->n_inputs, sizeof *kids);
    int failed = 0;
    fflush(NULL);
    for (int i = 0; i < o->n_inputs; i++) {
        drain_children(kids, i, o->jobs); /* wait until fewer than jobs are running */
        int fds[2];
        if (pipe(fds) < 0 || (kids[i].pid = fork()) < 0) {
            fprintf(stderr, "folio: cannot start a job: %s\n", strerror(errno));
            kids[i].fd = -1;
            kids[i].status = -1;
            continue;
        }
        if (kids[i].pid == 0) {
            close(fds[0]);
            struct buf mine;
            buf_init(&mine);
            int rc = convert_input(job, o->inputs[i], &mine);
            ssize_t w = mine.len ? write(fds[1], mine.data, mine.len) : 0;
            _exit(rc == 0 && w == (ssize_t)mine.len ? 0 : 1);
        }
        close(fds[1]);
        kids[i].fd = fds[0];
    }
    drain_children(kids, o->n_inputs, 0);
    for (int i = 0; i < o->n_inputs; i++) {
        buf_puts(json, i ? ",\n" : "");
        buf_put(json, kids[i].json.data ? kids[i].json.data : "", kids[i].json.len);
        failed |= kids[i].status != 0;
        buf_free(&kids[i].json);
    }
    free(kids);
    return failed ? -1 : 0;
}

static int write_report(const struct options *o, const struct buf *inputs, int failed,
                        struct diag *d)
{
    struct buf out;
    buf_init(&out);
    buf_printf(&out, "{\"folio\": \"%s\", \"ok\": %s, \"inputs\": [\n", FOLIO_VERSION,
               failed ? "false" : "true");
    buf_put(&out, inputs->data ? inputs->data : "", inputs->len);
    buf_puts(&out, "]}\n");
    int status = out_write_file(o->report, out.data, out.len, d);
    buf_free(&out);
    return status;
}

static int run_build(const struct options *o, const char *argv0, struct diag *d)
{
    struct job job = {.opt = o, .diag = d};
    if (output_date(&job.date, d) != 0 || out_make_dir(o->outdir, d) != 0)
        return EXIT_CONVERSION;
    find_datadir(argv0, job.datadir, sizeof job.datadir);
    struct buf json;
    buf_init(&json);
    int failed = 0;
    if (o->jobs > 1 && o->n_inputs > 1) {
        failed = convert_parallel(o, job, &json) != 0;
    } else {
        for (int i = 0; i < o->n_inputs; i++) {
            buf_puts(&json, i ? ",\n" : "");
            failed |= convert_input(job, o->inputs[i], &json) != 0;
        }
    }
    if (o->report && write_report(o, &json, failed, d) != 0)
        failed = 1;
    buf_free(&json);
    return failed ? EXIT_CONVERSION : 0;
}

/* `folio fo FILE.fo -o FILE.pdf`: the typesetter on its own. */
static int run_fo(const struct options *o, const char *argv0, struct diag *d)
{
    struct job job = {.opt = o, .diag = d, .input = o->inputs[0]};
    if (output_date(&job.date, d) != 0)
        return EXIT_CONVERSION;
    find_datadir(argv0, job.datadir, sizeof job.datadir);
    xmlDocPtr fo = xform_load(job.input, d);
    if (!fo)
        return EXIT_CONVERSION;
    struct pdf_meta meta = {.icc_profile = ICC_PROFILE};
    int status = -1;
    if (o->dump) {
        struct buf map, text;
        buf_init(&map);
        buf_init(&text);
        struct fo_options fopt = {0};
        fo_options_for(&job, &fopt, &map, job.input);
        struct pg_doc *pages = fo_typeset(fo, &fopt, d);
        if (pages) {
            pg_dump(pages, &text);
            status = fwrite(text.data, 1, text.len, stdout) == text.len ? 0 : -1;
        }
        pg_free(pages);
        buf_free(&map);
        buf_free(&text);
    } else {
        status = typeset_and_write(&job, fo, job.input, &meta, o->outdir, NULL);
        fo = NULL;
    }
    xmlFreeDoc(fo);
    if (status == 0 && o->strict && d->warnings > 0) {
        diag_report(d, DIAG_ERROR, NULL, 0, 0, "%d warning(s) and --strict given", d->warnings);
        status = -1;
    }
    return status == 0 ? 0 : EXIT_CONVERSION;
}

int main(int argc, char **argv)
{
    struct options opt;
    int rc = parse_args(argc, argv, &opt);
    if (rc >= 0)
        return rc;
    struct diag diag;
    diag_init(&diag, stderr, opt.verbosity);
    out_install_signal_cleanup();
    xmlInitParser();
    rc = !strcmp(opt.command, "fo") ? run_fo(&opt, argv[0], &diag)
                                    : run_build(&opt, argv[0], &diag);
    for (int i = 0; i < opt.n_params; i++)
        free((char *)opt.params[i * 2]);
    xsltCleanupGlobals();
    xmlCleanupParser();
    return rc;
}

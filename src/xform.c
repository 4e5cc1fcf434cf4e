/* xform.c — the transform stage: TEI → FO and TEI → EPUB package tree with libxslt.
 * Every document a stylesheet loads (xsl:import, xsl:include, document()) goes through one
 * loader that refuses the network, DTDs, entity expansion and files outside the allowed
 * directories (libxslt security preferences). */
#include "xform.h"

#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define XFORM_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA)
#define XFORM_MAX_DIRS 4

/* The directories documents may be read from during one xform_apply. libxslt's loader and
 * security callbacks take no user data, so this is the module's one piece of state. */
static char allowed_dirs[XFORM_MAX_DIRS][PATH_MAX];
static int n_allowed_dirs;
static struct buf xslt_messages;

static void allow_dir_of(const char *path, int is_dir)
{
    char real[PATH_MAX];
    if (n_allowed_dirs >= XFORM_MAX_DIRS || !realpath(path, real))
        return;
    if (!is_dir) {
        char *slash = strrchr(real, '/');
        if (slash)
            *(slash == real ? slash + 1 : slash) = '\0';
    }
    snprintf(allowed_dirs[n_allowed_dirs++], PATH_MAX, "%s", real);
}

/* True when uri names a local file inside one of the allowed directories. */
static int uri_allowed(const char *uri)
{
    if (!uri)
        return 0;
    const char *path = uri;
    if (strncmp(uri, "file://", 7) == 0)
        path = uri + 7;
    else if (strstr(uri, "://"))
        return 0; /* http, ftp …: never */
    char *unescaped = xmlURIUnescapeString(path, 0, NULL);
    char real[PATH_MAX];
    int ok = 0;
    if (unescaped && realpath(unescaped, real)) {
        for (int i = 0; i < n_allowed_dirs && !ok; i++) {
            size_t n = strlen(allowed_dirs[i]);
            ok = strncmp(real, allowed_dirs[i], n) == 0 &&
                 (real[n] == '/' || real[n] == '\0' || allowed_dirs[i][n - 1] == '/');
        }
    }
    xmlFree(unescaped);
    return ok;
}

static int check_read(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
    (void)sec;
    (void)ctxt;
    if (uri_allowed(value))
        return 1;
    buf_printf(&xslt_messages, "refused to read %s: outside the allowed directories\n", value);
    return 0;
}

static int forbid(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
    (void)sec;
    (void)ctxt;
    buf_printf(&xslt_messages, "refused to write or reach %s\n", value);
    return 0;
}

static xmlDocPtr safe_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
                             xsltLoadType type)
{
    (void)options;
    (void)ctxt;
    (void)type;
    if (!uri_allowed((const char *)uri)) {
        buf_printf(&xslt_messages, "refused to load %s: outside the allowed directories\n",
                   (const char *)uri);
        return NULL;
    }
    /* Share the stylesheet's dictionary, as libxslt's own loader does: result documents point
     * into it, so an imported stylesheet parsed with a dictionary of its own would leave them
     * dangling once it is freed. */
    xmlParserCtxtPtr pctxt = xmlNewParserCtxt();
    if (!pctxt)
        buf_oom();
    if (dict) {
        xmlDictFree(pctxt->dict);
        pctxt->dict = dict;
        xmlDictReference(dict);
    }
    xmlDocPtr doc = xmlCtxtReadFile(pctxt, (const char *)uri, NULL, XFORM_PARSE_OPTIONS);
    xmlFreeParserCtxt(pctxt);
    return doc;
}

static void collect_message(void *ctx, const char *fmt, ...)
{
    (void)ctx;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&xslt_messages, fmt, ap);
    va_end(ap);
}

/* Reports each collected line from libxslt (xsl:message, errors) as a diagnostic. */
static void flush_messages(const char *xsl_path, enum diag_level level, struct diag *d)
{
    char *line = xslt_messages.data;
    while (line && *line) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        if (*line)
            diag_report(d, level, xsl_path, 0, 0, "%s", line);
        if (!end)
            break;
        line = end + 1;
    }
    buf_truncate(&xslt_messages, 0);
}

static xsltSecurityPrefsPtr make_security_prefs(void)
{
    xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_FILE, check_read);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, forbid);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY, forbid);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, forbid);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, forbid);
    return sec;
}

static xmlDocPtr run(xsltStylesheetPtr style, xmlDocPtr doc, const char *const *params,
                     xsltSecurityPrefsPtr sec)
{
    xsltTransformContextPtr ctxt = xsltNewTransformContext(style, doc);
    if (!ctxt)
        return NULL;
    xsltSetCtxtSecurityPrefs(sec, ctxt);
    xsltSetCtxtParseOptions(ctxt, XFORM_PARSE_OPTIONS);
    xmlDocPtr result = NULL;
    if (!params || xsltQuoteUserParams(ctxt, (const char **)params) == 0)
        result = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, ctxt);
    if (result && ctxt->state != XSLT_STATE_OK) {
        xmlFreeDoc(result);
        result = NULL;
    }
    xsltFreeTransformContext(ctxt);
    return result;
}

xmlDocPtr xform_apply(const char *xsl_path, xmlDocPtr doc, const char *const *params,
                      const char *read_dir, struct diag *d)
{
    static int exslt_registered;
    if (!exslt_registered) {
        exsltRegisterAll();
        exslt_registered = 1;
    }
    n_allowed_dirs = 0;
    allow_dir_of(xsl_path, 0);
    if (read_dir)
        allow_dir_of(read_dir, 1);
    if (doc && doc->URL)
        allow_dir_of((const char *)doc->URL, 0);

    xsltSecurityPrefsPtr sec = make_security_prefs();
    xsltSecurityPrefsPtr old_default = xsltGetDefaultSecurityPrefs();
    xsltSetDefaultSecurityPrefs(sec);
    xsltSetLoaderFunc(safe_loader);
    xsltSetGenericErrorFunc(NULL, collect_message);
    xmlSetGenericErrorFunc(NULL, collect_message);

    xmlDocPtr result = NULL;
    xsltStylesheetPtr style = NULL;
    xmlDocPtr xsl_doc = safe_loader((const xmlChar *)xsl_path, NULL, 0, NULL, XSLT_LOAD_START);
    if (xsl_doc) {
        style = xsltParseStylesheetDoc(xsl_doc);
        if (!style)
            xmlFreeDoc(xsl_doc);
    }
    if (!style) {
        flush_messages(xsl_path, DIAG_ERROR, d);
        diag_report(d, DIAG_ERROR, xsl_path, 0, 0, "cannot load stylesheet");
    } else {
        result = run(style, doc, params, sec);
        flush_messages(xsl_path, result ? DIAG_WARNING : DIAG_ERROR, d);
        if (!result)
            diag_report(d, DIAG_ERROR, xsl_path, 0, 0, "transformation failed");
        xsltFreeStylesheet(style);
    }

    xsltSetLoaderFunc(NULL);
    xsltSetDefaultSecurityPrefs(old_default);
    xsltFreeSecurityPrefs(sec);
    xsltSetGenericErrorFunc(NULL, NULL);
    xmlSetGenericErrorFunc(NULL, NULL);
    buf_free(&xslt_messages);
    return result;
}

xmlDocPtr xform_load(const char *path, struct diag *d)
{
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt)
        buf_oom();
    xmlDocPtr doc = xmlCtxtReadFile(ctxt, path, NULL,
                                    XFORM_PARSE_OPTIONS | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        if (e && e->message) {
            char msg[512];
            snprintf(msg, sizeof msg, "%s", e->message);
            msg[strcspn(msg, "\n")] = '\0';
            diag_report(d, DIAG_ERROR, path, e->line, e->int2, "%s", msg);
        } else {
            diag_report(d, DIAG_ERROR, path, 0, 0, "cannot read XML");
        }
    }
    xmlFreeParserCtxt(ctxt);
    return doc;
}

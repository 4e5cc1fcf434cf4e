/* epub.c — the EPUB writer, last stage of the EPUB branch: takes the package tree made by
 * xslt/tei2epub.xsl and zips it in memory with libzip (OCF 3.3 §4.3): `mimetype` first and
 * stored, every other entry deflated (by libdeflate, handed to libzip already compressed),
 * entries in tree order, every entry dated mtime.
 *
 * The package tree (namespace urn:x-folio:package):
 *   <package-files xmlns="urn:x-folio:package">
 *     <file path="mimetype" media-type="application/epub+zip" method="stored"
 *       >application/epub+zip</file>
 *     <file path="EPUB/ch01.xhtml" media-type="application/xhtml+xml"><html …>…</html></file>
 *     <file path="EPUB/style.css" media-type="text/css">body { … }</file>
 *     <file path="EPUB/images/img1.png" media-type="image/png" src="/input/dir/a.png"/>
 *   </package-files>
 * A file whose content is one element is written as an XML document (UTF-8, with the XML
 * declaration); otherwise its text content is written as is; with `src`, the bytes of that
 * local file are copied. `method` is "stored" or "deflated" (default). The first file must be
 * `mimetype`, stored, and paths are relative, without `..` segments, and unique. */
#include "epub.h"

#include <libdeflate.h>
#include <libxml/xmlsave.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "outfile.h"

#define EPUB_PKG_NS "urn:x-folio:package"
#define EPUB_MIMETYPE "application/epub+zip"
/* libdeflate level 1: on the thesis it halves the zip stage's instructions against libzip's
 * zlib at level 4 (39.4 M -> 20.1 M) for 3.3 % more bytes (91.5 KB -> 94.5 KB); readers do
 * not care about a few kilobytes, and the whole pipeline must stay under 100 ms. */
#define EPUB_DEFLATE_LEVEL 1
/* The earliest moment a DOS date can hold: 1980-01-01 00:00:00 UTC. */
#define EPUB_DOS_EPOCH 315532800

/* The bytes of one entry, in a malloc'd block libzip will own and free. */
struct entry_data {
    char *bytes;
    size_t len;
};

/* One entry already deflated (raw DEFLATE, RFC 1951) as libzip reads it: the stat gives the
 * method, both sizes and the CRC-32, so libzip copies the bytes as they are instead of running
 * zlib over them again. Owned by its zip source, freed on ZIP_SOURCE_FREE. */
struct deflated_entry {
    char *bytes;
    size_t comp_len, len, offset;
    uint32_t crc;
    zip_error_t error;
};

static int is_pkg(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns &&
           !strcmp((const char *)n->ns->href, EPUB_PKG_NS) && !strcmp((const char *)n->name, name);
}

/* A zip entry name must stay inside the container: relative, no `.`/`..` segments, no empty
 * segments, no backslashes (OCF 3.3 §4.1.3 file names). */
static int path_is_safe(const char *p)
{
    if (!p || !*p || *p == '/' || strchr(p, '\\'))
        return 0;
    const char *seg = p;
    for (;;) {
        const char *end = strchr(seg, '/');
        size_t n = end ? (size_t)(end - seg) : strlen(seg);
        if (n == 0 || (n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
            return 0;
        if (!end)
            return 1;
        seg = end + 1;
    }
}

/* The single element child of file, or NULL when it has none; *many is set when it has more
 * than one (a tree error). White-space text around the element is ignored. */
static xmlNodePtr content_element(xmlNodePtr file, int *many)
{
    xmlNodePtr found = NULL;
    *many = 0;
    for (xmlNodePtr c = file->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (found)
            *many = 1;
        found = c;
    }
    return found;
}

/* True when ns is one of the declarations in the list decls. */
static int ns_in_list(xmlNsPtr decls, xmlNsPtr ns)
{
    for (; decls; decls = decls->next)
        if (decls == ns)
            return 1;
    return 0;
}

/* Next node after n in document order within top (iterative: a deep tree cannot overflow the
 * stack). */
static xmlNodePtr next_in(xmlNodePtr n, xmlNodePtr top)
{
    if (n->type == XML_ELEMENT_NODE && n->children)
        return n->children;
    while (n && n != top) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

/* Marks used[i] for each in_scope[i] that an element or attribute within top refers to. */
static void mark_used(xmlNodePtr top, xmlNsPtr *in_scope, int n, char *used)
{
    for (xmlNodePtr node = top; node; node = next_in(node, top)) {
        if (node->type != XML_ELEMENT_NODE)
            continue;
        for (int i = 0; i < n; i++) {
            if (node->ns == in_scope[i])
                used[i] = 1;
            for (xmlAttrPtr a = node->properties; a; a = a->next)
                if (a->ns == in_scope[i])
                    used[i] = 1;
        }
    }
}

/* Declares on element, for the time of its serialisation, each namespace declared above it
 * that its subtree uses: the entry must stand alone (Namespaces in XML 1.0 §6.1). The tree
 * is not copied. Returns element's own declarations, which restore_ns puts back. */
static xmlNsPtr lend_ns(xmlNodePtr element)
{
    xmlNsPtr own = element->nsDef;
    xmlNsPtr *in_scope = xmlGetNsList(element->doc, element);
    int n = 0;
    while (in_scope && in_scope[n])
        n++;
    char *used = xcalloc((size_t)n + 1, 1);
    mark_used(element, in_scope, n, used);
    for (int i = 0; i < n; i++) {
        if (!used[i] || ns_in_list(own, in_scope[i]))
            continue;
        xmlNsPtr lent = xmlNewNs(NULL, in_scope[i]->href, in_scope[i]->prefix);
        if (!lent)
            buf_oom();
        lent->next = element->nsDef;
        element->nsDef = lent;
    }
    free(used);
    xmlFree(in_scope);
    return own;
}

/* Frees the declarations lend_ns added and leaves element as it was. */
static void restore_ns(xmlNodePtr element, xmlNsPtr own)
{
    while (element->nsDef && element->nsDef != own) {
        xmlNsPtr lent = element->nsDef;
        element->nsDef = lent->next;
        lent->next = NULL;
        xmlFreeNs(lent);
    }
}

/* Serialises element as a standalone XML document: UTF-8 with the XML declaration, every
 * namespace it uses declared on it, unindented so text is not altered (EPUB 3.3 §6.1.2
 * XHTML content documents are XML). */
static int serialize_element(xmlNodePtr element, struct entry_data *out)
{
    static const char decl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    int status = -1;
    xmlBufferPtr xb = xmlBufferCreate();
    xmlSaveCtxtPtr save = xb ? xmlSaveToBuffer(xb, "UTF-8", XML_SAVE_NO_DECL) : NULL;
    if (!save)
        goto cleanup;
    xmlNsPtr own = lend_ns(element);
    long written = xmlSaveTree(save, element);
    restore_ns(element, own);
    if (xmlSaveClose(save) < 0 || written < 0)
        goto cleanup;
    size_t n = (size_t)xmlBufferLength(xb);
    out->len = sizeof decl - 1 + n + 1;
    out->bytes = xmalloc(out->len + 1);
    memcpy(out->bytes, decl, sizeof decl - 1);
    memcpy(out->bytes + sizeof decl - 1, xmlBufferContent(xb), n);
    out->bytes[out->len - 1] = '\n';
    out->bytes[out->len] = '\0';
    status = 0;
cleanup:
    if (xb)
        xmlBufferFree(xb);
    return status;
}

/* The text content of file, verbatim (CSS, the mimetype string). */
static void text_content(xmlNodePtr file, struct entry_data *out)
{
    xmlChar *text = xmlNodeGetContent(file);
    const char *s = text ? (const char *)text : "";
    out->len = strlen(s);
    out->bytes = xmalloc(out->len + 1);
    memcpy(out->bytes, s, out->len + 1);
    xmlFree(text);
}

/* Reads the local file src for the entry path: a regular file only, so a device or FIFO
 * named by a tree can neither hang nor exhaust the writer. Returns 0, or -1 after reporting. */
static int read_src(const char *src, const char *path, struct entry_data *out, struct diag *d)
{
    struct stat st;
    if (stat(src, &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_report(d, DIAG_ERROR, src, 0, 0, "package entry %s: not a readable regular file",
                    path);
        return -1;
    }
    out->bytes = out_read_file(src, &out->len, d);
    return out->bytes ? 0 : -1;
}

/* Fills out with the bytes file stands for (element, text or src). Returns 0, or -1 after
 * reporting to d. */
static int entry_bytes(xmlNodePtr file, const char *path, struct entry_data *out, struct diag *d)
{
    int many = 0;
    xmlNodePtr element = content_element(file, &many);
    xmlChar *src = xmlGetProp(file, (const xmlChar *)"src");
    int status = -1;
    out->bytes = NULL;
    out->len = 0;
    if (many || (element && src)) {
        diag_report(d, DIAG_ERROR, path, 0, 0, "package entry has more than one content");
    } else if (src) {
        status = read_src((const char *)src, path, out, d);
    } else if (element) {
        status = serialize_element(element, out);
        if (status != 0)
            diag_report(d, DIAG_ERROR, path, 0, 0, "cannot serialise the package entry");
    } else {
        text_content(file, out);
        status = 0;
    }
    xmlFree(src);
    return status;
}

/* The DOS date and time of t in UTC (APPNOTE 6.3.9 §4.4.6), clamped to 1980: the zip's
 * bytes depend only on t, never on the local time zone. */
static void dos_time(time_t t, zip_uint16_t *dtime, zip_uint16_t *ddate)
{
    struct tm tm;
    if (t < EPUB_DOS_EPOCH)
        t = EPUB_DOS_EPOCH;
    gmtime_r(&t, &tm);
    if (tm.tm_year > 2107 - 1900) {
        tm.tm_year = 2107 - 1900;
        tm.tm_mon = 11;
        tm.tm_mday = 31;
        tm.tm_hour = 23;
        tm.tm_min = 59;
        tm.tm_sec = 58;
    }
    *dtime = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
    *ddate = (zip_uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

/* Reads the method attribute: ZIP_CM_STORE for "stored", ZIP_CM_DEFLATE for "deflated" or
 * none; -1 for anything else. */
static int entry_method(xmlNodePtr file)
{
    xmlChar *m = xmlGetProp(file, (const xmlChar *)"method");
    int method = -1;
    if (!m || !strcmp((const char *)m, "deflated"))
        method = ZIP_CM_DEFLATE;
    else if (!strcmp((const char *)m, "stored"))
        method = ZIP_CM_STORE;
    xmlFree(m);
    return method;
}

/* Checks one file element against the tree rules in the header comment. index is its
 * position (0 = first). Returns 0, or -1 after reporting to d. */
static int check_file(xmlNodePtr file, const char *path, int method, int index, struct diag *d)
{
    if (!path_is_safe(path)) {
        diag_report(d, DIAG_ERROR, path ? path : "(no path)", 0, 0,
                    "package entry needs a relative path without '..'");
        return -1;
    }
    if (method < 0) {
        diag_report(d, DIAG_ERROR, path, 0, 0, "package entry method must be stored or deflated");
        return -1;
    }
    int is_mimetype = !strcmp(path, "mimetype");
    if ((index == 0) != is_mimetype) {
        diag_report(d, DIAG_ERROR, path, 0, 0,
                    "the package's first entry must be 'mimetype' (OCF 3.3 §4.3), and only it");
        return -1;
    }
    if (is_mimetype) {
        xmlChar *text = xmlNodeGetContent(file);
        int ok = method == ZIP_CM_STORE && text && !strcmp((const char *)text, EPUB_MIMETYPE);
        xmlFree(text);
        if (!ok) {
            diag_report(d, DIAG_ERROR, path, 0, 0,
                        "mimetype must be stored and read exactly '" EPUB_MIMETYPE "'");
            return -1;
        }
    }
    return 0;
}

/* The zip source callback of a deflated_entry (libzip zip_source_function(3)): reads the
 * compressed bytes from the start on each open, states method, sizes and CRC-32. */
static zip_int64_t deflated_source(void *user, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
    struct deflated_entry *e = user;
    switch (cmd) {
    case ZIP_SOURCE_OPEN:
        e->offset = 0;
        return 0;
    case ZIP_SOURCE_READ: {
        size_t n = e->comp_len - e->offset < len ? e->comp_len - e->offset : (size_t)len;
        memcpy(data, e->bytes + e->offset, n);
        e->offset += n;
        return (zip_int64_t)n;
    }
    case ZIP_SOURCE_CLOSE:
        return 0;
    case ZIP_SOURCE_STAT: {
        zip_stat_t *st = data;
        zip_stat_init(st);
        st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC |
                    ZIP_STAT_ENCRYPTION_METHOD;
        st->size = e->len;
        st->comp_size = e->comp_len;
        st->comp_method = ZIP_CM_DEFLATE;
        st->crc = e->crc;
        st->encryption_method = ZIP_EM_NONE;
        return sizeof *st;
    }
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&e->error, data, len);
    case ZIP_SOURCE_FREE:
        zip_error_fini(&e->error);
        free(e->bytes);
        free(e);
        return 0;
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                              ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                              -1);
    default:
        zip_error_set(&e->error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

/* A zip source of data deflated with deflater (raw DEFLATE, the zip method 8 of APPNOTE
 * 6.3.9 §4.4.5), or NULL on a libzip error. data keeps its bytes; the source owns the
 * compressed copy and frees it. */
static zip_source_t *deflated(zip_t *za, const struct entry_data *data,
                              struct libdeflate_compressor *deflater)
{
    struct deflated_entry *e = xcalloc(1, sizeof *e);
    size_t bound = libdeflate_deflate_compress_bound(deflater, data->len);
    e->bytes = xmalloc(bound);
    e->comp_len = libdeflate_deflate_compress(deflater, data->bytes, data->len, e->bytes, bound);
    e->len = data->len;
    e->crc = libdeflate_crc32(0, data->bytes, data->len);
    zip_error_init(&e->error);
    zip_source_t *src = zip_source_function(za, deflated_source, e);
    if (!src) {
        zip_error_fini(&e->error);
        free(e->bytes);
        free(e);
    }
    return src;
}

/* The zip source of one entry: deflated here when it is to be deflated and not empty; else
 * the bytes as they are, which libzip takes over (and frees) when there are some. */
static zip_source_t *entry_source(zip_t *za, struct entry_data *data, int method,
                                  struct libdeflate_compressor *deflater)
{
    if (method == ZIP_CM_DEFLATE && data->len > 0)
        return deflated(za, data, deflater);
    int give = data->len > 0;
    zip_source_t *src = zip_source_buffer(za, give ? data->bytes : NULL, data->len, give);
    if (src && give)
        data->bytes = NULL;
    return src;
}

/* Adds one entry to the archive: its bytes, compression, date and nothing else (no extra
 * fields, so no clock-dependent timestamps). Returns 0, or -1 after reporting to d. */
static int add_file(zip_t *za, xmlNodePtr file, int index, time_t mtime,
                    struct libdeflate_compressor *deflater, struct diag *d)
{
    xmlChar *path = xmlGetProp(file, (const xmlChar *)"path");
    const char *p = (const char *)path;
    int method = entry_method(file);
    struct entry_data data = {NULL, 0};
    int status = -1;
    if (check_file(file, p, method, index, d) != 0 || entry_bytes(file, p, &data, d) != 0)
        goto cleanup;
    zip_source_t *src = entry_source(za, &data, method, deflater);
    if (!src)
        goto zip_error;
    zip_int64_t idx = zip_file_add(za, p, src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
        zip_source_free(src);
        goto zip_error;
    }
    zip_uint16_t dtime, ddate;
    dos_time(mtime, &dtime, &ddate);
    if (zip_set_file_compression(za, (zip_uint64_t)idx, method, 0) != 0 ||
        zip_file_set_dostime(za, (zip_uint64_t)idx, dtime, ddate, 0) != 0 ||
        zip_file_extra_field_delete(za, (zip_uint64_t)idx, ZIP_EXTRA_FIELD_ALL,
                                    ZIP_FL_CENTRAL | ZIP_FL_LOCAL) != 0 ||
        zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
                                         (zip_uint32_t)0100644 << 16) != 0)
        goto zip_error;
    status = 0;
    goto cleanup;
zip_error:
    diag_report(d, DIAG_ERROR, p, 0, 0, "zip: %s", zip_strerror(za));
cleanup:
    free(data.bytes);
    xmlFree(path);
    return status;
}

/* Adds every file element of the tree, in order, deflating with one libdeflate compressor
 * (the entries are compressed here, before zip_close writes them). Returns 0, or -1 after
 * reporting to d. */
static int add_files(zip_t *za, xmlNodePtr root, time_t mtime, struct diag *d)
{
    struct libdeflate_compressor *deflater = libdeflate_alloc_compressor(EPUB_DEFLATE_LEVEL);
    if (!deflater)
        buf_oom();
    int index = 0, status = -1;
    for (xmlNodePtr n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!is_pkg(n, "file")) {
            diag_report(d, DIAG_ERROR, NULL, 0, 0, "package tree: unexpected element <%s>",
                        (const char *)n->name);
            goto cleanup;
        }
        if (add_file(za, n, index++, mtime, deflater, d) != 0)
            goto cleanup;
    }
    if (index == 0)
        diag_report(d, DIAG_ERROR, NULL, 0, 0, "package tree lists no files");
    else
        status = 0;
cleanup:
    libdeflate_free_compressor(deflater);
    return status;
}

/* Appends the whole content of the (closed) buffer source to out. */
static int read_back(zip_source_t *src, struct buf *out, struct diag *d)
{
    zip_stat_t st;
    if (zip_source_open(src) != 0) {
        diag_report(d, DIAG_ERROR, NULL, 0, 0, "zip: cannot reopen the archive in memory");
        return -1;
    }
    int status = -1;
    zip_stat_init(&st);
    if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
        buf_grow(out, (size_t)st.size);
        zip_uint64_t done = 0;
        zip_int64_t n = 1;
        while (done < st.size && n > 0) {
            n = zip_source_read(src, out->data + out->len + done, st.size - done);
            done += n > 0 ? (zip_uint64_t)n : 0;
        }
        if (done == st.size) {
            out->len += (size_t)done;
            out->data[out->len] = '\0';
            status = 0;
        }
    }
    if (status != 0)
        diag_report(d, DIAG_ERROR, NULL, 0, 0, "zip: cannot read the archive back");
    zip_source_close(src);
    return status;
}

int epub_pack(xmlDocPtr package, time_t mtime, struct buf *out, struct diag *d)
{
    int status = -1;
    zip_error_t err;
    zip_error_init(&err);
    zip_t *za = NULL;
    xmlNodePtr root = package ? xmlDocGetRootElement(package) : NULL;
    if (!is_pkg(root, "package-files")) {
        diag_report(d, DIAG_ERROR, NULL, 0, 0,
                    "not a package tree (want <package-files xmlns=\"" EPUB_PKG_NS "\">)");
        return -1;
    }
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
    if (!src)
        goto zip_error;
    za = zip_open_from_source(src, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!za)
        goto zip_error;
    zip_source_keep(src); /* ours too: it outlives zip_close, which writes the archive into it */
    if (add_files(za, root, mtime, d) != 0) {
        zip_discard(za);
        za = NULL;
        goto cleanup;
    }
    if (zip_close(za) != 0) {
        diag_report(d, DIAG_ERROR, NULL, 0, 0, "zip: %s", zip_strerror(za));
        zip_discard(za);
        za = NULL;
        goto cleanup;
    }
    za = NULL;
    status = read_back(src, out, d);
    goto cleanup;
zip_error:
    diag_report(d, DIAG_ERROR, NULL, 0, 0, "zip: %s", zip_error_strerror(&err));
cleanup:
    if (za)
        zip_discard(za);
    if (src)
        zip_source_free(src);
    zip_error_fini(&err);
    return status;
}

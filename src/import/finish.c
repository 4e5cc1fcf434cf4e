/* finish.c — last step of the import stage: puts each note's recovered text (and a gap where
 * the source lost or cut it, with one warning naming the source line) into its note element,
 * gives the notes their ids, and writes the teiHeader (TEI P5 §2: titleStmt with both titles,
 * publicationStmt, sourceDesc, profileDesc/langUsage). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#include "import/scan.h"

static xmlNodePtr add(struct scan *sc, xmlNodePtr parent, const char *name, const char *text)
{
    xmlNodePtr e = xmlNewChild(parent, sc->ns, (const xmlChar *)name, NULL);
    if (text)
        xmlAddChild(e, xmlNewText((const xmlChar *)text));
    return e;
}

/* Length of the URL starting at s (http://, https:// or www.), without trailing punctuation
 * that ends the sentence rather than the address; 0 when s starts none. */
static size_t url_length(const char *s, size_t n)
{
    static const char *const starts[] = {"https://", "http://", "www."};
    int is_url = 0;
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
        is_url |= n > strlen(starts[i]) && !strncmp(s, starts[i], strlen(starts[i]));
    if (!is_url)
        return 0;
    size_t len = 0;
    while (len < n && s[len] != ' ' && s[len] != '\n' && s[len] != '\t')
        len++;
    while (len > 0 && strchr(".,;:)]\"'", s[len - 1]))
        len--;
    /* closing curly quotes (U+201D, U+2019) */
    while (len >= 3 && (!strncmp(s + len - 3, "\xE2\x80\x9D", 3) ||
                        !strncmp(s + len - 3, "\xE2\x80\x99", 3)))
        len -= 3;
    return len;
}

/* Adds text to e, with every web address in it as <ref target="…"> (TEI P5 §3.7), so both
 * back ends can link it. */
static void add_linked_text(struct scan *sc, xmlNodePtr e, const char *s, size_t n)
{
    size_t plain = 0;
    for (size_t i = 0; i < n;) {
        int at_word = i == 0 || s[i - 1] == ' ' || s[i - 1] == '(';
        size_t len = at_word ? url_length(s + i, n - i) : 0;
        if (len == 0) {
            i++;
            continue;
        }
        if (i > plain)
            xmlAddChild(e, xmlNewTextLen((const xmlChar *)s + plain, (int)(i - plain)));
        xmlNodePtr ref = xmlNewChild(e, sc->ns, (const xmlChar *)"ref", NULL);
        xmlAddChild(ref, xmlNewTextLen((const xmlChar *)s + i, (int)len));
        char *target = xmalloc(len + 8);
        snprintf(target, len + 8, "%s%.*s", s[i] == 'w' ? "http://" : "", (int)len, s + i);
        xmlSetProp(ref, (const xmlChar *)"target", (const xmlChar *)target);
        free(target);
        i += len;
        plain = i;
    }
    if (n > plain)
        xmlAddChild(e, xmlNewTextLen((const xmlChar *)s + plain, (int)(n - plain)));
}

static void add_gap(struct scan *sc, xmlNodePtr note, const char *reason)
{
    xmlNodePtr gap = add(sc, note, "gap", NULL);
    xmlSetProp(gap, (const xmlChar *)"reason", (const xmlChar *)reason);
}

/* Fills a note: its text, and gap elements where text is missing (TEI P5 §3.5.3), warning
 * once for each note that has a gap or whose reference was not found. */
static void fill_note(struct scan *sc, struct imp_note *note)
{
    xmlNodePtr e = note->elem;
    int complete = imp_note_complete(note);
    const char *where = note->unplaced ? " (its reference was not found either: the note "
                                         "stands before the next one)"
                                       : "";
    if (!note->has_text) {
        add_gap(sc, e, "lost");
        diag_report(sc->d, DIAG_WARNING, sc->name, note->ref_line, 0,
                    "note %ld: its text is missing from the source%s", note->n, where);
        return;
    }
    /* A leading space keeps the note's first word apart from the word its reference is glued
       to, for tools that read the text without markup. */
    xmlAddChild(e, xmlNewText((const xmlChar *)" "));
    if (note->fragment)
        add_gap(sc, e, "lost");
    add_linked_text(sc, e, note->text.data, note->text.len);
    if (!complete)
        add_gap(sc, e, "truncated");
    if (note->fragment)
        diag_report(sc->d, DIAG_WARNING, sc->name, note->text_line, 0,
                    "note %ld: only the end of its text survives in the source%s", note->n, where);
    else if (!complete)
        diag_report(sc->d, DIAG_WARNING, sc->name, note->end_line, 0,
                    "note %ld: its text is cut off in the source%s", note->n, where);
    else if (note->unplaced)
        diag_report(sc->d, DIAG_WARNING, sc->name, note->ref_line, 0,
                    "note %ld: its reference was not found; the note stands before note %ld",
                    note->n, note->n + 1);
}

/* Note ids: fnN when the thesis numbers notes through, chC-fnN when each chapter restarts. */
static void name_notes(struct scan *sc)
{
    for (size_t k = 0; k < sc->n_notes; k++) {
        struct imp_note *note = &sc->notes[k];
        if (!note->elem && k > 0) { /* an orphan no reference followed: after the last note */
            xmlNodePtr prev = sc->notes[k - 1].elem;
            imp_note_element(sc, note, prev->parent);
            xmlUnlinkNode(note->elem);
            xmlAddNextSibling(prev, note->elem);
        }
        if (!note->elem)
            continue;
        char id[IMP_ID_MAX];
        if (sc->per_chapter)
            snprintf(id, sizeof id, "ch%u-fn%ld", note->chapter, note->n);
        else
            snprintf(id, sizeof id, "fn%ld", note->n);
        imp_unique_id(sc, id, sizeof id);
        xmlSetNsProp(note->elem, sc->xml_ns, (const xmlChar *)"id", (const xmlChar *)id);
        fill_note(sc, note);
    }
}

/* The file name without directories and extension: the title when the text gives none. */
static void base_title(const char *name, char *out, size_t size)
{
    const char *slash = name ? strrchr(name, '/') : NULL;
    const char *base = slash ? slash + 1 : name ? name : "manuscript";
    snprintf(out, size, "%s", base);
    char *dot = strrchr(out, '.');
    if (dot && dot != out)
        *dot = '\0';
}

static void write_header(struct scan *sc)
{
    xmlNodePtr header = xmlNewNode(sc->ns, (const xmlChar *)"teiHeader");
    xmlAddPrevSibling(sc->text, header);
    xmlNodePtr file_desc = add(sc, header, "fileDesc", NULL);
    xmlNodePtr stmt = add(sc, file_desc, "titleStmt", NULL);
    char fallback[256];
    base_title(sc->name, fallback, sizeof fallback);
    xmlNodePtr t = add(sc, stmt, "title", sc->title_en ? sc->title_en : fallback);
    xmlSetProp(t, (const xmlChar *)"type", (const xmlChar *)"main");
    if (sc->title_tr) {
        t = add(sc, stmt, "title", sc->title_tr);
        xmlSetProp(t, (const xmlChar *)"type", (const xmlChar *)"main");
        xmlNodeSetLang(t, (const xmlChar *)"tr");
    }
    add(sc, add(sc, file_desc, "publicationStmt", NULL), "p",
        "Unpublished manuscript: the source names no publisher, place or date.");
    const char *slash = sc->name ? strrchr(sc->name, '/') : NULL;
    char source[512];
    snprintf(source, sizeof source,
             "Plain text of the thesis (%s), as extracted from its PDF; converted to TEI by folio.",
             slash      ? slash + 1
             : sc->name ? sc->name
                        : "standard input");
    add(sc, add(sc, file_desc, "sourceDesc", NULL), "p", source);
    xmlNodePtr usage = add(sc, add(sc, header, "profileDesc", NULL), "langUsage", NULL);
    xmlSetProp(add(sc, usage, "language", "English"), (const xmlChar *)"ident",
               (const xmlChar *)"en");
    if (sc->has_tr)
        xmlSetProp(add(sc, usage, "language", "Turkish"), (const xmlChar *)"ident",
                   (const xmlChar *)"tr");
}

int imp_finish(struct scan *sc)
{
    name_notes(sc);
    write_header(sc);
    if (sc->chapters == 0 && sc->sections == 0)
        diag_report(sc->d, DIAG_WARNING, sc->name, 0, 0,
                    "no chapter or section headings recognised: the text became paragraphs "
                    "in one div");
    if (!sc->body->children) {
        diag_report(sc->d, DIAG_ERROR, sc->name, 0, 0,
                    "no body text: nothing after the front matter");
        return -1;
    }
    return 0;
}

/* pdf_font.c — fonts for the PDF writer (pdf.c): each TrueType face embedded as a Type0 font
 * over a CIDFontType2 (PDF 1.4 §5.6; Identity-H, CID = Unicode BMP code), its program the subset
 * HarfBuzz cuts to the glyphs shown, Flate-compressed with libdeflate, and every dictionary
 * made with libharu's object API as ISO 19005-1 §6.3 (PDF/A-1) requires. */
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_ctx.h"

#define TAG_LEN 6      /* subset tag: six uppercase letters and '+' (PDF 1.4 §5.5.3) */
#define MAX_PS_NAME 63 /* PostScript names are at most 63 characters (Adobe TN 5088) */

/* Font descriptor flags (PDF 1.4 §5.7.1, Table 5.20). */
#define FLAG_FIXED_PITCH (1 << 0)
#define FLAG_SERIF (1 << 1)
#define FLAG_SYMBOLIC (1 << 2)
#define FLAG_ITALIC (1 << 6)

/* What one face's PDF objects are made from: the subset program and a font over it, the glyph
 * of every code up to the highest shown, and scratch buffers. */
struct font_build {
    struct pdf_ctx *c;
    struct pdf_face *f;
    hb_blob_t *program; /* the subset font file */
    hb_face_t *face;    /* over program */
    hb_font_t *font;    /* over face, at its units per em */
    unsigned upem;
    uint16_t *gids; /* gids[cid] for cid <= last; 0 where not shown or no glyph; owned */
    unsigned last;  /* the highest code shown */
    char name[TAG_LEN + 1 + MAX_PS_NAME + 1]; /* TAG+PostScriptName */
    struct buf scratch;
};

/* A length of font units in the 1/1000 em of PDF glyph space (PDF 1.4 §5.6.3), truncated
 * toward zero: the typesetter measures advances the same way (src/fo/font.c), so text lands
 * where it was laid out, within the one unit PDF/A validators allow against the program. */
static int units(const struct font_build *b, long v)
{
    return (int)(v * 1000 / (long)b->upem);
}

/* A new stream object holding data (n bytes) compressed by pdf_put_flate, as the page
 * contents are. NULL on failure. */
static HPDF_Dict flate_stream(struct font_build *b, const void *data, size_t n)
{
    struct pdf_ctx *c = b->c;
    HPDF_Dict s = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
    return s && pdf_put_flate(c, s, data, n) == 0 ? s : NULL;
}

/* A new indirect dictionary of the given /Type; NULL on failure. */
static HPDF_Dict new_object(struct pdf_ctx *c, const char *type)
{
    HPDF_Dict d = HPDF_Dict_New(c->pdf->mmgr);
    if (!d || HPDF_Xref_Add(c->pdf->xref, d) != HPDF_OK)
        return NULL;
    HPDF_Dict_AddName(d, "Type", type);
    return d;
}

/* The subset of face holding the glyphs of the codes in used, with their components and
 * .notdef (whose box stands for characters the font lacks), under their original glyph ids
 * (HB_SUBSET_FLAGS_RETAIN_GIDS), so the CIDToGIDMap is that of the full font. Hinting is
 * dropped (HB_SUBSET_FLAGS_NO_HINTING): a printed thesis is rendered at high resolution, where
 * TrueType instructions change nothing (poppler's pages come out pixel-identical), and they are
 * half the subset's bytes (the thesis's four faces: 89 KB → 44 KB, 43 KB → 17 KB Flated). The
 * layout tables go too: a PDF reader shows glyphs by id, and with GSUB gone no ligature or
 * alternate glyph is pulled in. NULL on failure; the caller destroys the face. */
static hb_face_t *subset_face(hb_face_t *face, const struct pdf_codes *used)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return NULL;
    hb_set_t *codes = hb_subset_input_unicode_set(in);
    for (unsigned cp = pdf_codes_next(used, 0); cp < PDF_CODE_SPACE;
         cp = pdf_codes_next(used, cp + 1))
        hb_set_add(codes, cp);
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb_set_add(drop, HB_TAG('G', 'S', 'U', 'B'));
    hb_set_add(drop, HB_TAG('G', 'P', 'O', 'S'));
    hb_set_add(drop, HB_TAG('G', 'D', 'E', 'F'));
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_HINTING |
                                      HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
    hb_face_t *sub = hb_subset_or_fail(face, in);
    hb_subset_input_destroy(in);
    return sub;
}

/* The subset tag (PDF 1.4 §5.5.3): six uppercase letters from an FNV-1a hash of the codes shown
 * and the PostScript name, so a file is the same on every run and two faces showing the same
 * codes still differ. */
static void subset_tag(const struct pdf_codes *used, const char *ps_name, char *tag)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < sizeof used->bits; i++)
        h = (h ^ used->bits[i]) * 0x100000001b3u;
    for (const char *p = ps_name; *p; p++)
        h = (h ^ (unsigned char)*p) * 0x100000001b3u;
    for (int i = 0; i < TAG_LEN; i++, h /= 26)
        tag[i] = (char)('A' + h % 26);
}

/* Sets b->name to TAG+PostScriptName: the 'name' table's PostScript name (ID 6), else the
 * file's base name, kept to the characters a PostScript name may hold (Adobe TN 5088). */
static void base_name(struct font_build *b, const char *path)
{
    char ps[MAX_PS_NAME + 1] = "";
    unsigned len = sizeof ps;
    hb_ot_name_get_utf8(b->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, ps);
    if (!ps[0]) {
        const char *slash = strrchr(path, '/');
        snprintf(ps, sizeof ps, "%s", slash ? slash + 1 : path);
        char *dot = strrchr(ps, '.');
        if (dot && dot != ps)
            *dot = '\0';
    }
    size_t n = 0;
    for (const char *p = ps; *p; p++)
        if (*p > ' ' && *p < 127 && !strchr("[](){}<>/%", *p))
            ps[n++] = *p;
    ps[n] = '\0';
    subset_tag(b->f->used, ps, b->name);
    snprintf(b->name + TAG_LEN, sizeof b->name - TAG_LEN, "+%s", n ? ps : "Font");
}

/* Looks up the glyph of every code shown in the subset's cmap (the full font's glyph ids), and
 * counts the codes the font has no glyph for. */
static void map_glyphs(struct font_build *b)
{
    struct pdf_face *f = b->f;
    size_t byte = sizeof f->used->bits;
    while (byte > 0 && !f->used->bits[byte - 1])
        byte--;
    b->last = 0;
    for (unsigned cp = byte ? 8 * ((unsigned)byte - 1) : 0; cp < 8 * byte; cp++)
        b->last = pdf_codes_has(f->used, cp) ? cp : b->last;
    b->gids = xcalloc(b->last + 1, sizeof *b->gids);
    f->missing = 0;
    for (unsigned cp = pdf_codes_next(f->used, 0); cp <= b->last;
         cp = pdf_codes_next(f->used, cp + 1)) {
        hb_codepoint_t gid = 0;
        if (hb_font_get_nominal_glyph(b->font, cp, &gid) && gid && gid <= UINT16_MAX) {
            b->gids[cp] = (uint16_t)gid;
        } else {
            f->first_missing = f->missing ? f->first_missing : cp;
            f->missing++;
        }
    }
}

/* Keeps in the face the advance of every code shown, as a reader takes it from /W (or /DW,
 * .notdef's, for codes without a glyph; advance[0] is /DW): the page writer positions words
 * inside a TJ array by these widths (PDF 1.4 §5.3.2), so they land where they were laid out. */
static void keep_advances(struct font_build *b)
{
    struct pdf_face *f = b->f;
    int notdef = units(b, hb_font_get_glyph_h_advance(b->font, 0));
    free(f->advance);
    f->advance = xcalloc(b->last + 1, sizeof *f->advance);
    f->last = b->last;
    f->advance[0] = (uint16_t)(notdef < 0 ? 0 : notdef > UINT16_MAX ? UINT16_MAX : notdef);
    /* only the codes shown: one tie half (U+FE21) makes last 65 000 codes high */
    for (unsigned cid = pdf_codes_next(f->used, 1); cid <= b->last;
         cid = pdf_codes_next(f->used, cid + 1)) {
        int w = b->gids[cid] ? units(b, hb_font_get_glyph_h_advance(b->font, b->gids[cid]))
                             : notdef;
        f->advance[cid] = (uint16_t)(w < 0 ? 0 : w > UINT16_MAX ? UINT16_MAX : w);
    }
}

/* Sets bytes to n zero bytes and returns them. */
static unsigned char *zeroed(struct buf *bytes, size_t n)
{
    buf_truncate(bytes, 0);
    buf_grow(bytes, n);
    memset(bytes->data, 0, n);
    bytes->len = n;
    return (unsigned char *)bytes->data;
}

/* The CIDToGIDMap stream (PDF 1.4 §5.6.3): the glyph id of each CID up to the highest shown,
 * two bytes big-endian; CIDs not shown map to glyph 0, as CIDs past its end do. */
static HPDF_Dict cid_to_gid_map(struct font_build *b)
{
    unsigned char *map = zeroed(&b->scratch, 2 * ((size_t)b->last + 1));
    for (unsigned cid = 0; cid <= b->last; cid++) {
        map[2 * cid] = (unsigned char)(b->gids[cid] >> 8);
        map[2 * cid + 1] = (unsigned char)(b->gids[cid] & 0xFF);
    }
    return flate_stream(b, map, b->scratch.len);
}

/* The CIDSet stream that ISO 19005-1 §6.3.5 requires of an embedded CIDFont subset: one bit
 * per CID, high bit first, set for CID 0 and each CID shown whose glyph the subset holds. */
static HPDF_Dict cid_set(struct font_build *b)
{
    unsigned char *bits = zeroed(&b->scratch, (size_t)b->last / 8 + 1);
    bits[0] = 0x80; /* CID 0 */
    for (unsigned cid = 1; cid <= b->last; cid++)
        if (b->gids[cid])
            bits[cid / 8] |= (unsigned char)(0x80u >> (cid % 8));
    return flate_stream(b, bits, b->scratch.len);
}

/* Fills w, the /W array (PDF 1.4 §5.6.3), with the width of each CID shown with a glyph, as
 * keep_advances took it from the embedded program's hmtx (the widths the page writer places
 * words by), in runs of consecutive CIDs (c [w1 w2 …]); the others take /DW, .notdef's. -1 on
 * failure. */
static int widths(struct font_build *b, HPDF_Array w)
{
    HPDF_Array run = NULL;
    unsigned next = 0;
    for (unsigned cid = 1; cid <= b->last; cid++) {
        if (!b->gids[cid])
            continue;
        if (!run || cid != next) {
            if (HPDF_Array_AddNumber(w, (HPDF_INT32)cid) != HPDF_OK ||
                HPDF_Array_Add(w, HPDF_Array_New(b->c->pdf->mmgr)) != HPDF_OK)
                return -1;
            run = HPDF_Array_GetItem(w, HPDF_Array_Items(w) - 1, HPDF_OCLASS_ARRAY);
        }
        HPDF_Array_AddNumber(run, b->f->advance[cid]);
        next = cid + 1;
    }
    return 0;
}

/* A big-endian field of an sfnt table (OpenType 'head', 'post', 'OS/2'); 0 when the table is
 * absent or shorter. */
static long table_field(hb_face_t *face, hb_tag_t tag, unsigned offset, int size, int is_signed)
{
    hb_blob_t *blob = hb_face_reference_table(face, tag);
    unsigned len = 0;
    const unsigned char *p = (const unsigned char *)hb_blob_get_data(blob, &len);
    long v = 0;
    if (p && offset + (unsigned)size <= len) {
        for (int i = 0; i < size; i++)
            v = v << 8 | p[offset + i];
        if (is_signed && size == 2 && v >= 0x8000)
            v -= 0x10000;
    }
    hb_blob_destroy(blob);
    return v;
}

/* The descriptor's /Flags (PDF 1.4 §5.7.1): fixed pitch from 'post', serif from the OS/2
 * PANOSE serif style (Latin text, styles 2–10), italic from a slant or head.macStyle, and
 * always symbolic: the font is shown by CID, not through the standard Latin encoding, and holds
 * glyphs outside it. */
static int flags(const struct font_build *b, double italic_angle)
{
    hb_tag_t os2 = HB_TAG('O', 'S', '/', '2');
    int f = FLAG_SYMBOLIC;
    if (table_field(b->face, HB_TAG('p', 'o', 's', 't'), 12, 4, 0))
        f |= FLAG_FIXED_PITCH;
    long family = table_field(b->face, os2, 32, 1, 0), serif = table_field(b->face, os2, 33, 1, 0);
    if (family == 2 && serif >= 2 && serif <= 10)
        f |= FLAG_SERIF;
    if (italic_angle != 0 || (table_field(b->face, HB_TAG('h', 'e', 'a', 'd'), 44, 2, 0) & 2))
        f |= FLAG_ITALIC;
    return f;
}

/* /FontBBox from head's xMin, yMin, xMax, yMax, widened to whole units. */
static HPDF_Array font_bbox(const struct font_build *b)
{
    HPDF_Array box = HPDF_Array_New(b->c->pdf->mmgr);
    for (int i = 0; box && i < 4; i++) {
        double v =
            table_field(b->face, HB_TAG('h', 'e', 'a', 'd'), 36 + 2 * i, 2, 1) * 1000.0 / b->upem;
        HPDF_Array_AddNumber(box, (HPDF_INT32)(i < 2 ? floor(v) : ceil(v)));
    }
    return box;
}

/* A vertical metric of the font (hb_ot_metrics_get_position), in glyph space; fallback when
 * the font does not give it. */
static int metric(const struct font_build *b, hb_ot_metrics_tag_t tag, int fallback)
{
    hb_position_t v;
    return hb_ot_metrics_get_position(b->font, tag, &v) ? units(b, v) : fallback;
}

/* The FontDescriptor (PDF 1.4 §5.7, ISO 19005-1 §6.3.5) of the embedded subset, with its
 * program as /FontFile2 (/Length1: its uncompressed size, §5.8). TrueType has no stem width:
 * /StemV is estimated from the weight class as 50 + (weight / 65)², a common convention. */
static HPDF_Dict descriptor(struct font_build *b)
{
    struct pdf_ctx *c = b->c;
    HPDF_Dict d = new_object(c, "FontDescriptor");
    unsigned size = 0;
    const char *data = hb_blob_get_data(b->program, &size);
    HPDF_Dict file = d ? flate_stream(b, data, size) : NULL;
    HPDF_Dict set = file ? cid_set(b) : NULL;
    HPDF_Array box = set ? font_bbox(b) : NULL;
    if (!box)
        return NULL;
    HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)size);
    float angle = hb_style_get_value(b->font, HB_STYLE_TAG_SLANT_ANGLE);
    double weight = hb_style_get_value(b->font, HB_STYLE_TAG_WEIGHT);
    int ascent = metric(b, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, 800);
    HPDF_Dict_AddName(d, "FontName", b->name);
    HPDF_Dict_AddNumber(d, "Flags", flags(b, angle));
    HPDF_Dict_Add(d, "FontBBox", box);
    HPDF_Dict_AddReal(d, "ItalicAngle", angle);
    HPDF_Dict_AddNumber(d, "Ascent", ascent);
    HPDF_Dict_AddNumber(d, "Descent", metric(b, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, -200));
    HPDF_Dict_AddNumber(d, "CapHeight", metric(b, HB_OT_METRICS_TAG_CAP_HEIGHT, ascent));
    HPDF_Dict_AddNumber(d, "XHeight", metric(b, HB_OT_METRICS_TAG_X_HEIGHT, ascent / 2));
    HPDF_Dict_AddNumber(d, "StemV", (HPDF_INT32)(50 + (weight / 65) * (weight / 65)));
    HPDF_Dict_Add(d, "CIDSet", set);
    HPDF_Dict_Add(d, "FontFile2", file);
    return d;
}

/* The CIDFontType2 (PDF 1.4 §5.6.3): character collection Adobe-Identity-0 as Identity-H
 * requires (§5.6.2), widths, and the CIDToGIDMap. Direct objects are made only once the
 * indirect ones exist, and added at once (libharu frees what it fails to add). */
static HPDF_Dict cid_font(struct font_build *b)
{
    struct pdf_ctx *c = b->c;
    HPDF_Dict font = new_object(c, "Font");
    HPDF_Dict map = font ? cid_to_gid_map(b) : NULL;
    HPDF_Dict desc = map ? descriptor(b) : NULL;
    if (!desc || HPDF_Dict_Add(font, "CIDSystemInfo", HPDF_Dict_New(c->pdf->mmgr)) != HPDF_OK ||
        HPDF_Dict_Add(font, "W", HPDF_Array_New(c->pdf->mmgr)) != HPDF_OK ||
        widths(b, HPDF_Dict_GetItem(font, "W", HPDF_OCLASS_ARRAY)) != 0)
        return NULL;
    HPDF_Dict info = HPDF_Dict_GetItem(font, "CIDSystemInfo", HPDF_OCLASS_DICT);
    HPDF_Dict_Add(info, "Registry", HPDF_String_New(c->pdf->mmgr, "Adobe", NULL));
    HPDF_Dict_Add(info, "Ordering", HPDF_String_New(c->pdf->mmgr, "Identity", NULL));
    HPDF_Dict_AddNumber(info, "Supplement", 0);
    HPDF_Dict_AddName(font, "Subtype", "CIDFontType2");
    HPDF_Dict_AddName(font, "BaseFont", b->name);
    HPDF_Dict_Add(font, "FontDescriptor", desc);
    HPDF_Dict_AddNumber(font, "DW", b->f->advance[0]);
    HPDF_Dict_Add(font, "CIDToGIDMap", map);
    return font;
}

/* The Type0 font (PDF 1.4 §5.6.5): Identity-H, the CIDFont, and a ToUnicode CMap of the codes
 * shown (§5.9.2) so text copies as written. */
static HPDF_Dict type0_font(struct font_build *b)
{
    struct pdf_ctx *c = b->c;
    buf_truncate(&b->scratch, 0);
    pdf_tounicode_cmap(b->f->used, &b->scratch);
    HPDF_Dict font = new_object(c, "Font");
    HPDF_Dict to_unicode = font ? flate_stream(b, b->scratch.data, b->scratch.len) : NULL;
    HPDF_Dict cid = to_unicode ? cid_font(b) : NULL;
    if (!cid || HPDF_Dict_Add(font, "DescendantFonts", HPDF_Array_New(c->pdf->mmgr)) != HPDF_OK)
        return NULL;
    HPDF_Array_Add(HPDF_Dict_GetItem(font, "DescendantFonts", HPDF_OCLASS_ARRAY), cid);
    HPDF_Dict_AddName(font, "Subtype", "Type0");
    HPDF_Dict_AddName(font, "BaseFont", b->name);
    HPDF_Dict_AddName(font, "Encoding", "Identity-H");
    HPDF_Dict_Add(font, "ToUnicode", to_unicode);
    return font;
}

/* Reads the TrueType file at path and cuts its subset into b; returns NULL or why it cannot. */
static const char *open_subset(struct font_build *b, const char *path)
{
    hb_blob_t *file = hb_blob_create_from_file_or_fail(path);
    if (!file)
        return "cannot read the file";
    hb_face_t *full = hb_face_create(file, 0);
    hb_blob_destroy(file);
    const char *why = NULL;
    hb_blob_t *glyf = hb_face_reference_table(full, HB_TAG('g', 'l', 'y', 'f'));
    if (hb_face_get_glyph_count(full) == 0)
        why = "not a font file";
    else if (hb_blob_get_length(glyf) == 0)
        why = "no TrueType outlines (glyf table)";
    else if (!(b->face = subset_face(full, b->f->used)))
        why = "HarfBuzz could not subset it";
    hb_blob_destroy(glyf);
    hb_face_destroy(full);
    if (why)
        return why;
    b->program = hb_face_reference_blob(b->face);
    b->font = hb_font_create(b->face);
    b->upem = hb_face_get_upem(b->face);
    return NULL;
}

/* Embeds face f, whose every code shown is marked, from the TrueType file at path; -1 after
 * reporting. */
static int embed_face(struct pdf_ctx *c, struct pdf_face *f, const char *path)
{
    struct font_build b = {.c = c, .f = f};
    buf_init(&b.scratch);
    int status = -1;
    const char *why = open_subset(&b, path);
    if (why) {
        diag_report(c->diag, DIAG_ERROR, path, 0, 0, "pdf: cannot embed this TrueType font: %s",
                    why);
        c->err.reported = 1;
        goto cleanup;
    }
    base_name(&b, path);
    map_glyphs(&b);
    keep_advances(&b);
    f->font = type0_font(&b);
    if (!f->font) {
        pdf_fail(c, "embedding a font");
        goto cleanup;
    }
    status = pdf_check(c, "embedding a font");
cleanup:
    if (status != 0)
        f->font = NULL;
    hb_font_destroy(b.font);
    hb_face_destroy(b.face);
    hb_blob_destroy(b.program);
    free(b.gids);
    buf_free(&b.scratch);
    return status;
}

struct pdf_face *pdf_face_resolve(struct pdf_ctx *c, int i)
{
    struct pdf_face *f = &c->faces[i];
    if (f->share)
        return &c->faces[f->share - 1];
    struct buf path, other;
    buf_init(&path);
    buf_init(&other);
    const char *p = pdf_cstr(c->doc, c->doc->fonts[i].path, &path);
    f->share = i + 1;
    for (int j = 0; j < i; j++) {
        if (c->faces[j].share == j + 1 &&
            strcmp(p, pdf_cstr(c->doc, c->doc->fonts[j].path, &other)) == 0) {
            f->share = j + 1;
            break;
        }
    }
    if (f->share == i + 1)
        f->used = xcalloc(1, sizeof *f->used);
    buf_free(&path);
    buf_free(&other);
    return &c->faces[f->share - 1];
}

struct pdf_face *pdf_face_for(struct pdf_ctx *c, int i)
{
    int share = c->faces[i].share; /* every run asks: the embedded face found without a call */
    if (share && c->faces[share - 1].font)
        return &c->faces[share - 1];
    struct pdf_face *f = pdf_face_resolve(c, i);
    if (f->font)
        return f;
    struct buf path;
    buf_init(&path);
    int status = embed_face(c, f, pdf_cstr(c->doc, c->doc->fonts[f - c->faces].path, &path));
    buf_free(&path);
    return status == 0 ? f : NULL;
}

const char *pdf_face_resource(struct pdf_ctx *c, HPDF_Page page, const struct pdf_face *f)
{
    HPDF_PageAttr attr = page->attr;
    if (!attr->fonts) {
        HPDF_Dict resources = HPDF_Dict_GetItem(page, "Resources", HPDF_OCLASS_DICT);
        HPDF_Dict fonts = resources ? HPDF_Dict_New(c->pdf->mmgr) : NULL;
        if (!fonts || HPDF_Dict_Add(resources, "Font", fonts) != HPDF_OK)
            return NULL;
        attr->fonts = fonts;
    }
    const char *key = HPDF_Dict_GetKeyByObj(attr->fonts, f->font);
    if (key)
        return key;
    char name[24];
    snprintf(name, sizeof name, "F%d", (int)(f - c->faces) + 1);
    if (HPDF_Dict_Add(attr->fonts, name, f->font) != HPDF_OK)
        return NULL;
    return HPDF_Dict_GetKeyByObj(attr->fonts, f->font);
}

int pdf_fonts_finish(struct pdf_ctx *c)
{
    struct buf path;
    buf_init(&path);
    for (size_t i = 0; i < c->doc->n_fonts; i++) {
        const struct pdf_face *f = &c->faces[i];
        if (f->share != (int)i + 1 || !f->font || !f->missing)
            continue;
        diag_report(c->diag, DIAG_WARNING, pdf_cstr(c->doc, c->doc->fonts[i].path, &path), 0, 0,
                    "pdf: %zu characters have no glyph in this font (first U+%04X), shown as "
                    ".notdef",
                    f->missing, f->first_missing);
    }
    buf_free(&path);
    return pdf_check(c, "finishing the fonts");
}

/* pdf_font.c — fonts for the PDF writer (pdf.c): TrueType files embedded through libharu's
 * UTF-8 (Identity-H, CID = Unicode BMP code) fonts, then finished before saving with what
 * libharu 2.3 gets wrong or leaves out for PDF/A-1: a valid ToUnicode map, a CIDSet, CapHeight,
 * the Identity ordering, and a CIDToGIDMap only as long as the codes shown. */
#include <hpdf.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_ctx.h"

/* libharu's parsed form of a format 4 'cmap' subtable (TrueType reference manual, 'cmap'
 * format 4) holding only the codes a font shows: one segment from the first code shown to the
 * last, its glyphs looked up through glyphIdArray (glyph 0 for codes not shown), and the final
 * 0xFFFF segment; any code is found after at most two comparisons. */
struct small_cmap {
    HPDF_UINT16 end[2], start[2], range_offset[2], *glyphs;
    HPDF_INT16 delta[2];
    unsigned codes;
};

/* Builds the small cmap of the codes in used from the font's own; -1 when none is used. */
static int small_cmap_build(HPDF_FontDef def, const struct pdf_codes *used, struct small_cmap *m)
{
    unsigned first = pdf_codes_next(used, 1), last = first;
    if (first >= PDF_CODE_SPACE - 1)
        return -1;
    for (unsigned cid = first; cid < PDF_CODE_SPACE - 1; cid = pdf_codes_next(used, cid + 1))
        last = cid;
    m->codes = last - first + 1;
    m->glyphs = xcalloc(m->codes, sizeof *m->glyphs);
    for (unsigned cid = first; cid <= last; cid = pdf_codes_next(used, cid + 1))
        m->glyphs[cid - first] = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cid);
    m->start[0] = (HPDF_UINT16)first;
    m->end[0] = (HPDF_UINT16)last;
    m->delta[0] = 0;
    /* libharu reads glyphIdArray[offset / 2 + (code - start) - (segments - segment)] */
    m->range_offset[0] = 2 * 2;
    m->start[1] = m->end[1] = 0xFFFF;
    m->delta[1] = 1; /* 0xFFFF + 1 = glyph 0 */
    m->range_offset[1] = 0;
    return 0;
}

/* The Type0 font of a loaded TrueType face with libharu's UTF-8 encoder. libharu looks up the
 * glyph of all 65536 codes in the font's cmap, one linear search each, to build the widths and
 * CIDToGIDMap; it is given a cmap of only the codes shown while it does, so that costs little
 * and /W lists only the widths of those codes (PDF 1.4 §5.6.3: the others are never shown; the
 * CIDToGIDMap is rewritten from the full cmap by trim_cid_to_gid). */
static HPDF_Font type0_font(struct pdf_ctx *c, const char *name, const struct pdf_codes *used)
{
    HPDF_FontDef def = HPDF_GetFontDef(c->pdf, name);
    HPDF_TTFontDefAttr attr = def ? def->attr : NULL;
    struct small_cmap m;
    if (!attr || attr->cmap.format != 4 || small_cmap_build(def, used, &m) != 0)
        return HPDF_GetFont(c->pdf, name, "UTF-8");
    HPDF_TTF_CmapRange full = attr->cmap;
    attr->cmap.seg_count_x2 = 2 * 2;
    attr->cmap.end_count = m.end;
    attr->cmap.start_count = m.start;
    attr->cmap.id_delta = m.delta;
    attr->cmap.id_range_offset = m.range_offset;
    attr->cmap.glyph_id_array = m.glyphs;
    attr->cmap.glyph_id_array_count = m.codes;
    HPDF_Font font = HPDF_GetFont(c->pdf, name, "UTF-8");
    attr->cmap = full;
    free(m.glyphs);
    return font;
}

/* Loads the TrueType file of face f into the document, embedded (ISO 19005-1 §6.3.4), with
 * libharu's UTF-8 encoder, once every code it shows is marked; -1 after reporting. */
static int load_face(struct pdf_ctx *c, struct pdf_face *f, const char *path)
{
    const char *name = HPDF_LoadTTFontFromFile(c->pdf, path, HPDF_TRUE);
    if (name)
        f->font = type0_font(c, name, f->used);
    HPDF_STATUS code = c->err.code ? c->err.code : HPDF_GetError(c->pdf);
    if (!f->font || code != HPDF_OK) {
        if (!c->err.reported)
            diag_report(c->diag, DIAG_ERROR, path, 0, 0,
                        "pdf: cannot embed this TrueType font (libharu error 0x%04X)",
                        (unsigned)code);
        c->err.reported = 1;
        f->font = NULL;
        return -1;
    }
    return 0;
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
    struct pdf_face *f = pdf_face_resolve(c, i);
    if (f->font)
        return f;
    struct buf path;
    buf_init(&path);
    int status = load_face(c, f, pdf_cstr(c->doc, c->doc->fonts[f - c->faces].path, &path));
    buf_free(&path);
    return status == 0 ? f : NULL;
}

/* Replaces libharu's ToUnicode stream of a font, whose `begincidrange` readers reject, with a
 * bfrange/bfchar map of the codes the font showed (PDF 1.4 §5.9.2). */
static void fix_tounicode(struct pdf_ctx *c, struct pdf_face *f, struct buf *cmap)
{
    HPDF_Dict tu = HPDF_Dict_GetItem(f->font, "ToUnicode", HPDF_OCLASS_DICT);
    if (!tu) {
        tu = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
        if (!tu || HPDF_Dict_Add(f->font, "ToUnicode", tu) != HPDF_OK)
            return;
    }
    buf_truncate(cmap, 0);
    pdf_tounicode_cmap(f->used, cmap);
    HPDF_MemStream_FreeData(tu->stream);
    HPDF_Stream_Write(tu->stream, (const HPDF_BYTE *)cmap->data, (HPDF_UINT)cmap->len);
    tu->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
}

/* Completes the font descriptor: CapHeight, and the CIDSet that ISO 19005-1 §6.3.5 requires
 * for an embedded CIDFont subset (one bit per CID, high bit first, set for CID 0 and every code
 * shown with a glyph; libharu keeps exactly those glyphs). libharu builds the descriptor only while
 * saving, so its before-write step runs here first; run again at save, it keeps the descriptor. */
static void finish_descriptor(struct pdf_ctx *c, struct pdf_face *f, struct buf *bits)
{
    HPDF_Dict font = f->font;
    if (font->before_write_fn && font->before_write_fn(font) != HPDF_OK)
        return;
    HPDF_FontAttr attr = font->attr;
    HPDF_Dict desc = attr->fontdef->descriptor;
    if (!desc)
        return;
    /* CapHeight is required in a font descriptor (PDF 1.4 §5.7, Table 5.19); libharu omits it */
    if (!HPDF_Dict_GetItem(desc, "CapHeight", HPDF_OCLASS_NUMBER))
        HPDF_Dict_AddNumber(desc, "CapHeight",
                            attr->fontdef->cap_height ? attr->fontdef->cap_height
                                                      : attr->fontdef->ascent);
    /* the CIDSet lists only CIDs the embedded program holds (veraPDF checks each set bit) */
    buf_truncate(bits, 0);
    buf_putc(bits, (char)0x80); /* CID 0 */
    for (unsigned cid = pdf_codes_next(f->used, 1); cid < PDF_CODE_SPACE;
         cid = pdf_codes_next(f->used, cid + 1)) {
        if (HPDF_TTFontDef_GetGlyphid(attr->fontdef, (HPDF_UINT16)cid) == 0)
            continue;
        while (bits->len <= cid / 8)
            buf_putc(bits, 0);
        bits->data[cid / 8] |= (char)(0x80u >> (cid % 8));
    }
    HPDF_Dict set = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
    if (!set || HPDF_Dict_Add(desc, "CIDSet", set) != HPDF_OK)
        return;
    HPDF_Stream_Write(set->stream, (const HPDF_BYTE *)bits->data, (HPDF_UINT)bits->len);
    set->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
}

/* Marks the glyph of every code the font showed as used, so libharu's subsetter keeps it (with
 * its components): libharu marks glyphs only while measuring text, and the text is written
 * without it (pdf.c). Must run before the font descriptor and font file are built. */
static void mark_glyphs(const struct pdf_face *f)
{
    HPDF_FontAttr attr = f->font->attr;
    for (unsigned cid = pdf_codes_next(f->used, 0); cid < PDF_CODE_SPACE;
         cid = pdf_codes_next(f->used, cid + 1))
        HPDF_TTFontDef_GetCharWidth(attr->fontdef, (HPDF_UINT16)cid);
}

/* Warns when text used characters the font has no glyph for: libharu shows them as glyph 0
 * (.notdef), an empty box the reader cannot copy right. */
static void warn_missing_glyphs(struct pdf_ctx *c, size_t i, struct buf *path)
{
    const struct pdf_face *f = &c->faces[i];
    HPDF_FontAttr attr = f->font->attr;
    size_t missing = 0;
    unsigned first = 0;
    for (unsigned cp = pdf_codes_next(f->used, 0x20); cp < PDF_CODE_SPACE;
         cp = pdf_codes_next(f->used, cp + 1)) {
        if (HPDF_TTFontDef_GetGlyphid(attr->fontdef, (HPDF_UINT16)cp) == 0) {
            first = missing ? first : cp;
            missing++;
        }
    }
    if (missing)
        diag_report(c->diag, DIAG_WARNING, pdf_cstr(c->doc, c->doc->fonts[i].path, path), 0, 0,
                    "pdf: %zu characters have no glyph in this font (first U+%04X), shown as "
                    ".notdef",
                    missing, first);
}

/* Rewrites the font's CIDToGIDMap (PDF 1.4 §5.6.3) to cover only the codes shown, up to the
 * highest: libharu maps all 65535 codes, which is 128 KiB a font to compress for a few hundred
 * glyphs. Codes not shown map to glyph 0, as codes past the end of the map do. */
static void trim_cid_to_gid(const struct pdf_face *f, struct buf *map)
{
    HPDF_FontAttr attr = f->font->attr;
    if (!attr->map_stream)
        return;
    buf_truncate(map, 0);
    buf_putc(map, 0); /* CID 0: glyph 0 */
    buf_putc(map, 0);
    for (unsigned cid = pdf_codes_next(f->used, 1); cid < PDF_CODE_SPACE;
         cid = pdf_codes_next(f->used, cid + 1)) {
        while (map->len < 2 * cid)
            buf_putc(map, 0); /* codes not shown: glyph 0 */
        HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(attr->fontdef, (HPDF_UINT16)cid);
        buf_putc(map, (char)(gid >> 8));
        buf_putc(map, (char)(gid & 0xFF));
    }
    HPDF_MemStream_FreeData(attr->map_stream->stream);
    HPDF_Stream_Write(attr->map_stream->stream, (const HPDF_BYTE *)map->data, (HPDF_UINT)map->len);
}

/* The CIDFont's CIDSystemInfo names the character collection Adobe-Identity-0, as Identity-H
 * fonts do (PDF 1.4 §5.6.2); libharu writes the CMap's name, "Identity-H", as the ordering. */
static void fix_system_info(struct pdf_ctx *c, const struct pdf_face *f)
{
    HPDF_FontAttr attr = f->font->attr;
    HPDF_Dict info = attr->descendant_font ? HPDF_Dict_GetItem(attr->descendant_font,
                                                               "CIDSystemInfo", HPDF_OCLASS_DICT)
                                           : NULL;
    if (info)
        HPDF_Dict_Add(info, "Ordering", HPDF_String_New(c->pdf->mmgr, "Identity", NULL));
}

int pdf_fonts_finish(struct pdf_ctx *c)
{
    struct buf scratch;
    buf_init(&scratch);
    for (size_t i = 0; i < c->doc->n_fonts; i++) {
        struct pdf_face *f = &c->faces[i];
        if (f->share != (int)i + 1 || !f->font)
            continue;
        mark_glyphs(f);
        warn_missing_glyphs(c, i, &scratch);
        fix_tounicode(c, f, &scratch);
        finish_descriptor(c, f, &scratch);
        trim_cid_to_gid(f, &scratch);
        fix_system_info(c, f);
    }
    buf_free(&scratch);
    return pdf_check(c, "finishing the fonts");
}

/* props.h — XSL-FO properties: names, inheritance, initial values, and the computed style of
 * one formatting object (XSL-FO 1.1 §5, §7). The tree (tree.h) records specified values as
 * text; the layout driver computes a struct fo_style per object from its parent's.
 * Owner: fo_style holds pointers into the tree's string pool; they live as long as the tree. */
#ifndef FOLIO_FO_PROPS_H
#define FOLIO_FO_PROPS_H

#include <stdint.h>

#include "diag.h"

enum fo_prop {
    FO_P_FONT_FAMILY, FO_P_FONT_SIZE, FO_P_FONT_WEIGHT, FO_P_FONT_STYLE, FO_P_FONT_VARIANT,
    FO_P_LINE_HEIGHT, FO_P_TEXT_ALIGN, FO_P_TEXT_ALIGN_LAST, FO_P_TEXT_INDENT,
    FO_P_START_INDENT, FO_P_END_INDENT, FO_P_LAST_LINE_END_INDENT, FO_P_COLOR, FO_P_HYPHENATE,
    FO_P_LANGUAGE,
    FO_P_COUNTRY, FO_P_XML_LANG, FO_P_WIDOWS, FO_P_ORPHANS, FO_P_KEEP_TOGETHER,
    FO_P_LINEFEED_TREATMENT, FO_P_WHITE_SPACE_COLLAPSE, FO_P_WHITE_SPACE_TREATMENT,
    FO_P_WRAP_OPTION, FO_P_LEADER_PATTERN, FO_P_LEADER_LENGTH, FO_P_RULE_THICKNESS,
    FO_P_RULE_STYLE, FO_P_PDBS, FO_P_PLS, FO_P_TEXT_DECORATION,
    /* not inherited from here on */
    FO_P_SPACE_BEFORE, FO_P_SPACE_AFTER, FO_P_MARGIN_TOP, FO_P_MARGIN_BOTTOM, FO_P_MARGIN_LEFT,
    FO_P_MARGIN_RIGHT, FO_P_PADDING_TOP, FO_P_PADDING_BOTTOM, FO_P_PADDING_LEFT,
    FO_P_PADDING_RIGHT, FO_P_BORDER_TOP_WIDTH, FO_P_BORDER_BOTTOM_WIDTH, FO_P_BORDER_LEFT_WIDTH,
    FO_P_BORDER_RIGHT_WIDTH, FO_P_BORDER_TOP_STYLE, FO_P_BORDER_BOTTOM_STYLE,
    FO_P_BORDER_LEFT_STYLE, FO_P_BORDER_RIGHT_STYLE, FO_P_BORDER_TOP_COLOR,
    FO_P_BORDER_BOTTOM_COLOR, FO_P_BORDER_LEFT_COLOR, FO_P_BORDER_RIGHT_COLOR,
    FO_P_BACKGROUND_COLOR, FO_P_KEEP_WITH_NEXT, FO_P_KEEP_WITH_PREVIOUS, FO_P_BREAK_BEFORE,
    FO_P_BREAK_AFTER, FO_P_BASELINE_SHIFT, FO_P_VERTICAL_ALIGN, FO_P_ID, FO_P_WIDTH,
    FO_P_HEIGHT, FO_P_PAGE_WIDTH, FO_P_PAGE_HEIGHT, FO_P_EXTENT, FO_P_MASTER_NAME,
    FO_P_MASTER_REFERENCE, FO_P_FLOW_NAME, FO_P_REGION_NAME, FO_P_INITIAL_PAGE_NUMBER,
    FO_P_FORMAT, FO_P_FORCE_PAGE_COUNT, FO_P_PAGE_POSITION, FO_P_ODD_OR_EVEN,
    FO_P_BLANK_OR_NOT_BLANK, FO_P_MAXIMUM_REPEATS, FO_P_INTERNAL_DESTINATION,
    FO_P_EXTERNAL_DESTINATION, FO_P_REF_ID, FO_P_RETRIEVE_CLASS_NAME, FO_P_RETRIEVE_POSITION,
    FO_P_RETRIEVE_BOUNDARY, FO_P_MARKER_CLASS_NAME, FO_P_STARTING_STATE, FO_P_COLUMN_WIDTH,
    FO_P_NUMBER_COLUMNS_SPANNED, FO_P_NUMBER_ROWS_SPANNED, FO_P_COLUMN_NUMBER,
    FO_P_NUMBER_COLUMNS_REPEATED, FO_P_CHARACTER, FO_P_LEADER_PATTERN_WIDTH,
    FO_P_TABLE_OMIT_HEADER, FO_P_PRECEDENCE, FO_P_DISPLAY_ALIGN, FO_P_TABLE_LAYOUT,
    FO_P_BORDER_COLLAPSE,
    FO_P__MAX
};
#define FO_P_FIRST_NONINHERITED FO_P_SPACE_BEFORE

enum fo_align { FO_ALIGN_START, FO_ALIGN_CENTER, FO_ALIGN_END, FO_ALIGN_JUSTIFY,
                FO_ALIGN_RELATIVE /* text-align-last: relative */ };
enum fo_break { FO_BREAK_AUTO, FO_BREAK_PAGE, FO_BREAK_ODD, FO_BREAK_EVEN };
enum fo_leader { FO_LEADER_SPACE, FO_LEADER_DOTS, FO_LEADER_RULE };
enum fo_border { FO_BORDER_NONE, FO_BORDER_SOLID, FO_BORDER_DOTTED, FO_BORDER_DASHED };
enum fo_side { FO_TOP, FO_BOTTOM, FO_LEFT, FO_RIGHT };

#define FO_KEEP_ALWAYS 1000000 /* keep-*="always"; integers are weaker keeps */
#define FO_NO_COLOR 0xFFFFFFFFu
#define FO_AUTO (-1.0e9)      /* a length left "auto" */

/* space-before / space-after / leader-length: a length range (XSL-FO 1.1 §4.3, §7.10.5). */
struct fo_space {
    double min, opt, max;
    int retain; /* .conditionality="retain" */
};

/* The computed values of one formatting object. Lengths in points. Strings point into the
 * tree's pool, NULL when unspecified. Inherited fields come first (see FO_P_FIRST_NONINHERITED). */
struct fo_style {
    /* inherited (XSL-FO 1.1 appendix B.2) */
    const char *font_family;
    double font_size;
    int font_weight, italic, small_caps;
    double line_height, line_height_factor; /* factor > 0: line-height given as a number */
    int text_align, text_align_last;
    double text_indent, start_indent, end_indent;
    double last_line_end_indent; /* added to end_indent on a block's last line (§7.16.3) */
    uint32_t color;
    int hyphenate;
    const char *language, *country;
    int widows, orphans, keep_together;
    int linefeed_preserve, linefeed_ignore, ws_collapse, ws_preserve, wrap;
    int leader_pattern;
    struct fo_space leader_length;
    double rule_thickness;
    int rule_style;
    double pdbs, pls;
    int text_decoration; /* bit 1 underline, bit 2 line-through */
    /* not inherited */
    struct fo_space space_before, space_after;
    double padding[4], border_width[4];
    int border_style[4];
    uint32_t border_color[4];
    uint32_t background;
    int keep_with_next, keep_with_previous, break_before, break_after;
    double baseline_shift;
    double margin[4];
    const char *id;
    double width, height, page_width, page_height, extent;
    const char *master_name, *master_reference, *flow_name, *region_name;
    int initial_page_number; /* 0: auto, -1 auto-odd, -2 auto-even */
    const char *format, *force_page_count, *page_position, *odd_or_even, *blank_or_not_blank;
    int maximum_repeats; /* -1: no-limit */
    const char *internal_destination, *external_destination, *ref_id;
    const char *retrieve_class_name, *retrieve_position, *retrieve_boundary;
    const char *marker_class_name, *starting_state;
    const char *column_width; /* kept as text: proportional-column-width() needs the table */
    int columns_spanned, rows_spanned, column_number, columns_repeated;
    const char *character;
    int omit_header_at_break;
    int display_align; /* 0 before, 1 center, 2 after */
};

/* What expressions refer to (XSL-FO 1.1 §5.10): the reference area and the enclosing list. */
struct fo_context {
    double ref_width;        /* content width of the nearest reference area */
    double list_start;       /* start-indent of the nearest fo:list-block */
    double list_pdbs, list_pls;
    int in_list;
};

/* Property name → enum, or -1 if not in folio's subset. *component gets the index of a
 * .minimum/.optimum/.maximum/.conditionality suffix (0 none, 1 min, 2 opt, 3 max, 4 cond). */
int fo_prop_lookup(const char *name, int *component);
const char *fo_prop_name(int prop);

/* The initial values (XSL-FO 1.1 §7) for the root. */
void fo_style_initial(struct fo_style *s);
/* Starts a child's style: inherited fields from parent, the rest initial. */
void fo_style_inherit(struct fo_style *s, const struct fo_style *parent);
/* Applies one specified value (the attribute text) to s. parent is the parent's computed style
 * (for em, %, from-parent()). Returns 0, or -1 if the value could not be understood. */
int fo_style_set(struct fo_style *s, const struct fo_style *parent, const struct fo_context *cx,
                 int prop, int component, const char *value);

/* Evaluates an XSL expression to a length in points (numbers count as points, % of pct_base,
 * em of font_size). Returns 0, or -1 if it is not a length. proportional-column-width(n)
 * sets *proportional to n (and returns 0 with *out 0) when proportional is not NULL. */
int fo_eval_length(const char *expr, double font_size, double pct_base,
                   const struct fo_context *cx, const struct fo_style *parent, double *out,
                   double *proportional);
/* Parses a colour (#rgb, #rrggbb, a CSS name, rgb(r,g,b)); FO_NO_COLOR if none. */
uint32_t fo_parse_color(const char *value);

#endif

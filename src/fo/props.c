/* props.c — XSL-FO property names, initial values, inheritance and expression evaluation
 * (XSL-FO 1.1 §5.9 expressions, §5.3 corresponding properties, §7 property definitions).
 * Used by the layout driver to compute each formatting object's style from its parent's. */
#include "fo/props.h"

#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct prop_name {
    const char *name;
    int prop;
};

/* Names of the subset, in enum order where one name maps to one property. */
static const struct prop_name prop_names[] = {
    {"font-family", FO_P_FONT_FAMILY}, {"font-size", FO_P_FONT_SIZE},
    {"font-weight", FO_P_FONT_WEIGHT}, {"font-style", FO_P_FONT_STYLE},
    {"font-variant", FO_P_FONT_VARIANT}, {"line-height", FO_P_LINE_HEIGHT},
    {"text-align", FO_P_TEXT_ALIGN}, {"text-align-last", FO_P_TEXT_ALIGN_LAST},
    {"text-indent", FO_P_TEXT_INDENT}, {"start-indent", FO_P_START_INDENT},
    {"end-indent", FO_P_END_INDENT}, {"last-line-end-indent", FO_P_LAST_LINE_END_INDENT},
    {"color", FO_P_COLOR}, {"hyphenate", FO_P_HYPHENATE},
    {"language", FO_P_LANGUAGE}, {"country", FO_P_COUNTRY}, {"xml:lang", FO_P_XML_LANG},
    {"widows", FO_P_WIDOWS}, {"orphans", FO_P_ORPHANS}, {"keep-together", FO_P_KEEP_TOGETHER},
    {"linefeed-treatment", FO_P_LINEFEED_TREATMENT},
    {"white-space-collapse", FO_P_WHITE_SPACE_COLLAPSE},
    {"white-space-treatment", FO_P_WHITE_SPACE_TREATMENT}, {"wrap-option", FO_P_WRAP_OPTION},
    {"leader-pattern", FO_P_LEADER_PATTERN}, {"leader-length", FO_P_LEADER_LENGTH},
    {"rule-thickness", FO_P_RULE_THICKNESS}, {"rule-style", FO_P_RULE_STYLE},
    {"provisional-distance-between-starts", FO_P_PDBS},
    {"provisional-label-separation", FO_P_PLS}, {"text-decoration", FO_P_TEXT_DECORATION},
    {"space-before", FO_P_SPACE_BEFORE}, {"space-after", FO_P_SPACE_AFTER},
    {"margin-top", FO_P_MARGIN_TOP}, {"margin-bottom", FO_P_MARGIN_BOTTOM},
    {"margin-left", FO_P_MARGIN_LEFT}, {"margin-right", FO_P_MARGIN_RIGHT},
    {"padding-top", FO_P_PADDING_TOP}, {"padding-bottom", FO_P_PADDING_BOTTOM},
    {"padding-left", FO_P_PADDING_LEFT}, {"padding-right", FO_P_PADDING_RIGHT},
    {"padding-before", FO_P_PADDING_TOP}, {"padding-after", FO_P_PADDING_BOTTOM},
    {"padding-start", FO_P_PADDING_LEFT}, {"padding-end", FO_P_PADDING_RIGHT},
    {"border-top-width", FO_P_BORDER_TOP_WIDTH}, {"border-bottom-width", FO_P_BORDER_BOTTOM_WIDTH},
    {"border-left-width", FO_P_BORDER_LEFT_WIDTH}, {"border-right-width", FO_P_BORDER_RIGHT_WIDTH},
    {"border-before-width", FO_P_BORDER_TOP_WIDTH}, {"border-after-width", FO_P_BORDER_BOTTOM_WIDTH},
    {"border-start-width", FO_P_BORDER_LEFT_WIDTH}, {"border-end-width", FO_P_BORDER_RIGHT_WIDTH},
    {"border-top-style", FO_P_BORDER_TOP_STYLE}, {"border-bottom-style", FO_P_BORDER_BOTTOM_STYLE},
    {"border-left-style", FO_P_BORDER_LEFT_STYLE}, {"border-right-style", FO_P_BORDER_RIGHT_STYLE},
    {"border-before-style", FO_P_BORDER_TOP_STYLE}, {"border-after-style", FO_P_BORDER_BOTTOM_STYLE},
    {"border-start-style", FO_P_BORDER_LEFT_STYLE}, {"border-end-style", FO_P_BORDER_RIGHT_STYLE},
    {"border-top-color", FO_P_BORDER_TOP_COLOR}, {"border-bottom-color", FO_P_BORDER_BOTTOM_COLOR},
    {"border-left-color", FO_P_BORDER_LEFT_COLOR}, {"border-right-color", FO_P_BORDER_RIGHT_COLOR},
    {"border-before-color", FO_P_BORDER_TOP_COLOR}, {"border-after-color", FO_P_BORDER_BOTTOM_COLOR},
    {"border-start-color", FO_P_BORDER_LEFT_COLOR}, {"border-end-color", FO_P_BORDER_RIGHT_COLOR},
    {"background-color", FO_P_BACKGROUND_COLOR}, {"keep-with-next", FO_P_KEEP_WITH_NEXT},
    {"keep-with-previous", FO_P_KEEP_WITH_PREVIOUS}, {"break-before", FO_P_BREAK_BEFORE},
    {"break-after", FO_P_BREAK_AFTER}, {"baseline-shift", FO_P_BASELINE_SHIFT},
    {"vertical-align", FO_P_VERTICAL_ALIGN}, {"id", FO_P_ID}, {"width", FO_P_WIDTH},
    {"height", FO_P_HEIGHT}, {"page-width", FO_P_PAGE_WIDTH}, {"page-height", FO_P_PAGE_HEIGHT},
    {"extent", FO_P_EXTENT}, {"master-name", FO_P_MASTER_NAME},
    {"master-reference", FO_P_MASTER_REFERENCE}, {"flow-name", FO_P_FLOW_NAME},
    {"region-name", FO_P_REGION_NAME}, {"initial-page-number", FO_P_INITIAL_PAGE_NUMBER},
    {"format", FO_P_FORMAT}, {"force-page-count", FO_P_FORCE_PAGE_COUNT},
    {"page-position", FO_P_PAGE_POSITION}, {"odd-or-even", FO_P_ODD_OR_EVEN},
    {"blank-or-not-blank", FO_P_BLANK_OR_NOT_BLANK}, {"maximum-repeats", FO_P_MAXIMUM_REPEATS},
    {"internal-destination", FO_P_INTERNAL_DESTINATION},
    {"external-destination", FO_P_EXTERNAL_DESTINATION}, {"ref-id", FO_P_REF_ID},
    {"retrieve-class-name", FO_P_RETRIEVE_CLASS_NAME},
    {"retrieve-position", FO_P_RETRIEVE_POSITION},
    {"retrieve-boundary", FO_P_RETRIEVE_BOUNDARY}, {"marker-class-name", FO_P_MARKER_CLASS_NAME},
    {"starting-state", FO_P_STARTING_STATE}, {"column-width", FO_P_COLUMN_WIDTH},
    {"number-columns-spanned", FO_P_NUMBER_COLUMNS_SPANNED},
    {"number-rows-spanned", FO_P_NUMBER_ROWS_SPANNED}, {"column-number", FO_P_COLUMN_NUMBER},
    {"number-columns-repeated", FO_P_NUMBER_COLUMNS_REPEATED}, {"character", FO_P_CHARACTER},
    {"leader-pattern-width", FO_P_LEADER_PATTERN_WIDTH},
    {"table-omit-header-at-break", FO_P_TABLE_OMIT_HEADER}, {"precedence", FO_P_PRECEDENCE},
    {"display-align", FO_P_DISPLAY_ALIGN}, {"table-layout", FO_P_TABLE_LAYOUT},
    {"border-collapse", FO_P_BORDER_COLLAPSE},
};

int fo_prop_lookup(const char *name, int *component)
{
    static const char *const comps[] = {".minimum", ".optimum", ".maximum", ".conditionality",
                                        ".within-page", ".within-column", ".within-line",
                                        ".precedence", ".length", ".width", ".style", ".color"};
    char base[64];
    size_t n = strlen(name);
    *component = 0;
    const char *dot = strchr(name, '.');
    if (dot) {
        for (size_t i = 0; i < sizeof comps / sizeof *comps; i++)
            if (!strcmp(dot, comps[i]))
                *component = (int)i + 1;
        if (!*component)
            return -1;
        n = (size_t)(dot - name);
    }
    if (n >= sizeof base)
        return -1;
    memcpy(base, name, n);
    base[n] = '\0';
    for (size_t i = 0; i < sizeof prop_names / sizeof *prop_names; i++)
        if (prop_names[i].name[0] == base[0] && !strcmp(prop_names[i].name, base))
            return prop_names[i].prop;
    return -1;
}

const char *fo_prop_name(int prop)
{
    for (size_t i = 0; i < sizeof prop_names / sizeof *prop_names; i++)
        if (prop_names[i].prop == prop)
            return prop_names[i].name;
    return "?";
}

/* Initial values, XSL-FO 1.1 §7 (font-size medium = 12pt, line-height normal = 1.2). */
void fo_style_initial(struct fo_style *s)
{
    memset(s, 0, sizeof *s);
    s->font_family = "serif";
    s->font_size = 12;
    s->font_weight = 400;
    s->line_height_factor = 1.2;
    s->line_height = 14.4;
    s->text_align = FO_ALIGN_START;
    s->text_align_last = FO_ALIGN_RELATIVE;
    s->color = 0;
    s->widows = s->orphans = 2;
    s->ws_collapse = 1;
    s->wrap = 1;
    s->leader_pattern = FO_LEADER_SPACE;
    s->leader_length = (struct fo_space){0, 12, 1e6, 0};
    s->rule_thickness = 1;
    s->rule_style = FO_BORDER_SOLID;
    s->pdbs = 24;
    s->pls = 6;
    s->background = FO_NO_COLOR;
    for (int i = 0; i < 4; i++)
        s->border_color[i] = 0;
    s->width = s->height = FO_AUTO;
    s->page_width = 595.2756;
    s->page_height = 841.8898;
    s->maximum_repeats = -1;
    s->columns_spanned = s->rows_spanned = s->columns_repeated = 1;
}

/* XSL-FO 1.1 §5.1.4: inherited properties take the parent's computed value. */
void fo_style_inherit(struct fo_style *s, const struct fo_style *parent)
{
    fo_style_initial(s);
    memcpy(s, parent, offsetof(struct fo_style, space_before));
    if (parent->line_height_factor > 0)
        s->line_height = parent->line_height_factor * s->font_size;
}

/* ---- expressions (XSL-FO 1.1 §5.9) ---- */

struct expr {
    const char *p;
    double font_size, pct_base;
    const struct fo_context *cx;
    const struct fo_style *parent;
    double *proportional;
    int depth, error;
};

static void skip_ws(struct expr *e)
{
    while (*e->p && isspace((unsigned char)*e->p))
        e->p++;
}

static double eval_add(struct expr *e);

static double unit_factor(struct expr *e, const char *u, size_t n)
{
    static const struct {
        const char *name;
        double pt;
    } units[] = {{"pt", 1}, {"mm", 72 / 25.4}, {"cm", 72 / 2.54}, {"in", 72},
                 {"pc", 12}, {"px", 0.75}};
    if (n == 2 && !strncmp(u, "em", 2))
        return e->font_size;
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (n == 2 && !strncmp(u, units[i].name, 2))
            return units[i].pt;
    e->error = 1;
    return 0;
}

static double parent_value(struct expr *e, const char *name)
{
    const struct fo_style *p = e->parent;
    if (!p)
        return 0;
    if (!strcmp(name, "font-size"))
        return p->font_size;
    if (!strcmp(name, "start-indent") || !strcmp(name, "margin-left"))
        return p->start_indent;
    if (!strcmp(name, "end-indent") || !strcmp(name, "margin-right"))
        return p->end_indent;
    if (!strcmp(name, "last-line-end-indent"))
        return p->last_line_end_indent;
    if (!strcmp(name, "line-height"))
        return p->line_height;
    if (!strcmp(name, "text-indent"))
        return p->text_indent;
    return 0;
}

/* A function call (XSL-FO 1.1 §5.10); e->p is after the opening parenthesis. */
static double eval_call(struct expr *e, const char *name, size_t n)
{
    double args[4] = {0, 0, 0, 0};
    char argname[64] = "";
    int nargs = 0;
    skip_ws(e);
    while (*e->p && *e->p != ')') {
        if (isalpha((unsigned char)*e->p)) {
            size_t k = 0;
            while ((isalnum((unsigned char)*e->p) || *e->p == '-') && k + 1 < sizeof argname)
                argname[k++] = *e->p++;
            argname[k] = '\0';
        } else if (nargs < 4) {
            args[nargs++] = eval_add(e);
        } else {
            eval_add(e);
        }
        skip_ws(e);
        if (*e->p == ',')
            e->p++;
        else if (*e->p != ')')
            break;
        skip_ws(e);
    }
    if (*e->p != ')') {
        e->error = 1;
        return 0;
    }
    e->p++;
#define IS(s) (n == sizeof(s) - 1 && !strncmp(name, s, n))
    const struct fo_context *cx = e->cx;
    if (IS("body-start"))
        return cx ? cx->list_start + cx->list_pdbs : 0;
    if (IS("label-end"))
        return cx ? cx->ref_width - (cx->list_start + cx->list_pdbs - cx->list_pls) : 0;
    if (IS("proportional-column-width")) {
        if (e->proportional)
            *e->proportional += args[0];
        return 0;
    }
    if (IS("from-parent") || IS("inherited-property-value") ||
        IS("from-nearest-specified-value") || IS("from-table-column"))
        return parent_value(e, argname);
    if (IS("abs"))
        return fabs(args[0]);
    if (IS("min"))
        return args[0] < args[1] ? args[0] : args[1];
    if (IS("max"))
        return args[0] > args[1] ? args[0] : args[1];
    if (IS("floor"))
        return floor(args[0]);
    if (IS("ceiling"))
        return ceil(args[0]);
    if (IS("round"))
        return floor(args[0] + 0.5);
#undef IS
    e->error = 1;
    return 0;
}

static double eval_primary(struct expr *e)
{
    skip_ws(e);
    if (++e->depth > 32) {
        e->error = 1;
        return 0;
    }
    double v = 0;
    if (*e->p == '(') {
        e->p++;
        v = eval_add(e);
        skip_ws(e);
        if (*e->p == ')')
            e->p++;
        else
            e->error = 1;
    } else if (*e->p == '-') {
        e->p++;
        v = -eval_primary(e);
    } else if (*e->p == '+') {
        e->p++;
        v = eval_primary(e);
    } else if (isdigit((unsigned char)*e->p) || *e->p == '.') {
        char *end;
        v = strtod(e->p, &end);
        e->p = end;
        if (*e->p == '%') {
            e->p++;
            v = v * e->pct_base / 100;
        } else if (isalpha((unsigned char)*e->p)) {
            const char *u = e->p;
            while (isalpha((unsigned char)*e->p))
                e->p++;
            v *= unit_factor(e, u, (size_t)(e->p - u));
        }
    } else if (isalpha((unsigned char)*e->p)) {
        const char *name = e->p;
        while (isalnum((unsigned char)*e->p) || *e->p == '-')
            e->p++;
        size_t n = (size_t)(e->p - name);
        skip_ws(e);
        if (*e->p == '(') {
            e->p++;
            v = eval_call(e, name, n);
        } else {
            e->error = 1;
        }
    } else {
        e->error = 1;
    }
    e->depth--;
    return v;
}

static double eval_mul(struct expr *e)
{
    double v = eval_primary(e);
    for (;;) {
        skip_ws(e);
        if (*e->p == '*') {
            e->p++;
            v *= eval_primary(e);
        } else if (!strncmp(e->p, "div", 3) && !isalnum((unsigned char)e->p[3])) {
            e->p += 3;
            double d = eval_primary(e);
            v = d != 0 ? v / d : 0;
        } else if (!strncmp(e->p, "mod", 3) && !isalnum((unsigned char)e->p[3])) {
            e->p += 3;
            double d = eval_primary(e);
            v = d != 0 ? fmod(v, d) : 0;
        } else {
            return v;
        }
    }
}

static double eval_add(struct expr *e)
{
    double v = eval_mul(e);
    for (;;) {
        skip_ws(e);
        if (*e->p == '+') {
            e->p++;
            v += eval_mul(e);
        } else if (*e->p == '-') {
            e->p++;
            v -= eval_mul(e);
        } else {
            return v;
        }
    }
}

int fo_eval_length(const char *expr, double font_size, double pct_base,
                   const struct fo_context *cx, const struct fo_style *parent, double *out,
                   double *proportional)
{
    struct expr e = {expr, font_size, pct_base, cx, parent, proportional, 0, 0};
    double v = eval_add(&e);
    skip_ws(&e);
    if (e.error || *e.p) {
        *out = 0;
        return -1;
    }
    *out = v;
    return 0;
}

/* ---- colours ---- */

uint32_t fo_parse_color(const char *v)
{
    static const struct {
        const char *name;
        uint32_t rgb;
    } names[] = {{"black", 0}, {"white", 0xFFFFFF}, {"red", 0xFF0000}, {"green", 0x008000},
                 {"blue", 0x0000FF}, {"gray", 0x808080}, {"grey", 0x808080},
                 {"silver", 0xC0C0C0}, {"maroon", 0x800000}, {"purple", 0x800080},
                 {"fuchsia", 0xFF00FF}, {"lime", 0x00FF00}, {"olive", 0x808000},
                 {"yellow", 0xFFFF00}, {"navy", 0x000080}, {"teal", 0x008080},
                 {"aqua", 0x00FFFF}, {"orange", 0xFFA500}};
    while (isspace((unsigned char)*v))
        v++;
    if (*v == '#') {
        unsigned long x = strtoul(v + 1, NULL, 16);
        if (strlen(v + 1) == 3)
            return (uint32_t)(((x >> 8) & 0xF) * 0x110000 + ((x >> 4) & 0xF) * 0x1100 +
                              (x & 0xF) * 0x11);
        return (uint32_t)(x & 0xFFFFFF);
    }
    if (!strncmp(v, "rgb(", 4)) {
        int r = 0, g = 0, b = 0;
        if (sscanf(v + 4, "%d , %d , %d", &r, &g, &b) == 3)
            return (uint32_t)(((r & 255) << 16) | ((g & 255) << 8) | (b & 255));
        return FO_NO_COLOR;
    }
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcasecmp(v, names[i].name))
            return names[i].rgb;
    return FO_NO_COLOR;
}

/* ---- setting one property ---- */

static int keyword(const char *v, const char *const *words, int n)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(v, words[i]))
            return i;
    return -1;
}

static int set_length(double *dst, const char *v, double font_size, double pct_base,
                      const struct fo_context *cx, const struct fo_style *parent)
{
    double x;
    if (fo_eval_length(v, font_size, pct_base, cx, parent, &x, NULL))
        return -1;
    *dst = x;
    return 0;
}

/* A length range component (XSL-FO 1.1 §4.3 space-specifier). */
static int set_space(struct fo_space *sp, int component, const char *v, double font_size,
                     double pct_base, const struct fo_context *cx, const struct fo_style *parent)
{
    if (component == 4) {
        sp->retain = !strcmp(v, "retain");
        return 0;
    }
    if (component == 8) /* .precedence: force is treated as normal */
        return 0;
    double x;
    if (fo_eval_length(v, font_size, pct_base, cx, parent, &x, NULL))
        return -1;
    if (component == 0) {
        sp->min = sp->opt = sp->max = x;
    } else if (component == 1) {
        sp->min = x;
    } else if (component == 2) {
        sp->opt = x;
        if (sp->min > x)
            sp->min = x;
        if (sp->max < x)
            sp->max = x;
    } else if (component == 3) {
        sp->max = x;
    }
    return 0;
}

/* keep-* values: auto, always, or an integer strength (XSL-FO 1.1 §7.20). */
static int parse_keep(const char *v)
{
    if (!strcmp(v, "always"))
        return FO_KEEP_ALWAYS;
    if (!strcmp(v, "auto"))
        return 0;
    int k = atoi(v);
    return k > 0 ? k : 0;
}

static int parse_break(const char *v)
{
    static const char *const w[] = {"auto", "page", "odd-page", "even-page", "column"};
    int k = keyword(v, w, 5);
    return k == 4 ? FO_BREAK_PAGE : k < 0 ? FO_BREAK_AUTO : k;
}

static int parse_align(const char *v)
{
    static const char *const w[] = {"start", "center", "end", "justify", "relative",
                                    "left", "right", "inside", "outside"};
    int k = keyword(v, w, 9);
    if (k == 5 || k == 7)
        return FO_ALIGN_START;
    if (k == 6 || k == 8)
        return FO_ALIGN_END;
    return k;
}

static int border_style(const char *v)
{
    static const char *const w[] = {"none", "solid", "dotted", "dashed", "hidden", "double",
                                    "groove", "ridge", "inset", "outset"};
    int k = keyword(v, w, 10);
    if (k == 4)
        return FO_BORDER_NONE;
    return k > 4 ? FO_BORDER_SOLID : k;
}

static int set_font_size(struct fo_style *s, const struct fo_style *parent,
                         const struct fo_context *cx, const char *v)
{
    static const char *const w[] = {"xx-small", "x-small", "small", "medium",
                                    "large", "x-large", "xx-large"};
    static const double sizes[] = {7, 8, 10, 12, 14.4, 17.28, 20.7};
    double pfs = parent ? parent->font_size : 12;
    int k = keyword(v, w, 7);
    if (k >= 0)
        s->font_size = sizes[k];
    else if (!strcmp(v, "smaller"))
        s->font_size = pfs / 1.2;
    else if (!strcmp(v, "larger"))
        s->font_size = pfs * 1.2;
    else if (set_length(&s->font_size, v, pfs, pfs, cx, parent))
        return -1;
    if (!(s->font_size >= 0.1)) /* also NaN */
        s->font_size = 0.1;
    if (s->font_size > 10000)
        s->font_size = 10000;
    if (s->line_height_factor > 0)
        s->line_height = s->line_height_factor * s->font_size;
    return 0;
}

/* line-height: normal, a number (inherited as a number), a length or % (XSL-FO 1.1 §7.15.4). */
static int set_line_height(struct fo_style *s, const struct fo_style *parent,
                           const struct fo_context *cx, const char *v)
{
    if (!strcmp(v, "normal")) {
        s->line_height_factor = 1.2;
        s->line_height = 1.2 * s->font_size;
        return 0;
    }
    char *end;
    double x = strtod(v, &end);
    while (*end == ' ')
        end++;
    if (end != v && !*end) {
        s->line_height_factor = x;
        s->line_height = x * s->font_size;
        return 0;
    }
    s->line_height_factor = 0;
    int r = set_length(&s->line_height, v, s->font_size, s->font_size, cx, parent);
    if (!(s->line_height >= 0)) /* negative or NaN */
        s->line_height = 0;
    if (s->line_height > 10000)
        s->line_height = 10000;
    return r;
}

static int set_weight(struct fo_style *s, const struct fo_style *parent, const char *v)
{
    int pw = parent ? parent->font_weight : 400;
    if (!strcmp(v, "bold"))
        s->font_weight = 700;
    else if (!strcmp(v, "normal"))
        s->font_weight = 400;
    else if (!strcmp(v, "bolder"))
        s->font_weight = pw + 300 > 900 ? 900 : pw + 300;
    else if (!strcmp(v, "lighter"))
        s->font_weight = pw - 300 < 100 ? 100 : pw - 300;
    else if (atoi(v) >= 100)
        s->font_weight = atoi(v);
    else
        return -1;
    return 0;
}

static int set_baseline_shift(struct fo_style *s, const struct fo_context *cx,
                              const struct fo_style *parent, const char *v)
{
    if (!strcmp(v, "baseline"))
        s->baseline_shift = 0;
    else if (!strcmp(v, "super"))
        s->baseline_shift = 0.33 * (parent ? parent->font_size : s->font_size);
    else if (!strcmp(v, "sub"))
        s->baseline_shift = -0.2 * (parent ? parent->font_size : s->font_size);
    else
        return set_length(&s->baseline_shift, v, s->font_size, s->line_height, cx, parent);
    return 0;
}

static const char *lang_of(const char *v)
{
    return (!strcmp(v, "none") || !*v) ? NULL : v;
}

static int set_inherited(struct fo_style *s, const struct fo_style *parent,
                         const struct fo_context *cx, int prop, int component, const char *v)
{
    double pfs = parent ? parent->font_size : 12, w = cx ? cx->ref_width : 0;
    switch (prop) {
    case FO_P_FONT_FAMILY: s->font_family = v; return 0;
    case FO_P_FONT_SIZE: return set_font_size(s, parent, cx, v);
    case FO_P_FONT_WEIGHT: return set_weight(s, parent, v);
    case FO_P_FONT_STYLE: s->italic = !strcmp(v, "italic") || !strcmp(v, "oblique"); return 0;
    case FO_P_FONT_VARIANT: s->small_caps = !strcmp(v, "small-caps"); return 0;
    case FO_P_LINE_HEIGHT: return set_line_height(s, parent, cx, v);
    case FO_P_TEXT_ALIGN: return (s->text_align = parse_align(v)) < 0 ? (s->text_align = 0, -1) : 0;
    case FO_P_TEXT_ALIGN_LAST:
        return (s->text_align_last = parse_align(v)) < 0 ? (s->text_align_last = 4, -1) : 0;
    case FO_P_TEXT_INDENT: return set_length(&s->text_indent, v, s->font_size, w, cx, parent);
    case FO_P_START_INDENT: return set_length(&s->start_indent, v, s->font_size, w, cx, parent);
    case FO_P_END_INDENT: return set_length(&s->end_indent, v, s->font_size, w, cx, parent);
    case FO_P_LAST_LINE_END_INDENT: /* XSL-FO 1.1 §7.16.3: inherited, may be negative */
        return set_length(&s->last_line_end_indent, v, s->font_size, w, cx, parent);
    case FO_P_COLOR: {
        uint32_t c = fo_parse_color(v);
        s->color = c == FO_NO_COLOR ? 0 : c;
        return c == FO_NO_COLOR ? -1 : 0;
    }
    case FO_P_HYPHENATE: s->hyphenate = !strcmp(v, "true"); return 0;
    case FO_P_LANGUAGE: s->language = lang_of(v); return 0;
    case FO_P_XML_LANG: s->language = lang_of(v); return 0;
    case FO_P_COUNTRY: s->country = lang_of(v); return 0;
    case FO_P_WIDOWS: s->widows = atoi(v) > 0 ? atoi(v) : 1; return 0;
    case FO_P_ORPHANS: s->orphans = atoi(v) > 0 ? atoi(v) : 1; return 0;
    case FO_P_KEEP_TOGETHER:
        if (component == 0 || component == 5 || component == 6)
            s->keep_together = parse_keep(v);
        return 0;
    case FO_P_LINEFEED_TREATMENT:
        s->linefeed_preserve = !strcmp(v, "preserve");
        s->linefeed_ignore = !strcmp(v, "ignore");
        return 0;
    case FO_P_WHITE_SPACE_COLLAPSE: s->ws_collapse = strcmp(v, "false") != 0; return 0;
    case FO_P_WHITE_SPACE_TREATMENT: s->ws_preserve = !strcmp(v, "preserve"); return 0;
    case FO_P_WRAP_OPTION: s->wrap = strcmp(v, "no-wrap") != 0; return 0;
    case FO_P_LEADER_PATTERN: {
        static const char *const lw[] = {"space", "dots", "rule", "use-content"};
        int k = keyword(v, lw, 4);
        s->leader_pattern = k == 3 ? FO_LEADER_DOTS : k < 0 ? 0 : k;
        return k < 0 ? -1 : 0;
    }
    case FO_P_LEADER_LENGTH:
        return set_space(&s->leader_length, component, v, s->font_size, w, cx, parent);
    case FO_P_RULE_THICKNESS: return set_length(&s->rule_thickness, v, s->font_size, 0, cx, parent);
    case FO_P_RULE_STYLE: s->rule_style = border_style(v) < 0 ? 1 : border_style(v); return 0;
    case FO_P_PDBS: return set_length(&s->pdbs, v, s->font_size, w, cx, parent);
    case FO_P_PLS: return set_length(&s->pls, v, s->font_size, w, cx, parent);
    case FO_P_TEXT_DECORATION:
        s->text_decoration = (strstr(v, "underline") && !strstr(v, "no-underline") ? 1 : 0) |
                             (strstr(v, "line-through") && !strstr(v, "no-line") ? 2 : 0);
        return 0;
    default: (void)pfs; return 1; /* not an inherited property */
    }
}

static int set_border_part(struct fo_style *s, int side, int what, const char *v,
                           const struct fo_context *cx, const struct fo_style *parent)
{
    if (what == 0) {
        static const char *const w[] = {"thin", "medium", "thick"};
        static const double px[] = {0.5, 1, 2};
        int k = keyword(v, w, 3);
        if (k >= 0) {
            s->border_width[side] = px[k];
            return 0;
        }
        return set_length(&s->border_width[side], v, s->font_size, 0, cx, parent);
    }
    if (what == 1) {
        int k = border_style(v);
        s->border_style[side] = k < 0 ? FO_BORDER_SOLID : k;
        return k < 0 ? -1 : 0;
    }
    uint32_t c = fo_parse_color(v);
    s->border_color[side] = c == FO_NO_COLOR ? 0 : c;
    return 0;
}

static int set_other(struct fo_style *s, const struct fo_style *parent,
                     const struct fo_context *cx, int prop, int component, const char *v)
{
    double fs = s->font_size, w = cx ? cx->ref_width : 0;
    switch (prop) {
    case FO_P_SPACE_BEFORE: return set_space(&s->space_before, component, v, fs, w, cx, parent);
    case FO_P_SPACE_AFTER: return set_space(&s->space_after, component, v, fs, w, cx, parent);
    case FO_P_MARGIN_TOP: case FO_P_MARGIN_BOTTOM: case FO_P_MARGIN_LEFT: case FO_P_MARGIN_RIGHT:
        if (!strcmp(v, "auto"))
            return 0;
        return set_length(&s->margin[prop - FO_P_MARGIN_TOP], v, fs, w, cx, parent);
    case FO_P_PADDING_TOP: case FO_P_PADDING_BOTTOM: case FO_P_PADDING_LEFT:
    case FO_P_PADDING_RIGHT:
        if (component == 4)
            return 0;
        return set_length(&s->padding[prop - FO_P_PADDING_TOP], v, fs, w, cx, parent);
    case FO_P_BORDER_TOP_WIDTH: case FO_P_BORDER_BOTTOM_WIDTH: case FO_P_BORDER_LEFT_WIDTH:
    case FO_P_BORDER_RIGHT_WIDTH:
        if (component == 4)
            return 0;
        return set_border_part(s, prop - FO_P_BORDER_TOP_WIDTH, 0, v, cx, parent);
    case FO_P_BORDER_TOP_STYLE: case FO_P_BORDER_BOTTOM_STYLE: case FO_P_BORDER_LEFT_STYLE:
    case FO_P_BORDER_RIGHT_STYLE:
        return set_border_part(s, prop - FO_P_BORDER_TOP_STYLE, 1, v, cx, parent);
    case FO_P_BORDER_TOP_COLOR: case FO_P_BORDER_BOTTOM_COLOR: case FO_P_BORDER_LEFT_COLOR:
    case FO_P_BORDER_RIGHT_COLOR:
        return set_border_part(s, prop - FO_P_BORDER_TOP_COLOR, 2, v, cx, parent);
    case FO_P_BACKGROUND_COLOR: s->background = fo_parse_color(v); return 0;
    case FO_P_KEEP_WITH_NEXT:
        if (component == 0 || component == 5 || component == 6)
            s->keep_with_next = parse_keep(v);
        return 0;
    case FO_P_KEEP_WITH_PREVIOUS:
        if (component == 0 || component == 5 || component == 6)
            s->keep_with_previous = parse_keep(v);
        return 0;
    case FO_P_BREAK_BEFORE: s->break_before = parse_break(v); return 0;
    case FO_P_BREAK_AFTER: s->break_after = parse_break(v); return 0;
    case FO_P_BASELINE_SHIFT: return set_baseline_shift(s, cx, parent, v);
    case FO_P_VERTICAL_ALIGN:
        if (!strcmp(v, "super") || !strcmp(v, "sub"))
            return set_baseline_shift(s, cx, parent, v);
        return 0;
    case FO_P_ID: s->id = v; return 0;
    case FO_P_WIDTH: case FO_P_HEIGHT: {
        double *dst = prop == FO_P_WIDTH ? &s->width : &s->height;
        if (!strcmp(v, "auto")) {
            *dst = FO_AUTO;
            return 0;
        }
        /* % of the containing block: the parent's content width (XSL-FO 1.1 §5.3.1) */
        if (parent && prop == FO_P_WIDTH)
            w -= parent->start_indent + parent->end_indent;
        return set_length(dst, v, fs, w, cx, parent);
    }
    case FO_P_PAGE_WIDTH: return strcmp(v, "auto") ? set_length(&s->page_width, v, fs, 0, cx, parent) : 0;
    case FO_P_PAGE_HEIGHT: return strcmp(v, "auto") ? set_length(&s->page_height, v, fs, 0, cx, parent) : 0;
    case FO_P_EXTENT: return set_length(&s->extent, v, fs, 0, cx, parent);
    case FO_P_MASTER_NAME: s->master_name = v; return 0;
    case FO_P_MASTER_REFERENCE: s->master_reference = v; return 0;
    case FO_P_FLOW_NAME: s->flow_name = v; return 0;
    case FO_P_REGION_NAME: s->region_name = v; return 0;
    case FO_P_INITIAL_PAGE_NUMBER:
        s->initial_page_number = !strcmp(v, "auto-odd") ? -1 : !strcmp(v, "auto-even") ? -2
                                                                                        : atoi(v);
        return 0;
    case FO_P_FORMAT: s->format = v; return 0;
    case FO_P_FORCE_PAGE_COUNT: s->force_page_count = v; return 0;
    case FO_P_PAGE_POSITION: s->page_position = v; return 0;
    case FO_P_ODD_OR_EVEN: s->odd_or_even = v; return 0;
    case FO_P_BLANK_OR_NOT_BLANK: s->blank_or_not_blank = v; return 0;
    case FO_P_MAXIMUM_REPEATS: s->maximum_repeats = !strcmp(v, "no-limit") ? -1 : atoi(v); return 0;
    case FO_P_INTERNAL_DESTINATION: s->internal_destination = v; return 0;
    case FO_P_EXTERNAL_DESTINATION: s->external_destination = v; return 0;
    case FO_P_REF_ID: s->ref_id = v; return 0;
    case FO_P_RETRIEVE_CLASS_NAME: s->retrieve_class_name = v; return 0;
    case FO_P_RETRIEVE_POSITION: s->retrieve_position = v; return 0;
    case FO_P_RETRIEVE_BOUNDARY: s->retrieve_boundary = v; return 0;
    case FO_P_MARKER_CLASS_NAME: s->marker_class_name = v; return 0;
    case FO_P_STARTING_STATE: s->starting_state = v; return 0;
    case FO_P_COLUMN_WIDTH: s->column_width = v; return 0;
    case FO_P_NUMBER_COLUMNS_SPANNED: s->columns_spanned = atoi(v) > 0 ? atoi(v) : 1; return 0;
    case FO_P_NUMBER_ROWS_SPANNED: s->rows_spanned = atoi(v) > 0 ? atoi(v) : 1; return 0;
    case FO_P_COLUMN_NUMBER: s->column_number = atoi(v); return 0;
    case FO_P_NUMBER_COLUMNS_REPEATED: s->columns_repeated = atoi(v) > 0 ? atoi(v) : 1; return 0;
    case FO_P_CHARACTER: s->character = v; return 0;
    case FO_P_TABLE_OMIT_HEADER: s->omit_header_at_break = !strcmp(v, "true"); return 0;
    case FO_P_DISPLAY_ALIGN:
        s->display_align = !strcmp(v, "center") ? 1 : !strcmp(v, "after") ? 2 : 0;
        return 0;
    case FO_P_LEADER_PATTERN_WIDTH: case FO_P_PRECEDENCE: case FO_P_TABLE_LAYOUT:
    case FO_P_BORDER_COLLAPSE:
        return 0;
    default: return -1;
    }
}

int fo_style_set(struct fo_style *s, const struct fo_style *parent, const struct fo_context *cx,
                 int prop, int component, const char *value)
{
    while (*value == ' ' || *value == '\t' || *value == '\n')
        value++;
    if (!strcmp(value, "inherit")) {
        if (!parent)
            return 0;
        if (prop < FO_P_FIRST_NONINHERITED) /* already inherited */
            return 0;
        if (prop == FO_P_SPACE_BEFORE)
            s->space_before = parent->space_before;
        else if (prop == FO_P_SPACE_AFTER)
            s->space_after = parent->space_after;
        return 0;
    }
    int r = set_inherited(s, parent, cx, prop, component, value);
    if (r != 1)
        return r;
    return set_other(s, parent, cx, prop, component, value);
}

/* buf.h — the one growable UTF-8 string buffer shared by all modules.
 * Grows geometrically; on allocation failure folio aborts (see buf_oom), so callers never
 * check appends. Owner: whoever called buf_init; buf_free or buf_detach releases it. */
#ifndef FOLIO_BUF_H
#define FOLIO_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
    char *data; /* always NUL-terminated when size > 0 */
    size_t len;
    size_t size;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_grow(struct buf *b, size_t extra);
void buf_put(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_truncate(struct buf *b, size_t len);
/* Returns the contents (never NULL) and leaves b empty; the caller frees with free(). */
char *buf_detach(struct buf *b);
/* Out-of-memory policy for all of folio: print and abort. */
_Noreturn void buf_oom(void);
/* malloc/realloc that never return NULL (they call buf_oom). */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
void *xcalloc(size_t n, size_t size);
char *xstrdup(const char *s);

#endif

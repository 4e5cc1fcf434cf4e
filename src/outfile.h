/* outfile.h — nothing half-written: every artifact is written to a temporary file in the
 * directory of its final path, then renamed over it. A SIGINT/SIGTERM while writing removes
 * the temporary file, so the previous artifact stays as it was. */
#ifndef FOLIO_OUTFILE_H
#define FOLIO_OUTFILE_H

#include <stddef.h>

#include "diag.h"

/* Installs the SIGINT/SIGTERM handlers that unlink a temporary file being written. Once, in main. */
void out_install_signal_cleanup(void);
/* Writes len bytes to path atomically. Returns 0, or -1 after reporting to d. */
int out_write_file(const char *path, const void *data, size_t len, struct diag *d);
/* Creates dir (and parents) if missing. Returns 0, or -1 after reporting to d. */
int out_make_dir(const char *dir, struct diag *d);
/* Reads a whole file into a NUL-terminated malloc'd block (*len without the NUL); caller frees.
 * Returns NULL after reporting to d. */
char *out_read_file(const char *path, size_t *len, struct diag *d);

#endif

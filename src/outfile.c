/* outfile.c — atomic artifact writes (temp file + rename) and whole-file reads. */
#include "outfile.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

/* The temporary file being written, for the signal handler: the one global folio keeps. */
static char pending_tmp[4096];
static volatile sig_atomic_t pending_set;

static void on_signal(int sig)
{
    if (pending_set)
        unlink(pending_tmp);
    signal(sig, SIG_DFL);
    raise(sig);
}

void out_install_signal_cleanup(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* mkstemp makes 0600 files; artifacts get the mode a plain creat() would give them. */
static mode_t artifact_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int out_write_file(const char *path, const void *data, size_t len, struct diag *d)
{
    struct buf tmp;
    buf_init(&tmp);
    buf_printf(&tmp, "%s.tmp-XXXXXX", path);
    if (tmp.len >= sizeof pending_tmp) {
        diag_report(d, DIAG_ERROR, path, 0, 0, "output path too long");
        buf_free(&tmp);
        return -1;
    }
    int fd = mkstemp(tmp.data);
    if (fd < 0) {
        diag_report(d, DIAG_ERROR, path, 0, 0, "cannot create output file: %s", strerror(errno));
        buf_free(&tmp);
        return -1;
    }
    memcpy(pending_tmp, tmp.data, tmp.len + 1);
    pending_set = 1;
    int status = -1;
    if (write_all(fd, data, len) < 0 || fsync(fd) < 0) {
        diag_report(d, DIAG_ERROR, path, 0, 0, "cannot write output file: %s", strerror(errno));
        close(fd);
    } else if (close(fd) < 0) {
        diag_report(d, DIAG_ERROR, path, 0, 0, "cannot write output file: %s", strerror(errno));
    } else if (chmod(tmp.data, artifact_mode()) < 0 || rename(tmp.data, path) < 0) {
        diag_report(d, DIAG_ERROR, path, 0, 0, "cannot rename output file: %s", strerror(errno));
    } else {
        status = 0;
    }
    if (status != 0)
        unlink(tmp.data);
    pending_set = 0;
    buf_free(&tmp);
    return status;
}

int out_make_dir(const char *dir, struct diag *d)
{
    struct buf path;
    buf_init(&path);
    buf_puts(&path, dir);
    int status = 0;
    for (size_t i = 1; i <= path.len && status == 0; i++) {
        if (path.data[i] != '/' && path.data[i] != '\0')
            continue;
        char saved = path.data[i];
        path.data[i] = '\0';
        if (mkdir(path.data, 0777) < 0 && errno != EEXIST) {
            diag_report(d, DIAG_ERROR, path.data, 0, 0, "cannot create directory: %s",
                        strerror(errno));
            status = -1;
        }
        path.data[i] = saved;
    }
    struct stat st;
    if (status == 0 && (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))) {
        diag_report(d, DIAG_ERROR, dir, 0, 0, "not a directory");
        status = -1;
    }
    buf_free(&path);
    return status;
}

char *out_read_file(const char *path, size_t *len, struct diag *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_report(d, DIAG_ERROR, path, 0, 0, "cannot read input: %s", strerror(errno));
        return NULL;
    }
    struct buf b;
    buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_put(&b, chunk, n);
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        diag_report(d, DIAG_ERROR, path, 0, 0, "cannot read input: %s", strerror(errno));
        buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return buf_detach(&b);
}

/* check_helpers.h — what several unit tests (tests/check_*.c) share: running a Check suite to
 * an exit status, and the project's font map read as in a build. Static functions: each test
 * program includes this once. */
#ifndef FOLIO_CHECK_HELPERS_H
#define FOLIO_CHECK_HELPERS_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define CHECK_DEBIAN_FONTS "/usr/share/fonts/truetype/liberation2"

/* Runs suite s (freed here) and returns how many of its tests failed. */
static inline int check_failures(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed;
}

/* A fresh directory /tmp/<tag>_<pid> (its name into dir) holding a copy of fonts/fonts.map
 * beside links to Debian's Liberation Serif files, so the real map (relative paths) is what is
 * read, whether or not `make fonts` has run; the map's path goes into map. */
static inline void check_font_dir(const char *tag, char *dir, size_t dir_size, char *map,
                                  size_t map_size)
{
    snprintf(dir, dir_size, "/tmp/%s_%d", tag, (int)getpid());
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "mkdir -p %s && cp fonts/fonts.map %s/ && for f in %s/LiberationSerif-*.ttf; do "
             "ln -sf $f %s/; done",
             dir, dir, CHECK_DEBIAN_FONTS, dir);
    ck_assert_int_eq(system(cmd), 0);
    snprintf(map, map_size, "%s/fonts.map", dir);
}

/* Removes a directory check_font_dir made. */
static inline void check_remove_dir(const char *dir)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}

#endif

/*
 * files.c - the program's file handling: finding the catalog (the
 * library opens it, catalog.h), writing output atomically, reporting
 * errors.
 */
#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef GPUCOST_INSTALL_MODELS
#define GPUCOST_INSTALL_MODELS "/usr/local/share/gpucost/models"
#endif
#ifndef GPUCOST_SOURCE_MODELS
#define GPUCOST_SOURCE_MODELS "models"
#endif

/* What reaches the terminal from argv or a file name carries no control
 * character (an ESC would drive the terminal). */
static void printable(char *s)
{
    for (unsigned char *p = (unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            *p = '?';
}

/* The program's words for a request key (cli_option_spelling's first
 * word, "--sweep"; "set.gpus" is "--set gpus"), into `buf`; 0 when the
 * key has none.  A few keys the library's errors use beside the
 * request's: solve's "input" is --for, a hardware or precision a what-if
 * changed is --set's, a hardware "id" is the ID argument. */
static int spell_key(const char *key, char *buf, size_t n)
{
    static const struct {
        const char *key, *spelling;
    } more[] = {
        {"input", "--for"},
        {"hardware", "--set hardware"},
        {"precision", "--set precision"},
        {"id", "ID"},
        {"default_catalog", "GPUCOST_CATALOG"},
    };
    if (strncmp(key, "set.", 4) == 0 && key[4] != '\0') {
        snprintf(buf, n, "--set %s", key + 4);
        return 1;
    }
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
        if (strcmp(key, more[i].key) == 0) {
            snprintf(buf, n, "%s", more[i].spelling);
            return 1;
        }
    const char *syn = cli_option_spelling(key);
    if (syn == NULL)
        return 0;
    snprintf(buf, n, "%.*s", (int)strcspn(syn, " "), syn);
    return 1;
}

/* Whether an error in a file may carry `path` as a request key: the
 * what-if's and solve's (a scenario's own paths, "id" or "inputs.gpus",
 * are its own words). */
static int key_in_file(const char *path)
{
    static const char *const keys[] = {"target", "input",      "hardware",      "precision",
                                       "output", "samples",    "sobol_samples", "quantiles",
                                       "format", "quantities", "sweep",         "columns",
                                       "sort",   "vendor",     "year"};
    if (strncmp(path, "set.", 4) == 0)
        return 1;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(path, keys[i]) == 0)
            return 1;
    return 0;
}

/* `msg` with each `key` it quotes in the program's words (a key no option
 * sets loses its quotes). */
static void spell_message(char *msg, size_t n)
{
    char out[sizeof((gpucost_error *)0)->message * 2], key[64], word[96];
    size_t len = 0;
    for (const char *p = msg; *p && len + 1 < sizeof out;) {
        const char *end = p[0] == '`' ? strchr(p + 1, '`') : NULL;
        size_t klen = end != NULL ? (size_t)(end - p - 1) : 0;
        if (end == NULL || klen == 0 || klen >= sizeof key) {
            out[len++] = *p++;
            continue;
        }
        memcpy(key, p + 1, klen);
        key[klen] = '\0';
        const char *w = spell_key(key, word, sizeof word) ? word : key;
        len += (size_t)snprintf(out + len, sizeof out - len, "%s", w);
        if (len >= sizeof out)
            len = sizeof out - 1;
        p = end + 1;
    }
    /* cut, if it must be, at a character's start */
    if (len >= n)
        for (len = n - 1; len > 0 && ((unsigned char)out[len] & 0xC0) == 0x80;)
            len--;
    memcpy(msg, out, len);
    msg[len] = '\0';
}

void cli_report(const gpucost_error *err)
{
    gpucost_error shown = *err;
    char word[96];
    if ((err->file[0] == '\0' || key_in_file(err->path)) && spell_key(err->path, word, sizeof word))
        snprintf(shown.path, sizeof shown.path, "%s", word);
    spell_message(shown.message, sizeof shown.message);
    char line[1024];
    gpucost_error_format(&shown, line, sizeof line);
    printable(line);
    if (err->code == GPUCOST_EUSAGE)
        fprintf(stderr, "gpucost: %s\nTry 'gpucost --help'.\n", line);
    else if (err->file[0] == '\0')
        fprintf(stderr, "gpucost: %s\n", line);
    else
        fprintf(stderr, "%s\n", line);
}

int cli_usage_error(const char *fmt, ...)
{
    /* the message in full (it may quote a long option value in any
     * script): a fixed array would cut it, perhaps inside a character */
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (msg != NULL) {
        va_start(ap, fmt);
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
        va_end(ap);
        printable(msg);
    }
    fprintf(stderr, "gpucost: %s\nTry 'gpucost --help'.\n", msg != NULL ? msg : "out of memory");
    free(msg);
    return EXIT_BAD_INPUT;
}

/* The bundled defaults file, for a catalog folder without its own: the
 * installed models' or the source tree's (the order the catalog itself is
 * looked for in), named from the working directory when it lies below it
 * (as the outputs' footnotes show it).  "" when there is neither. */
static void bundled_defaults(char *buf, size_t n)
{
    const char *files[] = {GPUCOST_INSTALL_MODELS "/defaults.json",
                           GPUCOST_SOURCE_MODELS "/defaults.json"};
    struct stat st;
    buf[0] = '\0';
    for (size_t i = 0; i < 2 && buf[0] == '\0'; i++)
        if (stat(files[i], &st) == 0 && S_ISREG(st.st_mode))
            snprintf(buf, n, "%s", files[i]);
    char cwd[4096];
    size_t len;
    if (buf[0] == '/' && getcwd(cwd, sizeof cwd) != NULL && (len = strlen(cwd)) > 1 &&
        strncmp(buf, cwd, len) == 0 && buf[len] == '/')
        memmove(buf, buf + len + 1, strlen(buf + len + 1) + 1);
}

int cli_load_catalog(const cli_options *o, gpucost_catalog **out)
{
    char bundled[4096];
    bundled_defaults(bundled, sizeof bundled);
    const char *env = getenv("GPUCOST_CATALOG");
    /* then the working directory's, the installed and the source tree's */
    const char *const dirs[] = {"models/hardware", GPUCOST_INSTALL_MODELS "/hardware",
                                GPUCOST_SOURCE_MODELS "/hardware"};
    gpucost_catalog_hints h = {
        .dir = o->catalog_dir,
        .near = o->nargs > 0 ? o->args[0] : NULL,
        .fallback = env != NULL && env[0] != '\0' ? env : NULL,
        .bundled = dirs,
        .nbundled = sizeof dirs / sizeof dirs[0],
        .defaults = bundled[0] ? bundled : NULL,
    };
    gpucost_error err;
    if (gpucost_catalog_discover(&h, out, &err) != GPUCOST_OK) {
        cli_report(&err);
        return EXIT_BAD_INPUT;
    }
    return 0; /* no catalog: scenarios that name hardware will say so */
}

/* "a FIFO", "a device", ... for a file that is not regular. */
static const char *kind_of(mode_t mode)
{
    return S_ISDIR(mode)                    ? "a directory"
           : S_ISFIFO(mode)                 ? "a FIFO"
           : S_ISCHR(mode) || S_ISBLK(mode) ? "a device"
           : S_ISSOCK(mode)                 ? "a socket"
                                            : "not a regular file";
}

/* Where -o writes: the target itself, or for a symlink the file it points
 * to (written through, as cp does; the link stays).  A FIFO, a device, a
 * directory or a socket is refused: -o writes regular files only.  Fills
 * `*path` (new string) and `*old` (the existing file's status; `*exists`
 * 0 when there is none).  Returns 0 or EXIT_BAD_INPUT after reporting. */
static int output_target(const char *output, char **path, struct stat *old, int *exists)
{
    struct stat st;
    *exists = 0;
    *path = NULL;
    if (lstat(output, &st) != 0) {
        if (errno != ENOENT) {
            fprintf(stderr, "%s: cannot write: %s\n", output, strerror(errno));
            return EXIT_BAD_INPUT;
        }
        *path = strdup(output);
        return *path != NULL ? 0 : cli_usage_error("out of memory");
    }
    if (S_ISLNK(st.st_mode)) {
        *path = realpath(output, NULL);
        if (*path == NULL) {
            fprintf(stderr, "%s: cannot write through the symbolic link: %s\n", output,
                    strerror(errno));
            return EXIT_BAD_INPUT;
        }
        if (stat(*path, &st) != 0) {
            fprintf(stderr, "%s: cannot write: %s\n", output, strerror(errno));
            free(*path);
            *path = NULL;
            return EXIT_BAD_INPUT;
        }
    }
    if (!S_ISREG(st.st_mode)) {
        fprintf(stderr, "%s: is %s; -o writes regular files only (use > to write to it)\n", output,
                kind_of(st.st_mode));
        free(*path);
        *path = NULL;
        return EXIT_BAD_INPUT;
    }
    if (*path == NULL && (*path = strdup(output)) == NULL)
        return cli_usage_error("out of memory");
    *old = st;
    *exists = 1;
    return 0;
}

int cli_emit(const cli_options *o, const gpucost_buf *b)
{
    const char *text = gpucost_buf_str(b);
    if (o->output == NULL) {
        if (fwrite(text, 1, b->len, stdout) != b->len || fflush(stdout) != 0) {
            fprintf(stderr, "gpucost: error writing output: %s\n", strerror(errno));
            return EXIT_BAD_INPUT;
        }
        return 0;
    }
    char *target = NULL;
    struct stat old;
    int exists = 0;
    int rc = output_target(o->output, &target, &old, &exists);
    if (rc != 0)
        return rc;
    size_t len = strlen(target);
    char *tmp = malloc(len + 16);
    if (tmp == NULL) {
        free(target);
        return cli_usage_error("out of memory");
    }
    snprintf(tmp, len + 16, "%s.tmpXXXXXX", target);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "%s: cannot write: %s\n", o->output, strerror(errno));
        free(tmp);
        free(target);
        return EXIT_BAD_INPUT;
    }
    /* the old file's mode (and owner, where allowed); a new file gets the
     * usual 0666 less the umask rather than mkstemp's 0600 */
    mode_t mode;
    if (exists) {
        mode = old.st_mode & 07777;
        if (fchown(fd, old.st_uid, old.st_gid) != 0) {
            /* not root: the file becomes ours, as with any editor */
        }
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    FILE *f = fdopen(fd, "w");
    int ok = f != NULL && fwrite(text, 1, b->len, f) == b->len;
    if (f != NULL) {
        ok = fflush(f) == 0 && ok;
        ok = fchmod(fileno(f), mode) == 0 && ok;
        ok = fsync(fileno(f)) == 0 && ok;
        ok = fclose(f) == 0 && ok;
    } else {
        close(fd);
    }
    if (ok)
        ok = rename(tmp, target) == 0;
    if (!ok) {
        fprintf(stderr, "%s: cannot write: %s\n", o->output, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    free(target);
    return ok ? 0 : EXIT_BAD_INPUT;
}

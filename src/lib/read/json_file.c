/*
 * json_file.c - reading a JSON file whole (json.h): only regular files,
 * never a FIFO or a device, up to GPUCOST_JSON_MAX_BYTES, with read(2);
 * and the one read-parse-free of every loader.  Siblings: json.c,
 * json_scan.c, json_values.c (json_internal.h).
 */
#include "base/alloc.h"
#include "read/json.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Opens `path` for reading when it is a regular file: a FIFO would block
 * forever and a device never ends.  Opened non-blocking and checked
 * again, so a file swapped for a FIFO after the stat cannot block either.
 * Read with read(2), not stdio: a folder of 10,000 scenarios would
 * otherwise pay a stream buffer and an fcntl per file.  Returns the
 * descriptor and `*size` (the size fstat saw), or -1 with `err` set. */
static int open_regular(const char *path, size_t *size, gpucost_error *err)
{
    struct stat st, fst;
    if (stat(path, &st) != 0) {
        GPUCOST_ERROR(err, GPUCOST_EIO, path, 0, 0, NULL, "cannot open file: %s", strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        GPUCOST_ERROR(err, GPUCOST_EIO, path, 0, 0, NULL, "is a directory, expected a JSON file");
        return -1;
    }
    int fd = S_ISREG(st.st_mode) ? open(path, O_RDONLY | O_NONBLOCK) : -1;
    if (fd < 0 && S_ISREG(st.st_mode)) {
        GPUCOST_ERROR(err, GPUCOST_EIO, path, 0, 0, NULL, "cannot open file: %s", strerror(errno));
        return -1;
    }
    if (fd < 0 || fstat(fd, &fst) != 0 || !S_ISREG(fst.st_mode)) {
        if (fd >= 0)
            close(fd);
        GPUCOST_ERROR(err, GPUCOST_EIO, path, 0, 0, NULL, "is %s, expected a regular JSON file",
                      S_ISFIFO(st.st_mode)                         ? "a FIFO"
                      : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                      : S_ISSOCK(st.st_mode)                       ? "a socket"
                                                                   : "not a regular file");
        return -1;
    }
    *size = fst.st_size > 0 ? (size_t)fst.st_size : 0;
    return fd;
}

/* Doubles `*buf` (of `*cap` bytes): GPUCOST_ELIMIT past the size limit,
 * GPUCOST_ENOMEM when out of memory. */
static gpucost_status grow(char **buf, size_t *cap)
{
    if (*cap > GPUCOST_JSON_MAX_BYTES)
        return GPUCOST_ELIMIT;
    char *p = gc_realloc(*buf, *cap * 2);
    if (p == NULL)
        return GPUCOST_ENOMEM;
    *buf = p;
    *cap *= 2;
    return GPUCOST_OK;
}

/* Reads all of `fd` into a new NUL-terminated buffer, up to the size
 * limit: `size` (fstat's) sizes the first buffer, and a file that grows
 * meanwhile is read to its end all the same. */
static gpucost_status read_all(int fd, size_t size, const char *path, char **text, size_t *len,
                               gpucost_error *err)
{
    size_t cap = size < 4096 ? 4096 : size <= GPUCOST_JSON_MAX_BYTES ? size + 2 : 4096;
    size_t used = 0;
    ssize_t k = 1;
    char *buf = gc_malloc(cap);
    gpucost_status rc = buf == NULL ? GPUCOST_ENOMEM : GPUCOST_OK;
    while (rc == GPUCOST_OK && k != 0) {
        if (used + 1 >= cap)
            rc = grow(&buf, &cap);
        k = rc == GPUCOST_OK ? read(fd, buf + used, cap - used - 1) : 0;
        if (k < 0 && errno != EINTR)
            rc = GPUCOST_ERROR(err, GPUCOST_EIO, path, 0, 0, NULL, "cannot read file: %s",
                               strerror(errno));
        used += k > 0 ? (size_t)k : 0;
    }
    if (rc == GPUCOST_OK && used > GPUCOST_JSON_MAX_BYTES)
        rc = GPUCOST_ELIMIT;
    if (rc == GPUCOST_ELIMIT)
        GPUCOST_ERROR(err, rc, path, 0, 0, NULL, "file is larger than the limit of %u MiB",
                      GPUCOST_JSON_MAX_BYTES / (1024u * 1024u));
    else if (rc == GPUCOST_ENOMEM)
        GPUCOST_ERROR(err, rc, path, 0, 0, NULL, "out of memory");
    if (rc != GPUCOST_OK) {
        gc_free(buf);
        return rc;
    }
    buf[used] = '\0';
    *text = buf;
    *len = used;
    return GPUCOST_OK;
}

gpucost_status gc_json_read_file(const char *path, char **text, size_t *len, gpucost_error *err)
{
    size_t size = 0;
    int fd = open_regular(path, &size, err);
    if (fd < 0)
        return GPUCOST_EIO;
    gpucost_status rc = read_all(fd, size, path, text, len, err);
    close(fd);
    return rc;
}

gpucost_status gc_json_load(const char *path, gc_json_parse_fn parse, void *ctx, gpucost_error *err)
{
    char *text = NULL;
    size_t len = 0;
    gpucost_status rc = gc_json_read_file(path, &text, &len, err);
    if (rc == GPUCOST_OK)
        rc = parse(ctx, path, text, len, err);
    gc_free(text);
    return rc;
}

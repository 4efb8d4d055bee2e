/*
 * error.c - filling and formatting gpucost_error.
 *
 * Kept tiny on purpose: the only place errors are written, so a breakpoint
 * on gpucost_error_set() stops at every failure in the library.
 */
#include "base/c_locale.h"
#include "gpucost/error.h"
#include "base/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

gpucost_status gpucost_error_set(gpucost_error *err, gpucost_status code, const char *file,
                                 int line, int column, const char *path, const char *fmt, ...)
{
    if (err == NULL)
        return code;
    err->code = code;
    /* a file name, a path and a message may all hold a user's text: each
     * is cut, when long, at a character boundary */
    gc_text_copy(err->file, sizeof err->file, file);
    gc_text_copy(err->path, sizeof err->path, path);
    err->line = line;
    err->column = column;
    va_list ap;
    va_start(ap, fmt);
    gc_text_vprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

char *gpucost_error_format(const gpucost_error *err, char *buf, size_t n)
{
    if (n == 0)
        return buf;
    char where[64] = "";
    if (err->file[0] != '\0' && err->line > 0)
        gc_snprintf(where, sizeof where, ":%d:%d", err->line, err->column);
    /* one snprintf truncates the whole line at n, whatever part is long */
    gc_text_printf(buf, n, "%s%s%s%s%s%s", err->file, where, err->file[0] ? ": " : "", err->path,
                   err->path[0] ? ": " : "", err->message);
    return buf;
}

const char *gpucost_strerror(gpucost_status code)
{
    switch (code) {
    case GPUCOST_OK: return "success";
    case GPUCOST_EIO: return "a file could not be read or written";
    case GPUCOST_ESYNTAX: return "malformed JSON";
    case GPUCOST_EINVAL: return "invalid input";
    case GPUCOST_ENOTFOUND: return "unknown id";
    case GPUCOST_ERANGE: return "a result is out of the range of a double";
    case GPUCOST_ENOMEM: return "out of memory";
    case GPUCOST_ENOCONV: return "an iteration did not converge";
    case GPUCOST_ENOSOLUTION: return "no value satisfies the request";
    case GPUCOST_ELIMIT: return "an input exceeds a documented limit";
    case GPUCOST_EUSAGE: return "the request is wrong";
    }
    return "unknown status";
}

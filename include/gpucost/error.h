/*
 * error.h - status codes and the error record every fallible call fills.
 *
 * Design: a function that can fail returns gpucost_status (0 is OK) and,
 * when given a non-NULL gpucost_error *, describes the failure there: the
 * file, the 1-based line:column when known, the JSON path and a complete
 * lowercase message without a final full stop (git's style).  On success the
 * error record is left untouched.  Every error in the library is raised
 * through GPUCOST_ERROR(), so one breakpoint on gpucost_error_set() catches
 * them all (GSL_ERROR's habit).
 */
#ifndef GPUCOST_ERROR_H
#define GPUCOST_ERROR_H

#include <stddef.h>

typedef enum gpucost_status {
    GPUCOST_OK = 0,
    GPUCOST_EIO,         /* a file could not be read or written */
    GPUCOST_ESYNTAX,     /* malformed JSON; line and column are set */
    GPUCOST_EINVAL,      /* well-formed input that means something invalid */
    GPUCOST_ENOTFOUND,   /* an id (hardware, scenario, quantity) is not known */
    GPUCOST_ERANGE,      /* a result overflowed or underflowed */
    GPUCOST_ENOMEM,      /* an allocation failed */
    GPUCOST_ENOCONV,     /* an iteration did not converge */
    GPUCOST_ENOSOLUTION, /* no value in range satisfies the request */
    GPUCOST_ELIMIT,      /* an input exceeds a documented limit */
    GPUCOST_EUSAGE       /* the request itself is wrong: an option, a missing argument */
} gpucost_status;

typedef struct gpucost_error {
    gpucost_status code;
    char file[256];    /* scenario or catalog file, "" if none */
    int line, column;  /* 1-based, 0 when unknown */
    char path[128];    /* JSON path, e.g. "inputs.gpus"; "" if none */
    char message[256]; /* complete, lowercase, no final full stop */
} gpucost_error;

/* Fills `err` (if not NULL) and returns `code`.  `file` and `path` may be
 * NULL.  The message is printf-formatted and truncated to fit. */
gpucost_status gpucost_error_set(gpucost_error *err, gpucost_status code, const char *file,
                                 int line, int column, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

/* The one way errors are raised: GPUCOST_ERROR(err, code, file, line,
 * column, path, fmt, ...).  Returns the status for `return GPUCOST_ERROR(..)`. */
#define GPUCOST_ERROR(err, code, file, line, column, path, ...)                                    \
    gpucost_error_set((err), (code), (file), (line), (column), (path), __VA_ARGS__)

/* Writes "file:line:column: path: message" (parts that are unknown are left
 * out) into `buf` of size `n`, always NUL-terminated.  Returns `buf`. */
char *gpucost_error_format(const gpucost_error *err, char *buf, size_t n);

/* A short phrase for `code` ("out of memory"); never NULL.  Static. */
const char *gpucost_strerror(gpucost_status code);

#endif

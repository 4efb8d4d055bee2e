/*
 * price_index.c - reading PCU518210518210 and averaging it by year (see
 * price_index.h).  The series is small (a few hundred months), so it is
 * kept as an array of (year, month, value) and each question scans it.
 */
#include "base/alloc.h"
#include "base/c_locale.h"
#include "gpucost/price_index.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "read/json.h"

typedef struct month {
    int year;
    double value;
} month;

struct gpucost_price_index {
    month *months;
    size_t n;
};

void gpucost_price_index_free(gpucost_price_index *p)
{
    if (p == NULL)
        return;
    gc_free(p->months);
    gc_free(p);
}

/* "YYYY-MM-DD,value": the year and the value; 0 when the line is not that. */
static int parse_line(const char *s, const char *end, int *year, double *value)
{
    char buf[64];
    size_t n = (size_t)(end - s);
    if (n == 0 || n >= sizeof buf)
        return 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (n > 0 && buf[n - 1] == '\r')
        buf[n - 1] = '\0';
    if (strlen(buf) < 12 || buf[4] != '-' || buf[7] != '-' || buf[10] != ',')
        return 0;
    for (int i = 0; i < 4; i++)
        if (buf[i] < '0' || buf[i] > '9')
            return 0;
    *year = (buf[0] - '0') * 1000 + (buf[1] - '0') * 100 + (buf[2] - '0') * 10 + (buf[3] - '0');
    char *stop;
    errno = 0;
    *value = gc_strtod(buf + 11, &stop);
    return errno == 0 && *stop == '\0' && stop != buf + 11 && isfinite(*value) && *value > 0.0;
}

gpucost_status gpucost_price_index_parse(const char *file, const char *text, size_t len,
                                         gpucost_price_index **out, gpucost_error *err)
{
    gpucost_status st = GPUCOST_OK;
    gpucost_price_index *p = gc_calloc(1, sizeof *p);
    const char *s = text, *end = text + len;
    int line = 1;
    if (p == NULL)
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, file, 0, 0, "", "out of memory");
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3;
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    static const char head[] = "observation_date,PCU518210518210";
    if (nl == NULL || (size_t)(nl - s) < sizeof head - 1 || memcmp(s, head, sizeof head - 1) != 0) {
        st = GPUCOST_ERROR(err, GPUCOST_ESYNTAX, file, 1, 1, "", "expected the header '%s'", head);
        goto end;
    }
    p->months = gc_malloc(((size_t)(end - s) / 12 + 1) * sizeof *p->months);
    if (p->months == NULL) {
        st = GPUCOST_ERROR(err, GPUCOST_ENOMEM, file, 0, 0, "", "out of memory");
        goto end;
    }
    for (s = nl + 1; s < end; s = nl + 1) {
        line++;
        nl = memchr(s, '\n', (size_t)(end - s));
        if (nl == NULL)
            nl = end;
        if (nl == s || (nl - s == 1 && *s == '\r'))
            continue;
        month *m = &p->months[p->n];
        if (!parse_line(s, nl, &m->year, &m->value)) {
            st = GPUCOST_ERROR(err, GPUCOST_ESYNTAX, file, line, 1, "",
                               "expected 'YYYY-MM-DD,value' with a positive value");
            goto end;
        }
        p->n++;
    }
    *out = p;
    p = NULL;
end:
    gpucost_price_index_free(p);
    return st;
}

static gpucost_status parse_into(void *out, const char *file, const char *text, size_t len,
                                 gpucost_error *err)
{
    return gpucost_price_index_parse(file, text, len, out, err);
}

gpucost_status gpucost_price_index_load(const char *path, gpucost_price_index **out,
                                        gpucost_error *err)
{
    return gc_json_load(path, parse_into, out, err);
}

gpucost_status gpucost_price_index_year(const gpucost_price_index *p, int year, double *level,
                                        gpucost_error *err)
{
    double sum = 0.0;
    int n = 0;
    for (size_t i = 0; i < p->n; i++)
        if (p->months[i].year == year) {
            sum += p->months[i].value;
            n++;
        }
    if (n == 0)
        return GPUCOST_ERROR(err, GPUCOST_ENOTFOUND, "", 0, 0, "price_year",
                             "the price index has no month of %d", year);
    *level = sum / n;
    return GPUCOST_OK;
}

gpucost_status gpucost_price_index_factor(const gpucost_price_index *p, int from, int to,
                                          double *factor, gpucost_error *err)
{
    double a, b;
    gpucost_status st = gpucost_price_index_year(p, from, &a, err);
    if (st == GPUCOST_OK)
        st = gpucost_price_index_year(p, to, &b, err);
    if (st == GPUCOST_OK)
        *factor = b / a;
    return st;
}

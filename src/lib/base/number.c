/*
 * number.c - parsing "2.8M"-style numbers and formatting them for people.
 */
#include "base/c_locale.h"
#include "gpucost/number.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int gpucost_number_parse(const char *s, double *out)
{
    if (s == NULL || *s == '\0')
        return -1;
    /* strtod accepts "nan", "inf" and hex floats; people do not mean them. */
    for (const char *p = s; *p; p++)
        if (*p == 'x' || *p == 'X' || *p == 'n' || *p == 'N' || *p == 'i' || *p == 'I')
            return -1;
    if (*s == ' ' || *s == '\t')
        return -1;
    char *end = NULL;
    errno = 0;
    double v = gc_strtod(s, &end);
    /* ERANGE also flags a subnormal result (1e-310), which is a number;
     * only an overflow, or an underflow all the way to zero, is not */
    if (end == s || !isfinite(v) || (errno == ERANGE && (v == 0.0 || fabs(v) >= 1.0)))
        return -1;
    double scale = 1.0;
    if (*end != '\0') {
        switch (*end) {
        case 'k':
        case 'K': scale = 1e3; break;
        case 'M': scale = 1e6; break;
        case 'B':
        case 'G': scale = 1e9; break;
        case 'T': scale = 1e12; break;
        case 'P': scale = 1e15; break;
        case '%': scale = 1e-2; break;
        default: return -1;
        }
        if (end[1] != '\0')
            return -1;
    }
    v *= scale;
    if (!isfinite(v))
        return -1;
    *out = v;
    return 0;
}

/* Three significant digits, trailing zeros kept for a steady column
 * ("2.00", "56.7", "180"). */
/* "%.2e" as the press writes it: "3.29e+24" -> "3.29e24",
 * "1.50e+09" -> "1.50e9", "1.45e-06" -> "1.45e-6". */
static void sci(double v, char *buf, size_t n)
{
    gc_snprintf(buf, n, "%.2e", v);
    char *e = strchr(buf, 'e');
    if (e == NULL)
        return;
    char *d = e + 1;
    if (*d == '+')
        memmove(d, d + 1, strlen(d + 1) + 1);
    else if (*d == '-')
        d++;
    while (d[0] == '0' && d[1] != '\0')
        memmove(d, d + 1, strlen(d + 1) + 1);
}

static void sig3(double v, char *buf, size_t n)
{
    double a = fabs(v);
    if (a == 0.0)
        gc_snprintf(buf, n, "0");
    else if (a >= 1e7) /* never dozens of digits */
        sci(v, buf, n);
    else if (a >= 99.95)
        gc_snprintf(buf, n, "%.0f", v);
    else if (a >= 9.995)
        gc_snprintf(buf, n, "%.1f", v);
    else if (a >= 0.9995)
        gc_snprintf(buf, n, "%.2f", v);
    else if (a >= 0.001)
        gc_snprintf(buf, n, "%.3g", v);
    else
        sci(v, buf, n);
}

static void si(double v, char *buf, size_t n)
{
    static const struct {
        double scale;
        const char *suffix;
    } units[] = {{1e15, "P"}, {1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}};
    double a = fabs(v);
    if (a >= 1e18) {
        sci(v, buf, n);
        return;
    }
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        /* 999,600 rounds to "1.00M", not "1000k". */
        if (a >= units[i].scale * 0.9995) {
            char tmp[32];
            sig3(v / units[i].scale, tmp, sizeof tmp);
            gc_snprintf(buf, n, "%s%s", tmp, units[i].suffix);
            return;
        }
    }
    sig3(v, buf, n);
}

static void grouped(double v, char *buf, size_t n)
{
    /* Below a million with no fraction worth showing: 2,048 or 226.75. */
    double r = round(v);
    /* a fraction worth showing, or a tiny count that would round to "0" */
    if ((fabs(v - r) > 1e-9 * fmax(1.0, fabs(v)) || (r == 0.0 && v != 0.0)) && fabs(v) < 1000.0) {
        gc_snprintf(buf, n, "%.4g", v);
        return;
    }
    long long k = (long long)r;
    char digits[32];
    gc_snprintf(digits, sizeof digits, "%lld", k < 0 ? -k : k);
    size_t len = strlen(digits), o = 0;
    char tmp[48];
    if (k < 0)
        tmp[o++] = '-';
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            tmp[o++] = ',';
        tmp[o++] = digits[i];
    }
    tmp[o] = '\0';
    gc_snprintf(buf, n, "%s", tmp);
}

char *gpucost_number_format(double v, gpucost_numstyle style, char *buf, size_t n)
{
    if (n == 0)
        return buf;
    if (!isfinite(v)) {
        gc_snprintf(buf, n, "n/a");
        return buf;
    }
    char tmp[64];
    switch (style) {
    case GPUCOST_NUM_SI: si(v, buf, n); break;
    case GPUCOST_NUM_USD:
        si(fabs(v), tmp, sizeof tmp);
        gc_snprintf(buf, n, "%s$%s", v < 0 ? "-" : "", tmp);
        break;
    case GPUCOST_NUM_SCI:
        if (fabs(v) < 1e6 && fabs(v) >= 1e-3)
            si(v, buf, n);
        else
            sci(v, buf, n);
        break;
    case GPUCOST_NUM_PERCENT:
        sig3(v * 100.0, tmp, sizeof tmp);
        gc_snprintf(buf, n, "%s%%", tmp);
        break;
    case GPUCOST_NUM_YEAR: gc_snprintf(buf, n, "%.0f", v); break;
    case GPUCOST_NUM_COUNT:
        if (fabs(v) < 1e6)
            grouped(v, buf, n);
        else
            si(v, buf, n);
        break;
    }
    return buf;
}

char *gpucost_number_format_exact(double v, char *buf, size_t n)
{
    if (!isfinite(v)) {
        gc_snprintf(buf, n, "null");
        return buf;
    }
    for (int prec = 15; prec <= 17; prec++) {
        gc_snprintf(buf, n, "%.*g", prec, v);
        if (gc_strtod(buf, NULL) == v)
            break;
    }
    return buf;
}

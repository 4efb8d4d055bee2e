/*
 * whatif_set.c - the --set grammar: NAME=VALUE into a gpucost_override.
 *
 *   hardware=h100, precision=fp8       accelerator and precision
 *   amortisation=epoch                 straight_line or epoch (scenario.h)
 *   gpus=50k, gpu_hours=2.8M           a number (suffixes per number.h)
 *   price_per_gpu_hour=1.5..3.5        a 90% interval (as {low, high})
 *   wall_days=none                     take an input out
 *
 * One grammar for every front end: the program's --set, gpucost_call's
 * "set" (call.h), the Python module and the web page.  The override is
 * then checked against the scenario (domain, kind) by
 * gpucost_whatif_apply.  Errors name the request key of the assignment,
 * "set.gpus" (each front end spells it its own way: --set gpus).
 */
#include <stdio.h>
#include <string.h>

#include "gpucost/whatif.h"
#include "gpucost/number.h"
#include "gpucost/precision.h"
#include "gpucost/suggest.h"
#include "base/text.h"

/* Sets `*o` to `v`: the one way a parse succeeds. */
static gpucost_status parsed(gpucost_override *o, gpucost_override v)
{
    *o = v;
    return GPUCOST_OK;
}

/* The value part: a number, LOW..HIGH, or none. */
static gpucost_status parse_value(gpucost_quantity q, const char *value, const char *what,
                                  gpucost_override *o, gpucost_error *err)
{
    if (strcmp(value, "none") == 0)
        return parsed(o, gpucost_override_remove(q));
    const char *dots = strstr(value, "..");
    double v;
    if (dots == NULL && gpucost_number_parse(value, &v) == 0)
        return parsed(o, gpucost_override_point(q, v));
    if (dots == NULL)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, what,
                             "expected a number (like 50k, 2.8M, 1.5e6), "
                             "a range LOW..HIGH or none, got '%s'",
                             value);
    /* "1...3" would read as 1 to .3, "1..2..3" as 1 to 2..3: exactly two
     * dots between two numbers */
    if (dots[2] == '.' || (dots > value && dots[-1] == '.') || strstr(dots + 2, "..") != NULL)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, what,
                             "expected LOW..HIGH, two numbers joined by exactly two dots, "
                             "got '%s'",
                             value);
    char lo[64], hi[64];
    size_t ll = (size_t)(dots - value);
    if (ll >= sizeof lo || strlen(dots + 2) >= sizeof hi)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, what, "expected LOW..HIGH");
    memcpy(lo, value, ll);
    lo[ll] = '\0';
    gc_text_printf(hi, sizeof hi, "%s", dots + 2);
    double a, b;
    if (gpucost_number_parse(lo, &a) != 0 || gpucost_number_parse(hi, &b) != 0)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, what,
                             "expected LOW..HIGH with two numbers, got '%s'", value);
    return parsed(o, gpucost_override_interval(q, a, b));
}

/* "set.NAME" (or "set" without a name): the request key of an assignment. */
static void key_of(char *what, size_t n, const char *name, size_t nlen)
{
    gc_text_printf(what, n, "set%s%.*s", nlen > 0 ? "." : "", (int)nlen, name);
}

/* The quantity `name` sets, or the error at `what`: the names that take
 * a word (hardware, precision, amortisation) are not quantities. */
static gpucost_status quantity_named(const char *name, const char *what, gpucost_quantity *q,
                                     gpucost_error *err)
{
    if (gpucost_quantity_lookup(name, q) == 0)
        return GPUCOST_OK;
    if (strcmp(name, "hardware") == 0 || strcmp(name, "precision") == 0 ||
        strcmp(name, "amortisation") == 0)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, what,
                             "'%s' takes a name as a string, not a number, a range or none", name);
    const char *hint = gpucost_quantity_suggest(name);
    if (hint != NULL)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, what,
                             "unknown quantity '%s' (did you mean '%s'?)", name, hint);
    return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, what, "unknown quantity '%s'", name);
}

gpucost_status gpucost_whatif_quantity(const char *name, gpucost_quantity *q, gpucost_error *err)
{
    char what[160];
    key_of(what, sizeof what, name, strlen(name));
    return quantity_named(name, what, q, err);
}

gpucost_status gpucost_whatif_parse_value(const char *name, const char *value, gpucost_override *o,
                                          gpucost_error *err)
{
    char what[160];
    key_of(what, sizeof what, name, strlen(name));
    if (strcmp(name, "hardware") == 0) {
        return value[0] != '\0'
                   ? parsed(o, gpucost_override_hardware(value))
                   : GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, what, "expected a hardware id");
    }
    gpucost_precision p;
    if (strcmp(name, "precision") == 0)
        return gpucost_precision_lookup(value, &p) == 0
                   ? parsed(o, gpucost_override_precision(p))
                   : GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, what,
                                   "unknown precision '%s' (expected fp4, fp8, "
                                   "int8, bf16, fp16, tf32, fp32 or fp64)",
                                   value);
    gpucost_amortisation a;
    if (strcmp(name, "amortisation") == 0)
        return gpucost_amortisation_lookup(value, &a) == 0
                   ? parsed(o, gpucost_override_amortisation(a))
                   : GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, what,
                                   "unknown amortisation '%s' (expected straight_line or epoch)",
                                   value);
    gpucost_quantity q;
    gpucost_status st = quantity_named(name, what, &q, err);
    return st != GPUCOST_OK ? st : parse_value(q, value, what, o, err);
}

gpucost_status gpucost_whatif_parse_set(const char *assignment, gpucost_override *o,
                                        gpucost_error *err)
{
    char what[160], name[64];
    size_t nlen = strcspn(assignment, "=");
    key_of(what, sizeof what, assignment, nlen);
    if (assignment[nlen] != '=' || nlen == 0)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, what, "expected NAME=VALUE");
    if (nlen >= sizeof name)
        return GPUCOST_ERROR(err, GPUCOST_EINVAL, NULL, 0, 0, what,
                             "unknown quantity (name too long)");
    memcpy(name, assignment, nlen);
    name[nlen] = '\0';
    return gpucost_whatif_parse_value(name, assignment + nlen + 1, o, err);
}

/*
 * format.c - the output formats' names (format.h).
 */
#include <string.h>

#include "gpucost/format.h"

int gpucost_format_lookup(const char *name, gpucost_format *f)
{
    static const char *const names[] = {"table", "md",  "csv",  "json",    "junit",
                                        "tap",   "svg", "html", "scenario"};
    for (int i = 0; i < 9; i++)
        if (strcmp(name, names[i]) == 0) {
            *f = (gpucost_format)i;
            return 0;
        }
    return -1;
}

const char *gpucost_format_name(gpucost_format f)
{
    static const char *const names[] = {"table", "md",  "csv",  "json",    "junit",
                                        "tap",   "svg", "html", "scenario"};
    return names[f];
}

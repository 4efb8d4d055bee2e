/*
 * nan_words.h - the fuzz harnesses' one test that no output carries NaN
 * or Inf: "nan", "inf" or "infinity" as a word of its own (as printf
 * writes them), in any case.  Shared by fuzz_scenario.c and
 * fuzz_record.c.
 */
#ifndef GPUCOST_FUZZ_NAN_WORDS_H
#define GPUCOST_FUZZ_NAN_WORDS_H

#include <ctype.h>
#include <string.h>
#include <strings.h>

static int word_at(const char *t, const char *p, const char *w)
{
    size_t n = strlen(w);
    if (strncasecmp(p, w, n) != 0)
        return 0;
    /* "\nan" in an escaped string is a newline and "an", not a number */
    int before = p > t && (isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '\\');
    int after = isalnum((unsigned char)p[n]) || p[n] == '_';
    return !before && !after;
}

static int has_nan_word(const char *t)
{
    for (const char *p = t; *p; p++)
        if (word_at(t, p, "nan") || word_at(t, p, "inf") || word_at(t, p, "infinity"))
            return 1;
    return 0;
}

#endif

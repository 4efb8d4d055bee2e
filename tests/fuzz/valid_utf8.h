/*
 * valid_utf8.h - the fuzz harnesses' check that every text the library
 * hands back (a response, an error's file, path and message, a verdict)
 * is valid UTF-8: a fixed array cut inside a character is a finding.
 */
#ifndef GPUCOST_FUZZ_VALID_UTF8_H
#define GPUCOST_FUZZ_VALID_UTF8_H

#include <stddef.h>

static inline int fuzz_valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = *p < 0x80                  ? 1
                   : *p >= 0xC2 && *p <= 0xDF ? 2
                   : *p >= 0xE0 && *p <= 0xEF ? 3
                   : *p >= 0xF0 && *p <= 0xF4 ? 4
                                              : 0;
        if (n == 0)
            return 0;
        for (size_t k = 1; k < n; k++)
            if ((p[k] & 0xC0) != 0x80)
                return 0;
        p += n;
    }
    return 1;
}

#endif

/*
 * suggest.c - edit distance and the "did you mean" choice (suggest.h).
 */
#include "gpucost/suggest.h"

#include <string.h>

int gpucost_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 99;
    int row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int best = diag + cost;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb] > 99 ? 99 : row[lb];
}

const char *gpucost_suggest(const char *name, const char *const *candidates, size_t n)
{
    size_t len = strlen(name);
    const char *two = NULL;
    /* one edit away wins; then "cost" for "cost_usd"; then two edits on a
     * word long enough that two edits still look like it */
    for (size_t i = 0; i < n; i++)
        if (gpucost_edit_distance(name, candidates[i]) == 1)
            return candidates[i];
    for (size_t i = 0; i < n && len >= 3; i++)
        if (strncmp(candidates[i], name, len) == 0 && candidates[i][len] == '_')
            return candidates[i];
    for (size_t i = 0; i < n && two == NULL; i++)
        if (gpucost_edit_distance(name, candidates[i]) == 2 && len >= 4)
            two = candidates[i];
    return two;
}

/*
 * fuzz_call.c - libFuzzer harness for the embedding entry point: bytes ->
 * a request -> gpucost_call -> the response freed.  Every answer must be
 * 0, 1 or 2 with a response that is valid JSON when the format is JSON;
 * ASan and UBSan watch the request reader, the command layer and every
 * command.  Every response is valid UTF-8 (a request that is not is refused
 * in words that are).  When a de_DE.UTF-8 locale can be made (LOCPATH, as
 * CTest's locale-de fixture makes one), each request runs a second time
 * with the thread in it and must get the same bytes: numbers never follow
 * the host's locale.  Requests for Monte Carlo runs (range, report) are
 * passed over: a request may ask for 10^15 samples, which is slow, not
 * wrong.
 */
/* newlocale/uselocale */
#define _POSIX_C_SOURCE 200809L

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <sanitizer/lsan_interface.h>

#include "gpucost/call.h"
#include "valid_utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The German locale, made once, with LeakSanitizer looking away: glibc's
 * newlocale leaks its copy of LOCPATH (47 bytes), once, which is not ours
 * to report. */
static locale_t german = (locale_t)0;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    __lsan_disable();
    german = newlocale(LC_ALL_MASK, "de_DE.UTF-8", (locale_t)0);
    __lsan_enable();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    if (strstr(text, "range") != NULL || strstr(text, "report") != NULL) {
        free(text);
        return 0;
    }
    char *out = NULL;
    int rc = gpucost_call(text, &out);
    if (rc < 0 || rc > 2 || out == NULL)
        abort();
    /* errors are always JSON; so is every answer without a "format" */
    if ((rc == 2 || strstr(text, "format") == NULL)) {
        cJSON *parsed = cJSON_Parse(out);
        if (parsed == NULL)
            abort();
        cJSON_Delete(parsed);
    }
    if (!fuzz_valid_utf8(out))
        abort();
    if (german != (locale_t)0) {
        locale_t old = uselocale(german);
        char *again = NULL;
        int rc2 = gpucost_call(text, &again);
        if (uselocale(old) != german || rc2 != rc || again == NULL || strcmp(again, out) != 0)
            abort();
        gpucost_call_free(again);
    }
    gpucost_call_free(out);
    free(text);
    return 0;
}

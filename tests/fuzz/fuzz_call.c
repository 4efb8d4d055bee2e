/*
 * fuzz_call.c - libFuzzer harness for the embedding entry point: bytes ->
 * a request -> gpucost_call -> the response freed.  Every answer must be
 * 0, 1 or 2 with a response that is valid JSON when the format is JSON;
 * ASan and UBSan watch the request reader, the command layer and every
 * command.  Requests for Monte Carlo runs (range, report) are passed over:
 * a request may ask for 10^15 samples, which is slow, not wrong.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "gpucost/call.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
    gpucost_call_free(out);
    free(text);
    return 0;
}

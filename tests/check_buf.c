/*
 * check_buf.c - the growable text buffer and the error record: growth
 * past many reallocations, XML escaping, error formatting with and without
 * location, truncation of long messages, the status phrases and the
 * version macros; the allocator's zeroed blocks.
 */
#include <stdint.h>

#include "check_util.h"
#include "fuzz/valid_utf8.h"

#include "gpucost/gpucost.h"
#include "base/alloc.h"
#include "base/text.h"

/* Whether `s` is valid UTF-8 (an independent decoder: lead byte, the
 * right number of continuation bytes, no overlong form, no surrogate). */

/* `k` ASCII letters, then `count` copies of `ch`: every byte offset of a
 * multi-byte character lands on a buffer's edge for some k. */
static void edge_text(char *out, size_t k, const char *ch, size_t count)
{
    size_t o = 0;
    for (size_t i = 0; i < k; i++)
        out[o++] = 'a';
    for (size_t i = 0; i < count; i++)
        for (const char *c = ch; *c; c++)
            out[o++] = *c;
    out[o] = '\0';
}

/* Two-, three- and four-byte characters: U+00E9, U+20AC, U+1D11E. */
static const char *const wide[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9D\x84\x9E"};

/* `got` is what a cut of `want` to an array of `n` bytes must be: valid,
 * a start of `want`, and as long as it can be (the next character would
 * not have fit). */
static void assert_cut(const char *got, const char *want, size_t n, size_t charlen)
{
    size_t len = strlen(got);
    ck_assert_msg(fuzz_valid_utf8(got), "cut to %zu bytes is not UTF-8: %s", n, got);
    ck_assert_uint_lt(len, n);
    ck_assert_int_eq(strncmp(got, want, len), 0);
    if (strlen(want) >= n)
        ck_assert_msg(len + charlen >= n, "cut to %zu bytes kept only %zu", n, len);
    else
        ck_assert_str_eq(got, want);
}

START_TEST(test_buf_grows_and_escapes)
{
    gpucost_buf b;
    gpucost_buf_init(&b);
    ck_assert_str_eq(gpucost_buf_str(&b), "");
    for (int i = 0; i < 10000; i++)
        gpucost_buf_printf(&b, "%d,", i % 10);
    ck_assert_uint_eq(b.len, 20000);
    ck_assert(!b.failed);
    gpucost_buf_release(&b);
    gpucost_buf_init(&b);
    gpucost_buf_xml(&b, "a<b & \"c\" 'd'>");
    ck_assert_str_eq(gpucost_buf_str(&b), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
    gpucost_buf_pad(&b, '-', 3);
    ck_assert_uint_eq(b.len, strlen(gpucost_buf_str(&b)));
    gpucost_buf_release(&b);
}
END_TEST

START_TEST(test_error_format)
{
    gpucost_error e;
    char line[1024];
    ck_assert_int_eq(gpucost_error_set(&e, GPUCOST_EINVAL, "x.json", 5, 13, "inputs.gpus",
                                       "expected a positive number, got %d", -5),
                     GPUCOST_EINVAL);
    ck_assert_str_eq(gpucost_error_format(&e, line, sizeof line),
                     "x.json:5:13: inputs.gpus: expected a positive number, got -5");
    gpucost_error_set(&e, GPUCOST_EIO, "x.json", 0, 0, NULL, "cannot open file");
    ck_assert_str_eq(gpucost_error_format(&e, line, sizeof line), "x.json: cannot open file");
    gpucost_error_set(&e, GPUCOST_EINVAL, NULL, 0, 0, "set.gpus", "expected NAME=VALUE");
    ck_assert_str_eq(gpucost_error_format(&e, line, sizeof line), "set.gpus: expected NAME=VALUE");
    /* a NULL record is allowed, and a long message is cut, never overrun */
    ck_assert_int_eq(gpucost_error_set(NULL, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "x"),
                     GPUCOST_ENOMEM);
    char big[1000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    gpucost_error_set(&e, GPUCOST_EINVAL, NULL, 0, 0, NULL, "%s", big);
    ck_assert_uint_eq(strlen(e.message), sizeof e.message - 1);
    char small[8];
    ck_assert_uint_eq(strlen(gpucost_error_format(&e, small, sizeof small)), sizeof small - 1);
    /* every status has a phrase */
    for (int c = GPUCOST_OK; c <= GPUCOST_ELIMIT; c++)
        ck_assert_str_ne(gpucost_strerror((gpucost_status)c), "unknown status");
    ck_assert_str_eq(gpucost_strerror(GPUCOST_ENOMEM), "out of memory");
    ck_assert_str_eq(gpucost_strerror((gpucost_status)99), "unknown status");
    /* the umbrella header carries the version */
    ck_assert_int_eq(GPUCOST_VERSION_MAJOR, 0);
    ck_assert(strlen(GPUCOST_VERSION_STRING) >= 5);
}
END_TEST

START_TEST(test_text_cut_at_character_boundary)
{
    char text[200], buf[64];
    for (size_t w = 0; w < 3; w++)
        for (size_t k = 0; k < 4; k++) {
            edge_text(text, k, wide[w], 20);
            size_t cl = strlen(wide[w]);
            for (size_t n = 1; n <= sizeof buf; n++) {
                /* snprintf's way, the copy, the list and the "..." */
                int r = gc_text_printf(buf, n, "%s", text);
                ck_assert_int_eq(r, (int)strlen(text));
                assert_cut(buf, text, n, cl);
                gc_text_copy(buf, n, text);
                assert_cut(buf, text, n, cl);
                ck_assert_uint_eq(gc_utf8_fit(text, n - 1), strlen(buf));
                buf[0] = '\0';
                gc_text_append(buf, n, ", ", text);
                assert_cut(buf, text, n, cl);
                gc_text_abbrev(buf, n, text);
                ck_assert(fuzz_valid_utf8(buf));
                ck_assert_uint_lt(strlen(buf), n);
                if (n >= 4 && strlen(text) >= n) {
                    ck_assert_str_eq(buf + strlen(buf) - 3, "...");
                    ck_assert_uint_ge(strlen(buf) + cl, n - 1);
                }
                /* a text that is cut from the end by a byte count */
                memcpy(buf, text, n - 1);
                buf[n - 1] = '\0';
                gc_utf8_tail(buf);
                assert_cut(buf, text, n, cl);
            }
        }
    /* a text that fits is never touched, nor one that is not UTF-8 */
    gc_text_copy(buf, sizeof buf, "caf\xC3\xA9");
    ck_assert_str_eq(buf, "caf\xC3\xA9");
    gc_text_copy(buf, 3, "\x80\x80\x80\x80");
    ck_assert_str_eq(buf, "\x80\x80");
    gc_text_copy(buf, sizeof buf, NULL);
    ck_assert_str_eq(buf, "");
}
END_TEST

/* The error record's file, path and message each cut at a character
 * boundary, whatever byte of a character the array's end falls on. */
START_TEST(test_error_cut_at_character_boundary)
{
    char text[1300], line[2048]; /* 3 letters and 300 four-byte characters */
    gpucost_error e;
    for (size_t w = 0; w < 3; w++)
        for (size_t k = 0; k < 4; k++) {
            edge_text(text, k, wide[w], 300);
            size_t cl = strlen(wide[w]);
            gpucost_error_set(&e, GPUCOST_ENOTFOUND, text, 3, 4, text, "unknown hardware '%s'",
                              text);
            assert_cut(e.file, text, sizeof e.file, cl);
            assert_cut(e.path, text, sizeof e.path, cl);
            ck_assert(fuzz_valid_utf8(e.message));
            ck_assert_uint_ge(strlen(e.message) + cl, sizeof e.message - 1);
            for (size_t n = 1; n < 40; n++)
                ck_assert(fuzz_valid_utf8(gpucost_error_format(&e, line, n)));
            ck_assert(fuzz_valid_utf8(gpucost_error_format(&e, line, sizeof line)));
        }
}
END_TEST

/* A malloc that hands back blocks full of 0xA5, counting its calls: a
 * block gc_calloc returns through it is zero only if gc_calloc zeroed it. */
static size_t dirty_calls;
static void *dirty_malloc(size_t n)
{
    dirty_calls++;
    void *p = malloc(n);
    if (p != NULL)
        memset(p, 0xA5, n);
    return p;
}

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != 0)
            return 0;
    return 1;
}

START_TEST(test_calloc_zeroes_through_either_path)
{
    /* the C library's calloc (the default) */
    unsigned char *a = gc_calloc(1000, 24);
    ck_assert_ptr_nonnull(a);
    ck_assert(all_zero(a, 24000));
    gc_free(a);
    /* an allocator without calloc_fn: its malloc, then zeroing */
    dirty_calls = 0;
    gpucost_set_allocator(&(gpucost_allocator){dirty_malloc, realloc, free, NULL});
    unsigned char *b = gc_calloc(1000, 24);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq(dirty_calls, 1);
    ck_assert(all_zero(b, 24000));
    gc_free(b);
    /* zero elements still give a block to free; an overflowing count none */
    void *c = gc_calloc(0, 8);
    ck_assert_ptr_nonnull(c);
    gc_free(c);
    ck_assert_ptr_null(gc_calloc(SIZE_MAX / 2, 4));
    gpucost_set_allocator(NULL);
    ck_assert_ptr_null(gc_calloc(SIZE_MAX / 2, 4));
    unsigned char *d = gc_calloc(3, 5);
    ck_assert_ptr_nonnull(d);
    ck_assert(all_zero(d, 15));
    gc_free(d);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("buf");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_buf_grows_and_escapes);
    tcase_add_test(core, test_error_format);
    tcase_add_test(core, test_text_cut_at_character_boundary);
    tcase_add_test(core, test_error_cut_at_character_boundary);
    tcase_add_test(core, test_calloc_zeroes_through_either_path);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    return test_run_suite(suite());
}

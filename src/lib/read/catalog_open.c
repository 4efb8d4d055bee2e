/*
 * catalog_open.c - a models/ folder into one catalog: the hardware/ folder
 * and what travels with it (architectures/, rules/, defaults.json beside
 * it), and finding that folder from the front end's hints (the folder
 * the user named, a scenario's place, the bundled models): one search
 * shared by the program and gpucost_call, so both read the same models
 * the same way.
 * A folder without its own defaults.json takes the front end's bundled
 * one, which the front end names (the library reads no environment), and
 * the defaults say so, so no output silently loses its defaults.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/c_locale.h"
#include "gpucost/buf.h"
#include "gpucost/catalog.h"
#include "gpucost/defaults.h"
#include "gpucost/dir.h"
#include "gpucost/rules.h"
#include "base/text.h"

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The defaults: `parent`/defaults.json, else `fallback` (when given and
 * there), recording the folder it stands in for. */
static gpucost_status load_defaults(gpucost_catalog *c, const char *parent, const char *fallback,
                                    gpucost_error *err)
{
    char path[4096];
    struct stat sb;
    const char *file = path, *instead = NULL;
    gpucost_dir_join(path, sizeof path, parent, "defaults.json");
    if (stat(path, &sb) != 0) {
        if (fallback == NULL || stat(fallback, &sb) != 0)
            return GPUCOST_OK;
        file = fallback;
        instead = parent;
    }
    gpucost_defaults *d = NULL;
    gpucost_status st = gpucost_defaults_load(file, &d, err);
    if (st != GPUCOST_OK)
        return st;
    if (instead != NULL && (d->stands_in_for = gpucost_strdup(instead)) == NULL) {
        gpucost_defaults_free(d);
        return GPUCOST_ERROR(err, GPUCOST_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    }
    /* the price index for price_year: record/ beside the defaults file */
    char dir[4096], index[4096];
    gc_text_printf(dir, sizeof dir, "%s", file);
    char *slash = strrchr(dir, '/');
    if (slash != NULL)
        *slash = '\0';
    else
        gc_text_printf(dir, sizeof dir, ".");
    gpucost_dir_join(index, sizeof index, dir, "record/PCU518210518210.csv");
    if (stat(index, &sb) == 0 &&
        (st = gpucost_price_index_load(index, &d->price_index, err)) != GPUCOST_OK) {
        gpucost_defaults_free(d);
        return st;
    }
    gpucost_catalog_set_defaults(c, d);
    return GPUCOST_OK;
}

/* What travels with the catalog of `dir`: models/architectures/,
 * models/rules/ and models/defaults.json beside models/hardware/ (or
 * `fallback` for the defaults). */
static gpucost_status load_siblings(gpucost_catalog *c, const char *dir, const char *fallback,
                                    gpucost_error *err)
{
    char parent[4096], path[4096];
    gpucost_dir_parent(parent, sizeof parent, dir);
    gpucost_status st = GPUCOST_OK;
    gpucost_dir_join(path, sizeof path, parent, "architectures");
    if (is_dir(path) && (st = gpucost_catalog_load_models(c, path, err)) != GPUCOST_OK)
        return st;
    gpucost_dir_join(path, sizeof path, parent, "rules");
    gpucost_rules *rules = NULL;
    if (is_dir(path) && (st = gpucost_rules_load(path, &rules, err)) != GPUCOST_OK)
        return st;
    gpucost_catalog_set_rules(c, rules);
    if ((st = gpucost_rules_check_catalog(rules, c, err)) != GPUCOST_OK)
        return st;
    return load_defaults(c, parent, fallback, err);
}

gpucost_status gpucost_catalog_open_with(const char *dir, const char *fallback_defaults,
                                         gpucost_catalog **out, gpucost_error *err)
{
    *out = NULL;
    gpucost_catalog *c = NULL;
    gpucost_status st = gpucost_catalog_load(dir, &c, err);
    if (st == GPUCOST_OK && (st = load_siblings(c, dir, fallback_defaults, err)) != GPUCOST_OK)
        gpucost_catalog_free(c);
    if (st == GPUCOST_OK)
        *out = c;
    return st;
}

gpucost_status gpucost_catalog_open(const char *dir, gpucost_catalog **out, gpucost_error *err)
{
    return gpucost_catalog_open_with(dir, NULL, out, err);
}

const char *gpucost_catalog_defaults_file(const gpucost_catalog *c)
{
    const gpucost_defaults *d = gpucost_catalog_defaults(c);
    return d != NULL ? d->file : NULL;
}

gpucost_status gpucost_catalog_near_with(const char *path, const char *fallback_defaults,
                                         gpucost_catalog **out, gpucost_error *err)
{
    char dir[4096], cand[4096];
    *out = NULL;
    gc_text_printf(dir, sizeof dir, "%s", path);
    if (!is_dir(dir)) {
        char *slash = strrchr(dir, '/');
        if (slash != NULL)
            *slash = '\0';
        else
            gc_snprintf(dir, sizeof dir, ".");
    }
    const char *rel[] = {"hardware", "../hardware", "models/hardware"};
    for (size_t i = 0; i < 3; i++) {
        gpucost_dir_join(cand, sizeof cand, dir, rel[i]);
        if (is_dir(cand))
            return gpucost_catalog_open_with(cand, fallback_defaults, out, err);
    }
    return GPUCOST_OK;
}

gpucost_status gpucost_catalog_near(const char *path, gpucost_catalog **out, gpucost_error *err)
{
    return gpucost_catalog_near_with(path, NULL, out, err);
}

gpucost_status gpucost_catalog_discover(const gpucost_catalog_hints *h, gpucost_catalog **out,
                                        gpucost_error *err)
{
    *out = NULL;
    if (h->dir != NULL)
        return is_dir(h->dir) ? gpucost_catalog_open_with(h->dir, h->defaults, out, err)
                              : GPUCOST_ERROR(err, GPUCOST_EUSAGE, NULL, 0, 0, "catalog",
                                              "'%s' is not a directory", h->dir);
    gpucost_status st = GPUCOST_OK;
    if (h->near != NULL &&
        (st = gpucost_catalog_near_with(h->near, h->defaults, out, err)) != GPUCOST_OK)
        return st;
    if (*out != NULL)
        return GPUCOST_OK;
    if (h->fallback != NULL)
        return is_dir(h->fallback)
                   ? gpucost_catalog_open_with(h->fallback, h->defaults, out, err)
                   : GPUCOST_ERROR(err, GPUCOST_EUSAGE, NULL, 0, 0, "default_catalog",
                                   "'%s' is not a directory", h->fallback);
    for (size_t i = 0; i < h->nbundled; i++)
        if (h->bundled[i] != NULL && is_dir(h->bundled[i]))
            return gpucost_catalog_open_with(h->bundled[i], h->defaults, out, err);
    return GPUCOST_OK;
}

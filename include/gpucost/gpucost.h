/*
 * gpucost.h - everything of libgpucost in one include, and its version.
 *
 *     #include <gpucost/gpucost.h>
 *     cc app.c $(pkg-config --cflags --libs gpucost)
 *
 * The library computes and formats; it never prints, exits or reads argv
 * or the environment.  Every fallible call returns a gpucost_status and
 * fills an optional gpucost_error (error.h); each header says who frees
 * what, and every _free(NULL) is a no-op.
 *
 * Locale: every number the library reads (a scenario's "2.5", a CSV cell,
 * a --set value) and writes (JSON, CSV, SVG, HTML, tables, error
 * messages, gpucost_number_format, gpucost_buf_printf) uses '.' and no
 * digit grouping, and names (hardware, precisions) are matched ignoring
 * ASCII case only, whatever locale the process or the calling thread set
 * (setlocale(LC_ALL, "de_DE.UTF-8"), Python's locale.setlocale).  This
 * holds for every public function, not only gpucost_call: each libc call
 * that formats or parses a number runs in the "C" locale on the calling
 * thread (uselocale), which gets its own locale back before the library
 * returns; other threads are not touched.
 */
#ifndef GPUCOST_GPUCOST_H
#define GPUCOST_GPUCOST_H

#include "gpucost/version.h"

#include "gpucost/alloc.h"
#include "gpucost/buf.h"
#include "gpucost/catalog.h"
#include "gpucost/chart.h"
#include "gpucost/call.h"
#include "gpucost/claims.h"
#include "gpucost/command.h"
#include "gpucost/defaults.h"
#include "gpucost/derive.h"
#include "gpucost/dir.h"
#include "gpucost/dist.h"
#include "gpucost/error.h"
#include "gpucost/format.h"
#include "gpucost/model.h"
#include "gpucost/number.h"
#include "gpucost/output.h"
#include "gpucost/precision.h"
#include "gpucost/quantity.h"
#include "gpucost/range.h"
#include "gpucost/reconcile.h"
#include "gpucost/rules.h"
#include "gpucost/report.h"
#include "gpucost/scenario.h"
#include "gpucost/solve.h"
#include "gpucost/source.h"
#include "gpucost/suggest.h"
#include "gpucost/whatif.h"

#endif

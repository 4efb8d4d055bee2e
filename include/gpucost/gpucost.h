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
 */
#ifndef GPUCOST_GPUCOST_H
#define GPUCOST_GPUCOST_H

#include "gpucost/version.h"

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

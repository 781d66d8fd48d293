/*
 * chokepoint: the whole public API in one include. docs/library.md describes its conventions
 * (errors, ownership, threads) and how to link.
 *
 * Every public header in include/chokepoint/ must be listed here: a new header is added to
 * this list in the same change (tests/install/symbols reads the API through this file, so a
 * header left out shows up there as exported functions declared nowhere).
 */
#ifndef CHOKEPOINT_CHOKEPOINT_H
#define CHOKEPOINT_CHOKEPOINT_H

#include "chokepoint/version.h"
#include "chokepoint/analysis.h"
#include "chokepoint/buf.h"
#include "chokepoint/centrality.h"
#include "chokepoint/chart.h"
#include "chokepoint/check.h"
#include "chokepoint/common.h"
#include "chokepoint/concentration.h"
#include "chokepoint/country.h"
#include "chokepoint/dependency.h"
#include "chokepoint/dominators.h"
#include "chokepoint/export.h"
#include "chokepoint/flow.h"
#include "chokepoint/format.h"
#include "chokepoint/groups.h"
#include "chokepoint/io.h"
#include "chokepoint/load.h"
#include "chokepoint/materials.h"
#include "chokepoint/network.h"
#include "chokepoint/plan.h"
#include "chokepoint/render.h"
#include "chokepoint/report.h"
#include "chokepoint/scenario.h"
#include "chokepoint/sha256.h"
#include "chokepoint/stress.h"
#include "chokepoint/views.h"
#include "chokepoint/whatif.h"
#include "chokepoint/progress.h"

#endif

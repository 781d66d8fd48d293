/*
 * chokepoint: the export layer. Every result the library computes is written
 * here, in text, JSON or CSV, by appending to a ckp_buf (chokepoint/buf.h);
 * the caller writes the buffer whole with ckp_buf_write. The command line
 * only parses options and calls these.
 *
 * JSON outputs carry "schema_version": CKP_SCHEMA_VERSION; new keys may be
 * added within a version, none removed or changed.
 */
#ifndef CHOKEPOINT_EXPORT_H
#define CHOKEPOINT_EXPORT_H

#include "chokepoint/buf.h"
#include "chokepoint/common.h"

CKP_BEGIN_DECLS

#define CKP_SCHEMA_VERSION 1

typedef enum { CKP_FORMAT_TEXT, CKP_FORMAT_JSON, CKP_FORMAT_CSV } ckp_format;

CKP_END_DECLS

#endif

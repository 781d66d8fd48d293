#include "chokepoint/common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ckp_error_init(ckp_error *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
}

ckp_code ckp_error_set(ckp_error *err, ckp_code code, const char *fmt, ...)
{
    if (!err)
        return code;
    ckp_error_init(err);
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

void ckp_error_at(ckp_error *err, const char *file, long line, long column)
{
    if (!err)
        return;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->column = column;
}

void ckp_error_prefix(ckp_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    char prefix[512];
    char old[sizeof err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, err->message, sizeof old);
    snprintf(err->message, sizeof err->message, "%s%s", prefix, old);
}

char *ckp_error_format(char *buf, size_t size, const ckp_error *err)
{
    if (!size)
        return buf;
    if (!err->file[0])
        snprintf(buf, size, "%s", err->message);
    else if (err->line > 0 && err->column > 0)
        snprintf(buf, size, "%s:%ld:%ld: %s", err->file, err->line, err->column, err->message);
    else if (err->line > 0)
        snprintf(buf, size, "%s:%ld: %s", err->file, err->line, err->message);
    else
        snprintf(buf, size, "%s: %s", err->file, err->message);
    return buf;
}

void ckp_error_list_init(ckp_error_list *list, size_t max)
{
    memset(list, 0, sizeof *list);
    list->max = max;
}

void ckp_error_list_destroy(ckp_error_list *list)
{
    if (!list)
        return;
    free(list->items);
    ckp_error_list_init(list, list->max);
}

int ckp_error_list_add(ckp_error_list *list, const ckp_error *e)
{
    if (!list)
        return 0;
    list->total++;
    if (list->count >= list->max)
        return 0;
    ckp_error *items = realloc(list->items, (list->count + 1) * sizeof *items);
    if (!items)
        return -1;
    items[list->count++] = *e;
    list->items = items;
    return 0;
}

/*
 * String interning: each distinct string gets a dense index (0, 1, ...) in
 * first-seen order. Strings live in a chunked arena, so a million ids cost
 * one allocation per megabyte rather than one per string.
 */
#ifndef CKP_STRTAB_H
#define CKP_STRTAB_H

#include <stddef.h>
#include <stdint.h>

#include "fetch.h"

typedef struct ckp_arena_chunk ckp_arena_chunk;

typedef struct {
    ckp_arena_chunk *chunks;
    char **strings;    /* by index */
    uint32_t *hashes;  /* by index, to rehash without rereading strings */
    int64_t count;
    int64_t capacity;  /* of strings[] */
    uint64_t *slots;   /* open addressing: hash << 32 | (index + 1), 0 = empty */
    int64_t nslots;    /* power of two */
} ckp_strtab;

void ckp_strtab_init(ckp_strtab *t);
void ckp_strtab_destroy(ckp_strtab *t);

/* Index of s, adding it if new. -1 on out of memory. */
int64_t ckp_strtab_intern(ckp_strtab *t, const char *s);
/* Index of s, or -1 if absent. */
int64_t ckp_strtab_find(const ckp_strtab *t, const char *s);

/* Make room for `count` strings without regrowing. -1 when out of memory. */
int ckp_strtab_reserve(ckp_strtab *t, int64_t count);
/* Add s, which must be new. Returns its index, -1 on out of memory, -2 if present. */
int64_t ckp_strtab_add_new(ckp_strtab *t, const char *s);

static inline const char *ckp_strtab_get(const ckp_strtab *t, int64_t i)
{
    return i < 0 ? NULL : t->strings[i];
}

uint32_t ckp_hash_bytes(const void *data, size_t len);

/*
 * Hints for a loader that can see its next ids coming: a lookup reads a
 * slot, the string's pointer and the string, each a likely cache miss in a
 * table of a million ids. Started a few rows ahead, the three overlap.
 */
static inline void ckp_strtab_prefetch_slot(const ckp_strtab *t, uint32_t h)
{
    if (t->nslots)
        CKP_FETCH(&t->slots[h & (t->nslots - 1)]);
}

/* The index in h's first slot when its hash matches (a guess), else -1. */
static inline int64_t ckp_strtab_prefetch_string(const ckp_strtab *t, uint32_t h)
{
    if (!t->nslots)
        return -1;
    uint64_t v = t->slots[h & (t->nslots - 1)];
    if (!v || (uint32_t)(v >> 32) != h)
        return -1;
    int64_t i = (int64_t)(v & 0xffffffffu) - 1;
    CKP_FETCH(&t->strings[i]);
    return i;
}

/*
 * The three hints in a pipeline, for a reader that can hash the two ids of
 * the rows ahead of it: push a row's hashes (0: none) and the slots of the
 * row pushed now are fetched, the strings' pointers of the row pushed
 * CKP_STRTAB_AHEAD rows ago, and the strings of the one before that.
 */
#define CKP_STRTAB_AHEAD 8
#define CKP_STRTAB_RING (4 * CKP_STRTAB_AHEAD)

typedef struct {
    uint32_t hash[CKP_STRTAB_RING][2];
    int64_t index[CKP_STRTAB_RING][2];
    unsigned n;
} ckp_strtab_ahead;

static inline void ckp_strtab_ahead_push(ckp_strtab_ahead *a, const ckp_strtab *t, uint32_t h0,
                                         uint32_t h1)
{
    unsigned now = a->n % CKP_STRTAB_RING,
             mid = (a->n + CKP_STRTAB_RING - CKP_STRTAB_AHEAD) % CKP_STRTAB_RING,
             old = (a->n + CKP_STRTAB_RING - 2 * CKP_STRTAB_AHEAD) % CKP_STRTAB_RING;
    a->hash[now][0] = h0;
    a->hash[now][1] = h1;
    for (int j = 0; j < 2; j++) {
        a->index[now][j] = -1;
        if (a->hash[now][j])
            ckp_strtab_prefetch_slot(t, a->hash[now][j]);
        if (a->n >= CKP_STRTAB_AHEAD && a->hash[mid][j])
            a->index[mid][j] = ckp_strtab_prefetch_string(t, a->hash[mid][j]);
        if (a->n >= 2 * CKP_STRTAB_AHEAD && a->index[old][j] >= 0)
            CKP_FETCH(t->strings[a->index[old][j]]);
    }
    a->n++;
}

#endif

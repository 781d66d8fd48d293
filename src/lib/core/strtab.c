#include "strtab.h"

#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK (1u << 20)

struct ckp_arena_chunk {
    ckp_arena_chunk *next;
    size_t used;
    size_t size;
    char data[];
};

/* FNV-1a: simple, and good enough for identifiers. */
uint32_t ckp_hash_bytes(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 16777619u;
    }
    return h;
}

void ckp_strtab_init(ckp_strtab *t)
{
    memset(t, 0, sizeof *t);
}

void ckp_strtab_destroy(ckp_strtab *t)
{
    if (!t)
        return;
    ckp_arena_chunk *c = t->chunks;
    while (c) {
        ckp_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    free(t->strings);
    free(t->hashes);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

static char *arena_copy(ckp_strtab *t, const char *s, size_t len)
{
    ckp_arena_chunk *c = t->chunks;
    if (!c || c->size - c->used < len + 1) {
        size_t size = len + 1 > ARENA_CHUNK ? len + 1 : ARENA_CHUNK;
        c = malloc(sizeof *c + size);
        if (!c)
            return NULL;
        c->size = size;
        c->used = 0;
        c->next = t->chunks;
        t->chunks = c;
    }
    char *dst = c->data + c->used;
    memcpy(dst, s, len);
    dst[len] = '\0';
    c->used += len + 1;
    return dst;
}

static int grow_slots_to(ckp_strtab *t, int64_t n)
{
    uint64_t *slots = calloc((size_t)n, sizeof *slots);
    if (!slots)
        return -1;
    for (int64_t i = 0; i < t->count; i++) {
        int64_t s = t->hashes[i] & (n - 1);
        while (slots[s])
            s = (s + 1) & (n - 1);
        slots[s] = (uint64_t)t->hashes[i] << 32 | (uint64_t)(i + 1);
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = n;
    return 0;
}

static int grow_slots(ckp_strtab *t)
{
    return grow_slots_to(t, t->nslots ? t->nslots * 2 : 64);
}

static int grow_index(ckp_strtab *t, int64_t cap)
{
    char **strings = realloc(t->strings, (size_t)cap * sizeof *strings);
    if (!strings)
        return -1;
    t->strings = strings;
    uint32_t *hashes = realloc(t->hashes, (size_t)cap * sizeof *hashes);
    if (!hashes)
        return -1;
    t->hashes = hashes;
    t->capacity = cap;
    return 0;
}

int ckp_strtab_reserve(ckp_strtab *t, int64_t count)
{
    int64_t n = t->nslots ? t->nslots : 64;
    while (n < 2 * count + 2)
        n *= 2;
    if (n > t->nslots && grow_slots_to(t, n) < 0)
        return -1;
    if (count > t->capacity && grow_index(t, count) < 0)
        return -1;
    return 0;
}

#define SLOT_INDEX(v) ((int64_t)((v) & 0xffffffffu) - 1)

/*
 * Slot holding s, or the empty slot where it would go. The slot keeps the
 * hash beside the index, so a probe past another string reads no string.
 */
static int64_t probe(const ckp_strtab *t, const char *s, uint32_t h)
{
    int64_t s_ = h & (t->nslots - 1);
    while (t->slots[s_]) {
        uint64_t v = t->slots[s_];
        if ((uint32_t)(v >> 32) == h && strcmp(t->strings[SLOT_INDEX(v)], s) == 0)
            return s_;
        s_ = (s_ + 1) & (t->nslots - 1);
    }
    return s_;
}

int64_t ckp_strtab_find(const ckp_strtab *t, const char *s)
{
    if (!t->nslots || !s)
        return -1;
    uint32_t h = ckp_hash_bytes(s, strlen(s));
    int64_t slot = probe(t, s, h);
    return t->slots[slot] ? SLOT_INDEX(t->slots[slot]) : -1;
}

static int64_t insert(ckp_strtab *t, const char *s, int must_be_new)
{
    if ((t->count + 1) * 2 > t->nslots && grow_slots(t) < 0)
        return -1;
    size_t len = strlen(s);
    uint32_t h = ckp_hash_bytes(s, len);
    int64_t slot = probe(t, s, h);
    if (t->slots[slot])
        return must_be_new ? -2 : SLOT_INDEX(t->slots[slot]);
    if (t->count >= (int64_t)UINT32_MAX - 1)
        return -1; /* the slot's index field is full */
    if (t->count == t->capacity && grow_index(t, t->capacity ? t->capacity * 2 : 16) < 0)
        return -1;
    char *copy = arena_copy(t, s, len);
    if (!copy)
        return -1;
    int64_t i = t->count++;
    t->strings[i] = copy;
    t->hashes[i] = h;
    t->slots[slot] = (uint64_t)h << 32 | (uint64_t)(i + 1);
    return i;
}

int64_t ckp_strtab_intern(ckp_strtab *t, const char *s)
{
    return insert(t, s, 0);
}

int64_t ckp_strtab_add_new(ckp_strtab *t, const char *s)
{
    return insert(t, s, 1);
}

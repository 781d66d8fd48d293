/*
 * The elements of a large JSON array, in order, one a line. Formatting a
 * million elements is most of a large analysis's output time, so with two
 * threads or more, blocks of them are formatted by that many threads while
 * the caller's thread appends the finished blocks in order: the same bytes,
 * and when the output streams, the writing overlaps the formatting. A ring
 * of slots bounds the memory.
 */
#include <pthread.h>

#include "json_write.h"

/* small blocks: a block's text (about half a megabyte for 1,024 elements of the
   largest kind) stays in cache until written, and the slots' memory stays small */
#define BLOCK 1024
#define SLOTS 8
#define MAX_THREADS 16

typedef struct {
    ckp_buf buf;
    int ready;
} slot;

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    ckp_json_element fn;
    const void *ctx;
    igraph_integer_t n, n_blocks;
    igraph_integer_t next_format, next_write; /* blocks */
    int stop;
    slot slot[SLOTS];
} pool;

static void format_block(pool *p, igraph_integer_t block, ckp_buf *b)
{
    igraph_integer_t from = block * BLOCK, to = from + BLOCK < p->n ? from + BLOCK : p->n;
    for (igraph_integer_t i = from; i < to; i++) {
        p->fn(b, p->ctx, i);
        ckp_buf_puts(b, i + 1 < p->n ? ",\n" : "\n");
    }
}

static void *formatter(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        /* the next block, once its slot has been written out */
        while (!p->stop && p->next_format < p->n_blocks &&
               p->next_format >= p->next_write + SLOTS)
            pthread_cond_wait(&p->changed, &p->lock);
        if (p->stop || p->next_format >= p->n_blocks)
            break;
        igraph_integer_t block = p->next_format++;
        slot *s = &p->slot[block % SLOTS];
        /* formatted in a copy on this thread's stack: the slots share cache lines, and two
           threads appending to neighbouring slots would contend for every byte's length */
        ckp_buf b = s->buf;
        pthread_mutex_unlock(&p->lock);
        format_block(p, block, &b);
        pthread_mutex_lock(&p->lock);
        s->buf = b;
        s->ready = 1;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static int failed(const ckp_buf *b)
{
    return b->oom || b->failed;
}

void ckp_json_array(ckp_buf *out, ckp_json_element fn, const void *ctx, igraph_integer_t n,
                    int threads)
{
    pool p = {.fn = fn, .ctx = ctx, .n = n, .n_blocks = (n + BLOCK - 1) / BLOCK};
    for (int k = 0; k < SLOTS; k++)
        ckp_buf_init(&p.slot[k].buf);
    pthread_t tid[MAX_THREADS];
    int started = 0;
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.changed, NULL);
    if (threads > 1 && p.n_blocks > 1)
        for (; started < threads && started < MAX_THREADS; started++)
            if (pthread_create(&tid[started], NULL, formatter, &p))
                break;
    for (igraph_integer_t block = 0; block < p.n_blocks && !failed(out); block++) {
        slot *s = &p.slot[block % SLOTS];
        if (!started) {
            format_block(&p, block, &s->buf);
        } else {
            pthread_mutex_lock(&p.lock);
            while (!s->ready)
                pthread_cond_wait(&p.changed, &p.lock);
            pthread_mutex_unlock(&p.lock);
        }
        if (s->buf.oom)
            out->oom = 1;
        else
            ckp_buf_put_through(out, s->buf.data ? s->buf.data : "", s->buf.len);
        pthread_mutex_lock(&p.lock);
        s->ready = 0;
        s->buf.len = 0;
        s->buf.oom = 0;
        p.next_write = block + 1;
        pthread_cond_broadcast(&p.changed);
        pthread_mutex_unlock(&p.lock);
    }
    pthread_mutex_lock(&p.lock);
    p.stop = 1; /* after a failure, the formatters stop at their next block */
    pthread_cond_broadcast(&p.changed);
    pthread_mutex_unlock(&p.lock);
    for (int k = 0; k < started; k++)
        pthread_join(tid[k], NULL);
    pthread_mutex_destroy(&p.lock);
    pthread_cond_destroy(&p.changed);
    for (int k = 0; k < SLOTS; k++)
        ckp_buf_destroy(&p.slot[k].buf);
}

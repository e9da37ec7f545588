/*
 * Weft benchmark harness: the libzmq peer. Compiled at run time by LibzmqPeerBuilder
 * (gcc -O2 -pthread libzmq_peer.c -lzmq) and driven exactly like the Java peers: the same --name value
 * arguments, the same READY / RESULT / ERROR lines on stdout, the same end marker (a message
 * with an empty payload) and the same nearest-rank percentiles. See the package doc of
 * dev.weft.bench.peer for the protocol.
 *
 * Patterns map to socket types here, by the names of the Java enum dev.weft.bench.Pattern.
 * Fan-out runs (PUB_SUB) mirror dev.weft.bench.peer.FanOutRun: an XPUB publisher that waits for
 * every subscription, and FANOUT_SUBSCRIBERS subscribers, each with its own context and thread.
 * Throughput sides count their timed block's system calls and context switches from /proc/self
 * (dev.weft.bench.peer.ProcSelf), and the idle-connection roles mirror dev.weft.bench.peer.IdleRun.
 *
 * /proc/<pid>/io counts read- and write-family calls (read, readv, write, writev: a JVM's socket
 * I/O and everyone's eventfd signalling) but not send, recv, sendto, recvfrom, sendmsg or recvmsg,
 * and libzmq does its TCP I/O with send and recv. So that its column counts the same calls as the
 * Java peers', this program interposes those six functions (libzmq's calls to them resolve to the
 * definitions below, which count and call the C library's) and reports the counts next to /proc's.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <zmq.h>

#define LINGER_MS 10000
#define FANOUT_SUBSCRIBERS 4

struct args {
    const char *pattern;
    const char *role;
    const char *endpoint;
    long size;
    long long warmup;
    long long max_count;
    long long duration_ms;
    long long timeout_ms;
    long long connections;
};

static void fail(const char *condition, const char *detail) {
    printf("ERROR %s: %s\n", condition, detail);
    fflush(stdout);
    exit(1);
}

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void parse(int argc, char **argv, struct args *a) {
    memset(a, 0, sizeof *a);
    a->size = -1;
    a->max_count = -1;
    a->duration_ms = -1;
    a->timeout_ms = -1;
    a->warmup = -1;
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *n = argv[i];
        const char *v = argv[i + 1];
        if (strcmp(n, "--library") == 0) {
            /* Selects this program; nothing to do. */
        } else if (strcmp(n, "--pattern") == 0) {
            a->pattern = v;
        } else if (strcmp(n, "--role") == 0) {
            a->role = v;
        } else if (strcmp(n, "--endpoint") == 0) {
            a->endpoint = v;
        } else if (strcmp(n, "--size") == 0) {
            a->size = atol(v);
        } else if (strcmp(n, "--warmup") == 0) {
            a->warmup = atoll(v);
        } else if (strcmp(n, "--max-count") == 0) {
            a->max_count = atoll(v);
        } else if (strcmp(n, "--duration-ms") == 0) {
            a->duration_ms = atoll(v);
        } else if (strcmp(n, "--timeout-ms") == 0) {
            a->timeout_ms = atoll(v);
        } else if (strcmp(n, "--connections") == 0) {
            a->connections = atoll(v);
        } else {
            fail("BAD_ARGS", n);
        }
    }
    if (!a->pattern || !a->role || !a->endpoint || a->size < 1 || a->warmup < 0
            || a->max_count < 2 || a->duration_ms < 1 || a->timeout_ms < 1) {
        fail("BAD_ARGS", "missing or invalid --name value arguments");
    }
}

/* ---- Socket calls that /proc/<pid>/io does not count (see the top of this file) ---- */

static atomic_llong socket_reads;
static atomic_llong socket_writes;

static ssize_t (*real_recv)(int, void *, size_t, int);
static ssize_t (*real_recvfrom)(int, void *, size_t, int, struct sockaddr *, socklen_t *);
static ssize_t (*real_recvmsg)(int, struct msghdr *, int);
static ssize_t (*real_send)(int, const void *, size_t, int);
static ssize_t (*real_sendto)(int, const void *, size_t, int, const struct sockaddr *, socklen_t);
static ssize_t (*real_sendmsg)(int, const struct msghdr *, int);

/* Looks the C library's functions up once, before main and before any libzmq thread exists. */
__attribute__((constructor)) static void find_socket_calls(void) {
    real_recv = (ssize_t(*)(int, void *, size_t, int))dlsym(RTLD_NEXT, "recv");
    real_recvfrom = (ssize_t(*)(int, void *, size_t, int, struct sockaddr *, socklen_t *))dlsym(
            RTLD_NEXT, "recvfrom");
    real_recvmsg = (ssize_t(*)(int, struct msghdr *, int))dlsym(RTLD_NEXT, "recvmsg");
    real_send = (ssize_t(*)(int, const void *, size_t, int))dlsym(RTLD_NEXT, "send");
    real_sendto = (ssize_t(*)(int, const void *, size_t, int, const struct sockaddr *,
            socklen_t))dlsym(RTLD_NEXT, "sendto");
    real_sendmsg = (ssize_t(*)(int, const struct msghdr *, int))dlsym(RTLD_NEXT, "sendmsg");
}

ssize_t recv(int fd, void *buf, size_t len, int flags) {
    atomic_fetch_add_explicit(&socket_reads, 1, memory_order_relaxed);
    return real_recv(fd, buf, len, flags);
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from, socklen_t *n) {
    atomic_fetch_add_explicit(&socket_reads, 1, memory_order_relaxed);
    return real_recvfrom(fd, buf, len, flags, from, n);
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags) {
    atomic_fetch_add_explicit(&socket_reads, 1, memory_order_relaxed);
    return real_recvmsg(fd, msg, flags);
}

ssize_t send(int fd, const void *buf, size_t len, int flags) {
    atomic_fetch_add_explicit(&socket_writes, 1, memory_order_relaxed);
    return real_send(fd, buf, len, flags);
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
        socklen_t n) {
    atomic_fetch_add_explicit(&socket_writes, 1, memory_order_relaxed);
    return real_sendto(fd, buf, len, flags, to, n);
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags) {
    atomic_fetch_add_explicit(&socket_writes, 1, memory_order_relaxed);
    return real_sendmsg(fd, msg, flags);
}

/* ---- /proc/self: the same readings as dev.weft.bench.peer.ProcSelf ---- */

#define MAX_THREADS 256

struct thread_switches {
    int tid;
    long long voluntary;
    long long involuntary;
};

/* A snapshot of the process's system calls and each live thread's context switches. */
struct proc_counters {
    int ok;
    long long syscr;
    long long syscw;
    long long socket_reads;
    long long socket_writes;
    int threads;
    struct thread_switches t[MAX_THREADS];
};

static int read_text(const char *path, char *buf, size_t size) {
    FILE *f = fopen(path, "r");
    if (!f) {
        return -1;
    }
    size_t n = fread(buf, 1, size - 1, f);
    fclose(f);
    buf[n] = 0;
    return (int)n;
}

/* The first number after "name:" on the line that starts with it; -1 when there is none. */
static long long proc_field(const char *text, const char *name) {
    size_t len = strlen(name);
    for (const char *line = text; line && *line;) {
        if (strncmp(line, name, len) == 0 && line[len] == ':') {
            char *end;
            long long v = strtoll(line + len + 1, &end, 10);
            return end == line + len + 1 ? -1 : v;
        }
        line = strchr(line, '\n');
        if (line) {
            line++;
        }
    }
    return -1;
}

static int read_syscalls(struct proc_counters *c) {
    char buf[1024];
    if (read_text("/proc/self/io", buf, sizeof buf) < 0) {
        return 0;
    }
    c->syscr = proc_field(buf, "syscr");
    c->syscw = proc_field(buf, "syscw");
    c->socket_reads = atomic_load(&socket_reads);
    c->socket_writes = atomic_load(&socket_writes);
    return c->syscr >= 0 && c->syscw >= 0;
}

static int read_threads(struct proc_counters *c) {
    DIR *d = opendir("/proc/self/task");
    if (!d) {
        return 0;
    }
    char path[300];
    char buf[4096];
    struct dirent *e;
    c->threads = 0;
    while ((e = readdir(d)) != NULL && c->threads < MAX_THREADS) {
        if (!isdigit((unsigned char)e->d_name[0])) {
            continue;
        }
        snprintf(path, sizeof path, "/proc/self/task/%s/status", e->d_name);
        if (read_text(path, buf, sizeof buf) < 0) {
            continue; /* the thread ended after the listing */
        }
        long long v = proc_field(buf, "voluntary_ctxt_switches");
        long long iv = proc_field(buf, "nonvoluntary_ctxt_switches");
        if (v < 0 || iv < 0) {
            closedir(d);
            return 0;
        }
        c->t[c->threads].tid = atoi(e->d_name);
        c->t[c->threads].voluntary = v;
        c->t[c->threads].involuntary = iv;
        c->threads++;
    }
    closedir(d);
    return c->threads > 0;
}

/* Opening snapshot: the threads first, so reading their files falls before the block. */
static void counters_at_start(struct proc_counters *c) {
    c->ok = read_threads(c) && read_syscalls(c);
}

/* Closing snapshot: io first, so reading the thread files falls after the block. */
static void counters_at_end(struct proc_counters *c) {
    c->ok = read_syscalls(c) && read_threads(c);
}

/* Prints the block's counts as result fields, or nothing when either snapshot failed. A thread
 * that started in the block counts from zero; one that ended in it is left out. */
static void print_counts(const struct proc_counters *start, const struct proc_counters *end) {
    if (!start->ok || !end->ok) {
        return;
    }
    long long voluntary = 0;
    long long involuntary = 0;
    for (int i = 0; i < end->threads; i++) {
        const struct thread_switches *now = &end->t[i];
        long long v0 = 0;
        long long iv0 = 0;
        for (int j = 0; j < start->threads; j++) {
            if (start->t[j].tid == now->tid) {
                v0 = start->t[j].voluntary;
                iv0 = start->t[j].involuntary;
                break;
            }
        }
        voluntary += now->voluntary - v0;
        involuntary += now->involuntary - iv0;
    }
    printf(" timed_syscr=%lld timed_syscw=%lld timed_vcsw=%lld timed_ivcsw=%lld"
           " timed_socket_reads=%lld timed_socket_writes=%lld",
            end->syscr - start->syscr, end->syscw - start->syscw, voluntary, involuntary,
            end->socket_reads - start->socket_reads, end->socket_writes - start->socket_writes);
}

static long long resident_kib(void) {
    char buf[4096];
    return read_text("/proc/self/status", buf, sizeof buf) < 0 ? -1 : proc_field(buf, "VmRSS");
}

static long long open_files(void) {
    DIR *d = opendir("/proc/self/fd");
    if (!d) {
        return -1;
    }
    long long n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            n++;
        }
    }
    closedir(d);
    return n;
}

/* Socket types of the connecting (sender/client) and binding (receiver/echo) sides. */
static void socket_types(const char *pattern, int *connecting, int *binding, int *envelope) {
    if (strcmp(pattern, "DEALER_ROUTER") == 0) {
        *connecting = ZMQ_DEALER;
        *binding = ZMQ_ROUTER;
        *envelope = 1;
    } else if (strcmp(pattern, "PUSH_PULL") == 0) {
        *connecting = ZMQ_PUSH;
        *binding = ZMQ_PULL;
        *envelope = 0;
    } else if (strcmp(pattern, "REQ_REP") == 0) {
        *connecting = ZMQ_REQ;
        *binding = ZMQ_REP;
        *envelope = 0;
    } else if (strcmp(pattern, "PAIR") == 0) {
        *connecting = ZMQ_PAIR;
        *binding = ZMQ_PAIR;
        *envelope = 0;
    } else if (strcmp(pattern, "PUB_SUB") == 0) {
        /* The publisher binds here: "connecting" is the subscriber side. */
        *connecting = ZMQ_SUB;
        *binding = ZMQ_XPUB;
        *envelope = 0;
    } else {
        fail("BAD_ARGS",
                "unknown pattern (expected: DEALER_ROUTER, PUSH_PULL, REQ_REP, PAIR or PUB_SUB)");
    }
}

/* Receives one message; returns the payload size, or -1 on timeout. Routing id kept in id. */
static long receive(void *s, int envelope, zmq_msg_t *id, int keep_id) {
    zmq_msg_t part;
    int frames = 0;
    long size = -1;
    int more = 1;
    while (more) {
        zmq_msg_init(&part);
        if (zmq_msg_recv(&part, s, 0) < 0) {
            zmq_msg_close(&part);
            if (errno == EAGAIN && frames == 0) {
                return -1;
            }
            fail("RECEIVE", zmq_strerror(errno));
        }
        frames++;
        more = zmq_msg_more(&part);
        if (envelope && frames == 1) {
            if (keep_id) {
                zmq_msg_move(id, &part);
            }
        } else {
            size = (long)zmq_msg_size(&part);
        }
        zmq_msg_close(&part);
    }
    if (frames != (envelope ? 2 : 1)) {
        char detail[64];
        snprintf(detail, sizeof detail, "%d frames (expected: %d)", frames, envelope ? 2 : 1);
        fail("FRAME_COUNT", detail);
    }
    return size;
}

static void send_or_fail(void *s, const void *buf, size_t len, int flags, long long sent) {
    if (zmq_send(s, buf, len, flags) < 0) {
        char detail[96];
        snprintf(detail, sizeof detail, "send not taken after %lld messages (%s)", sent,
                zmq_strerror(errno));
        fail(errno == EAGAIN ? "TIMEOUT" : "SEND", detail);
    }
}

static void check_size(long n, long expected, long long index) {
    char detail[96];
    if (n < 0) {
        snprintf(detail, sizeof detail, "no message within the stall timeout after %lld", index);
        fail("TIMEOUT", detail);
    }
    if (n != expected) {
        snprintf(detail, sizeof detail, "message %lld has %ld bytes (expected: %ld)", index + 1,
                n, expected);
        fail("SIZE_MISMATCH", detail);
    }
}

struct receive_result {
    long long received;
    long long timed;
    int64_t elapsed;
    char error[160];
};

/* Counters of a receiver's timed block; NULL for fan-out subscribers, which share a process. */
struct timed_counters {
    struct proc_counters start;
    struct proc_counters end;
};

/* The receiver's loop; on failure fills error (the caller reports it) instead of exiting. */
static void receive_until_end(void *s, int envelope, const struct args *a,
        struct receive_result *r, struct timed_counters *counters) {
    long long limit = a->warmup + a->max_count;
    long long received = 0;
    int64_t first = 0;
    int64_t end;
    memset(r, 0, sizeof *r);
    while (1) {
        long n = receive(s, envelope, NULL, 0);
        if (n == 0) {
            end = now_ns();
            if (counters) {
                counters_at_end(&counters->end);
            }
            break;
        }
        if (n < 0) {
            snprintf(r->error, sizeof r->error,
                    "TIMEOUT: no message within the stall timeout after %lld", received);
            return;
        }
        if (n != a->size) {
            snprintf(r->error, sizeof r->error,
                    "SIZE_MISMATCH: message %lld has %ld bytes (expected: %ld)", received + 1, n,
                    a->size);
            return;
        }
        received++;
        if (received == a->warmup + 1) {
            first = now_ns();
            if (counters) {
                counters_at_start(&counters->start);
            }
        }
        if (received > limit) {
            snprintf(r->error, sizeof r->error,
                    "COUNT_MISMATCH: more messages than the sender may send before the end marker");
            return;
        }
    }
    r->received = received;
    r->timed = received - a->warmup - 1;
    r->elapsed = end - first;
    if (r->timed < 1) {
        snprintf(r->error, sizeof r->error,
                "COUNT_MISMATCH: nothing left to time after the warm-up");
    }
}

static struct timed_counters receiver_counters;

static void throughput_receiver(void *s, int envelope, const struct args *a) {
    struct receive_result r;
    receive_until_end(s, envelope, a, &r, &receiver_counters);
    if (r.error[0]) {
        printf("ERROR %s\n", r.error);
        fflush(stdout);
        exit(1);
    }
    printf("RESULT role=thr-recv messages=%lld bytes=%lld timed_messages=%lld elapsed_ns=%" PRId64,
            r.received, r.received * a->size, r.timed, r.elapsed);
    print_counts(&receiver_counters.start, &receiver_counters.end);
    printf("\n");
}

static void set_nodrop(void *s, int nodrop) {
    if (zmq_setsockopt(s, ZMQ_XPUB_NODROP, &nodrop, sizeof nodrop) != 0) {
        fail("SOCKET_OPTION", zmq_strerror(errno));
    }
}

/* A publisher that dropped for a full subscriber skips it until it drains to its low-water mark,
 * even with no-drop back on, so one end marker could miss it: repeat the end marker every
 * END_REPEAT_MS until the cancel of the last subscription arrives (each subscriber cancels once it
 * has the end marker). The same ending as dev.weft.bench.peer.FanOutRun. */
#define END_REPEAT_MS 10

static void end_until_cancelled(void *s, const struct args *a, long long sent) {
    set_nodrop(s, 1);
    int repeat = END_REPEAT_MS;
    int timeout = a->timeout_ms > 2000000000LL ? 2000000000 : (int)a->timeout_ms;
    zmq_setsockopt(s, ZMQ_RCVTIMEO, &repeat, sizeof repeat);
    int64_t deadline = now_ns() + a->timeout_ms * 1000000LL;
    unsigned char body[8];
    for (long long markers = 1;; markers++) {
        send_or_fail(s, "", 0, 0, sent);
        int n = zmq_recv(s, body, sizeof body, 0);
        if (n >= 0) {
            if (n != 1 || body[0] != 0) {
                fail("SUBSCRIPTION", "expected the single byte 00, cancel the subscription to everything");
            }
            break;
        }
        if (errno != EAGAIN) {
            fail("RECEIVE", zmq_strerror(errno));
        }
        if (now_ns() - deadline > 0) {
            char detail[128];
            snprintf(detail, sizeof detail,
                    "the subscribers did not all cancel within %lld ms of the first end marker"
                    " (%lld sent)",
                    a->timeout_ms, markers);
            fail("TIMEOUT", detail);
        }
    }
    zmq_setsockopt(s, ZMQ_RCVTIMEO, &timeout, sizeof timeout);
}

/* Publisher (XPUB) only: drop (0) or block (1) at a full subscriber during the timed part;
 * -1 for other senders. The warm-up and the end marker are always lossless. */
static void throughput_sender(void *s, const struct args *a, int timed_nodrop) {
    char *payload = malloc((size_t)a->size);
    memset(payload, 'w', (size_t)a->size);
    long long sent = 0;
    for (long long i = 0; i < a->warmup; i++) {
        send_or_fail(s, payload, (size_t)a->size, 0, sent);
        sent++;
    }
    if (timed_nodrop >= 0) {
        set_nodrop(s, timed_nodrop);
    }
    static struct timed_counters counters;
    counters_at_start(&counters.start);
    int64_t start = now_ns();
    int64_t stop = start + a->duration_ms * 1000000LL;
    long long timed = 0;
    while (timed < a->max_count) {
        send_or_fail(s, payload, (size_t)a->size, 0, sent);
        sent++;
        timed++;
        if ((timed & 255) == 0 && now_ns() - stop > 0) {
            break;
        }
    }
    int64_t elapsed = now_ns() - start;
    counters_at_end(&counters.end);
    if (timed_nodrop >= 0) {
        end_until_cancelled(s, a, sent);
    } else {
        send_or_fail(s, "", 0, 0, sent);
    }
    free(payload);
    printf("RESULT role=%s messages=%lld bytes=%lld timed_messages=%lld elapsed_ns=%" PRId64,
            a->role, sent, sent * a->size, timed, elapsed);
    print_counts(&counters.start, &counters.end);
    if (timed_nodrop >= 0) {
        printf(" subscribers=%d", FANOUT_SUBSCRIBERS);
    }
    printf("\n");
}

/* XPUB_VERBOSE passes every subscription up: wait for one "subscribe to everything" each. */
static void await_subscriptions(void *s, const struct args *a) {
    unsigned char body[8];
    for (int i = 0; i < FANOUT_SUBSCRIBERS; i++) {
        int n = zmq_recv(s, body, sizeof body, 0);
        if (n < 0) {
            char detail[96];
            snprintf(detail, sizeof detail,
                    "fewer than %d subscriptions arrived within %lld ms of each other",
                    FANOUT_SUBSCRIBERS, a->timeout_ms);
            fail(errno == EAGAIN ? "TIMEOUT" : "RECEIVE", detail);
        }
        if (n != 1 || body[0] != 1) {
            fail("SUBSCRIPTION", "expected the single byte 01, subscribe to everything");
        }
    }
}

static void publisher(void *s, const struct args *a, int timed_nodrop) {
    int verbose = 1;
    zmq_setsockopt(s, ZMQ_XPUB_VERBOSE, &verbose, sizeof verbose);
    await_subscriptions(s, a);
    set_nodrop(s, 1);
    throughput_sender(s, a, timed_nodrop);
}

struct subscriber {
    const struct args *a;
    void *ctx;
    void *socket;
    struct receive_result result;
};

static void *subscriber_main(void *arg) {
    struct subscriber *sub = arg;
    receive_until_end(sub->socket, 0, sub->a, &sub->result, NULL);
    zmq_setsockopt(sub->socket, ZMQ_UNSUBSCRIBE, "", 0);
    return NULL;
}

static void configure(void *s, const struct args *a) {
    int linger = LINGER_MS;
    int timeout = a->timeout_ms > 2000000000LL ? 2000000000 : (int)a->timeout_ms;
    zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger);
    zmq_setsockopt(s, ZMQ_RCVTIMEO, &timeout, sizeof timeout);
    zmq_setsockopt(s, ZMQ_SNDTIMEO, &timeout, sizeof timeout);
}

/* FANOUT_SUBSCRIBERS SUB sockets, each in its own context and on its own thread. */
static void subscribers(const struct args *a) {
    struct subscriber subs[FANOUT_SUBSCRIBERS];
    pthread_t threads[FANOUT_SUBSCRIBERS];
    for (int i = 0; i < FANOUT_SUBSCRIBERS; i++) {
        subs[i].a = a;
        subs[i].ctx = zmq_ctx_new();
        subs[i].socket = zmq_socket(subs[i].ctx, ZMQ_SUB);
        configure(subs[i].socket, a);
        if (zmq_connect(subs[i].socket, a->endpoint) != 0) {
            fail("CONNECT", zmq_strerror(errno));
        }
        zmq_setsockopt(subs[i].socket, ZMQ_SUBSCRIBE, "", 0);
    }
    for (int i = 0; i < FANOUT_SUBSCRIBERS; i++) {
        if (pthread_create(&threads[i], NULL, subscriber_main, &subs[i]) != 0) {
            fail("THREAD", "cannot start a subscriber thread");
        }
    }
    for (int i = 0; i < FANOUT_SUBSCRIBERS; i++) {
        pthread_join(threads[i], NULL);
    }
    long long messages = 0;
    for (int i = 0; i < FANOUT_SUBSCRIBERS; i++) {
        if (subs[i].result.error[0]) {
            printf("ERROR subscriber %d: %s\n", i + 1, subs[i].result.error);
            fflush(stdout);
            exit(1);
        }
        messages += subs[i].result.received;
    }
    printf("RESULT role=fan-sub subscribers=%d messages=%lld bytes=%lld", FANOUT_SUBSCRIBERS,
            messages, messages * a->size);
    for (int i = 0; i < FANOUT_SUBSCRIBERS; i++) {
        printf(" sub%d_messages=%lld sub%d_timed_messages=%lld sub%d_elapsed_ns=%" PRId64, i + 1,
                subs[i].result.received, i + 1, subs[i].result.timed, i + 1,
                subs[i].result.elapsed);
    }
    printf("\n");
    fflush(stdout);
    /* Subscribers have only their cancel to deliver; with the full linger, a cancel queued for a
     * reconnect to the departed publisher would hold zmq_ctx_term for 10 s (FanOutRun's
     * SUBSCRIBER_LINGER_MS). */
    int sub_linger = 200;
    for (int i = 0; i < FANOUT_SUBSCRIBERS; i++) {
        zmq_setsockopt(subs[i].socket, ZMQ_LINGER, &sub_linger, sizeof sub_linger);
        zmq_close(subs[i].socket);
        zmq_ctx_term(subs[i].ctx);
    }
}

static void latency_echo(void *s, int envelope, const struct args *a) {
    long long limit = a->warmup + a->max_count;
    long long echoed = 0;
    char *buf = malloc((size_t)a->size + 1);
    zmq_msg_t id;
    while (1) {
        zmq_msg_init(&id);
        /* Receive the routing id (if any) and the payload, then send both back. */
        long n;
        if (envelope) {
            if (zmq_msg_recv(&id, s, 0) < 0) {
                check_size(-1, a->size, echoed);
            }
            if (!zmq_msg_more(&id)) {
                fail("FRAME_COUNT", "1 frame (expected: 2)");
            }
        }
        int r = zmq_recv(s, buf, (size_t)a->size + 1, 0);
        if (r < 0) {
            check_size(-1, a->size, echoed);
        }
        int more = 0;
        size_t more_size = sizeof more;
        zmq_getsockopt(s, ZMQ_RCVMORE, &more, &more_size);
        if (more) {
            fail("FRAME_COUNT", "more frames than expected");
        }
        n = r;
        if (n != 0) {
            check_size(n, a->size, echoed);
        }
        if (envelope) {
            if (zmq_msg_send(&id, s, ZMQ_SNDMORE) < 0) {
                fail("SEND", zmq_strerror(errno));
            }
        }
        zmq_msg_close(&id);
        send_or_fail(s, buf, (size_t)n, 0, echoed);
        if (n == 0) {
            break;
        }
        echoed++;
        if (echoed > limit) {
            fail("COUNT_MISMATCH", "more messages than the client may send before the end marker");
        }
    }
    free(buf);
    printf("RESULT role=lat-echo messages=%lld bytes=%lld\n", echoed, echoed * a->size);
}

static int compare_ns(const void *x, const void *y) {
    int64_t a = *(const int64_t *)x;
    int64_t b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

/* Nearest rank: sorted[ceil(p/100*n)-1], the same definition as Stats.percentile. */
static int64_t percentile(const int64_t *sorted, long long n, double p) {
    /* The epsilon keeps binary rounding from lifting an exact rank: 99.9% of 1000 is 999. */
    double exact = p * (double)n / 100.0 - 1e-9;
    long long rank = (long long)exact;
    if ((double)rank < exact) {
        rank++;
    }
    long long index = rank - 1;
    if (index < 0) {
        index = 0;
    }
    if (index > n - 1) {
        index = n - 1;
    }
    return sorted[index];
}

static void latency_client(void *s, const struct args *a) {
    char *payload = malloc((size_t)a->size);
    memset(payload, 'w', (size_t)a->size);
    int64_t *samples = malloc(sizeof(int64_t) * (size_t)a->max_count);
    long long done = 0;
    for (long long i = 0; i < a->warmup; i++) {
        send_or_fail(s, payload, (size_t)a->size, 0, done);
        check_size(receive(s, 0, NULL, 0), a->size, done);
        done++;
    }
    int64_t stop = now_ns() + a->duration_ms * 1000000LL;
    long long n = 0;
    while (n < a->max_count) {
        int64_t t0 = now_ns();
        send_or_fail(s, payload, (size_t)a->size, 0, done);
        check_size(receive(s, 0, NULL, 0), a->size, done);
        int64_t t1 = now_ns();
        samples[n++] = t1 - t0;
        done++;
        if (t1 - stop > 0) {
            break;
        }
    }
    send_or_fail(s, "", 0, 0, done);
    long back = receive(s, 0, NULL, 0);
    if (back != 0) {
        fail(back < 0 ? "TIMEOUT" : "COUNT_MISMATCH", "the end marker did not come back");
    }
    qsort(samples, (size_t)n, sizeof(int64_t), compare_ns);
    int64_t sum = 0;
    for (long long i = 0; i < n; i++) {
        sum += samples[i];
    }
    printf("RESULT role=lat-client messages=%lld bytes=%lld samples=%lld p50_ns=%" PRId64
           " p99_ns=%" PRId64 " p999_ns=%" PRId64 " min_ns=%" PRId64 " max_ns=%" PRId64
           " mean_ns=%" PRId64 "\n",
            done, done * a->size, n, percentile(samples, n, 50), percentile(samples, n, 99),
            percentile(samples, n, 99.9), samples[0], samples[n - 1], (int64_t)(sum / n));
    free(samples);
    free(payload);
}

/* ---- Idle connections: the same exchange as dev.weft.bench.peer.IdleRun ---- */

/* Lets this process open as many files as its hard limit allows (a JVM does this by itself). */
static void raise_open_files_limit(void) {
    struct rlimit r;
    if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        setrlimit(RLIMIT_NOFILE, &r);
    }
}

static void set_int_option(void *s, int option, long long ms) {
    int v = ms > 2000000000LL ? 2000000000 : (ms < 0 ? 0 : (int)ms);
    zmq_setsockopt(s, option, &v, sizeof v);
}

static long long remaining_ms(int64_t deadline) {
    long long left = (deadline - now_ns()) / 1000000LL;
    return left > 0 ? left : 0;
}

static void print_memory(const char *when, long long rss, long long fds) {
    if (rss >= 0) {
        printf(" rss_%s_kib=%lld", when, rss);
    }
    if (fds >= 0) {
        printf(" fds_%s=%lld", when, fds);
    }
}

/* Receives a ROUTER's two frames; returns the payload size, -1 on timeout. */
static int receive_envelope(void *router, unsigned char *id, size_t *id_len, unsigned char *payload,
        size_t payload_size) {
    int n = zmq_recv(router, id, 255, 0);
    if (n < 0) {
        if (errno == EAGAIN) {
            return -1;
        }
        fail("RECEIVE", zmq_strerror(errno));
    }
    *id_len = (size_t)n;
    int more = 0;
    size_t more_size = sizeof more;
    zmq_getsockopt(router, ZMQ_RCVMORE, &more, &more_size);
    if (!more) {
        fail("FRAME_COUNT", "1 frame (expected: 2, routing id and payload)");
    }
    n = zmq_recv(router, payload, payload_size, 0);
    if (n < 0) {
        fail("FRAME_COUNT", "the payload did not follow the routing id");
    }
    zmq_getsockopt(router, ZMQ_RCVMORE, &more, &more_size);
    if (more) {
        fail("FRAME_COUNT", "more than 2 frames");
    }
    return n;
}

static void send_to(void *router, const unsigned char *id, size_t id_len, const char *payload) {
    if (zmq_send(router, id, id_len, ZMQ_SNDMORE) < 0 || zmq_send(router, payload, 1, 0) < 0) {
        fail("TIMEOUT", "the ROUTER could not answer the control DEALER");
    }
}

static void idle_accept(void *ctx, const struct args *a) {
    long long n = a->connections;
    void *router = zmq_socket(ctx, ZMQ_ROUTER);
    int zero = 0;
    zmq_setsockopt(router, ZMQ_LINGER, &zero, sizeof zero);
    set_int_option(router, ZMQ_SNDTIMEO, a->timeout_ms);
    set_int_option(router, ZMQ_RCVTIMEO, a->timeout_ms);
    if (zmq_bind(router, a->endpoint) != 0) {
        fail("BIND", zmq_strerror(errno));
    }
    char endpoint[256];
    size_t len = sizeof endpoint;
    zmq_getsockopt(router, ZMQ_LAST_ENDPOINT, endpoint, &len);
    printf("READY endpoint=%s\n", endpoint);
    fflush(stdout);

    unsigned char control[256];
    size_t control_len;
    unsigned char id[256];
    size_t id_len;
    unsigned char payload[8];
    int got = receive_envelope(router, control, &control_len, payload, sizeof payload);
    if (got < 0) {
        fail("TIMEOUT", "no control hello within the stall timeout of READY");
    }
    if (got != 1 || payload[0] != 'C') {
        fail("PROTOCOL", "the control hello was not 'C'");
    }
    long long rss_before = resident_kib();
    long long fds_before = open_files();
    send_to(router, control, control_len, "R");

    unsigned char *seen = calloc((size_t)n / 8 + 1, 1);
    int64_t deadline = now_ns() + a->duration_ms * 1000000LL;
    long long counted = 0;
    while (counted < n) {
        long long left = remaining_ms(deadline);
        got = -1;
        if (left > 0) {
            set_int_option(router, ZMQ_RCVTIMEO, left);
            got = receive_envelope(router, id, &id_len, payload, sizeof payload);
        }
        if (got < 0) {
            char detail[128];
            snprintf(detail, sizeof detail,
                    "%lld of %lld DEALERs said hello within the budget of %lld ms", counted, n,
                    a->duration_ms);
            fail("CONNECTIONS", detail);
        }
        if (id_len == control_len && memcmp(id, control, id_len) == 0) {
            fail("PROTOCOL", "the control DEALER spoke before all hellos were counted");
        }
        if (got != 4) {
            fail("SIZE_MISMATCH", "a hello that is not 4 bytes");
        }
        long long index = ((long long)payload[0] << 24) | ((long long)payload[1] << 16)
                | ((long long)payload[2] << 8) | (long long)payload[3];
        if (index >= n) {
            fail("PROTOCOL", "a hello from a DEALER index out of range");
        }
        if (seen[index / 8] & (1 << (index % 8))) {
            fail("DUPLICATE", "a DEALER said hello twice");
        }
        seen[index / 8] |= (unsigned char)(1 << (index % 8));
        counted++;
    }
    free(seen);
    long long rss_after = resident_kib();
    long long fds_after = open_files();
    send_to(router, control, control_len, "D");
    set_int_option(router, ZMQ_RCVTIMEO, a->timeout_ms);
    got = receive_envelope(router, id, &id_len, payload, sizeof payload);
    if (got < 0) {
        fail("TIMEOUT", "no goodbye within the stall timeout of DONE");
    }
    if (id_len != control_len || memcmp(id, control, id_len) != 0 || got != 1 || payload[0] != 'B') {
        fail("PROTOCOL", "expected the control DEALER's goodbye 'B'");
    }
    printf("RESULT role=idle-accept connections=%lld messages=%lld bytes=%lld", counted, counted,
            4 * counted);
    print_memory("before", rss_before, fds_before);
    print_memory("after", rss_after, fds_after);
    printf("\n");
    fflush(stdout);
    zmq_close(router);
}

static void *idle_dealer(void *ctx, const struct args *a) {
    void *d = zmq_socket(ctx, ZMQ_DEALER);
    if (!d) {
        fail("SOCKET", zmq_strerror(errno));
    }
    int zero = 0;
    zmq_setsockopt(d, ZMQ_LINGER, &zero, sizeof zero);
    if (zmq_connect(d, a->endpoint) != 0) {
        fail("CONNECT", zmq_strerror(errno));
    }
    return d;
}

static void idle_connect(void *ctx, const struct args *a) {
    long long n = a->connections;
    /* The control DEALER and a few spares besides the idle ones. */
    if (zmq_ctx_set(ctx, ZMQ_MAX_SOCKETS, (int)n + 16) != 0) {
        fail("SOCKET_LIMIT", zmq_strerror(errno));
    }
    void *control = idle_dealer(ctx, a);
    set_int_option(control, ZMQ_SNDTIMEO, a->timeout_ms);
    set_int_option(control, ZMQ_RCVTIMEO, a->timeout_ms);
    if (zmq_send(control, "C", 1, 0) < 0) {
        fail("TIMEOUT", "the control hello was not taken");
    }
    char reply[8];
    int got = zmq_recv(control, reply, sizeof reply, 0);
    if (got < 0) {
        fail("TIMEOUT", "the ROUTER did not answer the control hello");
    }
    if (got != 1 || reply[0] != 'R') {
        fail("PROTOCOL", "the ROUTER's answer was not 'R'");
    }
    long long rss_before = resident_kib();
    long long fds_before = open_files();

    void **dealers = malloc(sizeof(void *) * (size_t)n);
    int64_t start = now_ns();
    int64_t deadline = start + a->duration_ms * 1000000LL;
    for (long long i = 0; i < n; i++) {
        dealers[i] = idle_dealer(ctx, a);
    }
    int64_t calls = now_ns() - start;
    for (long long i = 0; i < n; i++) {
        unsigned char hello[4] = {(unsigned char)(i >> 24), (unsigned char)(i >> 16),
                (unsigned char)(i >> 8), (unsigned char)i};
        set_int_option(dealers[i], ZMQ_SNDTIMEO, remaining_ms(deadline));
        if (zmq_send(dealers[i], hello, sizeof hello, 0) < 0) {
            fail("TIMEOUT", "a DEALER could not send its hello within the budget");
        }
    }
    set_int_option(control, ZMQ_RCVTIMEO, remaining_ms(deadline));
    got = zmq_recv(control, reply, sizeof reply, 0);
    if (got < 0) {
        fail("CONNECTIONS", "the ROUTER had not heard from all DEALERs within the budget");
    }
    int64_t connect = now_ns() - start;
    if (got != 1 || reply[0] != 'D') {
        fail("PROTOCOL", "the ROUTER's all-connected word was not 'D'");
    }
    long long rss_after = resident_kib();
    long long fds_after = open_files();
    if (zmq_send(control, "B", 1, 0) < 0) {
        fail("TIMEOUT", "the goodbye was not taken");
    }
    printf("RESULT role=idle-connect connections=%lld messages=%lld bytes=%lld"
           " connect_calls_ns=%" PRId64 " connect_ns=%" PRId64,
            n, n, 4 * n, calls, connect);
    print_memory("before", rss_before, fds_before);
    print_memory("after", rss_after, fds_after);
    printf("\n");
    fflush(stdout);
    for (long long i = 0; i < n; i++) {
        zmq_close(dealers[i]);
    }
    free(dealers);
    zmq_close(control);
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        int major, minor, patch;
        zmq_version(&major, &minor, &patch);
        printf("VERSION %d.%d.%d\n", major, minor, patch);
        return 0;
    }
    struct args a;
    parse(argc, argv, &a);
    int connecting_type, binding_type, envelope;
    socket_types(a.pattern, &connecting_type, &binding_type, &envelope);
    if (strcmp(a.role, "fan-sub") == 0) {
        subscribers(&a);
        return 0;
    }
    if (strcmp(a.role, "idle-accept") == 0 || strcmp(a.role, "idle-connect") == 0) {
        if (a.connections < 1) {
            fail("BAD_ARGS", "--connections must be at least 1 for idle roles");
        }
        raise_open_files_limit();
        void *ctx = zmq_ctx_new();
        if (strcmp(a.role, "idle-accept") == 0) {
            idle_accept(ctx, &a);
        } else {
            idle_connect(ctx, &a);
        }
        zmq_ctx_term(ctx);
        return 0;
    }
    int publishes = strcmp(a.role, "fan-pub") == 0 || strcmp(a.role, "fan-pub-nodrop") == 0;
    int binds = publishes || strcmp(a.role, "thr-recv") == 0 || strcmp(a.role, "lat-echo") == 0;
    if (!binds && strcmp(a.role, "thr-send") != 0 && strcmp(a.role, "lat-client") != 0) {
        fail("BAD_ARGS", "unknown --role");
    }
    void *ctx = zmq_ctx_new();
    void *s = zmq_socket(ctx, binds ? binding_type : connecting_type);
    configure(s, &a);
    if (binds) {
        if (zmq_bind(s, a.endpoint) != 0) {
            fail("BIND", zmq_strerror(errno));
        }
        char endpoint[256];
        size_t len = sizeof endpoint;
        zmq_getsockopt(s, ZMQ_LAST_ENDPOINT, endpoint, &len);
        printf("READY endpoint=%s\n", endpoint);
        fflush(stdout);
    } else if (zmq_connect(s, a.endpoint) != 0) {
        fail("CONNECT", zmq_strerror(errno));
    }
    /* An envelope only appears on the binding (ROUTER) side. */
    if (publishes) {
        publisher(s, &a, strcmp(a.role, "fan-pub-nodrop") == 0);
    } else if (strcmp(a.role, "thr-recv") == 0) {
        throughput_receiver(s, envelope, &a);
    } else if (strcmp(a.role, "thr-send") == 0) {
        throughput_sender(s, &a, -1);
    } else if (strcmp(a.role, "lat-echo") == 0) {
        latency_echo(s, envelope, &a);
    } else {
        latency_client(s, &a);
    }
    fflush(stdout);
    zmq_close(s);
    zmq_ctx_term(ctx);
    return 0;
}

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
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
        } else {
            fail("BAD_ARGS", n);
        }
    }
    if (!a->pattern || !a->role || !a->endpoint || a->size < 1 || a->warmup < 0
            || a->max_count < 2 || a->duration_ms < 1 || a->timeout_ms < 1) {
        fail("BAD_ARGS", "missing or invalid --name value arguments");
    }
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

/* The receiver's loop; on failure fills error (the caller reports it) instead of exiting. */
static void receive_until_end(void *s, int envelope, const struct args *a,
        struct receive_result *r) {
    long long limit = a->warmup + a->max_count;
    long long received = 0;
    int64_t first = 0;
    int64_t end;
    memset(r, 0, sizeof *r);
    while (1) {
        long n = receive(s, envelope, NULL, 0);
        if (n == 0) {
            end = now_ns();
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

static void throughput_receiver(void *s, int envelope, const struct args *a) {
    struct receive_result r;
    receive_until_end(s, envelope, a, &r);
    if (r.error[0]) {
        printf("ERROR %s\n", r.error);
        fflush(stdout);
        exit(1);
    }
    printf("RESULT role=thr-recv messages=%lld bytes=%lld timed_messages=%lld elapsed_ns=%" PRId64
           "\n",
            r.received, r.received * a->size, r.timed, r.elapsed);
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
    if (timed_nodrop >= 0) {
        end_until_cancelled(s, a, sent);
    } else {
        send_or_fail(s, "", 0, 0, sent);
    }
    free(payload);
    printf("RESULT role=%s messages=%lld bytes=%lld timed_messages=%lld elapsed_ns=%" PRId64,
            a->role, sent, sent * a->size, timed, elapsed);
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
    receive_until_end(sub->socket, 0, sub->a, &sub->result);
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

"""A libzmq Majordomo (RFC 7, MDP 0.1) worker or client for Weft's mdbroker tests.

Run with /usr/bin/python3 (Debian's python3-zmq: pyzmq 24, libzmq 4.3.4):

    mdp_peer.py worker ENDPOINT SERVICE [--heartbeat MS] [--liveness N] [--prefix TEXT]
    mdp_peer.py client ENDPOINT SERVICE [--timeout MS] [--retries N] BODY...

worker: a DEALER that sends READY, answers each REQUEST with its body (the first
frame prefixed with --prefix), heartbeats, and starts over on a new socket after
DISCONNECT or when the broker stays silent for LIVENESS heartbeats. It prints one
line per event on stdout ("ready", "served N BODY", "disconnected", "reconnecting").
When stdin closes it sends DISCONNECT and exits 0; killed, it just vanishes, as a
crashed worker would.

client: a REQ socket; for each BODY it sends a request and prints the reply as a
JSON line {"reply": [frame, ...]}; without a reply within --timeout it closes the
socket, opens a new one and resends, --retries times, then prints
{"error": "timeout"} and exits 3. Exits 0 when every request was answered.

Nothing waits without a bound.
"""

import argparse
import json
import sys
import time

import zmq

CLIENT = b"MDPC01"
WORKER = b"MDPW01"
READY, REQUEST, REPLY, HEARTBEAT, DISCONNECT = (bytes([c]) for c in range(1, 6))


def say(line):
    print(line, flush=True)


def run_worker(args, context):
    heartbeat = args.heartbeat / 1000.0
    prefix = args.prefix.encode()
    served = 0
    poller = zmq.Poller()
    stdin = sys.stdin.fileno()
    poller.register(stdin, zmq.POLLIN)
    while True:
        socket = context.socket(zmq.DEALER)
        socket.linger = 0
        socket.connect(args.endpoint)
        socket.send_multipart([b"", WORKER, READY, args.service.encode()])
        say("ready")
        poller.register(socket, zmq.POLLIN)
        broker_deadline = time.monotonic() + heartbeat * args.liveness
        next_heartbeat = time.monotonic() + heartbeat
        restart = False
        while not restart:
            timeout_ms = max(0, int((next_heartbeat - time.monotonic()) * 1000))
            events = dict(poller.poll(timeout_ms))
            if events.get(stdin) and not sys.stdin.readline():
                socket.send_multipart([b"", WORKER, DISCONNECT])
                socket.close(linger=500)
                say("stopped")
                return 0
            if events.get(socket):
                frames = socket.recv_multipart()
                broker_deadline = time.monotonic() + heartbeat * args.liveness
                valid = len(frames) >= 3 and frames[0] == b"" and frames[1] == WORKER
                command = frames[2] if valid else None
                if command == REQUEST and len(frames) >= 6 and frames[4] == b"":
                    client, body = frames[3], frames[5:]
                    body[0] = prefix + body[0]
                    socket.send_multipart([b"", WORKER, REPLY, client, b""] + body)
                    next_heartbeat = time.monotonic() + heartbeat
                    served += 1
                    say("served %d %s" % (served, frames[5].decode("utf-8", "replace")))
                elif command == DISCONNECT:
                    say("disconnected")
                    restart = True
                elif command != HEARTBEAT:
                    say("invalid %r" % (frames,))
            now = time.monotonic()
            if now >= broker_deadline:
                say("reconnecting")
                restart = True
            elif now >= next_heartbeat:
                socket.send_multipart([b"", WORKER, HEARTBEAT])
                next_heartbeat = now + heartbeat
        poller.unregister(socket)
        socket.close()
        time.sleep(heartbeat)


def run_client(args, context):
    timeout_ms = args.timeout
    socket = None
    for body in args.bodies:
        reply = None
        for _ in range(args.retries + 1):
            if socket is None:
                socket = context.socket(zmq.REQ)
                socket.linger = 0
                socket.connect(args.endpoint)
            socket.send_multipart([CLIENT, args.service.encode(), body.encode()])
            if socket.poll(timeout_ms, zmq.POLLIN):
                frames = socket.recv_multipart()
                if len(frames) >= 3 and frames[0] == CLIENT:
                    reply = [f.decode("utf-8", "replace") for f in frames[2:]]
                    break
            # RFC 7 §MDP/Client: close the socket, open a new one and resend.
            socket.close()
            socket = None
        if reply is None:
            say(json.dumps({"error": "timeout", "body": body}))
            return 3
        say(json.dumps({"reply": reply}))
    if socket is not None:
        socket.close()
    return 0


def main():
    parser = argparse.ArgumentParser(description="libzmq MDP peer for Weft tests")
    sub = parser.add_subparsers(dest="role", required=True)
    worker = sub.add_parser("worker")
    worker.add_argument("endpoint")
    worker.add_argument("service")
    worker.add_argument("--heartbeat", type=int, default=2500, help="ms")
    worker.add_argument("--liveness", type=int, default=3)
    worker.add_argument("--prefix", default="")
    client = sub.add_parser("client")
    client.add_argument("endpoint")
    client.add_argument("service")
    client.add_argument("--timeout", type=int, default=2500, help="ms")
    client.add_argument("--retries", type=int, default=3)
    client.add_argument("bodies", nargs="+")
    args = parser.parse_args()
    context = zmq.Context()
    try:
        if args.role == "worker":
            return run_worker(args, context)
        return run_client(args, context)
    finally:
        context.destroy(linger=0)


if __name__ == "__main__":
    sys.exit(main())

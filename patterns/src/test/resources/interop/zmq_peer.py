"""A libzmq peer for Weft's interop tests, driven over stdin/stdout.

Run with /usr/bin/python3 (Debian's python3-zmq: pyzmq 24, libzmq 4.3.4). The test
writes one JSON command per line on stdin; this script answers each with exactly
one JSON line on stdout, flushed at once:

    {"ok": true, ...}                    the command worked; extra fields per command
    {"ok": false, "error": "..."}        it did not; "timeout" when a wait ran out

Bytes (frames, topics, byte-valued options) travel as lowercase hex strings so
that binary and empty frames survive JSON. Commands:

    {"cmd": "version"}                                -> zmq, pyzmq versions
    {"cmd": "socket", "type": "DEALER", "options": {...}}
    {"cmd": "set", "options": {"routing_id": "<hex>", "linger": 0, ...}}
    {"cmd": "bind", "endpoint": "tcp://127.0.0.1:*"}  -> "endpoint": the bound one
    {"cmd": "connect", "endpoint": "..."}
    {"cmd": "subscribe", "topic": "<hex>"}            also "unsubscribe" (SUB, XSUB)
    {"cmd": "send", "frames": ["<hex>", ...], "timeout_ms": 5000}
    {"cmd": "recv", "timeout_ms": 5000}               -> "frames": ["<hex>", ...]
    {"cmd": "echo", "count": N, "timeout_ms": 5000}   -> "echoed": N
    {"cmd": "close"}                                  closes the socket
    {"cmd": "exit"}                                   closes everything and exits

Option names are libzmq's, lower case (routing_id, linger, sndhwm, rcvhwm,
router_mandatory, ...). An integer value is set as an integer option, a string
value as hex-encoded bytes. Unless the test sets LINGER, it is 1000 ms; an
infinite LINGER (-1) is refused, and "exit" or end of input closes with LINGER 0.

Only the classic socket types are accepted: Debian builds libzmq without the
draft API, and a draft-type socket that connects over TCP aborts the process.

Nothing blocks without a bound: every send and receive has a timeout (default
5000 ms), and the script exits by itself when stdin closes.
"""

import json
import sys
import time

import zmq

CLASSIC_TYPES = ("PAIR", "DEALER", "ROUTER", "REQ", "REP", "PUB", "SUB",
                 "XPUB", "XSUB", "PUSH", "PULL")
DEFAULT_TIMEOUT_MS = 5000
DEFAULT_LINGER_MS = 1000


class CommandError(Exception):
    """A command failed; the message becomes the answer's "error"."""


class Peer:
    """One libzmq socket and the commands that drive it."""

    def __init__(self):
        self.context = zmq.Context()
        self.socket = None
        self.socket_type = None

    def handle(self, command):
        name = command.get("cmd")
        handler = getattr(self, "cmd_" + str(name), None)
        if handler is None:
            raise CommandError("unknown command: %r" % (name,))
        return handler(command) or {}

    def cmd_version(self, command):
        return {"zmq": zmq.zmq_version(), "pyzmq": zmq.pyzmq_version()}

    def cmd_socket(self, command):
        if self.socket is not None:
            raise CommandError("this peer already has a socket; one socket per process")
        socket_type = str(command.get("type", "")).upper()
        if socket_type not in CLASSIC_TYPES:
            raise CommandError("socket type %r is not one of %s"
                               % (socket_type, ", ".join(CLASSIC_TYPES)))
        self.socket = self.context.socket(getattr(zmq, socket_type))
        self.socket_type = socket_type
        self.socket.setsockopt(zmq.LINGER, DEFAULT_LINGER_MS)
        self.set_options(command.get("options") or {})

    def cmd_set(self, command):
        self.set_options(command.get("options") or {})

    def cmd_bind(self, command):
        self.require_socket().bind(command["endpoint"])
        endpoint = self.socket.getsockopt(zmq.LAST_ENDPOINT)
        return {"endpoint": endpoint.decode("ascii")}

    def cmd_connect(self, command):
        self.require_socket().connect(command["endpoint"])

    def cmd_subscribe(self, command):
        self.change_subscription(command, subscribe=True)

    def cmd_unsubscribe(self, command):
        self.change_subscription(command, subscribe=False)

    def cmd_send(self, command):
        frames = [bytes.fromhex(frame) for frame in command["frames"]]
        self.send_frames(frames, deadline_of(command))

    def cmd_recv(self, command):
        frames = self.receive_frames(deadline_of(command))
        return {"frames": [frame.hex() for frame in frames]}

    def cmd_echo(self, command):
        """Receives count messages and sends each straight back, unchanged."""
        count = int(command["count"])
        deadline = deadline_of(command)
        for echoed in range(count):
            try:
                frames = self.receive_frames(deadline)
            except CommandError as error:
                raise CommandError("%s (echoed %d of %d)" % (error, echoed, count))
            self.send_frames(frames, deadline)
        return {"echoed": count}

    def cmd_close(self, command):
        if self.socket is not None:
            self.socket.close()
            self.socket = None

    def cmd_exit(self, command):
        """Answers, then main() leaves its loop and shuts down with LINGER 0."""

    def set_options(self, options):
        socket = self.require_socket()
        for name, value in options.items():
            try:
                option = zmq.SocketOption[str(name).upper()]
            except KeyError:
                raise CommandError("unknown socket option: %r" % (name,))
            if option == zmq.LINGER and isinstance(value, int) and value < 0:
                # An infinite linger could make the final context.term() wait forever.
                raise CommandError("linger must be >= 0 here, got %d" % value)
            if isinstance(value, str):
                socket.setsockopt(option, bytes.fromhex(value))
            elif isinstance(value, int) and not isinstance(value, bool):
                socket.setsockopt(option, value)
            else:
                raise CommandError("option %s: value must be an integer or a hex string" % name)

    def change_subscription(self, command, subscribe):
        socket = self.require_socket()
        topic = bytes.fromhex(command.get("topic", ""))
        if self.socket_type == "SUB":
            socket.setsockopt(zmq.SUBSCRIBE if subscribe else zmq.UNSUBSCRIBE, topic)
        elif self.socket_type == "XSUB":
            # An XSUB subscribes by sending a message: 0x01 (or 0x00 to cancel) + topic.
            self.send_frames([(b"\x01" if subscribe else b"\x00") + topic],
                             deadline_of(command))
        else:
            raise CommandError("subscribe needs a SUB or XSUB socket, not %s" % self.socket_type)

    def send_frames(self, frames, deadline):
        socket = self.require_socket()
        socket.setsockopt(zmq.SNDTIMEO, remaining_ms(deadline))
        try:
            socket.send_multipart(frames)
        except zmq.Again:
            raise CommandError("timeout")

    def receive_frames(self, deadline):
        socket = self.require_socket()
        socket.setsockopt(zmq.RCVTIMEO, remaining_ms(deadline))
        try:
            return socket.recv_multipart()
        except zmq.Again:
            raise CommandError("timeout")

    def require_socket(self):
        if self.socket is None:
            raise CommandError("no socket: send a 'socket' command first")
        return self.socket

    def shut_down(self):
        if self.socket is not None:
            self.socket.close(linger=0)
            self.socket = None
        self.context.term()


def deadline_of(command):
    timeout_ms = int(command.get("timeout_ms", DEFAULT_TIMEOUT_MS))
    if timeout_ms < 0:
        raise CommandError("timeout_ms must be >= 0, got %d" % timeout_ms)
    return time.monotonic() + timeout_ms / 1000.0


def remaining_ms(deadline):
    """Milliseconds left until deadline; 0 means try once without waiting."""
    return max(0, int((deadline - time.monotonic()) * 1000))


def answer(reply):
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()


def main():
    peer = Peer()
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                command = json.loads(line)
                reply = dict(ok=True, **peer.handle(command))
            except CommandError as error:
                reply = {"ok": False, "error": str(error)}
            except Exception as error:  # report anything else too, and keep serving
                reply = {"ok": False, "error": "%s: %s" % (type(error).__name__, error)}
            answer(reply)
            if reply["ok"] and command.get("cmd") == "exit":
                break
    finally:
        peer.shut_down()


if __name__ == "__main__":
    main()

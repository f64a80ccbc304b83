"""A fake standby JVM for test-client.sh: serves one connection of the standby protocol v1 in the given mode.

usage: fake-standby.py MODE SOCKET OUT_DIR [STATUS]
  hangup   closes the connection before reading anything
  decline  reads the request, answers 'N'
  run      reads the request, answers 'A', writes "hello" to the client's fd 1, reads its fd 0 to EOF, sends 'X' STATUS
  signal   reads the request, answers 'A', creates OUT_DIR/ready, reads 3-byte signal messages up to one for signal
           STATUS, closes without 'X'
Every mode except hangup writes what it received to OUT_DIR/request.json; signal also OUT_DIR/signal.json.
"""
import json
import os
import socket
import struct
import sys

mode, path, out_dir = sys.argv[1:4]
status = int(sys.argv[4]) if len(sys.argv) > 4 else 0


def text(raw):
    return raw.decode('utf-8', 'surrogateescape')


def read_exactly(conn, count):
    data = b''
    while len(data) < count:
        more = conn.recv(count - len(data))
        if not more:
            raise SystemExit(f'fake-standby: EOF after {len(data)} of {count} bytes')
        data += more
    return data


def read_request(conn):
    data, fds, flags, _ = socket.recv_fds(conn, 1 << 20, 3)
    if flags & socket.MSG_CTRUNC or len(fds) != 3:
        raise SystemExit(f'fake-standby: expected 3 descriptors with the first bytes, got {fds} (flags {flags})')
    if len(data) < 8:
        raise SystemExit(f'fake-standby: the first message carries {len(data)} bytes, not the 8-byte header')
    if data[:4] != b'JCS1':
        raise SystemExit(f'fake-standby: bad magic {data[:4]!r}')
    (length,) = struct.unpack('>I', data[4:8])
    body = data[8:]
    if len(body) < length:
        body += read_exactly(conn, length - len(body))
    if len(body) != length or not body.endswith(b'\0'):
        raise SystemExit(f'fake-standby: body of {len(body)} bytes for a header of {length}, or not NUL-terminated')
    parts = body[:-1].split(b'\0')
    argc = int(parts[1])
    env = {}
    for entry in parts[2 + argc:]:
        name, _, value = text(entry).partition('=')
        env[name] = value
    request = {
        'cwd': text(parts[0]),
        'args': [text(arg) for arg in parts[2:2 + argc]],
        'env': env,
        'fds': [os.readlink(f'/proc/self/fd/{fd}') for fd in fds],
    }
    return fds, request


def write_json(name, value):
    with open(os.path.join(out_dir, name), 'w') as out:
        json.dump(value, out)


server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.settimeout(30)
# bound and listening under another name first: the socket appears at SOCKET only once it accepts connections
server.bind(path + '.tmp')
server.listen(1)
os.rename(path + '.tmp', path)
conn, _ = server.accept()
server.close()
os.unlink(path)
conn.settimeout(30)
if mode == 'hangup':
    conn.close()
    sys.exit(0)
fds, request = read_request(conn)
if mode == 'decline':
    write_json('request.json', request)
    conn.sendall(b'N')
elif mode == 'run':
    conn.sendall(b'A')
    os.write(fds[1], b'hello\n')
    stdin = b''
    while chunk := os.read(fds[0], 65536):
        stdin += chunk
    request['stdin'] = text(stdin)
    write_json('request.json', request)
    conn.sendall(b'X' + struct.pack('>i', status))
elif mode == 'signal':
    write_json('request.json', request)
    conn.sendall(b'A')
    open(os.path.join(out_dir, 'ready'), 'w').close()
    messages = []
    while not messages or messages[-1][1] != status:
        messages.append(list(read_exactly(conn, 3)))
    write_json('signal.json', messages)
else:
    raise SystemExit(f'fake-standby: unknown mode {mode}')
conn.close()
